"""Reads about accounts."""

from django.db.models import QuerySet

from .models import StaffProfile


def staff_awaiting_verification() -> QuerySet[StaffProfile]:
    return (
        StaffProfile.objects.filter(verified_at__isnull=True, user__is_active=True)
        .select_related("user", "user__learner_profile")
        .order_by("created_at")
    )


def staff_recently_verified(limit: int = 20) -> QuerySet[StaffProfile]:
    return (
        StaffProfile.objects.filter(verified_at__isnull=False)
        .select_related("user", "user__learner_profile", "verified_by")
        .order_by("-verified_at")[:limit]
    )
