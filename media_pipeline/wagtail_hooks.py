from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, services
from .forms import VideoAdminForm
from .models import Video
from .panels import VideoStatusPanel


class VideoViewSet(SnippetViewSet):
    """Upload, list, search, choose (from the lesson's video block) and edit."""

    model = Video
    icon = "media"
    menu_label = _("Videos")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "status_label", "duration_seconds", "created_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("original"),
            VideoStatusPanel(heading=_("Processing")),
            InlinePanel("captions", heading=_("Captions"), label=_("Caption")),
        ],
        base_form_class=VideoAdminForm,
    )


register_snippet(VideoViewSet)


@hooks.register("after_create_snippet")
def schedule_new_video(request, instance):
    if isinstance(instance, Video):
        services.video_processing_schedule(video=instance)


@hooks.register("after_edit_snippet")
def schedule_replaced_video(request, instance):
    if isinstance(instance, Video) and getattr(instance, "_original_changed", False):
        services.video_processing_schedule(video=instance, force=True)


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("<int:pk>/status/", admin_views.status, name="status"),
        path("<int:pk>/retry/", admin_views.retry, name="retry"),
    ]
    return [path("media-pipeline/videos/", include((urls, "media_pipeline_admin")))]
