"""The referral directory: organisations the MRC refers migrants to.

Each organisation is a translatable snippet (one row per language, linked by
translation_key, translated with wagtail-localize like the contact cards). The
facts that are the same in every language — services, region, districts,
phone, links, the "checked on" date — are kept on the source (Tajik) row,
which the public directory filters on; translations carry the texts."""

import uuid

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from accounts.models import Gender, Region

from .validators import clean_directory_phone


class ServiceType(models.TextChoices):
    VOCATIONAL = "vocational", _("Vocational and technical training")
    REINTEGRATION = "reintegration", _("Reintegration support")
    LEGAL = "legal", _("Legal aid")
    HEALTH = "health", _("Health services")
    SHELTER = "shelter", _("Shelters and anti-trafficking hotlines")
    CONSULATE = "consulate", _("Consulates abroad")
    EMPLOYMENT = "employment", _("Employment services")


class DirectoryRegion(models.TextChoices):
    DUSHANBE = Region.DUSHANBE.value, Region.DUSHANBE.label
    SUGHD = Region.SUGHD.value, Region.SUGHD.label
    KHATLON = Region.KHATLON.value, Region.KHATLON.label
    GBAO = Region.GBAO.value, Region.GBAO.label
    DRS = Region.DRS.value, Region.DRS.label
    NATIONWIDE = "nationwide", _("All of Tajikistan")
    ABROAD = "abroad", _("Abroad")


class Service(models.Model):
    """One row per ServiceType (created by migration 0002), so organisations can
    offer several and the directory filters on them in the database."""

    code = models.CharField(_("code"), max_length=16, choices=ServiceType.choices, unique=True)

    class Meta:
        verbose_name = _("service")
        ordering = ["code"]

    def __str__(self):
        return str(self.get_code_display())


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what they do"), max_length=600, blank=True)
    services = models.ManyToManyField(Service, verbose_name=_("services"), related_name="+")
    region = models.CharField(_("region"), max_length=16, choices=DirectoryRegion.choices)
    districts = models.CharField(
        _("districts and cities served"),
        max_length=300,
        blank=True,
        help_text=_("Comma-separated; leave empty when the whole region is served."),
    )
    languages = models.CharField(
        _("languages spoken"), max_length=100, blank=True, help_text=_("e.g. tg, ru, uz")
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        validators=[clean_directory_phone],
        help_text=_("International format (+992 ...) or a short hotline number."),
    )
    messenger_url = models.URLField(
        _("messenger link"), blank=True, help_text=_("e.g. https://t.me/... or https://wa.me/...")
    )
    website = models.URLField(_("website"), blank=True)
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    checked_on = models.DateField(
        _("checked on"), help_text=_("When the MRC last confirmed these details.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("region"), FieldPanel("districts"), FieldPanel("languages")],
            heading=_("Where and in which languages"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("messenger_url"),
                FieldPanel("website"),
                FieldPanel("hours"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("checked_on"),
    ]
    override_translatable_fields = [
        SynchronizedField("phone"),
        SynchronizedField("messenger_url"),
        SynchronizedField("website"),
        SynchronizedField("districts"),
        SynchronizedField("languages"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.phone:
            self.phone = clean_directory_phone(self.phone)

    @property
    def phone_href(self) -> str:
        return "tel:" + self.phone


# --- Referral cases -----------------------------------------------------------
#
# A migrant asks for a referral (signed in, or by leaving a phone number with
# consent); an MRC counsellor (permission referrals.view_case) counsels, refers
# to an organisation of the directory and closes the case. Every opening of a
# case by a counsellor is a CaseAccess row. Writes: referrals/services.py.


class CaseRegion(models.TextChoices):
    """Where the migrant is: a region of Tajikistan, or abroad."""

    DUSHANBE = Region.DUSHANBE.value, Region.DUSHANBE.label
    SUGHD = Region.SUGHD.value, Region.SUGHD.label
    KHATLON = Region.KHATLON.value, Region.KHATLON.label
    GBAO = Region.GBAO.value, Region.GBAO.label
    DRS = Region.DRS.value, Region.DRS.label
    ABROAD = "abroad", _("Abroad")


class CaseGender(models.TextChoices):
    FEMALE = Gender.FEMALE.value, Gender.FEMALE.label
    MALE = Gender.MALE.value, Gender.MALE.label


class Case(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        REFERRED = "referred", _("Referred")
        CLOSED = "closed", _("Closed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referral_cases",
        verbose_name=_("account"),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    consent_text = models.TextField(_("consent text agreed to"), blank=True)
    consent_version = models.CharField(_("consent text version"), max_length=20, blank=True)
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    topic = models.CharField(_("what is needed"), max_length=16, choices=ServiceType.choices)
    details = models.TextField(_("in their words"), max_length=1000, blank=True)
    region = models.CharField(_("region"), max_length=16, choices=CaseRegion.choices)
    district = models.CharField(_("district or city"), max_length=100, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=CaseGender.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("referral case")
        verbose_name_plural = _("referral cases")
        ordering = ["-created_at", "-pk"]
        permissions = [("view_case_report", _("Can view the counts-only referral report"))]
        indexes = [models.Index(fields=["status", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["new", "in_progress", "referred", "closed"]),
                name="referrals_case_status_valid",
            ),
            # Someone to answer: an account, or a phone given with consent
            # (an anonymised case keeps neither).
            models.CheckConstraint(
                condition=models.Q(user__isnull=False)
                | (~models.Q(phone="") & models.Q(consent_given_at__isnull=False))
                | models.Q(anonymised_at__isnull=False),
                name="referrals_case_has_contact",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_topic_display()} ({self.get_status_display()})"


class CaseAccess(models.Model):
    """One opening of a case by a counsellor: who, when. Never edited."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case opening")
        verbose_name_plural = _("case openings")
        ordering = ["-opened_at", "-pk"]

    def __str__(self):
        return f"{self.user} — #{self.case_id} {self.opened_at:%Y-%m-%d %H:%M}"


class CounsellingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    ONLINE = "online", _("Online")


class CounsellingSession(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sessions")
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("counsellor"),
    )
    mode = models.CharField(_("how"), max_length=16, choices=CounsellingMode.choices)
    topic = models.CharField(_("topic"), max_length=16, choices=ServiceType.choices)
    notes = models.TextField(_("outcome"), max_length=2000, blank=True)
    held_at = models.DateTimeField(_("held on"), auto_now_add=True)

    class Meta:
        verbose_name = _("counselling session")
        verbose_name_plural = _("counselling sessions")
        ordering = ["held_at", "pk"]

    def __str__(self):
        return f"#{self.case_id} {self.get_mode_display()} {self.held_at:%Y-%m-%d}"


class Referral(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("counsellor"),
    )
    note = models.TextField(_("note"), max_length=1000, blank=True)
    referred_at = models.DateTimeField(_("referred on"), auto_now_add=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["referred_at", "pk"]

    def __str__(self):
        return f"#{self.case_id} → {self.organisation}"
