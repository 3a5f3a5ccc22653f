"""The Statements resource (xAPI-Communication §2.1) with the spec's codes."""

import json
import time

import pytest

from .conftest import LRS, TEST_SECRET, make_client, new_id, statement

S = "/xapi/statements"


def test_about_needs_no_auth(client, db):
    response = client.get("/xapi/about")
    assert response.status_code == 200
    assert "1.0.3" in response.json()["version"]


def test_post_then_get_by_id(lrs):
    response = lrs.post(S, statement())
    assert response.status_code == 200
    [sid] = response.json()
    got = lrs.get(S, {"statementId": sid})
    assert got.status_code == 200
    data = got.json()
    assert data["id"] == sid
    assert data["stored"] and data["timestamp"] and data["authority"]["account"]
    assert data["version"] == "1.0.0"
    assert got["X-Experience-API-Version"] == "1.0.3"
    assert got["X-Experience-API-Consistent-Through"]
    assert got["Last-Modified"]


def test_post_array_returns_ids_in_order(lrs):
    ids = [new_id(), new_id()]
    response = lrs.post(S, [statement(id=ids[0]), statement(id=ids[1])])
    assert response.status_code == 200
    assert response.json() == ids


def test_put_204_same_again_204_different_409(lrs):
    sid = new_id()
    assert lrs.put(S, statement(), {"statementId": sid}).status_code == 204
    assert lrs.put(S, statement(), {"statementId": sid}).status_code == 204
    other = statement(verb={"id": "http://adlnet.gov/expapi/verbs/completed"})
    response = lrs.put(S, other, {"statementId": sid})
    assert response.status_code == 409
    # POST with that id and different content: 409 too, nothing stored
    assert lrs.post(S, [statement(), {**other, "id": sid}]).status_code == 409


def test_put_without_statement_id_or_mismatch_400(lrs):
    assert lrs.put(S, statement()).status_code == 400
    assert lrs.put(S, statement(id=new_id()), {"statementId": new_id()}).status_code == 400


@pytest.mark.parametrize(
    "bad",
    [
        {"verb": {"id": "not an iri"}},
        {"actor": {"objectType": "Agent", "mbox": "learner@example.org"}},
        {"actor": {"objectType": "Agent"}},
        {
            "actor": {
                "mbox": "mailto:a@example.org",
                "account": {"homePage": "http://x", "name": "a"},
            }
        },
        {"object": {"objectType": "Activity"}},
        {"result": {"score": {"scaled": 2}}},
        {"result": {"score": {"raw": 5, "min": 10, "max": 20}}},
        {"result": {"duration": "five minutes"}},
        {"context": {"registration": "not-a-uuid"}},
        {"context": {"language": "??"}},
        {"timestamp": "yesterday"},
        {"id": "1234"},
        {"unknown": 1},
        {"verb": {"id": "http://adlnet.gov/expapi/verbs/voided"}},
        {
            "object": {
                "objectType": "SubStatement",
                "actor": {"mbox": "mailto:a@b.org"},
                "verb": {"id": "http://x/v"},
                "object": {"objectType": "SubStatement"},
            }
        },
        {"verb": {"id": "http://x/v", "display": {"not a language": "x"}}},
    ],
)
def test_invalid_statements_are_400_and_store_nothing(lrs, bad):
    from xapi.models import Statement

    response = lrs.post(S, statement(**bad))
    assert response.status_code == 400, response.content
    assert "error" in response.json()
    assert not Statement.objects.exists()


def test_batch_with_one_invalid_stores_nothing(lrs):
    from xapi.models import Statement

    assert lrs.post(S, [statement(), statement(verb={"id": "nope"})]).status_code == 400
    assert not Statement.objects.exists()


def test_duplicate_ids_in_batch_400(lrs):
    sid = new_id()
    assert lrs.post(S, [statement(id=sid), statement(id=sid)]).status_code == 400


def test_not_json_400(lrs):
    assert lrs.post(S, "{nope").status_code == 400


def test_version_header_required_and_checked(lrs):
    assert lrs.get(S, headers={"X-Experience-API-Version": None}).status_code == 400
    assert lrs.get(S, headers={"X-Experience-API-Version": "0.95"}).status_code == 400
    response = lrs.get(S, headers={"X-Experience-API-Version": "2.0.0"})
    assert response.status_code == 200
    assert response["X-Experience-API-Version"] == "2.0.0"


def test_auth_401_and_scopes_403(client, db):
    make_client("reader", "reader-secret-1", scope="read")
    make_client("writer", "writer-secret-1", scope="write")
    anonymous = client.get(S, headers={"X-Experience-API-Version": "1.0.3"})
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"].startswith("Basic")
    assert LRS(client, "reader", "wrong-secret").get(S).status_code == 401
    assert LRS(client, "nobody", "x").get(S).status_code == 401
    reader = LRS(client, "reader", "reader-secret-1")
    writer = LRS(client, "writer", "writer-secret-1")
    assert reader.get(S).status_code == 200
    assert reader.post(S, statement()).status_code == 403
    assert writer.post(S, statement()).status_code == 200
    assert writer.get(S).status_code == 403


def test_voiding(lrs):
    [target] = lrs.post(S, statement()).json()
    void = statement(
        verb={"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}},
        object={"objectType": "StatementRef", "id": target},
    )
    [voiding] = lrs.post(S, void).json()
    assert lrs.get(S, {"statementId": target}).status_code == 404
    assert lrs.get(S, {"voidedStatementId": target}).json()["id"] == target
    assert lrs.get(S, {"voidedStatementId": voiding}).status_code == 404
    ids = [s["id"] for s in lrs.get(S).json()["statements"]]
    assert target not in ids and voiding in ids
    # a voiding statement cannot itself be voided
    again = statement(
        verb={"id": "http://adlnet.gov/expapi/verbs/voided"},
        object={"objectType": "StatementRef", "id": voiding},
    )
    assert lrs.post(S, again).status_code == 400


def test_filters(lrs):
    reg = new_id()
    a = statement(context={"registration": reg})
    b = statement(
        actor={"mbox": "mailto:other@example.org"},
        verb={"id": "http://adlnet.gov/expapi/verbs/completed"},
        object={"id": "http://example.org/activities/two"},
        context={
            "contextActivities": {"parent": [{"id": "http://example.org/activities/one"}]},
            "instructor": {"mbox": "mailto:teacher@example.org"},
        },
    )
    [ida] = lrs.post(S, a).json()
    time.sleep(0.01)
    [idb] = lrs.post(S, b).json()

    def ids(**params):
        response = lrs.get(S, params)
        assert response.status_code == 200, response.content
        return [s["id"] for s in response.json()["statements"]]

    assert ids() == [idb, ida]
    assert ids(ascending="true") == [ida, idb]
    assert ids(verb="http://adlnet.gov/expapi/verbs/completed") == [idb]
    assert ids(agent=json.dumps({"mbox": "mailto:other@example.org"})) == [idb]
    assert ids(agent=json.dumps({"mbox": "mailto:teacher@example.org"})) == []
    assert ids(agent=json.dumps({"mbox": "mailto:teacher@example.org"}), related_agents="true") == [
        idb
    ]
    assert ids(activity="http://example.org/activities/one") == [ida]
    assert ids(activity="http://example.org/activities/one", related_activities="true") == [
        idb,
        ida,
    ]
    assert ids(registration=reg) == [ida]
    stored_a = lrs.get(S, {"statementId": ida}).json()["stored"]
    assert ids(since=stored_a) == [idb]
    assert ids(until=stored_a) == [ida]
    assert ids(limit=1) == [idb]


@pytest.mark.parametrize(
    "params",
    [
        {"agent": "not json"},
        {"agent": json.dumps({"name": "no identifier"})},
        {"verb": "no iri"},
        {"registration": "x"},
        {"since": "yesterday"},
        {"limit": "-1"},
        {"limit": "many"},
        {"format": "pretty"},
        {"ascending": "yes"},
        {"colour": "blue"},
        {"statementId": "not-a-uuid"},
    ],
)
def test_bad_query_parameters_400(lrs, params):
    assert lrs.get(S, params).status_code == 400


def test_statement_id_cannot_be_combined(lrs):
    [sid] = lrs.post(S, statement()).json()
    assert lrs.get(S, {"statementId": sid, "verb": "http://x/v"}).status_code == 400
    assert lrs.get(S, {"statementId": sid, "format": "ids"}).status_code == 200
    assert lrs.get(S, {"statementId": new_id()}).status_code == 404


def test_more_links_page_through_everything(lrs):
    posted = lrs.post(S, [statement() for _ in range(7)]).json()
    seen, url, params = [], S, {"limit": 3}
    for _ in range(5):
        response = lrs.get(url, params)
        assert response.status_code == 200
        body = response.json()
        seen += [s["id"] for s in body["statements"]]
        if not body["more"]:
            break
        url, _, query = body["more"].partition("?")
        params = dict([query.split("=", 1)])
    assert sorted(seen) == sorted(posted) and len(seen) == 7
    assert seen == list(reversed(posted))


def test_more_link_tampered_400_and_valid_after_a_day(lrs, settings):
    lrs.post(S, [statement() for _ in range(3)])
    more = lrs.get(S, {"limit": 1}).json()["more"]
    token = more.split("more=", 1)[1]
    assert lrs.get(S, {"more": token[:-2] + "xx"}).status_code == 400
    assert lrs.get(S, {"more": token, "limit": "2"}).status_code == 400
    from unittest import mock

    from django.core import signing

    later = time.time() + 25 * 3600
    with mock.patch.object(signing.time, "time", return_value=later):
        response = lrs.get(S, {"more": token})
    assert response.status_code == 200
    assert len(response.json()["statements"]) == 1


def test_formats(lrs):
    [sid] = lrs.post(
        S,
        statement(
            verb={"id": "http://x/v", "display": {"en-US": "did", "ru-RU": "сделал"}},
        ),
    ).json()
    ids_format = lrs.get(S, {"statementId": sid, "format": "ids"}).json()
    assert ids_format["verb"] == {"id": "http://x/v"}
    assert ids_format["object"] == {"id": "http://example.org/activities/one"}
    assert "name" not in ids_format["actor"]
    canonical = lrs.get(
        S, {"statementId": sid, "format": "canonical"}, headers={"Accept-Language": "ru-RU"}
    ).json()
    assert canonical["verb"]["display"] == {"ru-RU": "сделал"}


def test_head_has_headers_no_body(lrs):
    lrs.post(S, statement())
    response = lrs.head(S)
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Experience-API-Consistent-Through"]


def test_method_not_allowed(lrs):
    assert lrs.delete(S).status_code == 405


def test_alternate_request_syntax(lrs, client):
    from urllib.parse import urlencode

    sid = new_id()
    form = {
        "Authorization": lrs.headers["Authorization"],
        "X-Experience-API-Version": "1.0.3",
        "Content-Type": "application/json",
        "statementId": sid,
        "content": json.dumps(statement()),
    }
    response = client.post(
        S + "?method=PUT", urlencode(form), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 204, response.content
    form = {k: v for k, v in form.items() if k not in ("content", "Content-Type")}
    response = client.post(
        S + "?method=GET", urlencode(form), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert response.json()["id"] == sid
    # other query parameters are not allowed with the alternate syntax
    response = client.post(
        S + f"?method=GET&statementId={sid}",
        urlencode(form),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_track_scope_walls_clients(client, db):
    from xapi.services import track_iri

    make_client("both", "both-secret-123", tracks=("migrant", "staff"))
    make_client("migrant-only", "migrant-secret-1", tracks=("migrant",))
    make_client("staff-writer", "staff-secret-12", scope="write", tracks=("staff",))
    writer = LRS(client, "staff-writer", "staff-secret-12")
    [staff_id] = writer.post(S, statement()).json()
    both = LRS(client, "both", "both-secret-123")
    [migrant_id] = both.post(
        S, statement(context={"contextActivities": {"grouping": [{"id": track_iri("migrant")}]}})
    ).json()
    [unscoped_id] = both.post(S, statement()).json()
    migrant_only = LRS(client, "migrant-only", "migrant-secret-1")
    seen = [s["id"] for s in migrant_only.get(S).json()["statements"]]
    assert seen == [migrant_id]
    assert migrant_only.get(S, {"statementId": staff_id}).status_code == 404
    assert migrant_only.get(S, {"statementId": unscoped_id}).status_code == 404
    assert {s["id"] for s in both.get(S).json()["statements"]} == {
        staff_id,
        migrant_id,
        unscoped_id,
    }


def test_filters_also_return_statements_targeting_a_match(lrs):
    """xAPI-Communication §2.1.3: a statement whose object is a StatementRef
    meets the agent / verb / activity / registration filters when its target
    does (time and position filters apply to the targeting statement)."""
    reg = new_id()
    about = "http://example.org/activities/ref-target"
    other_agent = {"objectType": "Agent", "mbox": "mailto:reviewer@example.org"}
    [target] = lrs.post(
        S,
        statement(
            object={"objectType": "Activity", "id": about},
            context={"registration": reg},
        ),
    ).json()
    [unrelated] = lrs.post(S, statement()).json()
    [ref] = lrs.post(
        S,
        statement(
            actor=other_agent,
            verb={"id": "http://example.org/verbs/endorsed"},
            object={"objectType": "StatementRef", "id": target},
        ),
    ).json()
    [ref_unrelated] = lrs.post(
        S,
        statement(
            actor=other_agent,
            verb={"id": "http://example.org/verbs/endorsed"},
            object={"objectType": "StatementRef", "id": unrelated},
        ),
    ).json()

    def ids(**params):
        response = lrs.get(S, params)
        assert response.status_code == 200, response.content
        return [s["id"] for s in response.json()["statements"]]

    assert ids(activity=about) == [ref, target]
    assert ids(registration=reg) == [ref, target]
    learner = json.dumps(statement()["actor"])
    assert set(ids(agent=learner)) == {target, unrelated, ref, ref_unrelated}
    # the targeting statement matches on its own properties too
    assert ids(verb="http://example.org/verbs/endorsed") == [ref_unrelated, ref]
    assert ids(verb="http://example.org/verbs/endorsed", activity=about) == [ref]
    assert ids(activity=about, ascending="true") == [target, ref]
    # one per page: the more link walks both in order
    first = lrs.get(S, {"activity": about, "limit": 1}).json()
    assert [s["id"] for s in first["statements"]] == [ref]
    second = lrs.get(first["more"]).json()
    assert [s["id"] for s in second["statements"]] == [target]
    assert second["more"] == ""
    # voiding: the voided statement is gone, the voiding statement is found by
    # the voided statement's properties
    [voiding] = lrs.post(
        S,
        statement(
            verb={"id": "http://adlnet.gov/expapi/verbs/voided"},
            object={"objectType": "StatementRef", "id": target},
        ),
    ).json()
    assert ids(activity=about) == [voiding, ref]


@pytest.mark.django_db(transaction=True)
def test_ids_already_stored_outside_any_transaction(lrs):
    """A client's POST runs in a transaction of its own, inserting without a
    savepoint: an id already stored rolls it back and it runs again, comparing."""
    from xapi.models import Statement

    first, second = new_id(), new_id()
    assert lrs.post(S, statement(id=first)).json() == [first]
    # the same statement again, with a new one: 200, the new one stored once
    assert lrs.post(S, [statement(id=first), statement(id=second)]).json() == [first, second]
    assert Statement.objects.filter(statement_id__in=[first, second]).count() == 2
    assert lrs.put(S, statement(), {"statementId": first}).status_code == 204
    # other content under a stored id: 409, and nothing of the batch is kept
    third = new_id()
    changed = statement(id=first, verb={"id": "http://example.org/verbs/other"})
    assert lrs.post(S, [statement(id=third), changed]).status_code == 409
    assert not Statement.objects.filter(statement_id=third).exists()
    assert Statement.objects.count() == 2


def test_deleting_a_client_keeps_its_statements_without_it(lrs):
    """Statement.client has no database constraint (its check cost a query per
    statement at commit): the ORM still sets the client of the statements to
    NULL when the client is deleted, and they stay readable."""
    from xapi.models import Statement

    sender = make_client(key="lrs-gone")
    gone = LRS(lrs.c, "lrs-gone", TEST_SECRET)
    ids = gone.post("/xapi/statements", [statement(), statement()]).json()
    assert set(Statement.objects.filter(statement_id__in=ids).values_list("client", flat=True)) == {
        sender.pk
    }
    sender.delete()
    assert list(
        Statement.objects.filter(statement_id__in=ids).values_list("client", flat=True)
    ) == [None, None]
    assert lrs.get("/xapi/statements", {"statementId": ids[0]}).status_code == 200
