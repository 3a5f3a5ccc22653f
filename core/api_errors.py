"""One error body for every 4xx of the API (DRF's EXCEPTION_HANDLER, and the
site's 400/403/404 handlers for URLs under /api/):

    {"error": {"status": 404, "code": "not_found", "message": "Not found.",
               "fields": {"progress": ["Ensure this value is less than or equal to 1.0."]}}}

`fields` is there for validation errors only (field name -> messages;
"non_field_errors" for the request as a whole)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def error_body(status: int, code: str, message: str, fields: dict | None = None) -> dict:
    error = {"status": status, "code": code, "message": message}
    if fields is not None:
        error["fields"] = fields
    return {"error": error}


def _first_code(codes) -> str:
    while isinstance(codes, dict | list) and codes:
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return codes if isinstance(codes, str) else "invalid"


def exception_handler(exc, context):
    # Django's Http404 (get_object_or_404, a viewset's get_object) and
    # PermissionDenied as DRF's own, so that they get the one body too, with
    # the generic message: "No LessonPage matches the given query." would tell
    # a missing id from another track's.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API error: Django's 500 handling
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        if isinstance(detail, dict) and set(detail) == {"non_field_errors"}:
            message = " ".join(str(m) for m in detail["non_field_errors"])
        else:
            message = _("The request has errors: see the fields.")
        response.data = error_body(
            response.status_code, _first_code(exc.get_codes()), message, fields
        )
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail
        message = str(detail if not isinstance(detail, dict | list) else exc.default_detail)
        response.data = error_body(response.status_code, _first_code(exc.get_codes()), message)
    return response


# The error body as an OpenAPI component, declared on every operation's 4xx
# (drf-spectacular's POSTPROCESSING_HOOKS, lms/settings/base.py).
ERROR_COMPONENT = {
    "type": "object",
    "description": "The one error body of every 4xx answer.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "description": "For validation errors: field name -> messages "
                    '("non_field_errors" for the request as a whole).',
                    "additionalProperties": True,
                },
            },
            "required": ["status", "code", "message"],
        }
    },
    "required": ["error"],
}
ERROR_DESCRIPTIONS = {
    "400": "The request is not valid (the fields say why).",
    "401": "Not signed in, or the token is wrong or has expired.",
    "403": "Signed in, but not allowed (or the session's CSRF check failed).",
    "404": "Not found (also another user's object, or one of another track).",
    "409": "Conflicts with the current state (already enrolled, attempt already submitted...).",
    "429": "Too many requests: try again later.",
}


def _statuses(path: str, method: str, operation: dict) -> list[str]:
    statuses = ["401", "403", "429"]
    if "requestBody" in operation or operation.get("parameters"):
        statuses.append("400")
    paginated = any(p.get("name") == "page" for p in operation.get("parameters", []))
    if "{" in path or method != "get" or paginated:
        statuses.append("404")  # an id in the path or the body, a page past the last
    if method != "get":
        statuses.append("409")
    return statuses


def declare_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: the Error component, and a response
    with it for each 4xx an operation can answer that it does not declare."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_COMPONENT
    reference = {"$ref": "#/components/schemas/Error"}
    for path, methods in result.get("paths", {}).items():
        for method, operation in methods.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for code in _statuses(path, method, operation):
                responses.setdefault(code, {"description": ERROR_DESCRIPTIONS[code]})
            for code, response in responses.items():
                if code.startswith("4"):
                    response["content"] = {"application/json": {"schema": reference}}
                    response.setdefault("description", ERROR_DESCRIPTIONS.get(code, ""))
    return result
