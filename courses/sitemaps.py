"""The public sitemap: every live translation of every public page, without the
staff (trainer) track, each with `hreflang` alternates to its translations.
Locations come from the Wagtail Site, which follows SAFAR_SITE_URL
(cms.apps: after every migrate)."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap

from cms.models import TrackIndexPage
from core.tracks import Track


class PublicSitemap(Sitemap):
    def items(self):
        from wagtail.models import Page


        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True).live()
        within = Q()
        for root in roots:
            within |= Q(path__startswith=root.path)
        hidden = Q()
        for path in TrackIndexPage.objects.filter(track=Track.STAFF).values_list("path", flat=True):
            hidden |= Q(path__startswith=path)
        pages = Page.objects.filter(within).live().public()
        if hidden:
            pages = pages.exclude(hidden)
        return pages.order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        groups: dict = {}
        for item in self.paginator.page(page).object_list:
            groups.setdefault(item.translation_key, []).append(item)
        by_location = {}
        for translations in groups.values():
            alternates = [
                {"lang_code": t.locale.language_code, "location": t.get_full_url(self.request)}
                for t in translations
            ]
            for alternate in alternates:
                by_location[alternate["location"]] = alternates if len(alternates) > 1 else []
        for url in urls:
            url["alternates"] = by_location.get(url["location"], [])
        return urls
