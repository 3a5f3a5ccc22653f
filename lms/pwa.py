"""The installable web app (issue 17): the service worker at the site root
(its scope is the whole site, so it is served by a view, not from /static/),
and the web app manifest (Tajik name "Сафар", icons, theme colour)."""

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.views.decorators.http import require_GET

THEME_COLOUR = "#005a8c"  # --accent in css/safar.css


@require_GET
def service_worker(request):
    path = finders.find("safar/sw.js")
    if not path:
        raise Http404
    with open(path, "rb") as file:
        response = HttpResponse(file.read(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    # A new version is picked up on the next visit (browsers check at most daily anyway).
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request):
    response = JsonResponse(
        {
            "name": "Сафар",
            "short_name": "Сафар",
            "description": "Омодагӣ ба муҳоҷирати меҳнатӣ",
            "lang": "tg",
            "start_url": "/tg/",
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": THEME_COLOUR,
            "icons": [
                {
                    "src": static(f"safar/icons/icon-{size}.png"),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": "any",
                }
                for size in (192, 512)
            ],
        },
        json_dumps_params={"ensure_ascii": False},
        content_type="application/manifest+json",
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response
