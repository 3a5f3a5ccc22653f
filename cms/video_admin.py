"""The Videos section of the admin: media_pipeline's Video model as a snippet,
scoped by track like every authored object (cms.track_admin). It lives here, not
in media_pipeline, because the pipeline is a leaf that knows nothing of tracks'
authors; its own admin URLs (status, Try again) stay in media_pipeline."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from media_pipeline.forms import VideoAdminForm
from media_pipeline.models import Video
from media_pipeline.panels import VideoStatusPanel

from .track_admin import TrackScopedViewSetMixin, track_policy_register

track_policy_register(Video)


class VideoViewSet(TrackScopedViewSetMixin, SnippetViewSet):
    """Upload, list, search, choose (from the lesson's video block) and edit;
    authors see their own track's videos only (cms.track_admin)."""

    model = Video
    icon = "media"
    menu_label = _("Videos")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "track", "status_label", "duration_seconds", "created_at"]
    list_filter = ["status", "track"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("track"),
            FieldPanel("original"),
            VideoStatusPanel(heading=_("Processing")),
            InlinePanel("captions", heading=_("Captions"), label=_("Caption")),
        ],
        base_form_class=VideoAdminForm,
    )


register_snippet(VideoViewSet)
