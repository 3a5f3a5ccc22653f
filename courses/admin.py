"""Enrollments and cohorts in the Django admin (/django-admin/courses/): MRC
administrators approve trainer-course requests and enroll cohorts. Every change
goes through courses.services."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User

from . import services
from .exceptions import CoursesError
from .models import Cohort, Enrollment


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ("user", "course", "status", "source", "cohort", "created_at")
    list_filter = ("status", "source", "cohort")
    search_fields = ("user__username", "user__email", "user__phone", "course__title")
    readonly_fields = (
        "registration",
        "user",
        "course",
        "status",
        "source",
        "cohort",
        "approved_by",
        "refused_by",
        "decided_at",
    )
    actions = ["approve", "refuse"]

    def has_add_permission(self, request):
        return False  # learners enroll themselves; cohorts enroll staff

    @admin.action(description=_("Approve the selected requests"))
    def approve(self, request, queryset):
        count = 0
        for enrollment in queryset.filter(status=Enrollment.Status.PENDING):
            try:
                services.enrollment_approve(enrollment=enrollment, approved_by=request.user)
            except CoursesError as exc:
                self.message_user(request, f"{enrollment.user}: {exc}", messages.ERROR)
            else:
                count += 1
        self.message_user(
            request,
            ngettext("%d request approved.", "%d requests approved.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Refuse the selected requests"))
    def refuse(self, request, queryset):
        pending = list(queryset.filter(status=Enrollment.Status.PENDING))
        for enrollment in pending:
            services.enrollment_refuse(enrollment=enrollment, refused_by=request.user)
        count = len(pending)
        self.message_user(
            request,
            ngettext("%d request refused.", "%d requests refused.", count) % count,
            messages.WARNING,
        )


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ("name", "course", "start_date", "end_date")
    search_fields = ("name",)
    filter_horizontal = ("members",)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "members":
            kwargs["queryset"] = User.objects.filter(
                account_type=User.AccountType.STAFF, staff_profile__verified_at__isnull=False
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        """Members are enrolled in the cohort's course by the service."""
        members = list(form.cleaned_data.get("members", []))
        form.cleaned_data["members"] = form.instance.members.all()
        super().save_related(request, form, formsets, change)
        for user in members:
            try:
                services.cohort_member_add(cohort=form.instance, user=user)
            except CoursesError as exc:
                self.message_user(request, f"{user}: {exc}", messages.ERROR)
