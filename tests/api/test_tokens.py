"""Apps sign in with a token (issue 17): POST /api/v1/auth/token/ with a phone,
e-mail or username and the password; `Authorization: Token …` then works on
every endpoint; the same lockout as the web sign-in; tokens expire, and their
owner lists and revokes them. Every 4xx has one body shape."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken
from accounts.services import account_delete
from tests.builders import TEST_PASSWORD, make_people

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture
def people(db):
    people = make_people()
    people.migrant.phone = "+992935557711"
    people.migrant.email = "migrant@example.org"
    people.migrant.save()
    return people


def _token(client, identifier, password=TEST_PASSWORD, **extra):
    return client.post(
        TOKEN_URL, {"identifier": identifier, "password": password, **extra},
        content_type="application/json",
    )  # fmt: skip


def _api(key):
    return Client(headers={"Authorization": f"Token {key}", "Accept-Language": "en"})


def _assert_error(response, status, code=None):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["status"] == status and error["message"]
    if code:
        assert error["code"] == code, error
    return error


@pytest.mark.parametrize("identifier", ["migrant1", "migrant@example.org", "+992935557711",
                                        "93 555 77 11", "992 93 555 77 11"])  # fmt: skip
def test_a_token_for_each_way_of_naming_the_account(client, people, identifier):
    response = _token(client, identifier, device="Redmi 9A")
    assert response.status_code == 201, response.content
    body = response.json()
    token = ApiToken.objects.get(pk=body["id"])
    assert token.user == people.migrant and token.name == "Redmi 9A"
    assert body["token"] not in (token.key_hash, token.prefix)  # only its hash is kept
    me = _api(body["token"]).get("/api/v1/enrollments/")
    assert me.status_code == 200
    assert _api(body["token"]).get("/api/v1/auth/tokens/").json()["results"][0]["id"] == token.pk


def test_a_token_request_needs_no_csrf_and_a_token_call_neither(people):
    strict = Client(enforce_csrf_checks=True)
    key = _token(strict, "migrant1").json()["token"]
    api = Client(enforce_csrf_checks=True, headers={"Authorization": f"Token {key}"})
    assert api.get("/api/v1/enrollments/").status_code == 200


def test_wrong_password_then_the_same_lockout_as_the_web(client, people, settings):
    settings.SAFAR_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        _assert_error(_token(client, "migrant1", "wrong"), 401, "authentication_failed")
    # Locked out: even the right password is refused, with the web's message.
    error = _assert_error(_token(client, "migrant1"), 429, "locked_out")
    assert "Too many failed attempts" in error["message"]
    # The web sign-in is locked for the same account (one counter).
    web = client.post(
        "/en/accounts/login/", {"identifier": "93 555 77 11", "password": TEST_PASSWORD}
    )
    assert web.status_code != 302


@pytest.mark.parametrize(
    "body",
    [{}, {"identifier": "migrant1"}, {"password": "x"}, {"identifier": [], "password": {}},
     {"identifier": "x" * 300, "password": "p"},
     {"identifier": "migrant1", "password": "p" * 5000}],
)  # fmt: skip
def test_malformed_token_requests_are_400_with_the_fields(client, people, body):
    error = _assert_error(
        client.post(TOKEN_URL, body, content_type="application/json"), 400
    )
    assert error["fields"]


@pytest.mark.parametrize(
    "header",
    ["Token", "Token a b", "Token nosuchkey", "Token " + "x" * 500, "token \u00e9\u00e9"],
)
def test_a_bad_token_is_401_not_anonymous(people, header):
    client = Client(headers={"Authorization": header})
    error = _assert_error(client.get("/api/v1/courses/"), 401)
    assert client.get("/api/v1/courses/").headers["WWW-Authenticate"] == "Token"
    assert error["code"] in ("authentication_failed", "not_authenticated")


def test_an_expired_token_or_a_deleted_account_signs_nobody_in(client, people):
    key = _token(client, "migrant1").json()["token"]
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    _assert_error(_api(key).get("/api/v1/enrollments/"), 401)
    key = _token(client, "migrant1").json()["token"]
    account_delete(user=people.migrant)
    assert not ApiToken.objects.exists()
    _assert_error(_api(key).get("/api/v1/enrollments/"), 401)


def test_the_owner_revokes_their_token_and_no_one_else_can(client, people):
    mine = _token(client, "migrant1").json()
    theirs = _token(client, "migrant2").json()
    # Another user's token id is simply not found.
    _assert_error(_api(theirs["token"]).delete(f"/api/v1/auth/tokens/{mine['id']}/"), 404)
    for forged in ("x", "99999999999999999999", "-1"):
        assert _api(mine["token"]).delete(f"/api/v1/auth/tokens/{forged}/").status_code == 404
    listed = _api(theirs["token"]).get("/api/v1/auth/tokens/").json()["results"]
    assert [t["id"] for t in listed] == [theirs["id"]] and "token" not in listed[0]
    assert _api(mine["token"]).delete(f"/api/v1/auth/tokens/{mine['id']}/").status_code == 204
    _assert_error(_api(mine["token"]).get("/api/v1/enrollments/"), 401)
    assert _api(theirs["token"]).get("/api/v1/enrollments/").status_code == 200


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/v1/no-such-endpoint/", 404),
        ("get", "/api/v1/enrollments/", 401),
        ("get", "/api/v1/courses/99999999999999999999/", 404),
        ("post", "/api/v1/progress/", 401),
    ],
)
def test_every_4xx_has_one_body(client, people, method, url, status):
    _assert_error(getattr(client, method)(url), status)


def test_validation_errors_name_their_fields(client, people):
    key = _token(client, "migrant1").json()["token"]
    response = _api(key).post(
        "/api/v1/progress/", {"lesson": "x", "progress": 7}, content_type="application/json"
    )
    error = _assert_error(response, 400)
    assert set(error["fields"]) == {"lesson", "progress"}


def test_schema_and_docs_are_served_from_our_own_files(client):
    schema = client.get("/api/v1/schema/", headers={"Accept": "application/json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/auth/token/" in paths and all(p.startswith("/api/v1/") for p in paths)
    assert schema.json()["openapi"].startswith("3.1")
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html and "cdn" not in html.lower()


@pytest.mark.parametrize("uuid_text", ["1", "x" * 40, "00000000-0000-0000-0000-000000000000"])
def test_a_certificate_that_is_not_the_callers_is_not_found(client, people, uuid_text):
    key = _token(client, "migrant1").json()["token"]
    for url in (f"/api/v1/certificates/{uuid_text}/", f"/api/v1/certificates/{uuid_text}/pdf/"):
        _assert_error(_api(key).get(url), 404)
