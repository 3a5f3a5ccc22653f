"""The LRS resources at /xapi/ (xAPI-Communication.md): statements, state,
activity profile, agent profile, activities, agents, about."""

from __future__ import annotations

import hashlib
import json
import uuid

from django.http import HttpResponse
from django.utils.http import http_date

from . import services, validation
from .exceptions import NotFound, ValidationError
from .identity import agent_key
from .models import Attachment, Document
from .protocol import (
    XRequest,
    consistent_through,
    json_response,
    lrs_view,
    multipart_response,
    parse_json,
    parse_multipart,
)
from .selectors import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    activity_get,
    agent_person,
    formatted,
    more_query,
    more_token,
    statement_get,
    statements_find,
)

STATEMENT_PARAMS = {
    "statementId",
    "voidedStatementId",
    "agent",
    "verb",
    "activity",
    "registration",
    "related_activities",
    "related_agents",
    "since",
    "until",
    "limit",
    "format",
    "attachments",
    "ascending",
}
SINGLE_PARAMS = {"statementId", "voidedStatementId", "attachments", "format"}


@lrs_view(methods={"GET"}, auth=False)
def about(xreq: XRequest):
    return json_response({"version": ["1.0.3", "2.0.0"], "extensions": {}})


def _bool_param(params, name) -> bool:
    value = params.get(name, "false")
    if value not in ("true", "false"):
        raise ValidationError(f"{name} must be true or false")
    return value == "true"


def _agent_param(raw: str | None, name="agent") -> dict:
    if raw is None:
        raise ValidationError(f"the {name} parameter is required")
    agent = parse_json(raw.encode(), name)
    validation.agent(agent, name)
    return agent


def _uuid_param(raw: str, name: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except (ValueError, AttributeError) as exc:
        raise ValidationError(f"{name} must be a UUID") from exc


def _timestamp_param(raw: str, name: str, version: str) -> str:
    return validation.timestamp(raw, name, version=version).isoformat()


def _statement_query(xreq: XRequest) -> dict:
    params = xreq.params
    unknown = set(params) - STATEMENT_PARAMS
    if unknown:
        raise ValidationError(f"unknown parameter {sorted(unknown)[0]}")
    fmt = params.get("format", "exact")
    if fmt not in ("exact", "ids", "canonical"):
        raise ValidationError("format must be exact, ids or canonical")
    query = {"format": fmt, "attachments": _bool_param(params, "attachments")}
    if "agent" in params:
        query["agent_key"] = agent_key(_agent_param(params["agent"]))
    if "verb" in params:
        validation._iri(params["verb"], "verb")
        query["verb"] = params["verb"]
    if "activity" in params:
        validation._iri(params["activity"], "activity")
        query["activity"] = params["activity"]
    if "registration" in params:
        query["registration"] = _uuid_param(params["registration"], "registration")
    for name in ("related_activities", "related_agents", "ascending"):
        query[name] = _bool_param(params, name)
    for name in ("since", "until"):
        if name in params:
            query[name] = _timestamp_param(params[name], name, xreq.version)
    try:
        limit = int(params.get("limit", DEFAULT_LIMIT))
    except ValueError as exc:
        raise ValidationError("limit must be a non-negative integer") from exc
    if limit < 0:
        raise ValidationError("limit must be a non-negative integer")
    query["limit"] = min(limit or MAX_LIMIT, MAX_LIMIT)
    return query


def _with_attachments(statements: list[dict], body: dict | list) -> HttpResponse:
    hashes = []
    for statement in statements:
        for item in statement.get("attachments", []):
            if item["sha2"] not in hashes:
                hashes.append(item["sha2"])
    found = {a.sha2: a for a in Attachment.objects.filter(sha2__in=hashes)}
    parts = [({"Content-Type": "application/json"}, json.dumps(body).encode())]
    for sha2 in hashes:
        if sha2 in found:
            parts.append(
                (
                    {
                        "Content-Type": found[sha2].content_type,
                        "Content-Transfer-Encoding": "binary",
                        "X-Experience-API-Hash": sha2,
                    },
                    bytes(found[sha2].content),
                )
            )
    return multipart_response(parts)


def _statements_get(xreq: XRequest) -> HttpResponse:
    params = xreq.params
    through = consistent_through()
    if "more" in params:
        if set(params) != {"more"}:
            raise ValidationError("more cannot be combined with other parameters")
        query = more_query(params["more"])
    elif "statementId" in params or "voidedStatementId" in params:
        if set(params) - SINGLE_PARAMS or (
            "statementId" in params and "voidedStatementId" in params
        ):
            raise ValidationError(
                "statementId and voidedStatementId go alone (with format and attachments only)"
            )
        query = _statement_query(xreq)
        voided = "voidedStatementId" in params
        wanted = _uuid_param(
            params["voidedStatementId" if voided else "statementId"],
            "voidedStatementId" if voided else "statementId",
        )
        row = statement_get(client=xreq.client, statement_id=wanted, voided=voided)
        body = formatted(row.data, fmt=query["format"], accepted=xreq.accept_language)
        if query["attachments"]:
            response = _with_attachments([row.data], body)
        else:
            response = json_response(body)
        response["X-Experience-API-Consistent-Through"] = through
        response["Last-Modified"] = http_date(row.stored.timestamp())
        return response
    else:
        query = _statement_query(xreq)
    page, after = statements_find(client=xreq.client, query=query)
    statements = [row.data for row in page]
    body = {
        "statements": [
            formatted(s, fmt=query["format"], accepted=xreq.accept_language) for s in statements
        ],
        "more": f"/xapi/statements?more={more_token(query, after)}" if after is not None else "",
    }
    response = _with_attachments(statements, body) if query["attachments"] else json_response(body)
    response["X-Experience-API-Consistent-Through"] = through
    return response


def _statements_body(xreq: XRequest) -> tuple[object, dict]:
    content_type = (xreq.content_type or "").lower()
    media_type = content_type.split(";")[0].strip()
    if media_type not in ("application/json", "multipart/mixed"):
        raise ValidationError(
            "statements are sent as application/json, or multipart/mixed with attachments"
        )
    if media_type == "multipart/mixed":
        parts = parse_multipart(xreq.body, xreq.content_type)
        first_headers, first = parts[0]
        if not first_headers.get("content-type", "").lower().startswith("application/json"):
            raise ValidationError("the first part of multipart/mixed must be application/json")
        attachments = {}
        for headers, content in parts[1:]:
            sha2 = headers.get("x-experience-api-hash")
            if not sha2:
                raise ValidationError("every attachment part needs an X-Experience-API-Hash header")
            if headers.get("content-transfer-encoding", "binary").lower() != "binary":
                raise ValidationError(
                    "attachment parts must be sent with Content-Transfer-Encoding: binary"
                )
            if hashlib.sha256(content).hexdigest() != sha2.lower():
                raise ValidationError(f"attachment {sha2}: the content does not match its hash")
            attachments[sha2] = (headers.get("content-type", "application/octet-stream"), content)
        return parse_json(first, "statement"), attachments
    body = parse_json(xreq.body, "the request body")
    for statement in body if isinstance(body, list) else [body]:
        if isinstance(statement, dict):
            for item in statement.get("attachments", []) or []:
                if isinstance(item, dict) and "fileUrl" not in item:
                    raise ValidationError(
                        "attachments without a fileUrl must be sent in a multipart/mixed request"
                    )
    return body, {}


@lrs_view(methods={"GET", "HEAD", "PUT", "POST"})
def statements(xreq: XRequest):
    if xreq.method in ("GET", "HEAD"):
        return _statements_get(xreq)
    if xreq.method == "PUT":
        unknown = set(xreq.params) - {"statementId"}
        if unknown:
            raise ValidationError(f"unknown parameter {sorted(unknown)[0]}")
        if "statementId" not in xreq.params:
            raise ValidationError("PUT needs the statementId parameter")
        statement_id = _uuid_param(xreq.params["statementId"], "statementId")
        body, attachments = _statements_body(xreq)
        if not isinstance(body, dict):
            raise ValidationError("PUT takes one statement (a JSON object)")
        if "id" in body and str(body["id"]).lower() != statement_id:
            raise ValidationError("the statement's id differs from the statementId parameter")
        services.statements_store(
            [{**body, "id": statement_id}],
            client=xreq.client,
            version=xreq.version,
            attachments=attachments,
        )
        response = HttpResponse(status=204)
        response["X-Experience-API-Consistent-Through"] = consistent_through()
        return response
    if xreq.params:
        raise ValidationError(f"unknown parameter {sorted(xreq.params)[0]}")
    body, attachments = _statements_body(xreq)
    batch = body if isinstance(body, list) else [body]
    if not batch:
        raise ValidationError("an empty array has no statements to store")
    ids = services.statements_store(
        batch, client=xreq.client, version=xreq.version, attachments=attachments
    )
    return json_response(ids, X_Experience_API_Consistent_Through=consistent_through())


# --- documents ------------------------------------------------------------------

DOCUMENT_KINDS = {
    "state": (
        Document.Kind.STATE,
        "stateId",
        {"activityId", "agent", "registration", "stateId", "since"},
    ),
    "activity_profile": (
        Document.Kind.ACTIVITY_PROFILE,
        "profileId",
        {"activityId", "profileId", "since"},
    ),
    "agent_profile": (Document.Kind.AGENT_PROFILE, "profileId", {"agent", "profileId", "since"}),
}


def _document_scope(xreq: XRequest, kind: str) -> tuple[dict, str]:
    doc_kind, id_param, allowed = DOCUMENT_KINDS[kind]
    unknown = set(xreq.params) - allowed
    if unknown:
        raise ValidationError(f"unknown parameter {sorted(unknown)[0]}")
    lookup = {"kind": doc_kind, "activity_id": "", "agent_key": "", "registration": ""}
    if "activityId" in allowed:
        if "activityId" not in xreq.params:
            raise ValidationError("the activityId parameter is required")
        validation._iri(xreq.params["activityId"], "activityId")
        lookup["activity_id"] = xreq.params["activityId"]
    if "agent" in allowed:
        lookup["agent_key"] = agent_key(_agent_param(xreq.params.get("agent")))
    if "registration" in xreq.params:
        lookup["registration"] = _uuid_param(xreq.params["registration"], "registration")
    return lookup, id_param


def _client_tracks(client) -> list[str] | None:
    """The tracks whose documents the client may see; None: every one."""
    if client is None or client.all_tracks:
        return None
    return list(client.tracks or [])


def _readable_documents(xreq: XRequest, lookup: dict):
    docs = Document.objects.filter(**lookup)
    tracks = _client_tracks(xreq.client)
    return docs if tracks is None else docs.filter(track__in=tracks)


def _document_response(doc: Document) -> HttpResponse:
    response = HttpResponse(bytes(doc.content), content_type=doc.content_type)
    response["ETag"] = f'"{doc.etag}"'
    response["Last-Modified"] = http_date(doc.updated_at.timestamp())
    return response


def _documents(xreq: XRequest, kind: str) -> HttpResponse:
    lookup, id_param = _document_scope(xreq, kind)
    document_id = xreq.params.get(id_param)
    if xreq.method in ("PUT", "POST"):
        if "since" in xreq.params:
            raise ValidationError("since is for GET only")
        if not document_id:
            raise ValidationError(f"the {id_param} parameter is required")
        client = xreq.client
        track = client.tracks[0] if client and len(client.tracks or []) == 1 else None
        doc = services.document_write(
            lookup={**lookup, "document_id": document_id},
            content=xreq.body,
            content_type=xreq.content_type,
            merge=xreq.method == "POST",
            if_match=xreq.header("if-match"),
            if_none_match=xreq.header("if-none-match"),
            # Agent and activity profiles are replaced only knowingly: a PUT
            # names If-Match or If-None-Match (400 without either, 409 when
            # the document exists); a state PUT needs them only in xAPI 2.0,
            # and only when the document exists.
            require_precondition=(
                "always"
                if xreq.method == "PUT" and kind != "state"
                else "existing"
                if xreq.method == "PUT" and xreq.version.startswith("2.")
                else "never"
            ),
            client=client,
            track=track,
        )
        response = HttpResponse(status=204)
        response["ETag"] = f'"{doc.etag}"'
        return response
    if xreq.method == "DELETE":
        if "since" in xreq.params:
            raise ValidationError("since is for GET only")
        if document_id is None and kind != "state":
            raise ValidationError(f"the {id_param} parameter is required")
        # Deleting what is not there is done already: 204 (idempotent).
        services.documents_delete(
            lookup={**lookup, **({"document_id": document_id} if document_id else {})},
            if_match=xreq.header("if-match"),
            tracks=_client_tracks(xreq.client),
        )
        return HttpResponse(status=204)
    # GET / HEAD
    docs = _readable_documents(xreq, lookup)
    if document_id is not None:
        if "since" in xreq.params:
            raise ValidationError(f"since cannot be combined with {id_param}")
        doc = docs.filter(document_id=document_id).first()
        if doc is None:
            raise NotFound("no such document")
        return _document_response(doc)
    if "since" in xreq.params:
        since = validation.timestamp(xreq.params["since"], "since", version=xreq.version)
        docs = docs.filter(updated_at__gt=since)
    return json_response(list(docs.order_by("document_id").values_list("document_id", flat=True)))


@lrs_view(methods={"GET", "HEAD", "PUT", "POST", "DELETE"})
def state(xreq: XRequest):
    return _documents(xreq, "state")


@lrs_view(methods={"GET", "HEAD", "PUT", "POST", "DELETE"})
def activity_profile(xreq: XRequest):
    return _documents(xreq, "activity_profile")


@lrs_view(methods={"GET", "HEAD", "PUT", "POST", "DELETE"})
def agent_profile(xreq: XRequest):
    return _documents(xreq, "agent_profile")


@lrs_view(methods={"GET", "HEAD"})
def activities(xreq: XRequest):
    unknown = set(xreq.params) - {"activityId"}
    if unknown:
        raise ValidationError(f"unknown parameter {sorted(unknown)[0]}")
    activity_id = xreq.params.get("activityId")
    if not activity_id:
        raise ValidationError("the activityId parameter is required")
    validation._iri(activity_id, "activityId")
    return json_response(activity_get(activity_id=activity_id, client=xreq.client))


@lrs_view(methods={"GET", "HEAD"})
def agents(xreq: XRequest):
    unknown = set(xreq.params) - {"agent"}
    if unknown:
        raise ValidationError(f"unknown parameter {sorted(unknown)[0]}")
    return json_response(agent_person(agent=_agent_param(xreq.params.get("agent"))))
