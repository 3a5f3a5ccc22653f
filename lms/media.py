"""Serving MEDIA_ROOT on one-machine setups (SAFAR_SERVE_MEDIA; never with S3).

Files that belong to course content with access rules are not served here:
documents go through Wagtail's document view, video originals and captions
through media_pipeline's views, each behind the wall between the tracks."""

from django.conf import settings
from django.http import Http404
from django.views.static import serve

GATED_PREFIXES = ("documents/", "videos/originals/", "videos/captions/")


def serve_media(request, path: str):
    if path.lstrip("/").startswith(GATED_PREFIXES):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
