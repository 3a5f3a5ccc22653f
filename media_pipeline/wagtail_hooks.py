"""The video admin's own URLs (status polling, Try again). The Videos snippet
listing itself is registered by cms (cms/video_admin.py), which knows tracks."""

from django.urls import include, path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("<int:pk>/status/", admin_views.status, name="status"),
        path("<int:pk>/retry/", admin_views.retry, name="retry"),
    ]
    return [path("media-pipeline/videos/", include((urls, "media_pipeline_admin")))]
