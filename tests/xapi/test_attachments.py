"""Attachments in multipart/mixed, and signed statements (JWS)."""

import base64
import hashlib
import json

from .conftest import new_id, statement

S = "/xapi/statements"
BOUNDARY = "abcABC0123"
CT = f'multipart/mixed; boundary="{BOUNDARY}"'


def multipart(statements, parts):
    chunks = [
        f"--{BOUNDARY}\r\nContent-Type: application/json\r\n\r\n".encode()
        + json.dumps(statements).encode()
        + b"\r\n"
    ]
    for content_type, content, sha2 in parts:
        chunks.append(
            (
                f"--{BOUNDARY}\r\nContent-Type: {content_type}\r\n"
                "Content-Transfer-Encoding: binary\r\n"
                f"X-Experience-API-Hash: {sha2}\r\n\r\n"
            ).encode()
            + content
            + b"\r\n"
        )
    chunks.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(chunks)


def attachment_for(
    content, *, usage="http://example.org/attachment/usage/notes", content_type="text/plain"
):
    sha2 = hashlib.sha256(content).hexdigest()
    return {
        "usageType": usage,
        "display": {"en-US": "Notes"},
        "contentType": content_type,
        "length": len(content),
        "sha2": sha2,
    }, sha2


def test_statement_with_attachment_round_trip(lrs):
    content = "Ёддошт: ҳуҷҷатҳо".encode()
    meta, sha2 = attachment_for(content)
    body = multipart(statement(attachments=[meta]), [("text/plain", content, sha2)])
    response = lrs.post(S, body, content_type=CT)
    assert response.status_code == 200, response.content
    [sid] = response.json()
    plain = lrs.get(S, {"statementId": sid})
    assert plain["Content-Type"].startswith("application/json")
    with_files = lrs.get(S, {"statementId": sid, "attachments": "true"})
    assert with_files.status_code == 200
    assert with_files["Content-Type"].startswith("multipart/mixed")
    assert content in with_files.content
    assert f"X-Experience-API-Hash: {sha2}".encode() in with_files.content


def test_attachment_without_its_part_400(lrs):
    meta, _ = attachment_for(b"abc")
    assert (
        lrs.post(S, multipart(statement(attachments=[meta]), []), content_type=CT).status_code
        == 400
    )
    # the same statement as plain JSON (no fileUrl): 400 too
    assert lrs.post(S, statement(attachments=[meta])).status_code == 400


def test_attachment_hash_mismatch_400(lrs):
    meta, sha2 = attachment_for(b"abc")
    body = multipart(statement(attachments=[meta]), [("text/plain", b"abd", sha2)])
    assert lrs.post(S, body, content_type=CT).status_code == 400


def test_part_matching_no_attachment_400(lrs):
    meta, sha2 = attachment_for(b"abc")
    extra = hashlib.sha256(b"xyz").hexdigest()
    body = multipart(
        statement(attachments=[meta]),
        [("text/plain", b"abc", sha2), ("text/plain", b"xyz", extra)],
    )
    assert lrs.post(S, body, content_type=CT).status_code == 400


def test_file_url_attachment_needs_no_part(lrs):
    meta, _ = attachment_for(b"abc")
    meta["fileUrl"] = "http://example.org/notes.txt"
    assert lrs.post(S, statement(attachments=[meta])).status_code == 200


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jws(payload: dict, alg="RS256") -> bytes:
    header = _b64(json.dumps({"alg": alg}).encode())
    body = _b64(json.dumps(payload).encode())
    return f"{header}.{body}.{_b64(b'signature-bytes')}".encode()


SIGNATURE = "http://adlnet.gov/expapi/attachments/signature"


def signed(payload_overrides=None, alg="RS256"):
    sid = new_id()
    original = statement(id=sid)
    token = jws({**original, **(payload_overrides or {})}, alg=alg)
    meta, sha2 = attachment_for(token, usage=SIGNATURE, content_type="application/octet-stream")
    return multipart(
        {**original, "attachments": [meta]}, [("application/octet-stream", token, sha2)]
    )


def test_signed_statement_accepted(lrs):
    response = lrs.post(S, signed(), content_type=CT)
    assert response.status_code == 200, response.content


def test_signed_statement_with_other_payload_400(lrs):
    other = {"verb": {"id": "http://adlnet.gov/expapi/verbs/completed"}}
    assert lrs.post(S, signed(other), content_type=CT).status_code == 400


def test_signed_statement_bad_algorithm_400(lrs):
    assert lrs.post(S, signed(alg="HS256"), content_type=CT).status_code == 400


def test_signature_not_a_jws_400(lrs):
    token = b"not a jws"
    meta, sha2 = attachment_for(token, usage=SIGNATURE, content_type="application/octet-stream")
    body = multipart(statement(attachments=[meta]), [("application/octet-stream", token, sha2)])
    assert lrs.post(S, body, content_type=CT).status_code == 400


def _certificate_and_key():
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Safar test signer")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    der = certificate.public_bytes(serialization.Encoding.DER)
    return base64.b64encode(der).decode(), key


def signed_with_x5c(*, tamper=False, x5c=None):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    cert, key = _certificate_and_key()
    original = statement(id=new_id())
    header = _b64(json.dumps({"alg": "RS256", "x5c": x5c if x5c is not None else [cert]}).encode())
    body = _b64(json.dumps(original).encode())
    signature = key.sign(f"{header}.{body}".encode(), padding.PKCS1v15(), hashes.SHA256())
    if tamper:
        signature = bytes([signature[0] ^ 1]) + signature[1:]
    token = f"{header}.{body}.{_b64(signature)}".encode()
    meta, sha2 = attachment_for(token, usage=SIGNATURE, content_type="application/octet-stream")
    return multipart(
        {**original, "attachments": [meta]}, [("application/octet-stream", token, sha2)]
    )


def test_signature_verified_with_the_x5c_certificate(lrs):
    response = lrs.post(S, signed_with_x5c(), content_type=CT)
    assert response.status_code == 200, response.content
    bad = lrs.post(S, signed_with_x5c(tamper=True), content_type=CT)
    assert bad.status_code == 400
    assert "does not verify" in bad.json()["error"]
    assert (
        lrs.post(S, signed_with_x5c(x5c=["bm90IGEgY2VydA=="]), content_type=CT).status_code == 400
    )
    assert lrs.post(S, signed_with_x5c(x5c="nope"), content_type=CT).status_code == 400


# xAPI 2.0 Data §4.2.7: precision beyond 0.01 s is not compared
def test_a_signature_matches_a_duration_to_the_hundredth(lrs):
    short, full = "P1DT12H36M0.12S", "P1DT12H36M0.1237S"
    sid = new_id()
    signed_payload = statement(id=sid, result={"duration": short})
    token = jws(signed_payload)
    meta, sha2 = attachment_for(token, usage=SIGNATURE, content_type="application/octet-stream")
    sent = {**signed_payload, "result": {"duration": full}, "attachments": [meta]}
    body = multipart(sent, [("application/octet-stream", token, sha2)])
    assert lrs.post(S, body, content_type=CT).status_code == 200
    # a difference in the hundredths is a different statement
    other = {**signed_payload, "id": new_id(), "result": {"duration": "P1DT12H36M0.13S"}}
    sent = {**other, "attachments": [meta]}
    body = multipart(sent, [("application/octet-stream", jws(signed_payload), sha2)])
    assert lrs.post(S, body, content_type=CT).status_code == 400
