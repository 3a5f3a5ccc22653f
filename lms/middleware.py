from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils.translation import gettext as _

ADMIN_PREFIX = "/admin/"
# URL prefixes outside i18n_patterns (see lms/urls.py): their 404s stay 404s.
UNLOCALISED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/xapi/",
    "/media/",
    "/media-pipeline/",
    "/static/",
    "/documents/",
    "/healthz",
    "/sitemap.xml",
    "/i18n/",
    "/media-pipeline/",
    "/verify/",
    "/certificates/",
)


class UploadSizeLimitMiddleware:
    """Refuse a request body larger than SAFAR_MAX_UPLOAD_BYTES with 413, before
    Django reads (and stores) any of it. The reverse proxy should carry the same
    limit; this is the application's own guarantee."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(_("Invalid Content-Length header."), status=400)
        limit = settings.SAFAR_MAX_UPLOAD_BYTES
        if length > limit:
            message = _("The upload is too large: the limit is %(mb)d MB.") % {
                "mb": limit // (1024 * 1024)
            }
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class SafarCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with one documented exception: the Wagtail admin's
    bundled editor libraries inject <style> elements at run time, so pages under
    /admin/ also allow inline *styles* (never inline scripts). Learner pages get
    the strict policy unchanged."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path.startswith(ADMIN_PREFIX) and not report_only:
            update = dict(parts.update or {})
            update["style-src"] = ["'unsafe-inline'"]
            parts.update = update
        return parts


class SafarLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware turns a 404 on an unprefixed path into a redirect
    to /tg/<path> whenever that would match a URL, and Wagtail's catch-all page
    route matches everything. For the admin, the API and files that would turn a
    plain 404 (the answer the wall between tracks relies on) into a redirect."""

    def process_response(self, request, response):
        if request.path_info.startswith(UNLOCALISED_PREFIXES):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
