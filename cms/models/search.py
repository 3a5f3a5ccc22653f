"""Searches that found nothing, counted so editors see what people look for and
miss. Only the words are kept (folded, as searched): no user, no address, no
time of day."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnansweredSearch(models.Model):
    query = models.CharField(_("words searched"), max_length=200)
    language = models.CharField(_("language"), max_length=8)
    count = models.PositiveIntegerField(_("times searched"), default=0)
    first_searched_on = models.DateField(_("first searched on"))
    last_searched_on = models.DateField(_("last searched on"))

    class Meta:
        verbose_name = _("search that found nothing")
        verbose_name_plural = _("searches that found nothing")
        ordering = ["-count", "query"]
        constraints = [
            models.UniqueConstraint(
                fields=["query", "language"], name="cms_unanswered_search_once_per_language"
            )
        ]

    def __str__(self):
        return self.query
