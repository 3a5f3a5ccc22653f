"""State, activity profile and agent profile documents; activities, agents."""

import json

import pytest

from .conftest import statement

ACTIVITY = "http://example.org/activities/one"
AGENT = json.dumps({"mbox": "mailto:learner@example.org"})
STATE = "/xapi/activities/state"
APROFILE = "/xapi/activities/profile"
GPROFILE = "/xapi/agents/profile"


def state_params(**extra):
    return {"activityId": ACTIVITY, "agent": AGENT, "stateId": "bookmark", **extra}


def test_state_put_get_etag_delete(lrs):
    assert lrs.put(STATE, {"page": 3}, state_params()).status_code == 204
    got = lrs.get(STATE, state_params())
    assert got.status_code == 200
    assert json.loads(got.content) == {"page": 3}
    assert got["ETag"].strip('"')
    listing = lrs.get(STATE, {"activityId": ACTIVITY, "agent": AGENT})
    assert listing.json() == ["bookmark"]
    # the state resource accepts a PUT without preconditions in 1.0.3
    assert lrs.put(STATE, {"page": 4}, state_params()).status_code == 204
    assert lrs.delete(STATE, state_params()).status_code == 204
    assert lrs.get(STATE, state_params()).status_code == 404


def test_state_post_merges_json(lrs):
    lrs.post(STATE, {"a": 1, "b": 1}, state_params())
    assert lrs.post(STATE, {"b": 2, "c": 3}, state_params()).status_code == 204
    assert json.loads(lrs.get(STATE, state_params()).content) == {"a": 1, "b": 2, "c": 3}
    # merging something that is not a JSON object: 400, nothing changes
    assert lrs.post(STATE, "[1, 2]", state_params()).status_code == 400
    assert lrs.post(STATE, b"plain", state_params(), content_type="text/plain").status_code == 400
    assert json.loads(lrs.get(STATE, state_params()).content) == {"a": 1, "b": 2, "c": 3}


def test_state_registration_separates_documents(lrs):
    reg = "0b4ac4a8-9b59-4a52-8b16-3c43a3f7c0a1"
    lrs.put(STATE, {"r": True}, state_params(registration=reg))
    assert lrs.get(STATE, state_params()).status_code == 404
    assert lrs.get(STATE, state_params(registration=reg)).status_code == 200


def test_state_delete_all(lrs):
    lrs.put(STATE, {"x": 1}, state_params(stateId="one"))
    lrs.put(STATE, {"x": 2}, state_params(stateId="two"))
    assert lrs.delete(STATE, {"activityId": ACTIVITY, "agent": AGENT}).status_code == 204
    assert lrs.get(STATE, {"activityId": ACTIVITY, "agent": AGENT}).json() == []


@pytest.mark.parametrize(
    "params",
    [
        {"agent": AGENT, "stateId": "x"},
        {"activityId": "not an iri", "agent": AGENT, "stateId": "x"},
        {"activityId": ACTIVITY, "stateId": "x"},
        {"activityId": ACTIVITY, "agent": "{bad", "stateId": "x"},
        {"activityId": ACTIVITY, "agent": AGENT, "stateId": "x", "registration": "nope"},
        {"activityId": ACTIVITY, "agent": AGENT, "stateId": "x", "colour": "red"},
    ],
)
def test_state_bad_parameters_400(lrs, params):
    assert lrs.put(STATE, {"a": 1}, params).status_code == 400


@pytest.mark.parametrize(
    ("path", "params"),
    [
        (APROFILE, {"activityId": ACTIVITY, "profileId": "p"}),
        (GPROFILE, {"agent": AGENT, "profileId": "p"}),
    ],
)
def test_profile_concurrency(lrs, path, params):
    # creating without If-Match / If-None-Match: 400 (and nothing is stored)
    response = lrs.put(path, {"v": 1}, params)
    assert response.status_code == 400
    assert "If-None-Match" in response.json()["error"]
    assert lrs.get(path, params).status_code == 404
    # creating with If-None-Match: *; it refuses an existing one
    assert lrs.put(path, {"v": 1}, params, headers={"If-None-Match": "*"}).status_code == 204
    etag = lrs.get(path, params)["ETag"]
    assert lrs.put(path, {"v": 2}, params, headers={"If-None-Match": "*"}).status_code == 412
    # replacing an existing document without If-Match or If-None-Match: 409
    response = lrs.put(path, {"v": 2}, params)
    assert response.status_code == 409
    assert "If-Match" in response.json()["error"]
    # a stale ETag: 412; the right one: 204
    assert lrs.put(path, {"v": 2}, params, headers={"If-Match": '"stale"'}).status_code == 412
    assert lrs.put(path, {"v": 2}, params, headers={"If-Match": etag}).status_code == 204
    assert json.loads(lrs.get(path, params).content) == {"v": 2}
    # If-Match on a document that does not exist: 412
    other = {**params, "profileId": "missing"}
    assert lrs.put(path, {"v": 1}, other, headers={"If-Match": etag}).status_code == 412
    # delete with a stale ETag: 412, with the current one: 204
    current = lrs.get(path, params)["ETag"]
    assert lrs.delete(path, params, headers={"If-Match": '"stale"'}).status_code == 412
    assert lrs.delete(path, params, headers={"If-Match": current}).status_code == 204
    assert lrs.get(path, params).status_code == 404


def test_profile_listing_since(lrs):
    new = {"If-None-Match": "*"}
    lrs.put(APROFILE, {"v": 1}, {"activityId": ACTIVITY, "profileId": "a"}, headers=new)
    listing = lrs.get(APROFILE, {"activityId": ACTIVITY})
    assert listing.json() == ["a"]
    future = {"activityId": ACTIVITY, "since": "2999-01-01T00:00:00Z"}
    assert lrs.get(APROFILE, future).json() == []
    assert lrs.get(APROFILE, {"activityId": ACTIVITY, "since": "soon"}).status_code == 400


def test_profile_id_required_for_put(lrs):
    assert lrs.put(APROFILE, {"v": 1}, {"activityId": ACTIVITY}).status_code == 400
    assert lrs.put(GPROFILE, {"v": 1}, {"agent": AGENT}).status_code == 400


def test_document_track_scope(client, db):
    from .conftest import LRS, make_client

    make_client("staff-only", "staff-secret-12", tracks=("staff",))
    make_client("migrant-only", "migrant-secret-1", tracks=("migrant",))
    staff = LRS(client, "staff-only", "staff-secret-12")
    migrant = LRS(client, "migrant-only", "migrant-secret-1")
    assert staff.put(STATE, {"secret": 1}, state_params()).status_code == 204
    assert migrant.get(STATE, state_params()).status_code == 404
    assert migrant.get(STATE, {"activityId": ACTIVITY, "agent": AGENT}).json() == []
    assert staff.get(STATE, state_params()).status_code == 200


def test_activities_resource(lrs):
    # unknown: still an Activity object (xAPI 2.0 Communication §4.1.6.4)
    unknown = lrs.get("/xapi/activities", {"activityId": ACTIVITY})
    assert unknown.status_code == 200
    assert unknown.json() == {"objectType": "Activity", "id": ACTIVITY}
    lrs.post("/xapi/statements", statement())
    activity = lrs.get("/xapi/activities", {"activityId": ACTIVITY}).json()
    assert activity == {
        "objectType": "Activity",
        "id": ACTIVITY,
        "definition": {"name": {"en-US": "One"}},
    }
    assert lrs.get("/xapi/activities").status_code == 400


def test_agents_resource(lrs):
    person = lrs.get("/xapi/agents", {"agent": AGENT}).json()
    assert person == {"objectType": "Person", "mbox": ["mailto:learner@example.org"]}
    assert lrs.get("/xapi/agents", {"agent": "{}"}).status_code == 400
    assert lrs.get("/xapi/agents").status_code == 400
