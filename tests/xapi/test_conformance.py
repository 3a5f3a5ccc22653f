"""The rules ADL's LRS conformance suite (xAPI 1.0.3 and 2.0.0) checks that
the LRS once broke, one test per kind (the suite itself runs in CI)."""

import json
from urllib.parse import urlencode

import pytest

from xapi.models import Document, Statement

from .conftest import LRS, TEST_SECRET, make_client, new_id, statement

S = "/xapi/statements"
ACTIVITY = "http://example.org/activities/one"


@pytest.fixture
def lrs2(db, client):
    make_client("lrs-two")
    return LRS(client, "lrs-two", TEST_SECRET, version="2.0.0")


def substatement(**overrides):
    inner = statement()
    inner.update(overrides)
    return statement(object={"objectType": "SubStatement", **inner})


def stored_count():
    return Statement.objects.count()


# --- validation: every rule answers 400 (never 500), nothing is stored ----------------


@pytest.mark.parametrize("where", ["statement", "substatement"])
@pytest.mark.parametrize("value", [{"type": "choice"}, ["choice"], 12, "bogus"])
def test_invalid_interaction_type_400(lrs, where, value):
    obj = {"id": ACTIVITY, "definition": {"interactionType": value}}
    body = statement(object=obj) if where == "statement" else substatement(object=obj)
    response = lrs.post(S, body)
    assert response.status_code == 400, response.content
    assert "interactionType" in response.json()["error"]
    assert stored_count() == 0


@pytest.mark.parametrize("where", ["statement", "substatement"])
@pytest.mark.parametrize(
    "value",
    [
        "01/011/2015",
        "2008-09-15T15:53:00.601-00",
        "2008-09-15T15:53:00.601-0000",
        "2008-09-15T15:53:00.601-00:00",
    ],
)
def test_timestamps_without_a_real_zone_or_date_400(lrs, where, value):
    body = statement(timestamp=value) if where == "statement" else substatement(timestamp=value)
    assert lrs.post(S, body).status_code == 400
    assert stored_count() == 0


@pytest.mark.parametrize(
    ("duration", "status"),
    [("P4W", 200), ("P4W1D", 400), ("P1W2W", 400), ("P1DT12H36M0.12567S", 200), ("PT", 400)],
)
def test_durations(lrs, duration, status):
    assert lrs.post(S, statement(result={"duration": duration})).status_code == status


@pytest.mark.parametrize(
    "authority",
    [
        # identified groups, whatever their identifier
        {"objectType": "Group", "mbox": "mailto:g@example.org", "member": []},
        {"objectType": "Group", "mbox_sha1sum": "a" * 40, "member": []},
        {"objectType": "Group", "openid": "http://example.org/g", "member": []},
        {
            "objectType": "Group",
            "account": {"homePage": "http://example.org", "name": "g"},
            "member": [],
        },
        # an identified group of two
        {
            "objectType": "Group",
            "mbox": "mailto:g@example.org",
            "member": [{"mbox": "mailto:a@example.org"}, {"mbox": "mailto:b@example.org"}],
        },
        # an anonymous group of three
        {
            "objectType": "Group",
            "member": [{"mbox": f"mailto:{n}@example.org"} for n in "abc"],
        },
    ],
)
def test_authority_group_must_be_an_anonymous_pair(lrs, authority):
    response = lrs.post(S, statement(authority=authority))
    assert response.status_code == 400
    assert "authority" in response.json()["error"]


def test_authority_anonymous_pair_accepted(lrs):
    members = [{"mbox": "mailto:a@x.org"}, {"mbox": "mailto:b@x.org"}]
    pair = {"objectType": "Group", "member": members}
    assert lrs.post(S, statement(authority=pair)).status_code == 200


AGENT = {"objectType": "Agent", "mbox": "mailto:player@example.org"}
GROUP = {"objectType": "Group", "mbox": "mailto:team@example.org", "member": [AGENT]}
TYPES = ["http://example.org/types/player"]


@pytest.mark.parametrize("where", ["statement", "substatement"])
@pytest.mark.parametrize(
    ("key", "item", "status"),
    [
        (
            "contextAgents",
            {"objectType": "contextAgent", "agent": AGENT, "relevantTypes": TYPES},
            200,
        ),
        ("contextAgents", {"objectType": "contextAgent", "agent": AGENT}, 200),
        ("contextAgents", {"objectType": "Should fail", "agent": AGENT}, 400),
        ("contextAgents", {"agent": AGENT}, 400),
        ("contextAgents", {"objectType": "contextAgent", "agent": {"name": "no ifi"}}, 400),
        ("contextAgents", {"objectType": "contextAgent", "agent": GROUP}, 400),
        ("contextAgents", {"objectType": "contextAgent", "agent": AGENT, "relevantTypes": []}, 400),
        (
            "contextAgents",
            {"objectType": "contextAgent", "agent": AGENT, "relevantTypes": ["abc"]},
            400,
        ),
        (
            "contextGroups",
            {"objectType": "contextGroup", "group": GROUP, "relevantTypes": TYPES},
            200,
        ),
        ("contextGroups", {"objectType": "contextAgent", "group": GROUP}, 400),
        ("contextGroups", {"objectType": "contextGroup", "group": AGENT}, 400),
        ("contextGroups", {"objectType": "contextGroup", "group": GROUP, "relevantTypes": []}, 400),
        (
            "contextGroups",
            {"objectType": "contextGroup", "group": GROUP, "relevantTypes": [1]},
            400,
        ),
    ],
)
def test_context_agents_and_groups_2_0(lrs2, where, key, item, status):
    context = {key: [item]}
    body = statement(context=context) if where == "statement" else substatement(context=context)
    response = lrs2.post(S, body)
    assert response.status_code == status, response.content


def test_context_agents_are_not_1_0_3(lrs):
    item = {"objectType": "contextAgent", "agent": AGENT}
    assert lrs.post(S, statement(context={"contextAgents": [item]})).status_code == 400


# --- context activities come back as arrays -------------------------------------------


@pytest.mark.parametrize("where", ["statement", "substatement"])
@pytest.mark.parametrize("kind", ["parent", "grouping", "category", "other"])
def test_a_single_context_activity_is_returned_as_an_array(lrs, where, kind):
    sid = new_id()
    context = {"contextActivities": {kind: {"id": "http://example.org/activities/ctx"}}}
    body = statement(context=context) if where == "statement" else substatement(context=context)
    assert lrs.put(S, body, {"statementId": sid}).status_code == 204
    got = lrs.get(S, {"statementId": sid}).json()
    inner = got if where == "statement" else got["object"]
    assert inner["context"]["contextActivities"][kind] == [
        {"id": "http://example.org/activities/ctx"}
    ]
    # the same statement sent again (with the single object) is the same statement
    assert lrs.put(S, body, {"statementId": sid}).status_code == 204


# --- the Statements resource's headers and parameters ---------------------------------


@pytest.mark.parametrize("single", ["statementId", "voidedStatementId"])
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("agent", json.dumps({"mbox": "mailto:learner@example.org"})),
        ("verb", "http://adlnet.gov/expapi/verbs/experienced"),
        ("activity", ACTIVITY),
        ("registration", "0b6a3b8e-3c9f-4a53-9d52-2a9b1f0c7e11"),
        ("related_activities", "true"),
        ("related_agents", "true"),
        ("since", "2020-01-01T00:00:00Z"),
        ("until", "2999-01-01T00:00:00Z"),
        ("limit", "1"),
        ("ascending", "true"),
    ],
)
def test_statement_id_with_another_filter_400_with_consistent_through(lrs, single, name, value):
    [sid] = lrs.post(S, statement()).json()
    response = lrs.get(S, {single: sid, name: value})
    assert response.status_code == 400
    assert response["X-Experience-API-Consistent-Through"]
    assert response["X-Experience-API-Version"] == "1.0.3"


def test_errors_carry_the_xapi_headers(lrs):
    for response in (
        lrs.get(S, {"statementId": new_id()}),  # 404
        lrs.post(S, {"bad": 1}),  # 400
        lrs.get(S, {"unknown": "1"}),  # 400
        lrs.delete(S),  # 405
    ):
        assert response.status_code in (400, 404, 405)
        assert response["X-Experience-API-Consistent-Through"]
        assert response["X-Experience-API-Version"] == "1.0.3"
    assert "POST" in lrs.delete(S)["Allow"]


def test_a_voided_statement_by_statement_id_is_404(lrs):
    [target] = lrs.post(S, statement()).json()
    void = statement(
        verb={"id": "http://adlnet.gov/expapi/verbs/voided"},
        object={"objectType": "StatementRef", "id": target},
    )
    assert lrs.post(S, void).status_code == 200
    response = lrs.get(S, {"statementId": target})
    assert response.status_code == 404
    assert response["X-Experience-API-Consistent-Through"]


@pytest.mark.parametrize(("registered", "expected"), [("1.0.3", "1.0.3"), ("2.0.0", "2.0.0")])
@pytest.mark.parametrize("method", ["get", "post", "put"])
def test_a_request_without_a_version_is_refused_in_the_clients_version(
    client, db, registered, expected, method
):
    lrs_client = make_client("versioned")
    lrs_client.xapi_version = registered
    lrs_client.save()
    plain = LRS(client, "versioned", TEST_SECRET, version=None)
    if method == "get":
        response = plain.get(S)
    elif method == "post":
        response = plain.post(S, statement())
    else:
        response = plain.put(S, statement(), {"statementId": new_id()})
    assert response.status_code == 400
    assert response["X-Experience-API-Version"] == expected
    assert stored_count() == 0


def test_without_credentials_a_version_less_request_hears_the_latest(client, db):
    response = client.get(S)
    assert response.status_code == 400
    assert response["X-Experience-API-Version"] == "2.0.0"


def test_a_2_0_request_is_answered_as_2_0(lrs2):
    [sid] = lrs2.post(S, statement()).json()
    response = lrs2.get(S, {"statementId": sid})
    assert response["X-Experience-API-Version"] == "2.0.0"
    assert response.json()["version"] == "2.0.0"
    assert lrs2.get(S, {"statementId": new_id()})["X-Experience-API-Version"] == "2.0.0"


def test_format_ids_gives_activities_by_id_only(lrs):
    sid = new_id()
    body = substatement(actor={"objectType": "Group", "name": "G", "mbox": "mailto:g@example.org"})
    body["id"] = sid
    assert lrs.post(S, body).status_code == 200
    [got] = [s for s in lrs.get(S, {"format": "ids"}).json()["statements"] if s["id"] == sid]
    assert got["object"]["object"] == {"id": ACTIVITY}
    assert got["object"]["actor"] == {"objectType": "Group", "mbox": "mailto:g@example.org"}


def test_canonical_format_picks_the_accepted_language(lrs):
    sid = new_id()
    context = {
        "contextActivities": {
            "category": {
                "id": "http://example.org/activities/cat",
                "definition": {"name": {"en-US": "US", "en-GB": "GB"}},
            }
        }
    }
    verb = {"id": "http://example.org/verbs/v", "display": {"en-US": "us", "en-GB": "gb"}}
    lrs.put(S, statement(verb=verb, context=context), {"statementId": sid})
    canonical = lrs.get(
        S, {"statementId": sid, "format": "canonical"}, headers={"Accept-Language": "en-GB"}
    ).json()
    assert canonical["verb"]["display"] == {"en-GB": "gb"}
    category = canonical["context"]["contextActivities"]["category"][0]
    assert category["definition"]["name"] == {"en-GB": "GB"}
    exact = lrs.get(S, {"statementId": sid}, headers={"Accept-Language": "en-GB"}).json()
    assert exact["verb"]["display"] == verb["display"]


@pytest.mark.parametrize(
    "content_type", ["multipart/form-data; boundary=xyz", "text/plain", "application/xml"]
)
def test_statements_only_as_json_or_multipart_mixed(lrs, content_type):
    attachment = {
        "usageType": "http://example.org/usage",
        "display": {"en-US": "A"},
        "contentType": "text/plain",
        "length": 1,
        "sha2": "0" * 64,
        "fileUrl": "http://example.org/a.txt",
    }
    body = json.dumps(statement(attachments=[attachment]))
    assert lrs.post(S, body, content_type=content_type).status_code == 400
    assert stored_count() == 0


def test_a_batch_with_one_bad_statement_stores_none(lrs):
    response = lrs.post(S, [statement(), statement(), statement(verb={"id": "not an iri"})])
    assert response.status_code == 400
    assert response["X-Experience-API-Consistent-Through"]
    assert stored_count() == 0


# --- the alternate request syntax with the request's own headers -------------------------


def test_alternate_put_with_the_headers_as_headers(lrs):
    sid = new_id()
    form = urlencode({"statementId": sid, "content": json.dumps(statement())})
    response = lrs.post(
        S, form, params={"method": "PUT"}, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 204, response.content
    assert lrs.get(S, {"statementId": sid}).status_code == 200


def test_alternate_get_with_the_headers_as_headers(lrs):
    lrs.post(S, statement())
    response = lrs.post(
        S, "limit=1", params={"method": "GET"}, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert set(response.json()) == {"statements", "more"}


def test_alternate_form_fields_override_the_headers(lrs):
    form = urlencode(
        {
            "statementId": new_id(),
            "X-Experience-API-Version": "0.8",
            "content": json.dumps(statement()),
        }
    )
    response = lrs.post(
        S, form, params={"method": "PUT"}, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert stored_count() == 0


# --- the Activities resource ------------------------------------------------------------


def test_activity_definitions_of_one_batch_are_merged(lrs):
    first = statement(object={"id": ACTIVITY, "definition": {"name": {"en-US": "meeting"}}})
    second = statement(object={"id": ACTIVITY, "definition": {"name": {"fr-FR": "réunion"}}})
    assert lrs.post(S, [first, second]).status_code == 200
    got = lrs.get("/xapi/activities", {"activityId": ACTIVITY}).json()
    assert got["definition"]["name"] == {"en-US": "meeting", "fr-FR": "réunion"}


def test_an_unknown_activity_is_still_an_activity_object(lrs):
    iri = f"http://example.org/never-seen/{new_id()}"
    response = lrs.get("/xapi/activities", {"activityId": iri})
    assert response.status_code == 200
    assert response.json() == {"objectType": "Activity", "id": iri}


def test_an_activity_of_the_other_track_shows_no_definition(client, db):
    from xapi import services

    services.statements_store(
        [
            statement(
                object={"id": ACTIVITY, "definition": {"name": {"en-US": "Staff only"}}},
                context={"contextActivities": {"grouping": [{"id": services.track_iri("staff")}]}},
            )
        ]
    )
    make_client("migrant-only", "migrant-secret-1", tracks=("migrant",))
    make_client("staff-only", "staff-secret-12", tracks=("staff",))
    migrant = LRS(client, "migrant-only", "migrant-secret-1")
    staff = LRS(client, "staff-only", "staff-secret-12")
    hidden = migrant.get("/xapi/activities", {"activityId": ACTIVITY}).json()
    assert hidden == {"objectType": "Activity", "id": ACTIVITY}
    shown = staff.get("/xapi/activities", {"activityId": ACTIVITY}).json()
    assert shown["definition"]["name"] == {"en-US": "Staff only"}


# --- documents ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/xapi/activities/profile", {"activityId": ACTIVITY, "profileId": "gone"}),
        ("/xapi/agents/profile", {"agent": json.dumps(AGENT), "profileId": "gone"}),
        (
            "/xapi/activities/state",
            {"activityId": ACTIVITY, "agent": json.dumps(AGENT), "stateId": "gone"},
        ),
    ],
)
def test_deleting_a_document_that_is_not_there_is_204(lrs, path, params):
    assert lrs.delete(path, params).status_code == 204


def test_a_client_of_one_track_cannot_delete_the_other_tracks_documents(client, db):
    make_client("staff-only", "staff-secret-12", tracks=("staff",))
    make_client("migrant-only", "migrant-secret-1", tracks=("migrant",))
    staff = LRS(client, "staff-only", "staff-secret-12")
    migrant = LRS(client, "migrant-only", "migrant-secret-1")
    params = {"activityId": ACTIVITY, "agent": json.dumps(AGENT), "stateId": "s"}
    assert staff.put("/xapi/activities/state", {"a": 1}, params).status_code == 204
    assert migrant.delete("/xapi/activities/state", params).status_code == 204
    assert Document.objects.count() == 1
    assert staff.get("/xapi/activities/state", params).status_code == 200


# --- durations compare to hundredths of a second ----------------------------------------


def test_the_same_id_again_with_more_duration_digits_is_the_same_statement(lrs):
    sid = new_id()
    first = statement(result={"duration": "PT1.2399S"})
    assert lrs.put(S, first, {"statementId": sid}).status_code == 204
    again = statement(result={"duration": "PT1.23S"})
    assert lrs.put(S, again, {"statementId": sid}).status_code == 204
    different = statement(result={"duration": "PT1.24S"})
    assert lrs.put(S, different, {"statementId": sid}).status_code == 409


# --- concurrent writers: sequence order is stored-time order ---------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_batches_keep_stored_time_in_sequence_order():
    """A batch that reads the clock for `stored` first also gets the lower
    sequence numbers, so "ascending" (by stored time) is the order returned."""
    import threading

    from django.db import connection, transaction

    from xapi import services

    if connection.vendor != "postgresql":
        pytest.skip("the ordering lock is PostgreSQL's (SQLite has one writer at a time)")
    first_has_clock = threading.Event()
    release_first = threading.Event()
    errors = []

    def first():
        try:
            with transaction.atomic():
                services.statements_store([statement() for _ in range(3)])
                first_has_clock.set()
                release_first.wait(5)
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            connection.close()

    def second():
        try:
            first_has_clock.wait(5)
            services.statements_store([statement() for _ in range(3)])
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_has_clock.wait(5)
    # the second writer waits for the first to commit instead of reading the clock now
    threads[1].join(0.5)
    assert threads[1].is_alive()
    release_first.set()
    for thread in threads:
        thread.join(10)
    assert not errors
    stored = list(Statement.objects.order_by("seq").values_list("stored", flat=True))
    assert len(stored) == 6
    assert stored == sorted(stored)
