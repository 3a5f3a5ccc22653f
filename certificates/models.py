"""Certificates: configuration (templates, edited by MRC editors as snippets)
kept apart from issued records (one per learner × course, never deleted).

An issued certificate is awarded, revoked (with a reason, by an administrator)
or expired (its validity period has passed); a re-issue (e.g. a name
correction) revokes the old record and points it at the new one.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.models import TimeStampedModel
from core.tracks import Track

from .codes import format_code

CERTIFICATE_LANGUAGES = [
    ("tg", "Тоҷикӣ"),
    ("ru", "Русский"),
    ("uz", "Oʻzbekcha"),
    ("en", "English"),
]


class CertificateTemplate(ClusterableModel, TimeStampedModel):
    """How a track's certificate looks and what it says: edited in the CMS
    (Snippets → Certificate templates). Issued records keep what was printed,
    so editing a template never changes a certificate already issued."""

    key = models.SlugField(
        _("key"),
        max_length=32,
        unique=True,
        help_text=_(
            'Which certificate this is: "orientation" or "trainer" (see the course setting).'
        ),
    )
    name = models.CharField(_("name"), max_length=200)
    track = models.CharField(_("track"), max_length=16, choices=Track.choices)
    serial_code = models.CharField(
        _("serial number code"),
        max_length=8,
        help_text=_("Printed in the serial number, e.g. PDO gives MRC-PDO-2027-000123."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=32,
        default="tg,ru,en",
        help_text=_(
            "Languages the certificate may be printed in, comma-separated (tg, ru, uz, en). "
            "The learner's language is used when listed, else the first one."
        ),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: never expires. Trainer certificates: 36 (three years)."),
    )
    background = models.ImageField(
        _("background image"),
        upload_to="certificates/templates/",
        blank=True,
        help_text=_("Optional. Resized to A4 landscape and compressed when saved."),
    )
    logo = models.ImageField(_("logo"), upload_to="certificates/templates/", blank=True)
    issuer_tg = models.TextField(_("issuer (Tajik)"))
    issuer_ru = models.TextField(_("issuer (Russian)"), blank=True)
    issuer_uz = models.TextField(_("issuer (Uzbek)"), blank=True)
    issuer_en = models.TextField(_("issuer (English)"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("track"),
        FieldPanel("serial_code"),
        FieldPanel("languages"),
        FieldPanel("validity_months"),
        MultiFieldPanel([FieldPanel("background"), FieldPanel("logo")], heading=_("Images")),
        MultiFieldPanel(
            [
                FieldPanel("issuer_tg"),
                FieldPanel("issuer_ru"),
                FieldPanel("issuer_uz"),
                FieldPanel("issuer_en"),
            ],
            heading=_("Issuer"),
        ),
        InlinePanel("signatories", label=_("Signatories"), max_num=3),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(track__in=["migrant", "staff"]),
                name="certificates_template_track_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def language_list(self) -> list[str]:
        known = {code for code, _label in CERTIFICATE_LANGUAGES}
        return [c.strip() for c in self.languages.split(",") if c.strip() in known] or ["tg"]

    def issuer_in(self, language: str) -> str:
        return getattr(self, f"issuer_{language}", "") or self.issuer_tg


class Signatory(Orderable):
    template = ParentalKey(
        CertificateTemplate, on_delete=models.CASCADE, related_name="signatories"
    )
    name = models.CharField(_("name"), max_length=150)
    title_tg = models.CharField(_("title (Tajik)"), max_length=200)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_uz = models.CharField(_("title (Uzbek)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    signature = models.ImageField(
        _("signature image"), upload_to="certificates/signatures/", blank=True
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("title_tg"),
        FieldPanel("title_ru"),
        FieldPanel("title_uz"),
        FieldPanel("title_en"),
        FieldPanel("signature"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return self.name

    def title_in(self, language: str) -> str:
        return getattr(self, f"title_{language}", "") or self.title_tg


class SerialCounter(models.Model):
    """The last serial number given per (code, year); locked while allocating."""

    code = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["code", "year"], name="certificates_serial_counter_once"
            ),
        ]

    def __str__(self):
        return f"{self.code}-{self.year}: {self.last}"


class Certificate(TimeStampedModel):
    """An issued certificate. Never deleted: awarded, then maybe revoked."""

    class Status(models.TextChoices):
        AWARDED = "awarded", _("Valid")
        REVOKED = "revoked", _("Revoked")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("verification code"), max_length=17, unique=True)
    serial = models.CharField(_("serial number"), max_length=32, unique=True)
    status_index = models.PositiveIntegerField(
        _("status list index"), unique=True, help_text=_("Its bit in the revocation status list.")
    )
    # Empty for someone without an account who completed the course in a
    # face-to-face session (a walk-in): the printed name is what identifies them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "cms.CoursePage", on_delete=models.PROTECT, related_name="certificates"
    )
    template = models.ForeignKey(
        CertificateTemplate, on_delete=models.PROTECT, related_name="certificates"
    )
    track = models.CharField(_("track"), max_length=16, choices=Track.choices)
    # What was printed, so the record stays verifiable whatever happens later.
    holder_name = models.CharField(_("name as printed"), max_length=200)
    language = models.CharField(_("language"), max_length=8)
    course_title = models.CharField(_("course title as printed"), max_length=255)
    hours = models.DecimalField(_("hours of study"), max_digits=5, decimal_places=1)
    completed_on = models.DateField(_("completed on"))
    # Set when the course was completed in a face-to-face session (blended app).
    session_place = models.CharField(_("completed in a session at"), max_length=300, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.AWARDED
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    # The current certificate of (learner, course); a replaced one is not.
    is_current = models.BooleanField(default=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    pdf = models.FileField(_("PDF"), upload_to="certificates/issued/", blank=True)
    credential_jwt = models.TextField(_("Open Badges 3.0 credential (VC-JWT)"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        permissions = [
            ("revoke_certificate", _("Can revoke and re-issue certificates")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(is_current=True),
                name="certificates_one_current_per_learner_course",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["awarded", "revoked"]),
                name="certificates_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="awarded", revoked_at__isnull=True)
                | Q(status="revoked", revoked_at__isnull=False),
                name="certificates_revoked_has_date",
            ),
            models.CheckConstraint(
                condition=Q(is_current=True) | Q(status="revoked"),
                name="certificates_replaced_is_revoked",
            ),
        ]

    def __str__(self):
        return f"{self.serial} — {self.holder_name}"

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def state(self) -> str:
        """valid / revoked / expired, as the verify page says it."""
        if self.status == self.Status.REVOKED:
            return "revoked"
        if self.is_expired:
            return "expired"
        return "valid"


class CertificateEvent(models.Model):
    """The audit trail: who issued, revoked or re-issued what, when and why."""

    class Action(models.TextChoices):
        ISSUED = "issued", _("Issued")
        REVOKED = "revoked", _("Revoked")
        REISSUED = "reissued", _("Re-issued")

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.certificate.serial}: {self.action}"
