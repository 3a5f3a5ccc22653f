"""Serving MEDIA_ROOT on one-machine setups (SAFAR_SERVE_MEDIA; never with S3,
where every file URL is signed and short-lived).

Each app that stores course content says who may fetch its files: a "media
gate" (settings.SAFAR_MEDIA_GATES) is a function `(user, path) -> bool | None`,
None meaning "not one of mine". A file a gate refuses answers 404, as if it
did not exist, so the wall between the tracks holds for files too. Documents
are never served from here: they go through Wagtail's document view."""

from functools import cache

from django.conf import settings
from django.http import Http404
from django.utils.module_loading import import_string
from django.views.static import serve

NEVER_SERVED = ("documents/",)


@cache
def media_gates():
    return [import_string(path) for path in settings.SAFAR_MEDIA_GATES]


def may_fetch(user, path: str) -> bool:
    if path.startswith(NEVER_SERVED):
        return False
    for gate in media_gates():
        verdict = gate(user, path)
        if verdict is not None:
            return verdict
    return True


def serve_media(request, path: str):
    path = path.lstrip("/")
    if not may_fetch(request.user, path):
        raise Http404
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as exc:  # a name too long for the filesystem, say: no such file
        raise Http404 from exc
