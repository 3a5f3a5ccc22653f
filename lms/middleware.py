from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

ADMIN_PREFIX = "/admin/"


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
