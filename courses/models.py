"""Learner records for courses: enrollments, cohorts, lesson progress, completion.

Courses and lessons are Wagtail pages (cms). A course exists once per language;
records point at the *original* page of a translation group (see
courses.progress.original_page), so switching language keeps a learner's place.
Records are protected: a page with learner records cannot be deleted, only
unpublished.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class Cohort(TimeStampedModel):
    """A named group of staff taking a trainer course together, e.g. "Khujand
    trainers, March 2027". Membership enrolls a verified member in the course."""

    name = models.CharField(_("name"), max_length=200)
    course = models.ForeignKey(
        "cms.CoursePage", on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("course")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="cohorts", verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="courses_cohort_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.name


class Enrollment(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        ACTIVE = "active", _("Enrolled")
        REFUSED = "refused", _("Request refused")

    class Source(models.TextChoices):
        SELF = "self", _("Self-enrolled")
        # A request waiting for, or decided by, an administrator (approved_by,
        # refused_by and decided_at say which and when).
        APPROVAL = "approval", _("On request to an administrator")
        COHORT = "cohort", _("Member of a cohort")

    # The xAPI registration of everything the learner does in this course.
    registration = models.UUIDField(_("registration id"), default=uuid.uuid4, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(
        "cms.CoursePage", on_delete=models.PROTECT, related_name="enrollments"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    cohort = models.ForeignKey(
        Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="enrollments"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("refused by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        permissions = [
            ("view_reports", _("Can view the reports for the ministry and donors")),
            ("approve_enrollment", _("Can approve requests to join trainer courses")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="courses_enrollment_once"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "active", "refused"]),
                name="courses_enrollment_status_valid",
            ),
        ]

    # The statuses of a learner who is in the course (not a request waiting for,
    # or refused by, an administrator). The status says only whether the
    # learner is admitted; whether they completed the course is the
    # CourseCompletion row, stored there and nowhere else.
    ENROLLED_STATUSES = (Status.ACTIVE,)

    def __str__(self):
        return f"{self.user} — {self.course}"

    @property
    def is_enrolled(self) -> bool:
        return self.status in self.ENROLLED_STATUSES


class LessonProgressLog(TimeStampedModel):
    """One row per (learner, lesson): how far (0–1), how long, and when it was
    completed; the completion time is set once and never moves."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="lesson_logs")
    lesson = models.ForeignKey(
        "cms.LessonPage", on_delete=models.PROTECT, related_name="progress_logs"
    )
    progress = models.FloatField(_("progress"), default=0.0)
    time_spent_seconds = models.PositiveIntegerField(_("time spent (seconds)"), default=0)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="courses_lessonlog_once"),
            models.CheckConstraint(
                condition=Q(progress__gte=0.0, progress__lte=1.0),
                name="courses_lessonlog_progress_0_1",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(progress=1.0),
                name="courses_lessonlog_completed_means_full",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.lesson} ({self.progress:.0%})"


class CourseCompletion(models.Model):
    """The moment a learner met the course's completion rule. Unique per
    (learner, course): creating it is what makes completion fire exactly once."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        SESSION = "session", _("In a session")

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="completion"
    )
    completed_at = models.DateTimeField(_("completed at"))
    # How: online by the course's rule, or by attending a face-to-face session
    # (the blended app), then with the place printed on the certificate.
    channel = models.CharField(
        _("channel"), max_length=16, choices=Channel.choices, default=Channel.ONLINE
    )
    place = models.CharField(_("completed in a session at"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("course completion")
        verbose_name_plural = _("course completions")

    def __str__(self):
        return f"{self.enrollment} ✓ {self.completed_at:%Y-%m-%d}"


class SyncItem(models.Model):
    """One thing an app or the offline page recorded and sent later (progress,
    a video viewing, quiz answers, a submission), by the id the client gave it:
    a batch sent twice applies each item once (courses/sync.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sync_items"
    )
    client_id = models.UUIDField(_("client id"))
    kind = models.CharField(_("kind"), max_length=16)
    client_time = models.DateTimeField(_("recorded at (client)"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    outcome = models.JSONField(_("outcome"), default=dict)

    class Meta:
        verbose_name = _("synced item")
        verbose_name_plural = _("synced items")
        constraints = [
            models.UniqueConstraint(fields=["user", "client_id"], name="courses_sync_item_once")
        ]

    def __str__(self):
        return f"{self.user} {self.kind} {self.client_id}"
