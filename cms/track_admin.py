"""The wall between the tracks inside the Wagtail admin, for everything authored.

Every authored object has a track:

- pages: where they live (below a track index page, `courses.selectors.page_track`);
- images and documents: their collection, one per track (`cms.TrackCollection`,
  created by cms migration 0005 with the track authors' collection permissions,
  so that Wagtail's own image and document listings, choosers and upload forms
  follow them);
- videos, question banks, quizzes, rubrics, certificate templates (and issued
  certificates): their `track` field; questions: their bank's.

One rule: `admin_tracks(user)` are the tracks whose objects `user` sees in the
admin (their author group's track; both for MRC editors and superusers), and an
object of any other track is treated as if it did not exist:

- `visible_to(queryset, user)` filters listings, choosers, searches, the admin
  API, reports and the site history (wired in the wagtail_hooks of each app and
  by `cms.track_admin_views.install()`);
- `TrackPermissionPolicy` is the registered permission policy of those models
  (`track_policy_register`, next to their `TrackScopedViewSetMixin` viewsets), so
  buttons and actions follow the same rule;
- `AdminTrackWallMiddleware` (cms.track_admin_middleware): an admin URL that
  names another track's object (in its path, or as `?id=` / `?childOf=` of a
  bulk action or a chooser) gets exactly the answer of a missing id (usually
  404): the view runs with an id no object has in its place, so the other
  track's object is never reached.

tests/test_admin_track_wall.py checks every admin route for both authors.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Model, Q
from django.utils.functional import cached_property
from wagtail.models import Collection, CollectionMember, Page
from wagtail.permission_policies.base import ModelPermissionPolicy

from core.tracks import MRC_EDITORS, TRACK_AUTHOR_GROUPS, Track

ALL_TRACKS = frozenset(t.value for t in Track)

# Models whose track is not a `track` field of their own.
TRACK_LOOKUPS = {"assessments.question": "bank__track"}

# URL keyword arguments that name an object, whatever the view.
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
KWARG_MODELS = {
    "image_id": "wagtailimages.Image",
    "document_id": "wagtaildocs.Document",
    "doc_id": "wagtaildocs.Document",
    "quiz_id": "assessments.Quiz",
}
# Function views whose `pk` names an object of this model.
ROUTE_MODELS = {
    "media_pipeline_admin:status": "media_pipeline.Video",
    "media_pipeline_admin:retry": "media_pipeline.Video",
    "certificates_admin_detail": "certificates.Certificate",
    "certificates_admin_template_preview": "certificates.CertificateTemplate",
    "wagtailadmin_pages:revisions_compare": "wagtailcore.Page",
}


def admin_tracks(user) -> frozenset[str]:
    """The tracks whose authored objects `user` sees in the admin."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return ALL_TRACKS
    groups = getattr(user, "_safar_admin_groups", None)
    if groups is None:
        groups = set(user.groups.values_list("name", flat=True))
        user._safar_admin_groups = groups  # once per request's user object
    if MRC_EDITORS in groups:
        return ALL_TRACKS
    return frozenset(str(track) for track, group in TRACK_AUTHOR_GROUPS.items() if group in groups)


def hidden_tracks(user) -> frozenset[str]:
    return ALL_TRACKS - admin_tracks(user)


def _model(model) -> type[Model]:
    return apps.get_model(model) if isinstance(model, str) else model


def track_lookup(model) -> str | None:
    """The lookup of `model`'s track field (None: its objects have no track field)."""
    model = _model(model)
    lookup = TRACK_LOOKUPS.get(model._meta.label_lower)
    if lookup is None and any(f.name == "track" for f in model._meta.concrete_fields):
        lookup = "track"
    return lookup


def in_tracks_q(model, tracks) -> Q | None:
    """A filter matching the objects of `model` that belong to one of `tracks`;
    None when the model's objects belong to no track."""
    from cms.models import TrackCollection, TrackIndexPage

    model = _model(model)
    if issubclass(model, Page):
        paths = TrackIndexPage.objects.filter(track__in=tracks).values_list("path", flat=True)
        return _any_prefix("path", paths)
    if issubclass(model, CollectionMember):
        # By id (Wagtail's images and documents can be searched filtered by it).
        paths = TrackCollection.objects.filter(track__in=tracks).values_list(
            "collection__path", flat=True
        )
        collections = Collection.objects.filter(_any_prefix("path", paths))
        return Q(collection_id__in=list(collections.values_list("pk", flat=True)))
    lookup = track_lookup(model)
    return Q(**{f"{lookup}__in": list(tracks)}) if lookup else None


def _any_prefix(field: str, prefixes) -> Q:
    """Matches rows whose `field` starts with one of `prefixes` (none: no row)."""
    q = Q(pk__in=[])
    for prefix in prefixes:
        q |= Q(**{f"{field}__startswith": prefix})
    return q


def visible_to(queryset, user):
    """`queryset` without the objects of the tracks `user` may not see in the admin."""
    hidden = hidden_tracks(user)
    if not hidden:
        return queryset
    q = in_tracks_q(queryset.model, hidden)
    return queryset if q is None else queryset.exclude(q)


def is_hidden(user, model, pk) -> bool:
    """Whether the object `pk` of `model` exists and is in a track `user` may not
    see (a malformed or missing id is not hidden: the view answers as usual)."""
    hidden = hidden_tracks(user)
    if not hidden or pk in (None, ""):
        return False
    model = _model(model)
    q = in_tracks_q(model, hidden)
    if q is None:
        return False
    try:
        return model._base_manager.filter(q, pk=pk).exists()
    except (ValueError, TypeError, ValidationError, OverflowError):
        return False


def instance_hidden(user, instance) -> bool:
    return is_hidden(user, type(instance), instance.pk)


class TrackPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, limited to the user's tracks: another
    track's object is one the user has no permission at all for."""

    def instances_user_has_any_permission_for(self, user, actions):
        return visible_to(super().instances_user_has_any_permission_for(user, actions), user)

    def user_has_permission_for_instance(self, user, action, instance):
        if instance_hidden(user, instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)


def _track_chooser_viewset_class():
    from wagtail.snippets.views.chooser import (
        ChooseResultsView,
        ChooseView,
        SnippetChooserViewSet,
    )

    class TrackObjectListMixin:
        def get_object_list(self):
            return visible_to(super().get_object_list(), self.request.user)

    class TrackChooseView(TrackObjectListMixin, ChooseView):
        pass

    class TrackChooseResultsView(TrackObjectListMixin, ChooseResultsView):
        pass

    class TrackSnippetChooserViewSet(SnippetChooserViewSet):
        choose_view_class = TrackChooseView
        choose_results_view_class = TrackChooseResultsView

    return TrackSnippetChooserViewSet


def form_limit_to_tracks(form, user) -> None:
    """A form's `track` field offers only the user's tracks (an author's one
    track is set and cannot be changed), and its choosers of track objects accept
    only those tracks' objects."""
    from django.forms import ModelChoiceField

    if user is None:
        return
    tracks = admin_tracks(user)
    field = form.fields.get("track")
    if field is not None:
        field.choices = [(v, label) for v, label in field.choices if v in tracks]
        if len(tracks) == 1:
            # An author's objects are in their track: shown, not chosen.
            form.initial["track"] = next(iter(tracks))
            field.disabled = True
    for field in form.fields.values():
        if isinstance(field, ModelChoiceField) and field.queryset is not None:
            field.queryset = visible_to(field.queryset, user)


_track_forms: dict = {}


def track_form_class(base):
    if base not in _track_forms:

        def __init__(self, *args, **kwargs):
            base.__init__(self, *args, **kwargs)
            form_limit_to_tracks(self, getattr(self, "for_user", None))

        _track_forms[base] = type(base)(base.__name__, (base,), {"__init__": __init__})
    return _track_forms[base]


def track_policy_register(*models) -> None:
    """Make `TrackPermissionPolicy` the permission policy of these models
    (Wagtail's registry: viewsets, choosers and reference views ask it)."""
    from wagtail.permissions import register_permission_policy

    for model in models:
        register_permission_policy(model, TrackPermissionPolicy(model), exact_class=True)
        if model not in _registered:
            _registered.append(model)


_registered: list[type[Model]] = []


_track_index_views: dict = {}


def track_index_view_class(base):
    """A listing view whose filters (e.g. a question's bank) offer only the
    user's tracks' objects."""
    if base not in _track_index_views:
        from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter

        @cached_property
        def filters(self):
            filterset = base.filters.func(self)
            for name, item in getattr(filterset, "filters", {}).items():
                if not isinstance(item, ModelChoiceFilter | ModelMultipleChoiceFilter):
                    continue
                queryset = item.get_queryset(self.request)
                if queryset is not None:
                    item.queryset = visible_to(queryset, self.request.user)
                    field = filterset.form.fields.get(name)
                    if field is not None:
                        field.queryset = item.queryset
            return filterset

        filters.__set_name__(None, "filters")
        _track_index_views[base] = type(base.__name__, (base,), {"filters": filters})
    return _track_index_views[base]


class TrackScopedViewSetMixin:
    """For a SnippetViewSet of a model with a track: listing, search, filters,
    chooser, forms and permissions show only the user's tracks (single
    objects: the middleware).

    The listing's search runs on the database (icontains on the viewset's
    `search_fields`, on SQLite and PostgreSQL alike): Wagtail's search backend
    cannot apply the track filter of `visible_to` (a related field for
    questions: FilterFieldError), and on SQLite it cannot restrict a search to
    given fields ("no such column")."""

    search_backend_name = None

    def get_form_class(self, for_update=False):
        return track_form_class(super().get_form_class(for_update))

    @cached_property
    def index_view_class(self):
        return track_index_view_class(super().index_view_class)

    @cached_property
    def index_results_view_class(self):
        return track_index_view_class(super().index_results_view_class)

    @cached_property
    def chooser_viewset_class(self):
        return _track_chooser_viewset_class()

    def get_queryset(self, request):
        return visible_to(self.model._default_manager.all(), request.user)
