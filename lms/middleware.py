from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import Http404, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils.translation import gettext as _

from accounts import throttle
from core.api_fields import MAX_DATABASE_INT

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


class AdminLoginThrottleMiddleware:
    """The Wagtail and Django admins' sign-in pages keep the learner sign-in's
    lockout (accounts/throttle.py): their `authenticate()` is already refused by
    the backend while locked out; this answers 429 with the reason instead of
    "wrong password"."""

    PATHS = ("/admin/login/", "/django-admin/login/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info in self.PATHS:
            identifier = request.POST.get("username", "")
            if identifier and throttle.is_locked_out(request, identifier=identifier):
                return HttpResponse(
                    throttle.locked_out_message(),
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)


def _too_large_for_an_id(name: str | None, value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) > MAX_DATABASE_INT
    if isinstance(value, str) and (name == "pk" or (name or "").endswith("id")):
        digits = value[1:] if value.startswith("-") else value
        return digits.isdigit() and len(digits) > 18 and abs(int(value)) > MAX_DATABASE_INT
    return False


class OutOfRangeIdMiddleware:
    """An id in the URL that no database column can hold (/api/courses/<20
    digits>/, /admin/pages/<20 digits>/edit/) is simply not found: 404 before the
    view runs, for every route (ours, Wagtail's, Django admin's, the API's).
    Without it SQLite raises OverflowError and PostgreSQL "integer out of range"
    (500). Checked: int path parameters, and string ones named pk/…id that are
    all digits (the API's and the admins' lookups)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        values = [(None, value) for value in view_args] + list(view_kwargs.items())
        if any(_too_large_for_an_id(name, value) for name, value in values):
            raise Http404
        return None
