"""The player's event endpoint and video_watched_enough."""

import uuid

import pytest
from rest_framework.test import APIClient

from media_pipeline import selectors, services
from media_pipeline.models import VideoViewLog, VideoViewSession

pytestmark = pytest.mark.django_db
URL = "/api/video-events/"


@pytest.fixture
def video(clips, make_video, monkeypatch):
    # As if the video were on a live orientation page (courses.access decides).
    monkeypatch.setattr(
        "courses.access.can_see_used_object", lambda user, obj, drafts_too=False: True
    )
    video = make_video(clips.get("small"))
    services.video_process(video_id=video.pk)
    video.refresh_from_db()
    video.duration_seconds = 100.0  # round numbers for the arithmetic below
    video.save(update_fields=["duration_seconds"])
    return video


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user(username="viewer", password="pw-123456")


@pytest.fixture
def client(learner):
    client = APIClient(headers={"Accept-Language": "en"})
    client.force_authenticate(learner)
    return client


def post(client, video, verb="played", segments=(), session=None, **extra):
    payload = {
        "video": str(video.uuid),
        "session": str(session or uuid.uuid4()),
        "verb": verb,
        "segments": [list(s) for s in segments],
        **extra,
    }
    return client.post(URL, payload, format="json")


def test_anonymous_reports_are_refused(video):
    assert post(APIClient(), video).status_code == 403


def test_played_segments_are_merged_and_completion_needs_90_percent(client, video, learner):
    session = uuid.uuid4()
    response = post(client, video, segments=[(0, 30)], session=session)
    assert response.status_code == 200, response.content
    assert response.json() == {"watched_fraction": 0.3, "watched_seconds": 30.0, "completed": False}
    post(client, video, "seeked", [(20, 50)], session=session)  # overlaps: counted once
    assert not selectors.video_watched_enough(learner, video)
    # Pressing play and jumping to the end is not watching.
    response = post(client, video, "completed", [(98, 100)], session=session)
    assert response.json()["completed"] is False
    response = post(client, video, "paused", [(50, 89)], session=uuid.uuid4())
    assert response.json() == {"watched_fraction": 0.91, "watched_seconds": 91.0, "completed": True}
    assert selectors.video_watched_enough(learner, video)
    log = VideoViewLog.objects.get(user=learner, video=video)
    assert log.played_segments == [[0.0, 89.0], [98.0, 100.0]]
    assert VideoViewSession.objects.filter(log=log).count() == 2
    completed_at = log.completed_at
    post(client, video, "played", [(0, 10)])
    log.refresh_from_db()
    assert log.completed_at == completed_at  # set once


@pytest.mark.parametrize(
    ("segments", "words"),
    [
        ([(-1, 5)], "negative"),
        ([(10, 5)], "before it starts"),
        ([(0, 500)], "after the video ends"),
        ([(1, 2, 3)], "pair"),
    ],
)
def test_bad_segments_get_400_with_a_reason(client, video, segments, words):
    response = post(client, video, segments=segments)
    assert response.status_code == 400
    assert words in str(response.json())


def test_unknown_video_not_ready_and_bad_verb(client, video, clips, make_video):
    response = client.post(
        URL,
        {"video": str(uuid.uuid4()), "session": str(uuid.uuid4()), "verb": "played"},
        format="json",
    )
    assert response.status_code == 404
    pending = make_video(clips.get("small"))
    response = post(client, pending)
    assert response.status_code == 400 and "not ready" in str(response.json())
    assert post(client, video, verb="danced").status_code == 400
    assert client.post(URL, "not json", content_type="application/json").status_code == 400


def test_the_schema_documents_the_endpoint():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert "/api/video-events/" in schema["paths"]


def test_a_viewing_may_begin_with_an_event_without_segments(client, video, learner):
    # The player's first report can carry no segment: a pause or a seek before
    # anything played. It used to fail full_clean ("played_segments cannot be blank").
    session = uuid.uuid4()
    response = post(client, video, "paused", [], session=session, position=0)
    assert response.status_code == 200, response.content
    assert response.json() == {"watched_fraction": 0.0, "watched_seconds": 0.0, "completed": False}
    log = VideoViewLog.objects.get(user=learner, video=video)
    assert log.played_segments == []
    assert VideoViewSession.objects.get(log=log, session_id=session).played_segments == []
    response = post(client, video, "seeked", [], session=uuid.uuid4(), position=40)
    assert response.status_code == 200, response.content
    assert post(client, video, "played", [(40, 50)], session=session).status_code == 200
    log.refresh_from_db()
    assert log.played_segments == [[40.0, 50.0]]
