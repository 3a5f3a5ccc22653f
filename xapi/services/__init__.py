"""Writes to the Learning Record Store, by concern: statements (the one way in),
activity definitions, the forwarding outbox, documents."""

from .definitions import definition_merged, definitions_merge
from .documents import document_write, documents_delete, etag_of
from .outbox import forward_replay, outbox_add
from .statements import (
    TRACKS,
    _relations,
    _row,
    client_authority,
    platform_authority,
    prepare,
    statements_store,
    track_iri,
)

__all__ = [
    "TRACKS",
    "_relations",
    "_row",
    "client_authority",
    "definition_merged",
    "definitions_merge",
    "document_write",
    "documents_delete",
    "etag_of",
    "forward_replay",
    "outbox_add",
    "platform_authority",
    "prepare",
    "statements_store",
    "track_iri",
]
