from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from courses.sitemaps import PublicSitemap

from .health import healthz
from .media import serve_media

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/", include("lms.api_router")),
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
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
