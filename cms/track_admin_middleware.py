"""AdminTrackWallMiddleware: an admin URL that names another track's object (in
its path, or as `?id=` / `?childOf=` of a bulk action or a chooser) gets exactly
the answer of a missing id (see cms.track_admin for the rule)."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Model
from wagtail.models import Page

from .track_admin import (
    KWARG_MODELS,
    PAGE_KWARGS,
    ROUTE_MODELS,
    _model,
    hidden_tracks,
    instance_hidden,
    is_hidden,
)

# Stands for the hidden object's id: no row has it (the largest 32-bit id: valid
# for every id column and URL converter, not falsy, which some views read as
# "none given"), so the view answers exactly as it does for any missing id (404,
# its own permission redirect, 405, a redirect to that id's other URL...).
ABSENT_ID = "2147483647"


def _view_model(view_func, route_name: str):
    if route_name in ROUTE_MODELS:
        return _model(ROUTE_MODELS[route_name])
    initkwargs = (
        getattr(view_func, "view_initkwargs", None) or getattr(view_func, "initkwargs", None) or {}
    )
    view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
    model = initkwargs.get("model") or getattr(view_class, "model", None)
    if not isinstance(model, type | str):
        return None
    try:
        return _model(model)
    except (LookupError, ValueError):
        return None


def _translation_object(kwarg: str, value):
    """wagtail-localize's views name a translation (or its source): the object
    they are about is the source's instance."""
    from wagtail_localize.models import Translation, TranslationSource

    try:
        if kwarg == "translation_id":
            translation = Translation.objects.select_related("source").filter(pk=value).first()
            source = translation.source if translation else None
        else:
            source = TranslationSource.objects.filter(pk=value).first()
        return source.get_source_instance() if source else None
    except (ValueError, TypeError, LookupError, Model.DoesNotExist):
        return None


def hidden_references(request, view_func, kwargs, route_name: str, user) -> tuple[set, set]:
    """The URL keyword arguments and the `?id=` / `?childOf=` values of an admin
    request that name an object `user` may not see."""
    hidden_kwargs: set[str] = set()
    for key in PAGE_KWARGS:
        if key in kwargs and is_hidden(user, Page, kwargs[key]):
            hidden_kwargs.add(key)
    for key, model in KWARG_MODELS.items():
        if key in kwargs and is_hidden(user, model, kwargs[key]):
            hidden_kwargs.add(key)
    for key in ("translation_id", "translation_source_id"):
        if key in kwargs:
            obj = _translation_object(key, kwargs[key])
            if obj is not None and instance_hidden(user, obj):
                hidden_kwargs.add(key)
    model = None
    if "app_label" in kwargs and "model_name" in kwargs:
        try:
            model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
        except LookupError:
            model = None
    else:
        model = _view_model(view_func, route_name)
    hidden_ids: set[str] = set()
    if model is not None:
        for key in ("pk", "object_id"):
            if key in kwargs and is_hidden(user, model, kwargs[key]):
                hidden_kwargs.add(key)
        hidden_ids = {i for i in request.GET.getlist("id") if is_hidden(user, model, i)}
        if issubclass(model, Page) and is_hidden(user, Page, request.GET.get("childOf")):
            hidden_ids.add(request.GET["childOf"])
    return hidden_kwargs, hidden_ids


class AdminTrackWallMiddleware:
    """An admin URL naming another track's object is answered as if that object
    did not exist: the view runs with a missing id in its place (see the module
    doc), so the answer is the same, whatever the view does with a missing id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is None or not match.route.startswith("admin/"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not hidden_tracks(user):
            return None
        hidden_kwargs, hidden_ids = hidden_references(
            request, view_func, view_kwargs, match.view_name, user
        )
        if not hidden_kwargs and not hidden_ids:
            return None
        kwargs = {
            k: (type(v)(ABSENT_ID) if k in hidden_kwargs else v) for k, v in view_kwargs.items()
        }
        if hidden_ids:
            query = request.GET.copy()
            query.setlist("id", [ABSENT_ID if i in hidden_ids else i for i in query.getlist("id")])
            if query.get("childOf") in hidden_ids:
                query["childOf"] = ABSENT_ID
            request.GET = query
        response = view_func(request, *view_args, **kwargs)
        location = response.get("Location") if hasattr(response, "get") else None
        if location:
            # A redirect to the URL of the id asked for, as for a missing one.
            for key in hidden_kwargs:
                location = location.replace(f"/{ABSENT_ID}/", f"/{view_kwargs[key]}/", 1)
            response["Location"] = location
        return response
