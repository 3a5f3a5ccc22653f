"""Keys that identify agents and the canonical forms the LRS compares."""

from __future__ import annotations

import hashlib
import json


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


def comparable(statement: dict) -> str:
    return canonical_json({k: v for k, v in statement.items() if k not in IGNORED_IN_COMPARISON})
