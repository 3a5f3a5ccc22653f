"""The player's event endpoint and video_watched_enough."""

import uuid
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from rest_framework.test import APIClient

from media_pipeline import selectors, services
from media_pipeline.models import VideoViewLog, VideoViewSession

pytestmark = pytest.mark.django_db
URL = "/api/v1/video-events/"


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
    assert post(APIClient(), video).status_code == 401


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
    assert "/api/v1/video-events/" in schema["paths"]


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


def test_without_the_player_a_fetched_rendition_counts_once_its_time_has_passed(video, learner):
    """Without JavaScript the player reports nothing: "Download for later",
    "Sound only" or the <video> itself, fetched through the server's file views,
    count as watched once 90 % of the video's duration has passed since. The
    player's own requests (marked by player.js) and the poster do not count."""
    browser = Client()
    browser.force_login(learner)
    base = f"/media-pipeline/v/{video.uuid}"
    mp4 = video.outputs.filter(profile__kind="mp4").first().profile.slug
    audio = video.outputs.get(profile__kind="audio").profile.slug
    poster = video.outputs.get(profile__kind="image").profile.slug
    for url in (f"{base}/o/{mp4}?player=1", f"{base}/o/{audio}?player=1", f"{base}/o/{poster}"):
        assert browser.get(url).status_code == 302
    assert not VideoViewLog.objects.filter(user=learner, fetched_at__isnull=False).exists()
    assert selectors.video_watched_from(learner, video) is None

    for url in (f"{base}/download/h264_240p", f"{base}/o/{audio}", f"{base}/o/{mp4}"):
        VideoViewLog.objects.filter(user=learner).delete()
        assert browser.get(url).status_code == 302
        log = VideoViewLog.objects.get(user=learner, video=video)
        assert log.fetched_at is not None, url
        assert not selectors.video_watched_enough(learner, video), url  # just fetched
        assert selectors.video_watched_from(learner, video) == log.fetched_at + timedelta(
            seconds=90
        )
        VideoViewLog.objects.filter(pk=log.pk).update(
            fetched_at=log.fetched_at - timedelta(seconds=91)
        )
        assert selectors.video_watched_enough(learner, video), url
    # A second fetch does not move the time.
    first = VideoViewLog.objects.get(user=learner).fetched_at
    browser.get(f"{base}/download/h264_240p")
    assert VideoViewLog.objects.get(user=learner).fetched_at == first


def test_a_lesson_with_a_video_is_finished_without_javascript(video, learner, tree):
    """The whole no-JavaScript route through the lesson's own finish form."""
    from cms.models import LessonPage
    from courses.models import LessonProgressLog
    from courses.services import enrollment_create
    from tests.builders import make_course

    course = make_course(
        tree.migrant,
        title="Video",
        slug="video",
        body=[{"type": "video", "value": {"video": video.pk, "caption": ""}}],
    )
    lesson = LessonPage.objects.descendant_of(course).live().get()
    enrollment_create(user=learner, course=course)
    browser = Client(headers={"Accept-Language": "en"})
    browser.force_login(learner)
    finish = f"/en/learn/lessons/{lesson.pk}/progress/"
    # The lesson is a Tajik page: its hints are read in Tajik.
    with translation.override("tg"):
        watch_hint = gettext("Watch the video to the end to finish this lesson. Without the player, use “Download for later” or “Sound only”, then come back and confirm here.")  # noqa: E501
        wait_hint = ngettext(
            "You fetched the video without the player: confirm again once you have watched it, in %(minutes)s minute or later.",  # noqa: E501
            "You fetched the video without the player: confirm again once you have watched it, in %(minutes)s minutes or later.",  # noqa: E501
            2,
        ) % {"minutes": 2}
    page = browser.get(browser.post(finish, {"progress": "1"})["Location"])
    assert watch_hint in BeautifulSoup(page.content, "html.parser").select_one(".warn").text
    link = BeautifulSoup(page.content, "html.parser").select_one(".video-player__links a")["href"]
    assert browser.get(link).status_code == 302  # "Download for later"
    page = browser.get(browser.post(finish, {"progress": "1"})["Location"])
    assert wait_hint in BeautifulSoup(page.content, "html.parser").select_one(".warn").text
    assert LessonProgressLog.objects.get(user=learner).completed_at is None
    VideoViewLog.objects.filter(user=learner).update(
        fetched_at=timezone.now() - timedelta(minutes=2)
    )
    response = browser.post(finish, {"progress": "1"})
    assert response.status_code == 302
    assert LessonProgressLog.objects.get(user=learner).completed_at is not None
    landing = browser.get(response["Location"], follow=True)
    # The confirmation speaks the language of the request that finished (/en/).
    with translation.override("en"):
        finished = gettext("You have finished the lesson “%(title)s”.") % {"title": lesson.title}
    assert finished in BeautifulSoup(landing.content, "html.parser").get_text()
