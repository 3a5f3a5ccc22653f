"""Keys that identify agents and the canonical forms the LRS compares."""

from __future__ import annotations

import hashlib
import json
import re


def agent_key(agent: dict | None) -> str:
    """One string per Inverse Functional Identifier: agents (or identified
    groups) with the same identifier are the same. Anonymous groups get a key
    made of their members'."""
    if not agent:
        return ""
    if "mbox" in agent:
        return f"mbox:{agent['mbox'].lower()}"
    if "mbox_sha1sum" in agent:
        return f"sha1:{agent['mbox_sha1sum'].lower()}"
    if "openid" in agent:
        return f"openid:{agent['openid']}"
    if "account" in agent:
        account = agent["account"]
        return f"account:{account['homePage']}|{account['name']}"
    members = sorted(agent_key(member) for member in agent.get("member", []))
    return "anon:" + hashlib.sha1("\n".join(members).encode(), usedforsecurity=False).hexdigest()


def ifi_only(agent: dict) -> dict:
    """The agent reduced to its identifier (the `ids` format)."""
    reduced = {"objectType": agent.get("objectType", "Agent")}
    for key in ("mbox", "mbox_sha1sum", "openid", "account"):
        if key in agent:
            reduced[key] = agent[key]
            break
    else:
        if "member" in agent:
            reduced["member"] = [ifi_only(member) for member in agent["member"]]
    return reduced


def canonical_json(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# Properties the LRS sets or may change: two statements with the same id that
# differ only in these are the same statement (xAPI-Data "Statement comparison").
IGNORED_IN_COMPARISON = ("id", "stored", "authority", "version", "timestamp")


CONTEXT_ACTIVITY_KINDS = ("parent", "grouping", "category", "other")
_SECONDS = re.compile(r"(\d+)(?:\.(\d{1,2})\d*)?S$")


def with_arrays(statement: dict) -> dict:
    """The statement with every context activity as an array (xAPI-Data
    §2.4.6.2: the LRS returns arrays even for a single object), in the
    statement and its sub-statement; the input is not changed."""
    out = statement
    context = statement.get("context")
    if isinstance(context, dict) and isinstance(context.get("contextActivities"), dict):
        activities = context["contextActivities"]
        if any(isinstance(v, dict) for v in activities.values()):
            out = dict(statement)
            out["context"] = {
                **context,
                "contextActivities": {
                    k: [v] if isinstance(v, dict) else v for k, v in activities.items()
                },
            }
    target = statement.get("object")
    if isinstance(target, dict) and target.get("objectType") == "SubStatement":
        sub = with_arrays(target)
        if sub is not target:
            out = {**out, "object": sub}
    return out


def truncated_duration(duration: str) -> str:
    """A duration with its seconds cut to hundredths (xAPI 2.0 Data §4.2.7:
    precision beyond 0.01 s is not compared)."""
    return _SECONDS.sub(
        lambda m: f"{m.group(1)}.{m.group(2)}S" if m.group(2) else f"{m.group(1)}S", duration
    )


def _for_comparison(body: dict) -> dict:
    body = with_arrays(body)
    result = body.get("result")
    if isinstance(result, dict) and isinstance(result.get("duration"), str):
        body = {**body, "result": {**result, "duration": truncated_duration(result["duration"])}}
    target = body.get("object")
    if isinstance(target, dict) and target.get("objectType") == "SubStatement":
        body = {**body, "object": _for_comparison(target)}
    return body


def comparable(statement: dict, *, ignored=IGNORED_IN_COMPARISON) -> str:
    """The form two statements are compared in (same id, or a signature's
    payload against its statement): without what the LRS sets, context
    activities as arrays, durations to hundredths of a second."""
    statement = _for_comparison(statement)
    return canonical_json({k: v for k, v in statement.items() if k not in ignored})
