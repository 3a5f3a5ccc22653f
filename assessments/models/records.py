"""The learner side of assessments: attempts at quizzes and practical
assessments scored against rubrics. They point at the *original*
(source-language) quiz and rubric and keep a snapshot of what was asked, so
grading history never changes when content is edited."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from .content import DATA_MODEL_VERSION, Quiz, Rubric


class Attempt(TimeStampedModel):
    """One learner's attempt at a quiz: one row with its questions (references to
    the versions asked, with the order shown) and its answers."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    enrollment = models.ForeignKey(
        "courses.Enrollment", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    lesson = models.ForeignKey(
        "cms.LessonPage", on_delete=models.PROTECT, related_name="quiz_attempts"
    )
    role = models.CharField(_("role"), max_length=16)
    number = models.PositiveSmallIntegerField(_("attempt number"))
    seed = models.BigIntegerField(_("shuffle seed"))
    language = models.CharField(_("language"), max_length=8)
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(_("time limit"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IN_PROGRESS
    )
    late = models.BooleanField(_("closed at the time limit"), default=False)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    show_answers = models.CharField(max_length=16, choices=Quiz.ShowAnswers.choices)
    max_attempts = models.PositiveSmallIntegerField(default=0)
    questions = models.JSONField(default=list)
    answers = models.JSONField(default=dict, blank=True)
    results = models.JSONField(default=list, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    max_score = models.FloatField(_("maximum score"), null=True, blank=True)
    percent = models.FloatField(_("percent"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    data_model_version = models.PositiveSmallIntegerField(default=DATA_MODEL_VERSION)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "quiz", "number"], name="assessments_attempt_number_once"
            ),
            models.UniqueConstraint(
                fields=["enrollment", "quiz"],
                condition=Q(status="in_progress"),
                name="assessments_one_open_attempt",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["in_progress", "submitted"]),
                name="assessments_attempt_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="assessments_attempt_percent_0_100",
            ),
            models.CheckConstraint(
                condition=Q(status="in_progress")
                | Q(submitted_at__isnull=False, passed__isnull=False),
                name="assessments_submitted_is_graded",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.quiz} #{self.number}"


class PracticalAssessment(models.Model):
    """An assessor's scoring of one trainee's observed session against a rubric.
    Records are added, never changed; the trainee has passed once one passed."""

    enrollment = models.ForeignKey(
        "courses.Enrollment", on_delete=models.CASCADE, related_name="practical_assessments"
    )
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="assessments")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    session = models.CharField(
        _("session observed"), max_length=200, help_text=_("Where and when, e.g. Khujand, 12 May.")
    )
    scores = models.JSONField(default=dict)
    rubric_snapshot = models.JSONField(default=dict)
    total = models.PositiveIntegerField(_("total points"))
    passed = models.BooleanField(_("passed"))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("practical assessment")
        verbose_name_plural = _("practical assessments")
        ordering = ["-created_at"]
        permissions = [("assess_practical", _("Can score practical assessments"))]

    def __str__(self):
        return f"{self.enrollment} — {self.rubric} ({self.total})"
