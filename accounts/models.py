"""Who uses Safar: one user model for migrants, ministry staff, authors and MRC
administrators, and the profile that staff-track access depends on."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from .passwords import password_too_long


class User(AbstractUser):
    class AccountType(models.TextChoices):
        MIGRANT = "migrant", _("Migrant")
        STAFF = "staff", _("Ministry staff")

    account_type = models.CharField(
        _("account type"),
        max_length=16,
        choices=AccountType.choices,
        default=AccountType.MIGRANT,
        help_text=_("Migrants take the orientation track; ministry staff the trainer track."),
    )
    phone = models.CharField(
        _("phone number"),
        max_length=20,
        blank=True,
        null=True,
        unique=True,
        help_text=_("In international format, e.g. +992 93 123 4567."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(account_type__in=["migrant", "staff"]),
                name="accounts_user_account_type_valid",
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique_ci",
            ),
        ]

    def check_password(self, raw_password):
        """An oversized password never reaches the hasher, wherever it is
        checked: sign-in (accounts/backends.py) and the old-password field of
        every password change form (the site's, Wagtail's, the Django admin's)."""
        if raw_password is not None and password_too_long(raw_password):
            return False
        return super().check_password(raw_password)

    @property
    def is_verified_staff(self) -> bool:
        profile = getattr(self, "staff_profile", None)
        return (
            self.account_type == self.AccountType.STAFF
            and profile is not None
            and profile.verified_at is not None
        )


class StaffProfile(TimeStampedModel):
    """A ministry employee's organisation and position. Staff-track courses open
    only once an MRC administrator has verified it (verified_at is set)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        permissions = [("verify_staff", _("Can verify ministry staff"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(verified_at__isnull=True) | models.Q(verified_by__isnull=False),
                name="accounts_staffprofile_verified_has_verifier",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.organisation})"


class Region(models.TextChoices):
    DUSHANBE = "dushanbe", _("Dushanbe")
    SUGHD = "sughd", _("Sughd region")
    KHATLON = "khatlon", _("Khatlon region")
    GBAO = "gbao", _("Gorno-Badakhshan Autonomous Region")
    DRS = "drs", _("Districts of Republican Subordination")


class Destination(models.TextChoices):
    RUSSIA = "RU", _("Russia")
    KAZAKHSTAN = "KZ", _("Kazakhstan")
    KOREA = "KR", _("Republic of Korea")
    TURKIYE = "TR", _("Türkiye")
    POLAND = "PL", _("Poland")
    GERMANY = "DE", _("Germany")
    UAE = "AE", _("United Arab Emirates")
    LITHUANIA = "LT", _("Lithuania")
    OTHER = "other", _("Another country")
    UNDECIDED = "undecided", _("Not decided yet")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class LearnerProfile(TimeStampedModel):
    """What the centre needs to know about a learner, and nothing more. The
    reasons are shown on the form (accounts/forms.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_profile"
    )
    full_name = models.CharField(
        _("full name as in the passport"),
        max_length=150,
        help_text=_("Printed on your certificate exactly as written here (Cyrillic or Latin)."),
    )
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    region = models.CharField(_("region"), max_length=16, choices=Region.choices)
    district = models.CharField(_("district or city"), max_length=100)
    destination = models.CharField(
        _("intended destination"), max_length=16, choices=Destination.choices
    )

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_year__gte=1930, birth_year__lte=2030),
                name="accounts_learnerprofile_birth_year_plausible",
            ),
        ]

    def __str__(self):
        return self.full_name


class ConsentRecord(models.Model):
    """A learner's explicit consent to the processing of personal data: which
    version of the text, in which language, when. Never edited; a withdrawal or
    a new version adds a row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    version = models.CharField(_("consent text version"), max_length=20)
    language = models.CharField(_("language"), max_length=8)
    text = models.TextField(_("text shown"))
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "version"], name="accounts_consent_once_per_version"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.version}"


class PhoneResetCode(models.Model):
    """A one-time code sent by SMS to reset a password. Stored hashed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.user} — {self.created_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A sign-in for an app or a kiosk (`Authorization: Token …`). Only the
    SHA-256 of the key is stored; the key is shown once, when it is made. It
    expires, and its owner lists and revokes their tokens. (Wagtail's own
    APIToken has no expiry and serves Wagtail's admin API; this one is the
    learner API's.)"""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safar_api_tokens"
    )
    name = models.CharField(_("device"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    # The first characters of the key, so its owner can tell their tokens apart.
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} — {self.prefix}…"
