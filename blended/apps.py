from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlendedConfig(AppConfig):
    """Face-to-face sessions (the label `sessions` is django.contrib.sessions')."""

    name = "blended"
    verbose_name = _("Face-to-face sessions")
    default_auto_field = "django.db.models.BigAutoField"
