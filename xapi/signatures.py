"""Signed statements (xAPI-Data §"Signed Statements"): the signature attachment
is a JWS in compact form whose payload is the statement itself. The LRS rejects
(400) a JWS that is malformed, uses an algorithm other than RS256/RS384/RS512,
or whose payload is not the statement it is attached to; when the JWS header
carries the signer's certificate (`x5c`), the signature must verify with that
certificate's public key (the spec's "validate the signature against that
certificate"; trusting the certificate is for the reader to decide)."""

from __future__ import annotations

import base64
import json

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from .exceptions import ValidationError
from .identity import comparable

ALGORITHMS = {"RS256", "RS384", "RS512"}
HASHES = {"RS256": hashes.SHA256, "RS384": hashes.SHA384, "RS512": hashes.SHA512}


def _b64(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


# The statement as the signer saw it: without what the LRS adds or changes, and
# without the attachments property (which carries the signature).
NOT_SIGNED = ("attachments", "authority", "stored", "version", "id", "timestamp")


def verify_signed_statement(statement: dict, attachment: tuple[str, bytes]) -> None:
    content_type, content = attachment
    if content_type.split(";")[0].strip() != "application/octet-stream":
        raise ValidationError("a signature attachment must be application/octet-stream")
    try:
        header_b64, payload_b64, signature_b64 = content.decode("ascii").strip().split(".")
        header = json.loads(_b64(header_b64))
        payload = json.loads(_b64(payload_b64))
        signature = _b64(signature_b64)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError("the signature is not a JWS in compact serialization") from exc
    if not isinstance(header, dict) or header.get("alg") not in ALGORITHMS:
        raise ValidationError("the signature's JWS algorithm must be RS256, RS384 or RS512")
    if not isinstance(payload, dict):
        raise ValidationError("the signature's payload is not a statement")
    if "x5c" in header:
        _verify_x5c(header, f"{header_b64}.{payload_b64}".encode("ascii"), signature)
    for key in ("id", "timestamp"):
        if key in payload and key in statement and str(payload[key]) != str(statement[key]):
            raise ValidationError(f"the signature's payload has a different {key}")
    if comparable(payload, ignored=NOT_SIGNED) != comparable(statement, ignored=NOT_SIGNED):
        raise ValidationError("the signature's payload differs from the statement it signs")


def _verify_x5c(header: dict, signing_input: bytes, signature: bytes) -> None:
    chain = header["x5c"]
    if not isinstance(chain, list) or not chain or not isinstance(chain[0], str):
        raise ValidationError("the JWS header's x5c must be a list of base64 certificates")
    try:
        certificate = x509.load_der_x509_certificate(base64.b64decode(chain[0], validate=True))
        key = certificate.public_key()
    except ValueError as exc:
        raise ValidationError("the JWS header's x5c does not hold an X.509 certificate") from exc
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValidationError("the certificate in x5c must hold an RSA key (RS256/384/512)")
    try:
        key.verify(signature, signing_input, padding.PKCS1v15(), HASHES[header["alg"]]())
    except InvalidSignature as exc:
        raise ValidationError(
            "the signature does not verify with the certificate in the JWS header (x5c)"
        ) from exc
