"""A page not translated into the visitor's language yet is shown in Tajik
(the source language) under the visitor's address, with a note, instead of a
404: `/uz/…/lesson/` serves the Tajik lesson with the Uzbek interface.

The Tajik page is served by Wagtail itself, so every rule of serving holds,
the wall between the tracks first (`before_serve_page`): a staff-track page is
as much a 404 in fallback as it is in Tajik."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views


def serve_with_fallback(request, path=""):
    try:
        return wagtail_views.serve(request, path)
    except Http404:
        language = translation.get_language()
        source = settings.LANGUAGE_CODE
        if not language or language == source:
            raise
    # Wagtail caches the (failed) route on the request; route again in the
    # source locale's tree.
    request.__dict__.pop("_wagtail_route_for_request", None)
    with translation.override(source):
        request.safar_untranslated = True
        response = wagtail_views.serve(request, path)
    return response
