"""Public URLs of the media pipeline (included under /media-pipeline/ by lms/urls.py)."""

from django.urls import path

from . import views

app_name = "media_pipeline"
urlpatterns = [
    path("v/<uuid:video_uuid>/o/<slug:slug>", views.output_file, name="output"),
    path("v/<uuid:video_uuid>/download/<slug:slug>", views.output_download, name="download"),
    path("v/<uuid:video_uuid>/hls/<path:path>", views.hls_file, name="hls"),
    path("v/<uuid:video_uuid>/captions/<str:language>.vtt", views.caption_file, name="caption"),
    path("preview/<uuid:video_uuid>/", views.preview, name="preview"),
]
