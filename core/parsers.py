"""JSON request bodies for the API, with limits checked before anything is
built from them: at most SAFAR_JSON_MAX_BYTES, nested at most
SAFAR_JSON_MAX_DEPTH arrays/objects deep. Python's json module recurses once
per level, so a body nested 5,000 deep used to end in a RecursionError (500);
orjson stops by itself at 1,024 levels ("depth limit exceeded"), and the depth
of what it returns is checked without recursion, so the rest of the code
(serializers, json.dumps into a JSONField) never sees a deeper structure."""

import orjson
from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def too_deep(data, limit: int) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def loads(body: bytes | str):
    """Parse JSON within the limits; ValueError (with a message a person can
    act on) when it is too large, too deep or not JSON."""
    if isinstance(body, str):
        body = body.encode("utf-8", "surrogatepass")
    if len(body) > settings.SAFAR_JSON_MAX_BYTES:
        raise ValueError(
            _("The JSON is too large: at most %(kb)d KB.")
            % {"kb": settings.SAFAR_JSON_MAX_BYTES // 1024}
        )
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        if "depth limit" in str(exc) or "recursion" in str(exc).lower():
            raise ValueError(_("The JSON is nested too deeply.")) from exc
        raise ValueError(_("The body is not valid JSON: %(error)s") % {"error": exc}) from exc
    if too_deep(data, settings.SAFAR_JSON_MAX_DEPTH):
        raise ValueError(
            _("The JSON is nested too deeply: at most %(depth)d levels.")
            % {"depth": settings.SAFAR_JSON_MAX_DEPTH}
        )
    return data


class LimitedJSONParser(JSONParser):
    """DRF's JSON parser with the limits above (REST_FRAMEWORK's
    DEFAULT_PARSER_CLASSES)."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.SAFAR_JSON_MAX_BYTES
        body = stream.read(limit + 1) if stream is not None else b""
        try:
            return loads(body)
        except ValueError as exc:
            raise ParseError(str(exc)) from exc
