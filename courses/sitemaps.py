"""The public sitemap: Wagtail's, without the staff (trainer) track."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap

from .tracks import Track


class PublicSitemap(Sitemap):
    def items(self):
        from cms.models import TrackIndexPage

        hidden = Q()
        for path in TrackIndexPage.objects.filter(track=Track.STAFF).values_list("path", flat=True):
            hidden |= Q(path__startswith=path)
        items = super().items()
        return items.exclude(hidden) if hidden else items
