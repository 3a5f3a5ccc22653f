"""Who uses Safar: one user model for migrants, ministry staff, authors and MRC
administrators, and the profile that staff-track access depends on."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


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
        ]

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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(verified_at__isnull=True) | models.Q(verified_by__isnull=False),
                name="accounts_staffprofile_verified_has_verifier",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.organisation})"
