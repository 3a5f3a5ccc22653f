"""Upload, list, edit, live status and "Try again" in the Wagtail admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from media_pipeline import services, tasks
from media_pipeline.models import Video

from .conftest import stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(django_user_model):
    user = django_user_model.objects.create_superuser(username="mrc-admin", password="pw-123456")
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def queued(monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.video_process, "delay_on_commit", lambda *a, **k: sent.append((a, k)))
    return sent


def add_form(title, upload):
    return {
        "title": title,
        "track": "migrant",
        "original": upload,
        "captions-TOTAL_FORMS": "0",
        "captions-INITIAL_FORMS": "0",
        "captions-MIN_NUM_FORMS": "0",
        "captions-MAX_NUM_FORMS": "1000",
    }


def test_an_author_uploads_a_video_and_processing_is_queued(admin_client, clips, queued):
    upload = SimpleUploadedFile("lesson.mp4", clips.get("small").read_bytes(), "video/mp4")
    response = admin_client.post(
        reverse("wagtailsnippets_media_pipeline_video:add"), add_form("Lesson 1", upload)
    )
    assert response.status_code == 302, response.content[:2000]
    video = Video.objects.get(title="Lesson 1")
    assert queued == [((video.pk,), {"force": False})]
    listing = admin_client.get(reverse("wagtailsnippets_media_pipeline_video:list"))
    assert b"Lesson 1" in listing.content and b"Uploaded" in listing.content
    chooser = admin_client.get(reverse("wagtailsnippetchoosers_media_pipeline_video:choose"))
    assert chooser.status_code == 200 and b"Lesson 1" in chooser.content


def test_a_file_over_the_limit_is_refused_before_it_is_stored(admin_client, settings, queued):
    settings.SAFAR_VIDEO_MAX_BYTES = 1000
    upload = SimpleUploadedFile("big.mp4", b"0" * 5000, "video/mp4")
    response = admin_client.post(
        reverse("wagtailsnippets_media_pipeline_video:add"), add_form("Big", upload)
    )
    assert response.status_code == 200
    assert "largest video accepted" in response.content.decode()
    assert not Video.objects.exists() and queued == []
    assert stored_files("videos") == set()


def test_an_empty_file_is_refused_by_the_form(admin_client, queued):
    upload = SimpleUploadedFile("empty.mp4", b"", "video/mp4")
    response = admin_client.post(
        reverse("wagtailsnippets_media_pipeline_video:add"), add_form("Empty", upload)
    )
    assert response.status_code == 200 and not Video.objects.exists()


def test_the_edit_view_shows_status_outputs_and_retry(admin_client, clips, make_video, queued):
    video = make_video(clips.get("text"))
    services.video_process(video_id=video.pk)
    page = admin_client.get(reverse("wagtailsnippets_media_pipeline_video:edit", args=[video.pk]))
    html = page.content.decode()
    assert "not a video we can read" in html and "Try again" in html
    assert "media_pipeline/admin-status.js" in html
    status = admin_client.get(reverse("media_pipeline_admin:status", args=[video.pk])).json()
    assert status["status"] == "failed" and "not a video" in status["message"]
    response = admin_client.post(reverse("media_pipeline_admin:retry", args=[video.pk]))
    assert response.status_code == 302
    video.refresh_from_db()
    assert video.status == Video.Status.UPLOADED and video.status_message == ""
    assert queued[-1] == ((video.pk,), {"force": True})


def test_processing_status_and_progress_are_reported_live(admin_client, clips, make_video):
    video = make_video(clips.get("small"))
    services._claim(video.pk)
    Video.objects.filter(pk=video.pk).update(progress=42)
    status = admin_client.get(reverse("media_pipeline_admin:status", args=[video.pk])).json()
    assert status == {
        "status": "processing",
        "label": "Processing (42%)",
        "progress": 42,
        "message": "",
    }


def test_learners_cannot_use_the_admin_endpoints(django_user_model, clips, make_video):
    video = make_video(clips.get("small"))
    user = django_user_model.objects.create_user(username="plain", password="pw-123456")
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    assert client.get(reverse("media_pipeline_admin:status", args=[video.pk])).status_code in (
        302,
        403,
    )


def test_the_regenerate_command(clips, make_video, queued):
    video = make_video(clips.get("small"))
    call_command("video_outputs_regenerate", "--video", str(video.pk), "--sync")
    video.refresh_from_db()
    assert video.status == Video.Status.READY
    call_command("video_outputs_regenerate", "--stale")
    assert queued == []  # up to date
    call_command("video_outputs_regenerate", "--all")
    assert queued == [((video.pk,), {"force": True})]
