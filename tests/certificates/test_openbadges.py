"""The Open Badges 3.0 credential, checked with openbadgeslib's own verifier."""

import jwt
import pytest
from openbadgeslib.ob3 import OB3VerificationError, OB3Verifier, decode_encoded_list
from openbadgeslib.ob3.status import set_indices

from certificates import openbadges, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(people, courses, templates, complete):
    return services.certificate_issue(enrollment=complete(people.migrant, courses.orientation))


def fetch_with(client):
    """The verifier's status-list fetcher, answered by the site itself."""

    def download(url: str) -> bytes:
        path = url.removeprefix(openbadges.site_url(""))
        response = client.get(path)
        assert response.status_code == 200, (url, response.status_code)
        return response.content

    return download


def verifier() -> OB3Verifier:
    return OB3Verifier(pubkey_pem=openbadges.public_key_pem())


def test_credential_verifies_then_fails_after_revocation(client, people, issued):
    credential = verifier().verify(
        issued.credential_jwt, check_status=True, download=fetch_with(client)
    )
    assert credential.issuer.id == openbadges.issuer_id()
    assert credential.achievement.name == issued.course_title
    assert credential.id == f"urn:uuid:{issued.uuid}"

    services.certificate_revoke(certificate=issued, actor=people.admin, reason="Fraud")
    with pytest.raises(OB3VerificationError, match="'revocation' is set"):
        verifier().verify(issued.credential_jwt, check_status=True, download=fetch_with(client))


def test_status_list_bit_is_set_on_revocation(client, people, issued):
    number, bit = openbadges.status_position(issued.status_index)
    url = f"/verify/status/{number}"

    def bits():
        token = client.get(url).content.decode()
        payload = jwt.decode(token, openbadges.public_key_pem(), algorithms=["EdDSA"])
        encoded = payload["credentialSubject"]["encodedList"]
        return set_indices(decode_encoded_list(encoded))

    assert bit not in bits()
    services.certificate_revoke(certificate=issued, actor=people.admin, reason="Fraud")
    assert bit in bits()
    assert client.get("/verify/status/999").status_code == 404


def test_jwt_header_names_the_key_and_the_jwks_has_it(client, issued):
    header = jwt.get_unverified_header(issued.credential_jwt)
    assert header["alg"] == "EdDSA"
    keys = client.get("/verify/jwks.json").json()["keys"]
    assert header["kid"] in [k["kid"] for k in keys]
    assert "d" not in keys[0]  # never the private part
    profile = client.get("/verify/issuer.json").json()
    assert profile["id"] == openbadges.issuer_id()


def test_a_tampered_credential_fails(issued):
    head, body, signature = issued.credential_jwt.split(".")
    payload = jwt.decode(issued.credential_jwt, options={"verify_signature": False})
    payload["name"] = "Something else"
    forged_body = jwt.utils.base64url_encode(
        jwt.api_jws.json.dumps(payload, separators=(",", ":")).encode()
    ).decode()
    with pytest.raises(OB3VerificationError):
        verifier().verify(f"{head}.{forged_body}.{signature}")


def test_old_credentials_verify_after_key_rotation(settings, client, issued, tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    old_public = openbadges.public_key_pem().decode()
    old_kid = jwt.get_unverified_header(issued.credential_jwt)["kid"]
    new_private = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    settings.SAFAR_OB_PRIVATE_KEY = new_private.decode().replace("\n", "\\n")
    settings.SAFAR_OB_RETIRED_PUBLIC_KEYS = [old_public]
    openbadges.private_key_pem.cache_clear()
    openbadges.signer.cache_clear()
    try:
        keys = {k["kid"]: k for k in client.get("/verify/jwks.json").json()["keys"]}
        assert old_kid in keys and len(keys) == 2
        # The old credential still verifies against the retired key it names.
        OB3Verifier(pubkey_pem=old_public).verify(issued.credential_jwt)
    finally:
        openbadges.private_key_pem.cache_clear()
        openbadges.signer.cache_clear()


def test_credential_does_not_carry_the_name_in_clear(issued):
    payload = jwt.decode(issued.credential_jwt, options={"verify_signature": False})
    identifier = payload["credentialSubject"]["identifier"][0]
    assert identifier["hashed"] is True and identifier["identityType"] == "name"
    assert "Ҷамшед" not in str(payload)
