"""Open Badges 3.0 beside each certificate, with `openbadgeslib` (no crypto of
our own): an OpenBadgeCredential signed as a VC-JWT with the centre's Ed25519
key, and the revocation Bitstring Status List at a stable URL.

Keys come from the environment: SAFAR_OB_PRIVATE_KEY (PEM, "\\n" escapes
allowed) signs; SAFAR_OB_RETIRED_PUBLIC_KEYS (comma-separated PEMs) are old
keys still published in the JWKS so that credentials signed before a rotation
still verify. Without SAFAR_OB_PRIVATE_KEY (local and test settings only;
production requires it) a development key is created once under var/.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import tempfile
import uuid
from datetime import timedelta
from functools import cache
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.cache import cache as django_cache
from django.utils import timezone
from jwt.algorithms import OKPAlgorithm
from openbadgeslib.ob3 import (
    Achievement,
    IdentityObject,
    Issuer,
    OB3Signer,
    OpenBadgeCredential,
    build_status_list_credential,
    status_entry,
)

ALGORITHM = "EdDSA"
STATUS_LIST_BITS = 131_072  # 16 KB: the minimum size the spec recommends, for privacy
STATUS_PURPOSE = "revocation"
STATUS_LIST_VALID_DAYS = 7


def _pem(text: str) -> bytes:
    return text.strip().replace("\\n", "\n").encode()


@cache
def private_key_pem() -> bytes:
    configured = getattr(settings, "SAFAR_OB_PRIVATE_KEY", "")
    if configured:
        return _pem(configured)
    path = Path(settings.SAFAR_OB_DEV_KEY_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        # Written whole to a file of its own, then linked into place: the first
        # process to link wins, and no process ever reads a half-written key.
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    return path.read_bytes()


def public_key_pem(private_pem: bytes | None = None) -> bytes:
    key = serialization.load_pem_private_key(private_pem or private_key_pem(), password=None)
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _public_jwk(public_pem: bytes) -> dict:
    key = serialization.load_pem_public_key(public_pem)
    jwk = json.loads(OKPAlgorithm.to_jwk(key))
    return {"kty": jwk["kty"], "crv": jwk["crv"], "x": jwk["x"]}


def key_id(public_pem: bytes) -> str:
    """RFC 7638 JWK thumbprint: the `kid` in every JWT header and the JWKS."""
    jwk = _public_jwk(public_pem)
    canonical = json.dumps({k: jwk[k] for k in ("crv", "kty", "x")}, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def jwks() -> dict:
    """The current public key and every retired one (for old credentials)."""
    pems = [public_key_pem()] + [
        _pem(text) for text in getattr(settings, "SAFAR_OB_RETIRED_PUBLIC_KEYS", []) if text.strip()
    ]
    keys = []
    for pem in pems:
        jwk = _public_jwk(pem)
        jwk.update({"kid": key_id(pem), "use": "sig", "alg": ALGORITHM})
        keys.append(jwk)
    return {"keys": keys}


class KeyedSigner(OB3Signer):
    """openbadgeslib's signer, with the key's id (`kid`) in the JOSE header
    beside the embedded public `jwk`, so verifiers pick the right key after a
    rotation."""

    def __init__(self, privkey_pem: bytes):
        super().__init__(privkey_pem=privkey_pem, algorithm=ALGORITHM)
        self.kid = key_id(public_key_pem(privkey_pem))

    def sign_payload(self, payload: dict) -> str:
        headers = {"jwk": self._public_jwk(), "kid": self.kid, "typ": "vc+jwt"}
        return jwt.encode(payload, self._load_privkey(), algorithm=self.algorithm, headers=headers)


@cache
def signer() -> KeyedSigner:
    return KeyedSigner(private_key_pem())


def site_url(path: str) -> str:
    return settings.SITE_URL + path


def issuer_id() -> str:
    return site_url("/verify/issuer.json")


def status_list_url(number: int) -> str:
    return site_url(f"/verify/status/{number}")


def status_position(index: int) -> tuple[int, int]:
    """(list number, bit in that list) for a certificate's status index."""
    return divmod(index, STATUS_LIST_BITS)


def _name_identifier(name: str, salt: str) -> IdentityObject:
    digest = hashlib.sha256((name + salt).encode()).hexdigest()
    return IdentityObject(
        identity_hash=f"sha256${digest}", identity_type="name", hashed=True, salt=salt
    )


def credential_sign(certificate, *, issuer_name: str, description: str, criteria: str) -> str:
    """The signed OB 3.0 VC-JWT for an issued certificate. The holder appears
    only as a salted hash of the printed name (the credential is public beside
    the verify page); whoever knows the name can check it."""
    number, bit = status_position(certificate.status_index)
    achievement_url = site_url(f"/courses/{certificate.course_id}/{certificate.template.key}")
    credential = OpenBadgeCredential(
        id=f"urn:uuid:{certificate.uuid}",
        issuer=Issuer(id=issuer_id(), name=issuer_name, url=settings.SITE_URL),
        recipient_id=None,
        identifiers=[_name_identifier(certificate.holder_name, certificate.code)],
        achievement=Achievement(
            id=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, achievement_url)}",
            name=certificate.course_title,
            description=description,
            criteria_narrative=criteria,
            achievement_type="Certificate",
        ),
        name=certificate.course_title,
        issuance_date=certificate.issued_at,
        expiration_date=certificate.expires_at,
        evidence_url=site_url(f"/verify/{certificate.code}"),
        credential_status=[status_entry(status_list_url(number), STATUS_PURPOSE, bit)],
    )
    return signer().sign(credential)


def _status_cache_key(number: int, bits: list[int]) -> str:
    digest = hashlib.sha256(",".join(map(str, bits)).encode()).hexdigest()[:24]
    return f"safar:certificates:status-list:{number}:{digest}"


def status_list_jwt(*, number: int, revoked_bits) -> str:
    """The signed BitstringStatusListCredential for list `number`, cached
    briefly under the set of revoked bits (a revocation changes the key, so it
    shows at once on every machine)."""
    revoked_bits = sorted(revoked_bits)
    key = _status_cache_key(number, revoked_bits)
    token = django_cache.get(key)
    if token is None:
        now = timezone.now()
        document = build_status_list_credential(
            issuer_id(),
            status_list_url(number),
            STATUS_PURPOSE,
            revoked_bits,
            size_bits=STATUS_LIST_BITS,
            issued=now,
            valid_until=now + timedelta(days=STATUS_LIST_VALID_DAYS),
            ttl=5 * 60 * 1000,
        )
        payload = dict(document)
        payload.update(
            {"iss": document["issuer"], "jti": document["id"], "nbf": int(now.timestamp())}
        )
        token = signer().sign_payload(payload)
        django_cache.set(key, token, timeout=5 * 60)
    return token
