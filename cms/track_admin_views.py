"""The track wall in Wagtail's own admin views (listings, choosers, reports,
history, the admin API, wagtail-localize's screens): `install()` patches them,
once, from `CmsConfig.ready()`, to filter by `cms.track_admin.visible_to`."""

from __future__ import annotations

from django.db.models import Model
from wagtail.models import Page

from .track_admin import (
    _registered,
    hidden_tracks,
    in_tracks_q,
    instance_hidden,
    visible_to,
)


def track_models() -> list[type[Model]]:
    """The authored models whose objects belong to a track, pages apart: images,
    documents and the models given to `track_policy_register`."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    return [get_image_model(), get_document_model(), *_registered]


def hidden_translation_keys(user) -> list[str]:
    """The translation keys of the translatable objects (pages, quizzes,
    questions, rubrics...) of the tracks `user` may not see."""
    from wagtail.models import get_translatable_models

    hidden = hidden_tracks(user)
    keys: list[str] = []
    if not hidden:
        return keys
    for model in get_translatable_models(include_subclasses=False):
        q = in_tracks_q(model, hidden)
        if q is not None:
            keys += [
                str(k)
                for k in model._default_manager.filter(q).values_list("translation_key", flat=True)
            ]
    return keys


def log_entries_visible_to(queryset, user):
    """Log entries (site history, history views) without those of another
    track's objects."""
    from django.contrib.contenttypes.models import ContentType

    hidden = hidden_tracks(user)
    if not hidden:
        return queryset
    if any(f.name == "page" for f in queryset.model._meta.fields):
        return queryset.exclude(page__in=Page.objects.filter(in_tracks_q(Page, hidden)))
    for model in track_models():
        ids = model._default_manager.filter(in_tracks_q(model, hidden)).values_list("pk", flat=True)
        ids = [str(pk) for pk in ids]
        if ids:
            queryset = queryset.exclude(
                content_type=ContentType.objects.get_for_model(model), object_id__in=ids
            )
    return queryset


def _patch(cls, name, make):
    original = getattr(cls, name)
    if getattr(original, "_safar_track_wall", False):
        return
    patched = make(original)
    patched._safar_track_wall = True
    setattr(cls, name, patched)


def install() -> None:
    """Where Wagtail and wagtail-localize list objects without a hook to filter
    them, the same rule is put in: bulk actions (their confirmation pages too,
    also for "all items in the listing"; an explicit `?id=` is the middleware's),
    the site history, the page types report, the translations report and
    wagtail-localize's snippet API."""
    from wagtail.admin.views.bulk_action import BulkAction
    from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
    from wagtail.models.audit_log import BaseLogEntryManager
    from wagtail.models.pages import PageLogEntryManager
    from wagtail_localize.views.report import TranslationsReportView
    from wagtail_localize.views.snippets_api import SnippetViewSet as LocalizeSnippetViewSet

    def bulk_objects(original):
        def get_actionable_objects(self):
            objects, extra = original(self)
            user = self.request.user
            if not hidden_tracks(user):
                return objects, extra
            no_access = extra.get("items_with_no_access", [])
            return [o for o in objects if not instance_hidden(user, o)], {
                **extra,
                "items_with_no_access": [o for o in no_access if not instance_hidden(user, o)],
            }

        return get_actionable_objects

    _patch(BulkAction, "get_actionable_objects", bulk_objects)

    def log_entries(original):
        def viewable_by_user(self, user):
            return log_entries_visible_to(original(self, user), user)

        return viewable_by_user

    _patch(BaseLogEntryManager, "viewable_by_user", log_entries)
    _patch(PageLogEntryManager, "viewable_by_user", log_entries)

    def page_types(original):
        def decorate_paginated_queryset(self, page_types):
            from django.db.models import F

            page_types = original(self, page_types)
            user = self.request.user
            if not hidden_tracks(user):
                return page_types
            data = self.filters.form.cleaned_data if self.filters else {}
            for item in page_types:
                pages = visible_to(Page.objects.filter(content_type=item), user)
                if data.get("page_locale"):
                    pages = pages.filter(locale__language_code=data["page_locale"])
                if data.get("site"):
                    pages = pages.filter(path__startswith=data["site"])
                item.count = pages.count()
                last = pages.order_by(
                    F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
                ).first()
                item.last_edited_page = last.specific if last else None
            return page_types

        return decorate_paginated_queryset

    _patch(PageTypesUsageReportView, "decorate_paginated_queryset", page_types)

    def translations(original):
        def get_queryset(self):
            keys = hidden_translation_keys(self.request.user)
            queryset = original(self)
            return queryset.exclude(source__object_id__in=keys) if keys else queryset

        return get_queryset

    _patch(TranslationsReportView, "get_queryset", translations)

    def localize_snippets(original):
        def get_queryset(self):
            return visible_to(original(self), self.request.user)

        return get_queryset

    _patch(LocalizeSnippetViewSet, "get_queryset", localize_snippets)


_api_viewsets: dict = {}


def api_viewset(base):
    """An admin API viewset listing only the objects the user may choose (Wagtail's
    collection permissions) in their tracks."""
    if base not in _api_viewsets:

        def get_queryset(self):
            from wagtail.permissions import policy_registry

            user = self.request.user
            queryset = base.get_queryset(self)
            policy = policy_registry.get_by_type(queryset.model)
            choosable = policy.instances_user_has_any_permission_for(user, ["choose"])
            return visible_to(queryset.filter(pk__in=choosable.values("pk")), user)

        _api_viewsets[base] = type(base.__name__, (base,), {"get_queryset": get_queryset})
    return _api_viewsets[base]


