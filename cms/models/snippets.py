"""Reusable content: destination countries and contact cards. Both are
translatable snippets (one row per language, linked by translation_key)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class DestinationCountry(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(
        _("ISO code"),
        max_length=2,
        help_text=_("Two-letter ISO 3166 code, e.g. RU, KZ, KR, TR, PL, DE."),
    )

    panels = [FieldPanel("name"), FieldPanel("code")]
    override_translatable_fields = [SynchronizedField("code")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("destination country")
        verbose_name_plural = _("destination countries")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "code"], name="cms_country_code_per_locale"),
        ]

    def __str__(self):
        return self.name


class ContactCard(TranslatableMixin, index.Indexed, models.Model):
    class Kind(models.TextChoices):
        MRC = "mrc", _("Migrant Resource Centre")
        HOTLINE = "hotline", _("Hotline")
        EMBASSY = "embassy", _("Embassy or consulate")
        HEALTH = "health", _("Health service")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("International format: +992 ...")
    )
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("website"),
        FieldPanel("hours"),
        FieldPanel("note"),
    ]
    # Phone numbers are the same in every language; names, addresses and hours
    # are translated.
    override_translatable_fields = [SynchronizedField("phone")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact card")
        verbose_name_plural = _("contact cards")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def phone_href(self) -> str:
        return "tel:" + "".join(c for c in self.phone if c.isdigit() or c == "+")
