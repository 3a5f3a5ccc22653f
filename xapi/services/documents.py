"""Documents (state, activity profile, agent profile): PUT, POST (merge) and
DELETE with the ETag preconditions of xAPI-Communication §"Concurrency"."""

from __future__ import annotations

import hashlib
import json

from django.db import transaction

from ..exceptions import Conflict, PreconditionFailed, ValidationError
from ..identity import canonical_json
from ..models import Document, LRSClient


def etag_of(content: bytes) -> str:
    return hashlib.sha1(content, usedforsecurity=False).hexdigest()


def _precondition(doc: Document | None, *, if_match: str | None, if_none_match: str | None):
    if if_match is not None:
        tags = {t.strip().strip('"') for t in if_match.split(",")}
        if doc is None or ("*" not in tags and doc.etag not in tags):
            raise PreconditionFailed("If-Match does not match the document's current ETag")
    if if_none_match is not None:
        tags = {t.strip().strip('"') for t in if_none_match.split(",")}
        if doc is not None and ("*" in tags or doc.etag in tags):
            raise PreconditionFailed("the document exists (If-None-Match)")


@transaction.atomic
def document_write(
    *,
    lookup: dict,
    content: bytes,
    content_type: str,
    merge: bool,
    if_match: str | None,
    if_none_match: str | None,
    require_precondition: str = "never",
    client: LRSClient | None,
    track: str | None,
) -> Document:
    """PUT (replace) or POST (merge JSON objects) one document, honouring the
    ETag preconditions of xAPI-Communication §"Concurrency"."""
    doc = Document.objects.select_for_update().filter(**lookup).first()
    _precondition(doc, if_match=if_match, if_none_match=if_none_match)
    if require_precondition != "never" and if_match is None and if_none_match is None:
        if doc is not None:
            raise Conflict(
                "the document exists: send If-Match with its ETag (or If-None-Match: *) "
                "to replace it"
            )
        if require_precondition == "always":
            raise ValidationError(
                "a PUT names If-Match (the ETag it replaces) or If-None-Match: * (a new document)"
            )
    content_type = (content_type or "application/octet-stream").split(";")[0].strip()
    if merge and doc is not None:
        is_json = content_type == "application/json" and doc.content_type == "application/json"
        try:
            old = json.loads(bytes(doc.content)) if is_json else None
            new = json.loads(content) if is_json else None
        except ValueError:
            old = new = None
        if not isinstance(old, dict) or not isinstance(new, dict):
            raise ValidationError(
                "POST merges JSON objects only: both documents must be application/json objects"
            )
        content = canonical_json({**old, **new}).encode()
    elif merge and content_type == "application/json":
        try:
            if not isinstance(json.loads(content), dict):
                raise ValueError
        except ValueError as exc:
            raise ValidationError("a POSTed JSON document must be a JSON object") from exc
    if doc is None:
        doc = Document(**lookup, client=client, track=track)
    doc.content = content
    doc.content_type = content_type
    doc.etag = etag_of(content)
    doc.save()
    return doc


@transaction.atomic
def documents_delete(
    *, lookup: dict, if_match: str | None = None, tracks: list[str] | None = None
) -> int:
    """Delete the documents `lookup` selects (those of `tracks` only, when
    given: the wall holds); none is fine (idempotent)."""
    docs = Document.objects.select_for_update().filter(**lookup)
    if tracks is not None:
        docs = docs.filter(track__in=tracks)
    if if_match is not None:
        _precondition(docs.first(), if_match=if_match, if_none_match=None)
    count, _ = docs.delete()
    return count
