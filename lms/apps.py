from django.apps import AppConfig


class LmsConfig(AppConfig):
    """Project wiring: health checks, the demo commands, diagnostics tasks."""

    name = "lms"
    verbose_name = "Safar platform"

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
