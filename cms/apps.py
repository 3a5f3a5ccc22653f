from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Pages")

    def ready(self):
        from . import admin_guard
        from .models import TrackIndexPage
        from .permissions import track_index_permissions_grant

        # Framework hook: any new track index page (also a translation made by
        # wagtail-localize) gets its track's author permissions.
        post_save.connect(
            track_index_permissions_grant,
            sender=TrackIndexPage,
            dispatch_uid="cms.track_index_permissions_grant",
        )
        admin_guard.install()
