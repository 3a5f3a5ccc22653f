from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Pages")

    def ready(self):
        from . import admin_choosers, admin_guard, track_admin_views
        from .models import KnowledgeIndexPage, TrackIndexPage
        from .permissions import knowledge_index_permissions_grant, track_index_permissions_grant

        # Framework hook: any new track index page (also a translation made by
        # wagtail-localize) gets its track's author permissions.
        post_save.connect(
            track_index_permissions_grant,
            sender=TrackIndexPage,
            dispatch_uid="cms.track_index_permissions_grant",
        )
        post_save.connect(
            knowledge_index_permissions_grant,
            sender=KnowledgeIndexPage,
            dispatch_uid="cms.knowledge_index_permissions_grant",
        )
        admin_guard.install()
        admin_choosers.install()
        track_admin_views.install()
        from .site import site_follow_url_after_migrate

        post_migrate.connect(
            site_follow_url_after_migrate, sender=self, dispatch_uid="cms.site_follow_url"
        )
