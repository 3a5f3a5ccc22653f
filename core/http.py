"""Small helpers every app's views share (no Safar imports)."""

from __future__ import annotations

import ipaddress

from rest_framework.exceptions import APIException


def client_ip(request) -> str:
    """The client's address. Without trusted proxies: REMOTE_ADDR. Behind N
    trusted proxies each appends the address it saw to X-Forwarded-For, so the
    client is the N-th entry from the right; anything left of it was written by
    the client itself and is ignored."""
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.SAFAR_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    if len(hops) < proxies:
        return remote  # a request that did not come through every proxy
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def localized_live(page):
    """The page in the language of the request, when it is translated and live."""
    localized = page.localized
    return localized if localized.live else page


def as_api_error(exc) -> APIException:
    """An app's error (with a `status`) as the API's error of that status."""
    error = APIException(detail=str(exc))
    error.status_code = exc.status
    return error
