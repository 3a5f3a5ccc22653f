"""The Celery task: options, retries of transient errors only, and real workers
(one processing a video, one killed with SIGKILL in the middle of ffmpeg)."""

import contextlib
import os
import signal
import time
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.celery import app
from media_pipeline import services, tasks
from media_pipeline.exceptions import TransientMediaError
from media_pipeline.models import EncodingProfile, Video
from tests.builders import use_the_workers_storage

from .conftest import make_clip, stored_files


def test_the_task_is_idempotent_routed_to_media_and_allowed_hours():
    task = tasks.video_process
    assert task.acks_late is True and task.reject_on_worker_lost is True
    assert task.soft_time_limit >= 3600 and task.time_limit > task.soft_time_limit
    assert task.time_limit < 6 * 3600  # below the broker's visibility timeout
    assert app.amqp.router.route({}, task.name)["queue"].name == "media"


def test_retry_countdown_grows_is_jittered_and_capped():
    for retries in range(12):
        delay = tasks.retry_countdown(retries)
        assert 0 <= delay <= min(tasks.RETRY_MAX_SECONDS, tasks.RETRY_BASE_SECONDS * 2**retries)


@pytest.mark.django_db
def test_transient_errors_are_retried_then_the_video_is_marked_failed(
    clips, make_video, monkeypatch
):
    video = make_video(clips.get("small"))
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs)
        raise TransientMediaError(detail="bucket unreachable")

    monkeypatch.setattr(services, "video_process", flaky)
    monkeypatch.setattr(tasks, "retry_countdown", lambda retries: 0)
    result = tasks.video_process.apply(args=(video.pk,))
    assert result.get() == "failed"
    assert len(calls) == tasks.MAX_RETRIES + 1
    video.refresh_from_db()
    assert video.status == Video.Status.FAILED
    assert video.error_code == "temporary" and "Try again" in video.status_message


@pytest.mark.django_db
def test_input_errors_are_not_retried(clips, make_video):
    video = make_video(clips.get("text"))
    assert tasks.video_process.apply(args=(video.pk,)).get() == "failed"


@pytest.mark.django_db
def test_a_soft_time_limit_marks_the_video_failed(clips, make_video, monkeypatch):
    from billiard.exceptions import SoftTimeLimitExceeded

    video = make_video(clips.get("small"))

    def too_slow(**kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(services, "video_process", too_slow)
    assert tasks.video_process.apply(args=(video.pk,)).get() == "failed"
    video.refresh_from_db()
    assert "took too long" in video.status_message


# --- Real workers ------------------------------------------------------------------
def _wait_for(video, statuses, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        video.refresh_from_db()
        if video.status in statuses:
            return video
        time.sleep(0.1)
    pytest.fail(f"video still {video.status} after {timeout} s; see var/test-worker*.log")


def _remove_video_files(video):
    for name in stored_files(f"videos/outputs/{video.uuid}"):
        default_storage.delete(name)
    if video.original:
        default_storage.delete(video.original.name)


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            found |= {int(p) for p in (task / "children").read_text().split()}
    return found


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_processes_an_uploaded_video(celery_worker, settings, clips):
    use_the_workers_storage(settings)
    upload = SimpleUploadedFile("w.mp4", clips.get("small").read_bytes(), content_type="video/mp4")
    video = services.video_create(title="Worker test", file=upload)
    try:
        _wait_for(video, {Video.Status.READY, Video.Status.FAILED})
        assert video.status == Video.Status.READY, video.status_message
        assert set(video.outputs.values_list("profile__slug", flat=True)) == {
            "h264_240p",
            "hls",
            "audio_aac_48k",
            "poster",
        }
        assert stored_files(f"videos/outputs/{video.uuid}") == {
            name for o in video.outputs.all() for name in o.files
        }
    finally:
        _remove_video_files(video)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_transcode_leaves_the_video_to_the_next_one(
    celery_worker, settings, tmp_path
):
    """kill -9 of the pool process while ffmpeg runs: the message is requeued
    (acks_late + reject_on_worker_lost), the next process redoes the video, and
    no file of the killed run remains."""
    use_the_workers_storage(settings)
    clip = make_clip(tmp_path / "kill.mp4", size="640x360", seconds=20)
    upload = SimpleUploadedFile("k.mp4", clip.read_bytes(), content_type="video/mp4")
    video = services.video_create(title="Kill test", file=upload)
    try:
        victim = None
        deadline = time.monotonic() + 60
        while victim is None and time.monotonic() < deadline:
            for child in _children(celery_worker.pid):
                if any(
                    Path(f"/proc/{p}/comm").read_text().startswith("ffmpeg")
                    for p in _children(child)
                    if Path(f"/proc/{p}/comm").exists()
                ):
                    victim = child
            time.sleep(0.01)
        assert victim is not None, "ffmpeg never ran"
        os.kill(victim, signal.SIGKILL)
        video.refresh_from_db()
        assert video.status == Video.Status.PROCESSING
        first_token = video.processing_token

        _wait_for(video, {Video.Status.READY, Video.Status.FAILED}, timeout=120)
        assert video.status == Video.Status.READY, video.status_message
        assert video.processing_token is None and first_token is not None
        profiles = EncodingProfile.objects.filter(is_active=True)
        assert video.outputs.count() == profiles.exclude(slug="h264_720p").count()
        assert stored_files(f"videos/outputs/{video.uuid}") == {
            name for o in video.outputs.all() for name in o.files
        }
        import tempfile

        # The run removes its scratch folder just after publishing (READY).
        deadline = time.monotonic() + 10
        while list(Path(tempfile.gettempdir()).glob(f"safar-video-{video.uuid}-*")):
            assert time.monotonic() < deadline, "a scratch folder was left behind"
            time.sleep(0.1)
    finally:
        _remove_video_files(video)
