from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.fallback import serve_with_fallback
from courses.sitemaps import PublicSitemap

from .health import healthz
from .media import serve_media
from .pwa import manifest, service_worker

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # The installable web app: the service worker (site-wide scope) and its manifest.
    path("sw.js", service_worker, name="service_worker"),
    path("manifest.webmanifest", manifest, name="webmanifest"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The API, version 1: its OpenAPI schema and its documentation (Swagger UI
    # served from our own static files, drf-spectacular-sidecar).
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/v1/docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("api/v1/", include("lms.api_router")),
    path("media-pipeline/", include("media_pipeline.urls")),
    path("xapi/", include("xapi.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("certificates.urls")),
]

if settings.SERVE_MEDIA:
    # One-machine setups only; with S3 storage media comes from the bucket.
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media, name="media"),
    ]

# Pages: every language under its own prefix (/tg/, /ru/, /uz/, /en/).
urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("learn/", include("courses.urls")),
    path("learn/", include("assessments.urls")),
    path("search/", include("courses.search_urls")),
    path("services/", include("referrals.urls")),
    path("sessions/", include("blended.urls")),
    # Wagtail's page serving, with the Tajik page where a translation is missing
    # (cms/fallback.py); the rest of wagtail.urls as it is.
    # (Wagtail's own _util/ and _preview/ routes start with "_".)
    re_path(r"^(?!_)((?:[\w\-]+/)*)$", serve_with_fallback, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# Error pages with the site's look, in the visitor's language (lms/errors.py).
handler400 = "lms.errors.bad_request"
handler403 = "lms.errors.permission_denied"
handler404 = "lms.errors.page_not_found"
handler500 = "lms.errors.server_error"
