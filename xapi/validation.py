"""The xAPI Data rules (xAPI-Data.md, 1.0.3 and 2.0.0): a statement that breaks
one is refused with 400 and a message naming the property."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from django.utils.dateparse import parse_datetime

from .exceptions import ValidationError

IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:[^\s]*$")
SHA1 = re.compile(r"^[0-9a-f]{40}$")
LANGUAGE_TAG = re.compile(r"^(?:[a-zA-Z]{1,8})(?:-[a-zA-Z0-9]{1,8})*$")
# ISO 8601 durations as xAPI uses them: weeks stand alone (P4W, not P4W1D).
DURATION = re.compile(
    r"^P(?:\d+(?:\.\d+)?W|(?!$)(\d+(?:\.\d+)?Y)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?D)?"
    r"(T(?=\d)(\d+(?:\.\d+)?H)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?S)?)?)$"
)
# Offsets that name no time zone: -00, -0000 and -00:00 (RFC 3339 "unknown").
UNKNOWN_OFFSET = re.compile(r"-00(?::?00)?$")
INTERACTION_TYPES = {
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
}
COMPONENT_LISTS = {"choices", "scale", "source", "target", "steps"}
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature"


def fail(path: str, message: str):
    raise ValidationError(f"{path}: {message}")


def _object(value, path):
    if not isinstance(value, dict):
        fail(path, "must be a JSON object")
    return value


def _keys(value: dict, allowed: set[str], path: str, required: set[str] = frozenset()):
    # The set comparisons run in C; the loops only find which key is wrong.
    if not value.keys() <= allowed:
        for key in value:
            if key not in allowed:
                fail(f"{path}.{key}", "is not a property the specification allows here")
    if not value.keys() >= required:
        for key in required:
            if key not in value:
                fail(f"{path}.{key}", "is required")


def _iri(value, path):
    if not isinstance(value, str) or not IRI.match(value):
        fail(path, "must be an IRI (with a scheme, e.g. https://...)")


# A UUID as most clients write it, which needs no parsing to be normalised.
CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def canonical_uuid(value: str) -> str:
    """A UUID string in its lower-case hyphenated form (ValueError if it is none)."""
    return value if CANONICAL_UUID.fullmatch(value) else str(uuid.UUID(value))


def _uuid(value, path) -> str:
    if not isinstance(value, str):
        fail(path, "must be a UUID string")
    try:
        return canonical_uuid(value)
    except ValueError:
        fail(path, "must be a UUID")


def _bool(value, path):
    if not isinstance(value, bool):
        fail(path, "must be true or false")


def _string(value, path):
    if not isinstance(value, str):
        fail(path, "must be a string")


def _number(value, path):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail(path, "must be a number")


def language_map(value, path):
    _object(value, path)
    for tag, text in value.items():
        if not LANGUAGE_TAG.match(tag):
            fail(path, f"{tag!r} is not a language tag (RFC 5646)")
        _string(text, f"{path}.{tag}")


def extensions(value, path):
    _object(value, path)
    for key in value:
        _iri(key, f"{path} key {key!r}")


def timestamp(value, path, *, version: str) -> datetime:
    if not isinstance(value, str):
        fail(path, "must be an ISO 8601 timestamp string")
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None or not re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        fail(path, "must be an ISO 8601 timestamp, e.g. 2026-11-26T10:00:00Z")
    if parsed.tzinfo is None:
        if version.startswith("2."):
            fail(path, "must give a timezone offset (xAPI 2.0)")
        from datetime import UTC

        parsed = parsed.replace(tzinfo=UTC)
    if UNKNOWN_OFFSET.search(value):
        fail(path, "must not use the offset -00, -0000 or -00:00")
    return parsed


IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


def _ifi(value: dict, path: str) -> int:
    found = [key for key in IFIS if key in value]
    if "mbox" in value:
        mbox = value["mbox"]
        if not isinstance(mbox, str) or not re.match(r"^mailto:[^@\s]+@[^@\s]+$", mbox):
            fail(f"{path}.mbox", "must be a mailto: IRI")
    sha1 = value.get("mbox_sha1sum")
    if "mbox_sha1sum" in value and not (isinstance(sha1, str) and SHA1.match(sha1)):
        fail(f"{path}.mbox_sha1sum", "must be a SHA-1 hex digest")
    if "openid" in value:
        _iri(value["openid"], f"{path}.openid")
    if "account" in value:
        account = _object(value["account"], f"{path}.account")
        _keys(account, {"homePage", "name"}, f"{path}.account", {"homePage", "name"})
        _iri(account["homePage"], f"{path}.account.homePage")
        _string(account["name"], f"{path}.account.name")
    return len(found)


def agent(value, path, *, allow_group=True, group_member=False):
    _object(value, path)
    object_type = value.get("objectType", "Agent")
    if object_type == "Group" and allow_group and not group_member:
        _keys(value, {"objectType", "name", "member", *IFIS}, path, {"objectType"})
        count = _ifi(value, path)
        if count > 1:
            fail(path, "an identified group has exactly one identifier")
        if "member" in value:
            if not isinstance(value["member"], list):
                fail(f"{path}.member", "must be an array of agents")
            for i, member in enumerate(value["member"]):
                agent(member, f"{path}.member[{i}]", allow_group=False, group_member=True)
        elif count == 0:
            fail(path, "an anonymous group must list its members")
        if "name" in value:
            _string(value["name"], f"{path}.name")
        return
    if object_type != "Agent":
        fail(f"{path}.objectType", "must be Agent" + (" or Group" if allow_group else ""))
    _keys(value, {"objectType", "name", *IFIS}, path)
    if _ifi(value, path) != 1:
        fail(path, "an agent has exactly one identifier (mbox, mbox_sha1sum, openid or account)")
    if "name" in value:
        _string(value["name"], f"{path}.name")


def _components(value, path):
    if not isinstance(value, list):
        fail(path, "must be an array of interaction components")
    seen = set()
    for i, component in enumerate(value):
        _object(component, f"{path}[{i}]")
        _keys(component, {"id", "description"}, f"{path}[{i}]", {"id"})
        _string(component["id"], f"{path}[{i}].id")
        if component["id"] in seen:
            fail(f"{path}[{i}].id", "must be unique in its list")
        seen.add(component["id"])
        if "description" in component:
            language_map(component["description"], f"{path}[{i}].description")


def activity_definition(value, path):
    _object(value, path)
    _keys(
        value,
        {
            "name",
            "description",
            "type",
            "moreInfo",
            "extensions",
            "interactionType",
            "correctResponsesPattern",
            *COMPONENT_LISTS,
        },
        path,
    )
    for key in ("name", "description"):
        if key in value:
            language_map(value[key], f"{path}.{key}")
    for key in ("type", "moreInfo"):
        if key in value:
            _iri(value[key], f"{path}.{key}")
    if "extensions" in value:
        extensions(value["extensions"], f"{path}.extensions")
    interaction = value.get("interactionType")
    if interaction is not None and (
        not isinstance(interaction, str) or interaction not in INTERACTION_TYPES
    ):
        fail(f"{path}.interactionType", f"must be one of {', '.join(sorted(INTERACTION_TYPES))}")
    if "correctResponsesPattern" in value:
        if interaction is None:
            fail(f"{path}.correctResponsesPattern", "needs an interactionType")
        pattern = value["correctResponsesPattern"]
        if not isinstance(pattern, list) or not all(isinstance(p, str) for p in pattern):
            fail(f"{path}.correctResponsesPattern", "must be an array of strings")
    for key in COMPONENT_LISTS & value.keys():
        if interaction is None:
            fail(f"{path}.{key}", "needs an interactionType")
        _components(value[key], f"{path}.{key}")


def activity(value, path):
    _object(value, path)
    _keys(value, {"objectType", "id", "definition"}, path, {"id"})
    if value.get("objectType", "Activity") != "Activity":
        fail(f"{path}.objectType", "must be Activity")
    _iri(value["id"], f"{path}.id")
    if "definition" in value:
        activity_definition(value["definition"], f"{path}.definition")


def statement_ref(value, path):
    _keys(value, {"objectType", "id"}, path, {"objectType", "id"})
    _uuid(value["id"], f"{path}.id")


def verb(value, path):
    _object(value, path)
    _keys(value, {"id", "display"}, path, {"id"})
    _iri(value["id"], f"{path}.id")
    if "display" in value:
        language_map(value["display"], f"{path}.display")


def result(value, path):
    _object(value, path)
    _keys(value, {"score", "success", "completion", "response", "duration", "extensions"}, path)
    if "score" in value:
        score = _object(value["score"], f"{path}.score")
        _keys(score, {"scaled", "raw", "min", "max"}, f"{path}.score")
        for key in score:
            _number(score[key], f"{path}.score.{key}")
        if "scaled" in score and not -1 <= score["scaled"] <= 1:
            fail(f"{path}.score.scaled", "must be between -1 and 1")
        low, high = score.get("min"), score.get("max")
        if low is not None and high is not None and low >= high:
            fail(f"{path}.score.min", "must be less than max")
        if "raw" in score:
            if low is not None and score["raw"] < low:
                fail(f"{path}.score.raw", "must not be less than min")
            if high is not None and score["raw"] > high:
                fail(f"{path}.score.raw", "must not be more than max")
    for key in ("success", "completion"):
        if key in value:
            _bool(value[key], f"{path}.{key}")
    if "response" in value:
        _string(value["response"], f"{path}.response")
    duration = value.get("duration")
    if "duration" in value and not (isinstance(duration, str) and DURATION.match(duration)):
        fail(f"{path}.duration", "must be an ISO 8601 duration, e.g. PT1M30S")
    if "extensions" in value:
        extensions(value["extensions"], f"{path}.extensions")


def context(value, path, *, object_is_activity: bool, version: str):
    _object(value, path)
    allowed = {
        "registration",
        "instructor",
        "team",
        "contextActivities",
        "revision",
        "platform",
        "language",
        "statement",
        "extensions",
    }
    if version.startswith("2."):
        allowed |= {"contextAgents", "contextGroups"}
    _keys(value, allowed, path)
    if "registration" in value:
        _uuid(value["registration"], f"{path}.registration")
    if "instructor" in value:
        agent(value["instructor"], f"{path}.instructor")
    if "team" in value:
        if _object(value["team"], f"{path}.team").get("objectType") != "Group":
            fail(f"{path}.team", "must be a Group")
        agent(value["team"], f"{path}.team")
    if "contextActivities" in value:
        activities = _object(value["contextActivities"], f"{path}.contextActivities")
        _keys(activities, {"parent", "grouping", "category", "other"}, f"{path}.contextActivities")
        for key, items in activities.items():
            items = items if isinstance(items, list) else [items]
            for i, item in enumerate(items):
                activity(item, f"{path}.contextActivities.{key}[{i}]")
    for key in ("revision", "platform"):
        if key in value:
            if not object_is_activity:
                fail(f"{path}.{key}", "is allowed only when the object is an activity")
            _string(value[key], f"{path}.{key}")
    language = value.get("language")
    if "language" in value and not (isinstance(language, str) and LANGUAGE_TAG.match(language)):
        fail(f"{path}.language", "must be a language tag (RFC 5646)")
    if "statement" in value:
        ref = _object(value["statement"], f"{path}.statement")
        if ref.get("objectType") != "StatementRef":
            fail(f"{path}.statement.objectType", "must be StatementRef")
        statement_ref(ref, f"{path}.statement")
    if "extensions" in value:
        extensions(value["extensions"], f"{path}.extensions")
    for key, kind, member in (
        ("contextAgents", "contextAgent", "agent"),
        ("contextGroups", "contextGroup", "group"),
    ):
        if key in value:
            if not isinstance(value[key], list):
                fail(f"{path}.{key}", "must be an array")
            for i, item in enumerate(value[key]):
                _context_actor(item, f"{path}.{key}[{i}]", kind=kind, member=member)


def _context_actor(item, path, *, kind: str, member: str):
    """A contextAgent or contextGroup object (xAPI 2.0 Data §2.4.6.2)."""
    _object(item, path)
    _keys(item, {"objectType", member, "relevantTypes"}, path, {"objectType", member})
    if item["objectType"] != kind:
        fail(f"{path}.objectType", f"must be {kind}")
    if member == "agent":
        agent(item["agent"], f"{path}.agent", allow_group=False)
    else:
        if _object(item["group"], f"{path}.group").get("objectType") != "Group":
            fail(f"{path}.group", "must be a Group")
        agent(item["group"], f"{path}.group")
    if "relevantTypes" in item:
        types = item["relevantTypes"]
        if not isinstance(types, list) or not types:
            fail(f"{path}.relevantTypes", "must be a non-empty array of IRIs")
        for i, iri in enumerate(types):
            _iri(iri, f"{path}.relevantTypes[{i}]")


def attachment(value, path):
    _object(value, path)
    _keys(
        value,
        {"usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"},
        path,
        {"usageType", "display", "contentType", "length", "sha2"},
    )
    _iri(value["usageType"], f"{path}.usageType")
    language_map(value["display"], f"{path}.display")
    if "description" in value:
        language_map(value["description"], f"{path}.description")
    _string(value["contentType"], f"{path}.contentType")
    if isinstance(value["length"], bool) or not isinstance(value["length"], int):
        fail(f"{path}.length", "must be an integer")
    _string(value["sha2"], f"{path}.sha2")
    if "fileUrl" in value:
        _iri(value["fileUrl"], f"{path}.fileUrl")


def statement_object(value, path, *, sub=False, version):
    _object(value, path)
    object_type = value.get("objectType", "Activity")
    if object_type == "Activity":
        activity(value, path)
    elif object_type in ("Agent", "Group"):
        agent(value, path)
    elif object_type == "StatementRef":
        statement_ref(value, path)
    elif object_type == "SubStatement":
        if sub:
            fail(path, "a sub-statement cannot contain another sub-statement")
        _statement_body(value, path, sub=True, version=version)
    else:
        fail(f"{path}.objectType", "must be Activity, Agent, Group, StatementRef or SubStatement")


def _statement_body(value, path, *, sub, version):
    allowed = {"actor", "verb", "object", "result", "context", "timestamp", "attachments"}
    if sub:
        allowed |= {"objectType"}
    else:
        allowed |= {"id", "stored", "authority", "version"}
    _keys(value, allowed, path, {"actor", "verb", "object"})
    agent(value["actor"], f"{path}.actor")
    verb(value["verb"], f"{path}.verb")
    statement_object(value["object"], f"{path}.object", sub=sub, version=version)
    if "result" in value:
        result(value["result"], f"{path}.result")
    if "context" in value:
        object_is_activity = value["object"].get("objectType", "Activity") == "Activity"
        context(
            value["context"],
            f"{path}.context",
            object_is_activity=object_is_activity,
            version=version,
        )
    if "timestamp" in value:
        timestamp(value["timestamp"], f"{path}.timestamp", version=version)
    if "attachments" in value:
        if not isinstance(value["attachments"], list):
            fail(f"{path}.attachments", "must be an array")
        for i, item in enumerate(value["attachments"]):
            attachment(item, f"{path}.attachments[{i}]")


def statement(value, *, version: str = "1.0.3", path: str = "statement") -> None:
    """Raise ValidationError unless `value` is a valid statement to store."""
    _object(value, path)
    _statement_body(value, path, sub=False, version=version)
    if "id" in value:
        _uuid(value["id"], f"{path}.id")
    if "stored" in value:
        timestamp(value["stored"], f"{path}.stored", version=version)
    if "authority" in value:
        authority = _object(value["authority"], f"{path}.authority")
        agent(authority, f"{path}.authority")
        if authority.get("objectType") == "Group" and (
            any(key in authority for key in IFIS) or len(authority.get("member", [])) != 2
        ):
            fail(
                f"{path}.authority",
                "a group authority is an anonymous group of exactly two agents (OAuth)",
            )
    if "version" in value and (
        not isinstance(value["version"], str)
        or not re.match(r"^(1\.0(\.\d+)?|2\.0(\.\d+)?)$", value["version"])
    ):
        fail(f"{path}.version", "must be 1.0.x or 2.0.x")
    if value["verb"]["id"] == VOIDED:
        target = value["object"]
        if target.get("objectType") != "StatementRef":
            fail(f"{path}.object", "a voiding statement's object must be a StatementRef")
