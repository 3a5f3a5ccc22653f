"""Bad input to the Wagtail admin is a 4xx, never a 500.

Wagtail's views trust the browser to send what their own forms and scripts
send. A hand-made request (a fuzzer's, a stale tab's, a broken script's) made
some of them raise, which is a 500:

- an id that is not an id of the view's model (`chosen/abc/`,
  `chosen-multiple/?id=abc`: "Field 'id' expected a number"), or too large for
  the database (`?id=99999999999999999999`), is not found: 404,
  like `lms.middleware.OutOfRangeIdMiddleware` does for ids too large;
- a chooser's "create" step for a model whose chooser has no creation form
  (every snippet chooser: POST called `is_valid` on None) does not exist: 404;
- a form POST without the fields that Wagtail reads without a check is 400:
  the external-link chooser without its URL field (AttributeError), the
  redirects import's confirmation without its signed hidden fields, with forged
  ones, or naming an upload that is gone (KeyError, AttributeError,
  FileNotFoundError);
- a form POST without a StreamField's or a formset's hidden counters
  (`choices-count`, `*-TOTAL_FORMS`: MultiValueDictKeyError) is 400. Both 400s
  are `BadRequest`, so Django's handler400 (`lms.errors.bad_request`) answers.

tests/cms/test_admin_bad_input.py sends each shape to each route as the author
of each track and as a superuser.
"""

from __future__ import annotations

from django.core.exceptions import BadRequest, ValidationError
from django.core.signing import BadSignature, Signer
from django.http import Http404
from django.utils.datastructures import MultiValueDictKeyError
from wagtail.admin.views.generic.chooser import CreateViewMixin, CreationFormMixin
from wagtail.models import Page

from core.api_fields import MAX_DATABASE_INT

from .track_admin_middleware import _view_model

# Views whose model `_view_model` cannot tell (function views).
ROUTE_MODELS = {"wagtailadmin_choose_page_chosen_multiple": Page}

# POST fields a view reads without checking that they were sent (an empty one
# is the form's to reject).
REQUIRED_POST_FIELDS = {
    "wagtailadmin_choose_page_external_link": ("external-link-chooser-url",),
}


def _redirects_import_is_gone_or_forged(post) -> bool:
    """The redirects import's confirmation names its upload by signed hidden
    fields; Wagtail's form fails (AttributeError, KeyError) when they are missing
    or forged, and the view when the upload is gone (a confirmation sent twice)
    or the format is not one of its formats."""
    from wagtail.contrib.redirects.utils import get_file_storage, get_import_formats

    signer = Signer()
    try:
        name = signer.unsign(post.get("import_file_name", ""))
        input_format = get_import_formats()[int(signer.unsign(post.get("input_format", "")))]()
        data = get_file_storage()(name=name).read(input_format.get_read_mode())
    except (BadSignature, ValueError, IndexError, OSError):
        return True
    return data is None


def _is_an_id_of(model, value) -> bool:
    """An id the model's primary key takes, and the database can hold."""
    try:
        value = model._meta.pk.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    return not (isinstance(value, int) and abs(value) > MAX_DATABASE_INT)


def _chooser_without_creation_form(view_func) -> bool:
    """A chooser's create view that keeps Wagtail's `get_creation_form_class`
    and has neither a form class nor form fields (so the method returns None)."""
    view_class = getattr(view_func, "view_class", None)
    if view_class is None or not issubclass(view_class, CreateViewMixin):
        return False
    if view_class.get_creation_form_class is not CreationFormMixin.get_creation_form_class:
        return False
    initkwargs = getattr(view_func, "view_initkwargs", None) or {}
    return all(
        initkwargs.get(attr, getattr(view_class, attr, None)) is None
        for attr in ("creation_form_class", "form_fields", "exclude_form_fields")
    )


class AdminBadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    @staticmethod
    def _in_admin(request) -> bool:
        match = getattr(request, "resolver_match", None)
        return match is not None and match.route.startswith("admin/")

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._in_admin(request):
            return None
        name = request.resolver_match.view_name
        model = ROUTE_MODELS.get(name) or _view_model(view_func, name)
        if model is not None:
            ids = request.GET.getlist("id") if name.endswith("chosen_multiple") else []
            if "pk" in view_kwargs and isinstance(view_kwargs["pk"], str):
                ids.append(view_kwargs["pk"])
            if any(not _is_an_id_of(model, value) for value in ids):
                raise Http404
        if _chooser_without_creation_form(view_func):
            raise Http404
        if (
            request.method == "POST"
            and name == "wagtailredirects:process_import"
            and _redirects_import_is_gone_or_forged(request.POST)
        ):
            raise BadRequest("redirects import: upload gone, or hidden fields forged")
        if request.method == "POST":
            required = REQUIRED_POST_FIELDS.get(name, ())
            if any(field not in request.POST for field in required):
                raise BadRequest(f"{name}: no {', '.join(required)}")
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, MultiValueDictKeyError) and self._in_admin(request):
            # Django's handler400 (lms.errors.bad_request) answers it.
            raise BadRequest(f"{request.path}: no {exception}") from exception
        return None
