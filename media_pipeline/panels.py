from django.urls import reverse
from wagtail.admin.panels import Panel

from . import selectors


class VideoStatusPanel(Panel):
    """Status, live progress, the author-readable error with a "Try again"
    button, and the published outputs (edit view only)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "media_pipeline/admin/status_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            video = self.instance
            context.update(
                video=video,
                outputs=sorted(
                    selectors.video_outputs(video).values(), key=lambda o: o.profile.sort_order
                ),
                status_url=reverse("media_pipeline_admin:status", args=[video.pk]),
                retry_url=reverse("media_pipeline_admin:retry", args=[video.pk]),
                preview_url=reverse("media_pipeline:preview", args=[video.uuid]),
            )
            return context
