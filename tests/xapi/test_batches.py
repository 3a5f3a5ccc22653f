"""A batch is stored while it is checked: on PostgreSQL each statement's row
goes to the database (COPY) as soon as that statement is validated, and the
voiding and signature checks run after the insert. Whatever is wrong with one
statement of a long batch, first, second, in the middle or last, must answer as
it did when everything was checked first, and leave nothing of the batch
stored. Generated over where the statement is × what is wrong with it."""

import pytest

from tests.xapi.test_attachments import CT, SIGNATURE, attachment_for, jws, multipart
from xapi.models import Statement, StatementRelation

from .conftest import new_id, statement

S = "/xapi/statements"
# About 1 KB a statement: COPY's buffer (32 KB) goes to the server several
# times before the last statement is even validated.
BATCH = 120
POSITIONS = [0, 1, BATCH // 2, BATCH - 1]
VOIDED = {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}}


def padded(**overrides):
    return statement(id=new_id(), result={"response": "x" * 900}, **overrides)


def voiding(target_id):
    return statement(
        id=new_id(), verb=VOIDED, object={"objectType": "StatementRef", "id": target_id}
    )


def _invalid(lrs, batch, k):
    batch[k] = {**batch[k], "verb": {"id": "not an iri"}}
    return {"status": 400, "stored": 0}


def _duplicate_id(lrs, batch, k):
    other = BATCH - 1 if k == 0 else 0
    batch[k] = {**batch[k], "id": batch[other]["id"]}
    return {"status": 400, "stored": 0}


def _stored_with_other_content(lrs, batch, k):
    earlier = padded()
    assert lrs.post(S, earlier).status_code == 200
    completed = {"id": "http://adlnet.gov/expapi/verbs/completed"}
    batch[k] = {**batch[k], "id": earlier["id"], "verb": completed}
    return {"status": 409, "stored": 1}


def _stored_the_same(lrs, batch, k):
    batch[k] = padded()
    assert lrs.post(S, batch[k]).status_code == 200
    return {"status": 200, "stored": BATCH}


def _voids_a_voiding_statement(lrs, batch, k):
    target = padded()
    void = voiding(target["id"])
    assert lrs.post(S, [target, void]).status_code == 200
    batch[k] = voiding(void["id"])
    return {"status": 400, "stored": 2}


def _voids_a_stored_statement(lrs, batch, k):
    target = padded()
    assert lrs.post(S, target).status_code == 200
    batch[k] = voiding(target["id"])
    return {"status": 200, "stored": 1 + BATCH, "voided": target["id"]}


def _signed_with_another_payload(lrs, batch, k):
    token = jws({**batch[k], "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"}})
    meta, sha2 = attachment_for(token, usage=SIGNATURE, content_type="application/octet-stream")
    batch[k] = {**batch[k], "attachments": [meta]}
    return {"status": 400, "stored": 0, "parts": [("application/octet-stream", token, sha2)]}


TROUBLES = [
    _invalid,
    _duplicate_id,
    _stored_with_other_content,
    _stored_the_same,
    _voids_a_voiding_statement,
    _voids_a_stored_statement,
    _signed_with_another_payload,
]


@pytest.mark.parametrize("k", POSITIONS)
@pytest.mark.parametrize("trouble", TROUBLES, ids=lambda f: f.__name__.strip("_"))
def test_one_statement_of_a_long_batch(lrs, trouble, k):
    batch = [padded() for _ in range(BATCH)]
    expected = trouble(lrs, batch, k)
    relations_before = StatementRelation.objects.count()
    if "parts" in expected:
        response = lrs.post(S, multipart(batch, expected["parts"]), content_type=CT)
    else:
        response = lrs.post(S, batch)
    assert response.status_code == expected["status"], response.content
    assert Statement.objects.count() == expected["stored"]
    if expected["status"] == 200:
        assert response.json() == [s["id"] for s in batch]
        assert StatementRelation.objects.count() > relations_before
    else:
        assert "error" in response.json()
        assert StatementRelation.objects.count() == relations_before
    if "voided" in expected:
        assert lrs.get(S, {"statementId": expected["voided"]}).status_code == 404
        assert Statement.objects.get(statement_id=expected["voided"]).voided
        # the batch's own statements are not voided by it
        assert Statement.objects.filter(voided=True).count() == 1


def test_a_voiding_statement_does_not_void_a_statement_of_its_own_batch(lrs):
    """As before the insert moved ahead of the voiding: the target must be
    stored before the batch (the batch's statements are not yet)."""
    target = padded()
    response = lrs.post(S, [target, voiding(target["id"])])
    assert response.status_code == 200
    assert lrs.get(S, {"statementId": target["id"]}).status_code == 200
