from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Video


class VideoViewSet(SnippetViewSet):
    model = Video
    icon = "media"
    menu_label = _("Videos")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "status", "progress", "created_at"]
    list_filter = ["status"]
    search_fields = ["title"]


register_snippet(VideoViewSet)
