"""Statements for an external LRS that speaks xAPI 1.0.3 only.

Safar stores what xAPI 2.0 allows; a 1.0.3 LRS refuses some of it (400), so
before forwarding there a statement is converted, or kept back when its
endpoint says so:

- `version` "2.0.x" becomes "1.0.3";
- `timestamp` and `stored` keep at most milliseconds (1.0.3 LRSs compare and
  store to the millisecond; 2.0 allows any precision);
- `context.contextAgents` and `context.contextGroups` (new in 2.0, in the
  statement and its sub-statement) have no place in 1.0.3: converted, they move
  into `context.extensions` under CONTEXT_AGENTS_IRI / CONTEXT_GROUPS_IRI, as
  they were; with the endpoint set to refuse, the statement is not sent
  (`NotConvertible`). A signed statement is never restructured (its signature
  would no longer match): it is kept back too.
"""

from __future__ import annotations

import re

from django.conf import settings

from .validation import SIGNATURE_USAGE

# Milliseconds at most, the zone kept: ".123456Z" -> ".123Z".
_FRACTION = re.compile(r"(\.\d{3})\d+")


class NotConvertible(Exception):
    """The statement uses xAPI 2.0 content the endpoint does not want converted."""


def extension_iris() -> dict[str, str]:
    base = f"{settings.SITE_URL}/xapi/extensions"
    return {"contextAgents": f"{base}/context-agents", "contextGroups": f"{base}/context-groups"}


def _timestamp(value):
    return _FRACTION.sub(r"\1", value, count=1) if isinstance(value, str) else value


def _body(body: dict, *, convert: bool, signed: bool) -> dict:
    out = dict(body)
    if "timestamp" in out:
        out["timestamp"] = _timestamp(out["timestamp"])
    context = out.get("context")
    if isinstance(context, dict):
        moved = [key for key in ("contextAgents", "contextGroups") if key in context]
        if moved:
            if not convert:
                raise NotConvertible(f"it uses context.{moved[0]} (xAPI 2.0)")
            if signed:
                raise NotConvertible(
                    f"it is signed and uses context.{moved[0]} (xAPI 2.0): "
                    "converting it would break its signature"
                )
            iris = extension_iris()
            context = dict(context)
            extensions = dict(context.get("extensions") or {})
            for key in moved:
                extensions[iris[key]] = context.pop(key)
            context["extensions"] = extensions
            out["context"] = context
    target = out.get("object")
    if isinstance(target, dict) and target.get("objectType") == "SubStatement":
        out["object"] = _body(target, convert=convert, signed=signed)
    return out


def to_103(statement: dict, *, convert: bool = True) -> dict:
    """The statement as a 1.0.3 LRS accepts it; raises NotConvertible."""
    signed = any(
        isinstance(item, dict) and item.get("usageType") == SIGNATURE_USAGE
        for item in statement.get("attachments") or []
    )
    out = _body(statement, convert=convert, signed=signed)
    if "stored" in out:
        out["stored"] = _timestamp(out["stored"])
    if str(out.get("version", "")).startswith("2."):
        out["version"] = "1.0.3"
    return out
