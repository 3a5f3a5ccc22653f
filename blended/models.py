"""Face-to-face pre-departure sessions run by certified trainers (issue 18).

A session belongs to a migrant-track course and is run by a trainer who holds
a valid trainer certificate (staff track); people register online or are
added on the spot (walk-ins); the trainer marks attendance from the list, or
attendees scan the session's QR code; attending (and passing the paper quiz
when the session has one) completes the course: attendees with an account and
walk-ins without one get the same orientation certificate, marked "completed
in a session at <place>". Times are stored in UTC and shown in Asia/Dushanbe (TIME_ZONE)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from accounts.models import Destination, Gender, Region
from core.models import TimeStampedModel


class Place(index.Indexed, models.Model):
    """Where sessions are held: a district pre-departure centre or a jamoat
    (local government) office. A Wagtail snippet, kept by the MRC."""

    class Kind(models.TextChoices):
        DISTRICT_CENTRE = "centre", _("District pre-departure centre")
        JAMOAT = "jamoat", _("Jamoat office")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    region = models.CharField(_("region"), max_length=16, choices=Region.choices)
    district = models.CharField(_("district or city"), max_length=100)
    address = models.CharField(_("address"), max_length=300)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("region"),
        FieldPanel("district"),
        FieldPanel("address"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("district"),
        index.AutocompleteField("name"),  # the admin's search as one types
    ]

    class Meta:
        verbose_name = _("place of sessions")
        verbose_name_plural = _("places of sessions")
        ordering = ["region", "district", "name"]

    def __str__(self):
        return f"{self.name}, {self.district}"


class Session(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    course = models.ForeignKey(
        "cms.CoursePage",
        on_delete=models.PROTECT,
        related_name="blended_sessions",
        verbose_name=_("course"),
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="trainer_sessions",
        verbose_name=_("trainer"),
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("place")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    quiz_required = models.BooleanField(_("paper quiz required"), default=False)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminders sent at"), null=True, blank=True)

    panels = [
        FieldPanel("course"),
        FieldPanel("trainer"),
        FieldPanel("place"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("language"),
        FieldPanel("capacity"),
        FieldPanel("status"),
        FieldPanel("quiz_required"),
        FieldPanel("pass_mark"),
    ]

    class Meta:
        verbose_name = _("face-to-face session")
        verbose_name_plural = _("face-to-face sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="blended_session_times"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "held", "cancelled"]),
                name="blended_session_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(quiz_required=False) | Q(pass_mark__isnull=False),
                name="blended_session_quiz_has_pass_mark",
            ),
        ]

    def clean(self):
        """The admin's form keeps the service's rules: a migrant-track course
        and a trainer who holds a valid trainer certificate."""
        from .selectors import is_certified_trainer, migrant_courses  # selectors import models

        errors = {}
        if self.course_id and not migrant_courses().filter(pk=self.course_id).exists():
            errors["course"] = _("Choose a live migrant-track course (in Tajik).")
        if self.trainer_id and not is_certified_trainer(self.trainer):
            errors["trainer"] = _("This person holds no valid trainer certificate.")
        if errors:
            raise ValidationError(errors)

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.course.title} — {self.place.name}, {local:%d.%m.%Y %H:%M}"

    @property
    def local_date(self):
        return timezone.localdate(self.starts_at)

    @property
    def place_text(self) -> str:
        """The place as certificates print it: "name, district"."""
        return f"{self.place.name}, {self.place.district}"


class Registration(TimeStampedModel):
    """One person in a session: a learner with an account (online, or added by
    the trainer), or a walk-in without one (the same fields as a learner's
    profile, with how consent was given)."""

    class Source(models.TextChoices):
        ONLINE = "online", _("Registered online")
        WALK_IN = "walk_in", _("Walk-in")
        QR = "qr", _("Scanned the code at the session")

    class Consent(models.TextChoices):
        SCREEN = "screen", _("On screen")
        PAPER = "paper", _("On paper")

    # The xAPI registration of the statements about this seat.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="session_registrations",
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    district = models.CharField(_("district or city"), max_length=100, blank=True)
    destination = models.CharField(
        _("intended destination"), max_length=16, choices=Destination.choices, blank=True
    )
    consent = models.CharField(_("consent given"), max_length=8, choices=Consent.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The certificate of a walk-in without an account, issued when they
    # completed the course here (an attendee with an account has theirs
    # through their enrollment, like any learner).
    certificate = models.OneToOneField(
        "certificates.Certificate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="session_registration",
        verbose_name=_("certificate"),
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(user__isnull=False),
                name="blended_registration_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["session", "phone"],
                condition=~Q(phone=""),
                name="blended_registration_once_per_phone",
            ),
        ]

    def __str__(self):
        return f"{self.name} — {self.session_id}"


class Attendance(models.Model):
    """A registration marked present (one per registration), by the trainer
    from the list (live or synced from the phone later) or by the attendee's
    QR scan; with the paper quiz score when the session has one."""

    class How(models.TextChoices):
        LIST = "list", _("From the list")
        QR = "qr", _("QR code")

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="attendance"
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    how = models.CharField(_("how"), max_length=8, choices=How.choices)
    # The id a phone gave the mark while offline: syncing it again is a no-op.
    client_id = models.UUIDField(null=True, blank=True, unique=True)
    marked_at = models.DateTimeField(_("marked at"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    quiz_score = models.PositiveSmallIntegerField(
        _("paper quiz score (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.CheckConstraint(
                condition=Q(quiz_score__isnull=True) | Q(quiz_score__lte=100),
                name="blended_attendance_score_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.registration} ✓"
