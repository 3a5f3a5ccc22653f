"""Signed statements (xAPI-Data §"Signed Statements"): the signature attachment
is a JWS in compact form whose payload is the statement itself. The LRS rejects
(400) a JWS that is malformed, uses an algorithm other than RS256/RS384/RS512,
or whose payload is not the statement it is attached to."""

from __future__ import annotations

import base64
import json

from .exceptions import ValidationError
from .identity import canonical_json

ALGORITHMS = {"RS256", "RS384", "RS512"}


def _b64(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _signable(statement: dict) -> dict:
    """The statement as the signer saw it: without what the LRS adds or changes,
    and without the attachments property (which carries the signature)."""
    drop = {"attachments", "authority", "stored", "version", "id", "timestamp"}
    return {k: v for k, v in statement.items() if k not in drop}


def verify_signed_statement(statement: dict, attachment: tuple[str, bytes]) -> None:
    content_type, content = attachment
    if content_type.split(";")[0].strip() != "application/octet-stream":
        raise ValidationError("a signature attachment must be application/octet-stream")
    try:
        header_b64, payload_b64, signature_b64 = content.decode("ascii").strip().split(".")
        header = json.loads(_b64(header_b64))
        payload = json.loads(_b64(payload_b64))
        _b64(signature_b64)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError("the signature is not a JWS in compact serialization") from exc
    if not isinstance(header, dict) or header.get("alg") not in ALGORITHMS:
        raise ValidationError("the signature's JWS algorithm must be RS256, RS384 or RS512")
    if not isinstance(payload, dict):
        raise ValidationError("the signature's payload is not a statement")
    for key in ("id", "timestamp"):
        if key in payload and key in statement and str(payload[key]) != str(statement[key]):
            raise ValidationError(f"the signature's payload has a different {key}")
    if canonical_json(_signable(payload)) != canonical_json(_signable(statement)):
        raise ValidationError("the signature's payload differs from the statement it signs")
