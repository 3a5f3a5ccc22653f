"""The lesson body's video block (used by cms.blocks)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class VideoBlock(blocks.StructBlock):
    video = SnippetChooserBlock("media_pipeline.Video", label=_("video"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "media_pipeline/blocks/video_block.html"
        description = _("A video from the media library, played in a light player.")

    def get_context(self, value, parent_context=None):
        from .selectors import video_player_context

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        user = getattr(request, "user", None) or (parent_context or {}).get("user")
        context["player"] = video_player_context(value.get("video"), user=user)
        return context
