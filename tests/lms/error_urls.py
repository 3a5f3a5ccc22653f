"""The site's URLs plus a view that fails on demand (for tests/lms/test_error_pages.py)."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from lms.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def fail(request, status):
    if status == 400:
        raise SuspiciousOperation("a malformed request")
    if status == 403:
        raise PermissionDenied
    raise RuntimeError("a bug")


urlpatterns = i18n_patterns(path("fail/<int:status>/", fail)) + urlpatterns
