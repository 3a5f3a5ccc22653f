"""Reads from the Learning Record Store: the statement query with every filter
of xAPI-Communication §"GET Statements", `more` cursors, formats."""

from __future__ import annotations

from django.core import signing
from django.db.models import Exists, OuterRef, Q

from .exceptions import NotFound, ValidationError
from .identity import ifi_only
from .models import ActivityDefinition, LRSClient, Statement, StatementRelation

MAX_LIMIT = 500
DEFAULT_LIMIT = 100
# A `more` link stays valid this long (the spec asks for at least 24 hours): it
# is a signed cursor holding the query and the position, not a cached id list.
MORE_MAX_AGE_SECONDS = 7 * 24 * 3600
MORE_SALT = "xapi.statements.more"


def readable(client: LRSClient | None):
    """The statements `client` may read: the wall between the tracks holds here
    too. A client that may read every track also sees unscoped statements."""
    rows = Statement.objects.all()
    if client is None or client.all_tracks:
        return rows
    return rows.filter(track__in=list(client.tracks or []))


def statement_get(*, client: LRSClient | None, statement_id: str, voided: bool) -> Statement:
    row = readable(client).filter(statement_id=statement_id).first()
    if row is None or row.voided != voided:
        raise NotFound("no such statement" if not voided else "no such voided statement")
    return row


def more_token(query: dict, after_seq: int) -> str:
    return signing.dumps({**query, "after": after_seq}, salt=MORE_SALT, compress=True)


def more_query(token: str) -> dict:
    try:
        return signing.loads(token, salt=MORE_SALT, max_age=MORE_MAX_AGE_SECONDS)
    except signing.SignatureExpired as exc:
        raise ValidationError("this more link has expired: run the query again") from exc
    except signing.BadSignature as exc:
        raise ValidationError("more: not a link this LRS gave out") from exc


def _conditions(query: dict) -> list[Q]:
    """The filters that are not about time or position, one Q each: agent,
    verb, activity, registration (with the related_* widening)."""
    conditions = []
    if query.get("agent_key"):
        key = query["agent_key"]
        condition = Q(actor_key=key) | Q(object_agent_key=key)
        if query.get("related_agents"):
            condition |= Q(
                seq__in=StatementRelation.objects.filter(kind="agent", key=key).values(
                    "statement_id"
                )
            )
        conditions.append(condition)
    if query.get("verb"):
        conditions.append(Q(verb_id=query["verb"]))
    if query.get("activity"):
        condition = Q(object_activity_id=query["activity"])
        if query.get("related_activities"):
            condition |= Q(
                seq__in=StatementRelation.objects.filter(
                    kind="activity", key=query["activity"]
                ).values("statement_id")
            )
        conditions.append(condition)
    if query.get("registration"):
        conditions.append(Q(registration=query["registration"]))
    return conditions


def _positioned(rows, query: dict, ascending: bool):
    if query.get("since"):
        rows = rows.filter(stored__gt=query["since"])
    if query.get("until"):
        rows = rows.filter(stored__lte=query["until"])
    if query.get("after") is not None:
        rows = (
            rows.filter(seq__gt=query["after"])
            if ascending
            else rows.filter(seq__lt=query["after"])
        )
    return rows.order_by("seq" if ascending else "-seq").only("seq", "data", "has_attachments")


def statements_find(*, client: LRSClient | None, query: dict) -> tuple[list[Statement], int | None]:
    """The page of statements a query selects, and the position to continue
    from (None when there are no more). `query` holds the parsed filters:
    agent_key, verb, activity, registration, related_activities,
    related_agents, since, until (ISO strings), limit, ascending, after.

    xAPI-Communication §2.1.3 "Filter Conditions for StatementRefs": a statement
    whose object is a StatementRef meets each agent / verb / activity /
    registration filter that it or the statement it targets meets (one level;
    the target may be voided: that is how a client learns of voiding). Those
    statements are few (partial index on object_statement_id), so they are a
    second small query merged by position, which keeps the main query on its
    own index."""
    base = readable(client).filter(voided=False)
    ascending = bool(query.get("ascending"))
    limit = query.get("limit") or DEFAULT_LIMIT
    conditions = _conditions(query)
    page = list(_positioned(base.filter(*conditions), query, ascending)[: limit + 1])
    if conditions:
        # Each condition holds for the statement itself or for its target.
        refs = base.filter(object_statement_id__isnull=False)
        for condition in conditions:
            target = readable(client).filter(
                condition, statement_id=OuterRef("object_statement_id")
            )
            refs = refs.filter(condition | Q(Exists(target)))
        seen = {row.seq for row in page}
        extra = [
            row for row in _positioned(refs, query, ascending)[: limit + 1] if row.seq not in seen
        ]
        if extra:
            page = sorted(page + extra, key=lambda row: row.seq, reverse=not ascending)
            page = page[: limit + 1]
    if len(page) > limit:
        return page[:limit], page[limit - 1].seq
    return page, None


def _best_language(language_map: dict, accepted: list[str]) -> dict:
    if not language_map:
        return language_map
    for tag in accepted:
        for key in language_map:
            if key.lower() == tag.lower() or key.lower().split("-")[0] == tag.lower():
                return {key: language_map[key]}
    first = next(iter(language_map))
    return {first: language_map[first]}


def _canonical(value, accepted):
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if (
                key in ("display", "name", "description")
                and isinstance(item, dict)
                and all(isinstance(v, str) for v in item.values())
            ):
                out[key] = _best_language(item, accepted)
            else:
                out[key] = _canonical(item, accepted)
        return out
    if isinstance(value, list):
        return [_canonical(item, accepted) for item in value]
    return value


def _ids(statement: dict) -> dict:
    def body(b):
        out = dict(b)
        out["actor"] = ifi_only(b["actor"])
        out["verb"] = {"id": b["verb"]["id"]}
        target = b["object"]
        kind = target.get("objectType", "Activity")
        if kind == "Activity":
            out["object"] = {"id": target["id"]}
        elif kind in ("Agent", "Group"):
            out["object"] = ifi_only(target)
        elif kind == "SubStatement":
            out["object"] = body(target)
        if "authority" in b:
            out["authority"] = ifi_only(b["authority"])
        context = b.get("context")
        if context:
            context = dict(context)
            for key in ("instructor", "team"):
                if key in context:
                    context[key] = ifi_only(context[key])
            for key, member in (("contextAgents", "agent"), ("contextGroups", "group")):
                if key in context:
                    context[key] = [
                        {**item, member: ifi_only(item[member])} for item in context[key]
                    ]
            if "contextActivities" in context:
                context["contextActivities"] = {
                    k: [{"id": a["id"]} for a in (v if isinstance(v, list) else [v])]
                    for k, v in context["contextActivities"].items()
                }
            out["context"] = context
        return out

    return body(statement)


def formatted(statement: dict, *, fmt: str, accepted: list[str]) -> dict:
    if fmt == "ids":
        return _ids(statement)
    if fmt == "canonical":
        return _canonical(statement, accepted)
    return statement


def activity_get(*, activity_id: str, client: LRSClient | None) -> dict:
    """The Activity object with the LRS's canonical definition
    (xAPI-Communication §"Activities Resource"). An activity the LRS knows no
    definition of, or one only in statements the client may not read, is still
    an Activity object, with its id only: the same answer for both, so the wall
    between the tracks tells nothing."""
    activity = {"objectType": "Activity", "id": activity_id}
    row = ActivityDefinition.objects.filter(activity_id=activity_id).first()
    if row is None or not row.definition:
        return activity
    if client is not None and not client.all_tracks:
        mentioned = readable(client).filter(object_activity_id=activity_id).exists() or (
            readable(client)
            .filter(
                seq__in=StatementRelation.objects.filter(kind="activity", key=activity_id).values(
                    "statement_id"
                )[:1]
            )
            .exists()
        )
        if not mentioned:
            return activity
    activity["definition"] = row.definition
    return activity


def agent_person(*, agent: dict) -> dict:
    """The Person object for an agent (xAPI-Communication §"Agents Resource"):
    Safar links no identities together, so it lists the agent's own."""
    person = {"objectType": "Person"}
    if agent.get("name"):
        person["name"] = [agent["name"]]
    for key in ("mbox", "mbox_sha1sum", "openid", "account"):
        if key in agent:
            person[key] = [agent[key]]
    return person
