from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaPipelineConfig(AppConfig):
    name = "media_pipeline"
    verbose_name = _("Video and audio")

    def ready(self):
        # Registers the tasks, which services.py enqueues by name (so that it
        # does not import tasks.py, which imports it).
        from . import tasks  # noqa: F401
