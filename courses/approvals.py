"""Reads about requests to join a trainer course (Settings › Enrollment requests).
(Not `requests.py`: that name hid the `requests` package from anything run
inside this folder, e.g. makemessages.)"""

from __future__ import annotations

from .access import visible_courses
from .models import Enrollment


def enrollment_requests_pending(*, approver):
    """The requests waiting for an administrator, oldest first, in the tracks
    `approver` may see (with what is needed to show who asks)."""
    return (
        Enrollment.objects.filter(
            status=Enrollment.Status.PENDING, course__in=visible_courses(approver)
        )
        .select_related("user", "user__learner_profile", "user__staff_profile", "course")
        .order_by("created_at", "pk")
    )


def enrollment_requests_decided(*, approver, limit: int = 20):
    """The latest approvals and refusals, newest first."""
    return (
        Enrollment.objects.filter(
            source=Enrollment.Source.APPROVAL,
            decided_at__isnull=False,
            course__in=visible_courses(approver),
        )
        .select_related(
            "user", "user__learner_profile", "user__staff_profile", "course",
            "approved_by", "refused_by",
        )
        .order_by("-decided_at", "-pk")[:limit]
    )
