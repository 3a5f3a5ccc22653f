"""The offline batch (issue 17): `POST /api/v1/sync/` applies progress, video
viewings, quiz answers and submissions recorded offline, each once by its
client id; progress never goes down and the completion time is the earliest;
an attempt is graded once, by the server; another learner's objects and
another track's lessons are refused one by one, the rest applied."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from assessments.models import Attempt
from cms.models import LessonPage
from courses.models import Enrollment, LessonProgressLog, SyncItem
from tests.assessments.factories import make_bank, make_question, make_quiz
from tests.builders import make_course, make_people

pytestmark = pytest.mark.django_db
SYNC = "/api/v1/sync/"


@pytest.fixture
def people(db):
    return make_people()


@pytest.fixture
def world(tree, people):
    bank = make_bank()
    quiz = make_quiz([make_question(bank, text="First?"), make_question(bank, text="Second?")],
                     pass_mark=50)  # fmt: skip
    course = make_course(tree.migrant, title="Orientation", slug="orientation", lessons=2)
    quiz_course = make_course(
        tree.migrant, title="Quiz", slug="quiz",
        body=[{"type": "quiz", "value": {"quiz": quiz.pk, "role": "lesson"}}],
    )  # fmt: skip
    staff = make_course(tree.staff, title="Trainer", slug="trainer")
    for c in (course, quiz_course):
        Enrollment.objects.create(user=people.migrant, course=c, source="self")
    lessons = list(LessonPage.objects.descendant_of(course).live().order_by("path"))
    return {
        "lessons": lessons,
        "quiz_lesson": LessonPage.objects.descendant_of(quiz_course).live().first(),
        "staff_lesson": LessonPage.objects.descendant_of(staff).live().first(),
    }


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def item(kind, at=None, **data):
    at = at or timezone.now()
    return {"id": str(uuid.uuid4()), "kind": kind, "at": at.isoformat(), "data": data}


def _sync(user, *items):
    response = _client(user).post(SYNC, {"items": list(items)}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_offline_progress_is_applied_once_with_the_earliest_completion(people, world):
    lesson = world["lessons"][0]
    yesterday = timezone.now() - timedelta(days=1)
    Enrollment.objects.update(created_at=timezone.now() - timedelta(days=3))
    done_then = item("progress", at=yesterday, lesson=lesson.pk, progress=1)
    halfway = item("progress", lesson=lesson.pk, progress=0.4)
    results = _sync(people.migrant, halfway, done_then)
    assert [r["status"] for r in results] == ["applied", "applied"]
    log = LessonProgressLog.objects.get(user=people.migrant, lesson=lesson)
    assert log.progress == 1.0 and abs(log.completed_at - yesterday) < timedelta(seconds=1)
    # The same batch again: nothing changes, each id answers its first outcome.
    again = _sync(people.migrant, halfway, done_then)
    assert [r["status"] for r in again] == ["duplicate", "duplicate"]
    assert again[1]["result"] == results[1]["result"]
    assert SyncItem.objects.count() == 2
    # Progress never goes down, and a later completion does not move the time.
    _sync(people.migrant, item("progress", lesson=lesson.pk, progress=0.1),
          item("progress", lesson=lesson.pk, progress=1))  # fmt: skip
    log.refresh_from_db()
    assert log.progress == 1.0 and abs(log.completed_at - yesterday) < timedelta(seconds=1)


def test_a_client_clock_is_kept_between_the_enrollment_and_now(people, world):
    lesson = world["lessons"][1]
    long_ago = timezone.now() - timedelta(days=400)
    future = timezone.now() + timedelta(days=30)
    _sync(people.migrant, item("progress", at=long_ago, lesson=lesson.pk, progress=1))
    log = LessonProgressLog.objects.get(user=people.migrant, lesson=lesson)
    enrollment = Enrollment.objects.get(user=people.migrant, course=log.enrollment.course)
    assert log.completed_at >= enrollment.created_at
    other = world["lessons"][0]
    _sync(people.migrant, item("progress", at=future, lesson=other.pk, progress=1))
    assert LessonProgressLog.objects.get(lesson=other).completed_at <= timezone.now()


def test_a_quiz_started_online_answered_and_submitted_offline_is_graded_once(people, world):
    client = _client(people.migrant)
    started = client.post("/api/v1/attempts/", {"lesson": world["quiz_lesson"].pk}, format="json")
    assert started.status_code == 201, started.content
    attempt = Attempt.objects.get(uuid=started.json()["uuid"])
    answers = {str(q["position"]): q["choices"][0]["id"] for q in started.json()["questions"]}
    answered = item("answers", attempt=str(attempt.uuid), answers=answers)
    submitted = item("submit", attempt=str(attempt.uuid))
    second = item("submit", attempt=str(attempt.uuid))
    results = _sync(people.migrant, answered, submitted)
    assert [r["status"] for r in results] == ["applied", "applied"], results
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.percent == 100.0
    assert results[1]["result"] == {"attempt": str(attempt.uuid), "percent": 100.0,
                                    "passed": True}  # fmt: skip
    # A second submission (another id, other answers) grades nothing again.
    wrong = dict.fromkeys(answers, "no-such-choice")
    later = _sync(people.migrant, item("answers", attempt=str(attempt.uuid), answers=wrong), second)
    assert later[0]["status"] == "refused" and later[0]["code"] == "attempt_closed", later
    assert later[1]["result"]["percent"] == 100.0
    submitted_at = attempt.submitted_at
    attempt.refresh_from_db()
    assert (attempt.percent, attempt.submitted_at) == (100.0, submitted_at)


def test_the_quiz_form_kept_on_the_phone_is_read_like_the_pages_post(people, world):
    """offline.js sends the attempt page's fields as the browser would post
    them ([[name, value], ...]); the server reads them with the page's code."""
    started = _client(people.migrant).post(
        "/api/v1/attempts/", {"lesson": world["quiz_lesson"].pk}, format="json"
    )
    uid = started.json()["uuid"]
    questions = started.json()["questions"]
    first = questions[0]
    only_first = [
        ["shown", str(first["position"])],
        [f"q{first['position']}", first["choices"][0]["id"]],
    ]
    whole = [["shown", ",".join(str(q["position"]) for q in questions)]]
    whole += [[f"q{q['position']}", q["choices"][0]["id"]] for q in questions]
    results = _sync(
        people.migrant,
        item("answers", attempt=uid, form=only_first),
        item("answers", attempt=uid, form=[["q1", "x"]]),  # no "shown": not as the page sends it
        item("answers", attempt=uid),  # neither answers nor form
        item("submit", attempt=uid, form=whole, answers={}),  # both
        item("submit", attempt=uid, form=whole),
    )
    assert [r["status"] for r in results] == ["applied", "refused", "refused", "refused", "applied"]
    assert results[0]["result"]["answered"] == 1
    assert results[1]["code"] == "invalid_answer", results[1]
    assert results[2]["code"] == results[3]["code"] == "invalid"
    assert results[4]["result"] == {"attempt": uid, "percent": 100.0, "passed": True}
    attempt = Attempt.objects.get(uuid=uid)
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.percent == 100.0


def test_other_peoples_objects_and_bad_items_are_refused_one_by_one(people, world):
    client = _client(people.other)
    Enrollment.objects.create(user=people.other, course=world["quiz_lesson"].get_parent()
                              .get_parent().specific, source="self")  # fmt: skip
    theirs = client.post("/api/v1/attempts/", {"lesson": world["quiz_lesson"].pk}, format="json")
    good = item("progress", lesson=world["lessons"][0].pk, progress=0.5)
    batch = [
        good,
        item("submit", attempt=theirs.json()["uuid"]),  # another learner's attempt
        item("progress", lesson=world["staff_lesson"].pk, progress=1),  # the other track
        item("progress", lesson=99999999, progress=1),
        item("progress", lesson=world["lessons"][1].pk, progress=7),
        item("video", video=str(uuid.uuid4()), session=str(uuid.uuid4()), verb="played"),
        {"id": "not-a-uuid", "kind": "progress", "at": "x", "data": {}},
        {"kind": "nope"},
        item("answers", attempt="x", answers={}),
    ]
    results = _sync(people.migrant, *batch)
    assert [r["status"] for r in results] == ["applied"] + ["refused"] * 8, results
    assert [r["code"] for r in results[1:6]] == ["not_found"] * 3 + ["invalid", "not_found"]
    assert all(r["reason"] for r in results[1:])
    assert results[4]["fields"] == {"data": {"progress": results[4]["fields"]["data"]["progress"]}}
    assert Attempt.objects.get(uuid=theirs.json()["uuid"]).status == Attempt.Status.IN_PROGRESS
    assert not LessonProgressLog.objects.filter(lesson=world["staff_lesson"]).exists()
    assert LessonProgressLog.objects.filter(user=people.migrant).count() == 1


def test_a_learner_not_enrolled_gets_the_reason_and_can_send_it_again(people, world):
    lesson = world["lessons"][0]
    Enrollment.objects.filter(user=people.migrant).delete()
    offline = item("progress", lesson=lesson.pk, progress=1)
    assert _sync(people.migrant, offline)[0]["code"] == "not_enrolled"
    Enrollment.objects.create(user=people.migrant, course=lesson.get_parent().get_parent().specific,
                              source="self")  # fmt: skip
    assert _sync(people.migrant, offline)[0]["status"] == "applied"


@pytest.mark.parametrize(
    "body", [{}, {"items": []}, {"items": "x"}, {"items": [1, 2]}, {"items": [{}] * 201}]
)
def test_a_malformed_batch_is_400(people, world, body):
    response = _client(people.migrant).post(SYNC, body, format="json")
    assert response.status_code == 400 and response.json()["error"]["fields"]


def test_anonymous_may_not_sync(world):
    assert APIClient().post(SYNC, {"items": [item("progress", lesson=1, progress=1)]},
                            format="json").status_code == 401  # fmt: skip
