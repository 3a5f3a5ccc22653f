"""The platform's own statements: one learner's whole journey, the Video
Profile, quiz and certificate builders, and no statement without its event."""

import json
import uuid

import pytest
from django.db import transaction
from django.urls import reverse

from assessments.statements import quiz_attempt_statements
from certificates.statements import certificate_earned
from cms.models import LessonPage, ModulePage
from core.tracks import CompletionRule
from courses import services as courses
from courses.models import Enrollment
from tests.builders import make_course, make_people, make_video
from xapi.api import (
    ACTIVITY_TYPES,
    EXT,
    VERBS,
    activity_iri,
    to_dict,
)
from xapi.models import ActorIdentity, OutboxEntry, Statement

pytestmark = pytest.mark.django_db


def ordered():
    return [row.data for row in Statement.objects.order_by("seq")]


def short(statement):
    verb = statement["verb"]["id"].rsplit("/", 1)[1]
    kind = statement["object"]["id"].split("/xapi/activities/")[1].split("/")[0]
    return f"{verb} {kind}"


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user(
        "learner", email="learner@example.org", phone="+992931234567", password="pw-x-12345"
    )


def test_a_learners_journey_leaves_the_expected_statements(client, tree, learner):
    course = make_course(
        tree.migrant,
        title="Safe migration",
        slug="safe",
        modules=2,
        lessons=2,
        completion_rule=CompletionRule.LESSONS,
    )
    client.force_login(learner)
    assert client.post(reverse("courses:enroll", args=[course.pk])).status_code == 302
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    first = lessons[0]
    assert client.get(first.url).status_code == 200
    assert client.get(first.url).status_code == 200  # reopened at once: no second statement
    response = client.post(
        "/api/v1/progress/", {"lesson": first.pk, "progress": 0.5}, content_type="application/json"
    )
    assert response.status_code in (200, 201), response.content
    for lesson in lessons:
        if lesson != first:
            assert client.get(lesson.url).status_code == 200
        assert (
            client.post(
                reverse("courses:progress", args=[lesson.pk]), {"progress": "1"}
            ).status_code
            == 302
        )

    statements = ordered()
    assert [short(s) for s in statements] == [
        "registered course",
        "launched lesson",
        "progressed lesson",
        "completed lesson",
        "launched lesson",
        "completed lesson",
        "completed module",
        "launched lesson",
        "completed lesson",
        "launched lesson",
        "completed lesson",
        "completed module",
        "completed course",
    ]
    enrollment = Enrollment.objects.get()
    identity = ActorIdentity.objects.get(user=learner)
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    for statement in statements:
        # the actor is an opaque account, never the e-mail or the phone
        assert statement["actor"] == {
            "objectType": "Agent",
            "account": {"homePage": "http://testserver", "name": str(identity.name)},
        }
        text = json.dumps(statement)
        assert "learner@example.org" not in text and "931234567" not in text
        assert statement["context"]["registration"] == str(enrollment.registration)
        assert statement["context"]["language"] == "tg"
        assert statement["verb"]["id"] in VERBS.values()
    progressed = statements[2]
    assert progressed["result"]["extensions"][EXT["progress"]] == 50
    lesson_done = statements[3]
    assert lesson_done["object"]["id"] == activity_iri("lesson", first.translation_key)
    assert lesson_done["object"]["definition"]["type"] == ACTIVITY_TYPES["lesson"]
    assert lesson_done["result"]["completion"] is True
    ctx = lesson_done["context"]["contextActivities"]
    assert ctx["parent"] == [
        {"objectType": "Activity", "id": activity_iri("module", modules[0].translation_key)}
    ]
    assert [a["id"] for a in ctx["grouping"]] == [
        activity_iri("course", course.translation_key),
        "http://testserver/xapi/activities/track/migrant",
    ]
    module_done = statements[6]
    assert module_done["object"]["id"] == activity_iri("module", modules[0].translation_key)
    assert module_done["context"]["contextActivities"]["parent"][0]["id"] == activity_iri(
        "course", course.translation_key
    )
    assert statements[-1]["object"]["id"] == activity_iri("course", course.translation_key)
    assert set(Statement.objects.values_list("track", flat=True)) == {"migrant"}
    # the same journey through the LRS: by registration, all of them
    from .conftest import LRS, make_client

    make_client()
    lrs = LRS(client, "lrs-all", "secret-for-tests")
    found = lrs.get(
        "/xapi/statements", {"registration": str(enrollment.registration), "limit": 50}
    ).json()["statements"]
    assert len(found) == len(statements)


def test_activity_ids_survive_renaming_and_moving(tree, learner):
    course = make_course(tree.migrant, title="Course", slug="c", modules=2)
    lesson = LessonPage.objects.descendant_of(course).first()
    before = activity_iri("lesson", lesson.translation_key)
    lesson.title, lesson.slug = "Renamed", "renamed"
    lesson.save_revision().publish()
    second_module = ModulePage.objects.child_of(course).order_by("path").last()
    lesson.move(second_module, pos="last-child")
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert activity_iri("lesson", lesson.translation_key) == before


def test_tincan_version_is_dropped():
    from tincan import Activity, Agent, AgentAccount, Verb
    from tincan import Statement as TinCan

    data = to_dict(
        TinCan(
            actor=Agent(account=AgentAccount(home_page="http://x", name="a")),
            verb=Verb(id="http://x/v"),
            object=Activity(id="http://x/a"),
        )
    )
    assert "version" not in data


def test_no_statement_when_the_event_rolls_back(tree, learner):
    from xapi.models import ForwardEndpoint

    ForwardEndpoint.objects.create(name="far", url="http://127.0.0.1:9/xapi", tracks=["migrant"])
    course = make_course(tree.migrant, title="C", slug="c")
    with pytest.raises(RuntimeError), transaction.atomic():
        courses.enrollment_create(user=learner, course=course)
        assert Statement.objects.count() == 1 and OutboxEntry.objects.count() == 1
        raise RuntimeError("the request failed after enrolling")
    assert not Enrollment.objects.exists()
    assert not Statement.objects.exists()
    assert not OutboxEntry.objects.exists()


def test_staff_track_statements_carry_the_staff_track(tree):
    staff = make_people().staff  # verified ministry staff
    course = make_course(tree.staff, title="Trainer", slug="t")
    enrollment = courses.enrollment_create(user=staff, course=course)
    assert enrollment.status == Enrollment.Status.PENDING
    assert not Statement.objects.exists()  # a request is not a registration
    courses.enrollment_approve(enrollment=enrollment, approved_by=staff)
    row = Statement.objects.get()
    assert row.track == "staff"
    assert row.data["context"]["contextActivities"]["parent"][0]["id"].endswith("/track/staff")


@pytest.fixture
def video_lesson(tree, learner):
    from media_pipeline.models import Video

    video = make_video()
    Video.objects.filter(pk=video.pk).update(
        status=Video.Status.READY, duration_seconds=100.0, progress=100
    )
    video.refresh_from_db()
    body = [{"type": "video", "value": {"video": video.pk, "caption": ""}}]
    course = make_course(tree.migrant, title="V", slug="v", body=body)
    enrollment = courses.enrollment_create(user=learner, course=course)
    lesson = LessonPage.objects.descendant_of(course).get()
    return video, lesson, enrollment


def test_video_viewing_leaves_video_profile_statements(video_lesson, learner):
    from courses.services import video_view_record

    video, lesson, enrollment = video_lesson
    Statement.objects.all().delete()
    session = uuid.uuid4()

    def event(verb, segments, position):
        video_view_record(
            user=learner,
            video=video,
            session_id=session,
            verb=verb,
            segments=segments,
            position=position,
        )

    event("played", [(0, 5)], 5)
    event("seeked", [(5, 12)], 40)
    event("paused", [(40, 50)], 50)
    event("played", [], 50)
    event("completed", [(50, 100)], 100)
    statements = ordered()
    verbs = [s["verb"]["id"] for s in statements]
    assert verbs == [
        VERBS["initialized"],
        VERBS["played"],
        VERBS["seeked"],
        VERBS["paused"],
        VERBS["played"],
        VERBS["completed"],
    ]
    assert VERBS["played"] == "https://w3id.org/xapi/video/verbs/played"
    for statement in statements:
        assert statement["object"]["id"] == activity_iri("video", video.uuid)
        assert statement["object"]["definition"]["type"] == ACTIVITY_TYPES["video"]
        ctx = statement["context"]
        assert ctx["extensions"][EXT["video_session"]] == str(session)
        assert ctx["extensions"][EXT["video_length"]] == 100.0
        assert ctx["registration"] == str(enrollment.registration)
        assert ctx["contextActivities"]["category"] == [
            {"objectType": "Activity", "id": "https://w3id.org/xapi/video"}
        ]
        assert ctx["contextActivities"]["parent"][0]["id"].split("/")[-2] == "module"
    seeked = statements[2]["result"]["extensions"]
    assert seeked == {EXT["video_time_from"]: 12.0, EXT["video_time_to"]: 40.0}
    paused = statements[3]["result"]["extensions"]
    assert paused[EXT["video_segments"]] == "0[.]12[,]40[.]50"
    assert paused[EXT["video_time"]] == 50.0
    assert paused[EXT["video_progress"]] == 0.22
    completed = statements[5]["result"]
    assert completed["completion"] is True
    assert completed["extensions"][EXT["video_segments"]] == "0[.]12[,]40[.]100"
    assert completed["extensions"][EXT["video_progress"]] == 0.72
    # a second viewing is a new session, with its own initialized
    session = uuid.uuid4()
    event("played", [], 0)
    assert Statement.objects.order_by("-seq")[1].data["verb"]["id"] == VERBS["initialized"]


def test_leaving_the_page_terminates_the_viewing(video_lesson, learner):
    """The player's beacon on pagehide / hidden: a form with the CSRF token and
    the event as JSON; the Video Profile `terminated` statement follows."""
    from django.test import Client

    from media_pipeline.models import VideoViewSession

    video, lesson, enrollment = video_lesson
    Statement.objects.all().delete()
    client = Client(enforce_csrf_checks=True, headers={"Accept-Language": "en"})
    client.force_login(learner)
    token = "a" * 32
    client.cookies["csrftoken"] = token
    session = str(uuid.uuid4())

    def beacon(verb, segments, position, csrf=token):
        event = {"video": str(video.uuid), "session": session, "verb": verb}
        event |= {"segments": segments, "position": position}
        data = {"event": json.dumps(event)}
        if csrf:
            data["csrfmiddlewaretoken"] = csrf
        return client.post("/api/v1/video-events/", data)

    # without the token the beacon is refused, and nothing is recorded
    assert beacon("terminated", [[0, 20]], 20, csrf=None).status_code == 403
    assert not Statement.objects.exists()
    response = client.post(
        "/api/v1/video-events/",
        json.dumps(
            {
                "video": str(video.uuid),
                "session": session,
                "verb": "played",
                "segments": [[0, 20]],
                "position": 20,
            }
        ),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200, response.content
    response = beacon("terminated", [[20, 30]], 30)
    assert response.status_code == 200, response.content
    assert response.json()["watched_seconds"] == 30.0
    assert VideoViewSession.objects.get(session_id=session).last_verb == "terminated"
    statements = ordered()
    assert [s["verb"]["id"] for s in statements] == [
        VERBS["initialized"],
        VERBS["played"],
        VERBS["terminated"],
    ]
    assert VERBS["terminated"] == "http://adlnet.gov/expapi/verbs/terminated"
    terminated = statements[-1]
    assert terminated["context"]["extensions"][EXT["video_session"]] == session
    assert terminated["context"]["registration"] == str(enrollment.registration)
    assert terminated["result"]["extensions"] == {
        EXT["video_time"]: 30.0,
        EXT["video_progress"]: 0.3,
        EXT["video_segments"]: "0[.]30",
    }
    # a broken beacon is a readable 400, not a 500
    bad = client.post("/api/v1/video-events/", {"event": "{not json", "csrfmiddlewaretoken": token})
    assert bad.status_code == 400
    assert "not valid JSON" in bad.content.decode()
    assert len(ordered()) == 3


def test_quiz_attempt_statements(tree, learner):
    course = make_course(tree.migrant, title="Q", slug="q")
    enrollment = courses.enrollment_create(user=learner, course=course)
    lesson = LessonPage.objects.descendant_of(course).get()
    Statement.objects.all().delete()
    quiz = "http://testserver/xapi/activities/quiz/0b6a"
    quiz_attempt_statements(
        user=learner,
        enrollment=enrollment,
        quiz_iri=quiz,
        quiz_name={"tg": "Санҷиш"},
        lesson=lesson,
        score_raw=1,
        score_max=2,
        passed=False,
        duration_seconds=90,
        responses=[
            {
                "question_iri": quiz + "/q1",
                "interaction_type": "choice",
                "name": {"tg": "Савол 1"},
                "response": "b",
                "correct": True,
                "correct_responses_pattern": ["b"],
                "choices": [
                    {"id": "a", "description": {"tg": "А"}},
                    {"id": "b", "description": {"tg": "Б"}},
                ],
            },
            {
                "question_iri": quiz + "/q2",
                "interaction_type": "true-false",
                "response": "false",
                "correct": False,
                "correct_responses_pattern": ["true"],
            },
        ],
    )
    statements = ordered()
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in statements] == [
        "attempted",
        "answered",
        "answered",
        "failed",
    ]
    answered = statements[1]
    assert answered["object"]["definition"]["interactionType"] == "choice"
    assert answered["object"]["definition"]["type"] == ACTIVITY_TYPES["question"]
    assert [c["id"] for c in answered["object"]["definition"]["choices"]] == ["a", "b"]
    assert answered["result"] == {"response": "b", "success": True}
    assert answered["context"]["contextActivities"]["parent"] == [
        {"objectType": "Activity", "id": quiz}
    ]
    failed = statements[3]["result"]
    assert failed["score"] == {"raw": 1, "min": 0, "max": 2, "scaled": 0.5}
    assert failed["success"] is False


def test_certificate_earned(tree, learner):
    course = make_course(tree.migrant, title="C", slug="c")
    enrollment = courses.enrollment_create(user=learner, course=course)
    certificate_earned(
        user=learner,
        enrollment=enrollment,
        certificate_iri="http://testserver/certificates/verify/ABC123",
        certificate_name={"en": "Certificate"},
    )
    row = Statement.objects.order_by("-seq").first()
    assert row.verb_id == "http://id.tincanapi.com/verb/earned"
    assert row.track == "migrant"
    assert row.data["object"]["definition"]["type"] == ACTIVITY_TYPES["certificate"]
