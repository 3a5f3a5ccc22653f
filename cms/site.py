"""The Wagtail Site follows SAFAR_SITE_URL: its hostname and port are what
page.full_url, the sitemap and the admin's "View live" use, so they must be the
address people reach the site at (not the "localhost:80" of a fresh install)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def site_url_parts(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def site_follow_url(url: str | None = None):
    """Set the default Site's hostname and port from `url` (default
    SAFAR_SITE_URL); nothing changes when they already match."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = site_url_parts(url or settings.SITE_URL)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    return site


def site_follow_url_after_migrate(sender, using="default", **kwargs):
    """post_migrate: every deploy (and `make demo`) lines the Site up again."""
    from wagtail.models import Site

    if Site.objects.using(using).filter(is_default_site=True).exists():
        site_follow_url()
