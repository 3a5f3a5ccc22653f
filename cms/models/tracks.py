from django.db import models
from django.utils.translation import gettext_lazy as _

from core.tracks import Track


class TrackCollection(models.Model):
    """The Wagtail collection that holds one track's images and documents (and
    its sub-collections). Created by cms migration 0005 with the track authors'
    collection permissions; see cms/track_admin.py."""

    track = models.CharField(_("track"), max_length=16, choices=Track.choices, unique=True)
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.CASCADE, related_name="safar_track"
    )

    class Meta:
        verbose_name = _("track collection")
        verbose_name_plural = _("track collections")

    def __str__(self):
        return f"{self.get_track_display()}: {self.collection}"
