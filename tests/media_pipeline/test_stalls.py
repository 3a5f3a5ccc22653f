"""Processing whose worker died (issue 13, item 5): the stall sweep requeues it,
once per silence, then gives up with "Try again"; the admin offers "Try again"
on a stalled video; a killed run's scratch folder does not stay behind."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from media_pipeline import scratch, services, stalls
from media_pipeline.exceptions import StalledError
from media_pipeline.models import Video
from tests.builders import use_the_workers_storage
from tests.conftest import ROOT, _database_url
from tests.media_pipeline.conftest import make_clip, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(monkeypatch):
    """The videos (id, force) handed to the media queue."""
    calls = []
    monkeypatch.setattr(
        services,
        "video_processing_schedule",
        lambda *, video, force=False: calls.append((video.pk, force)),
    )
    return calls


def _processing(make_video, clips, *, minutes_silent: float, progress=24) -> Video:
    video = make_video(clips.get("small"))
    Video.objects.filter(pk=video.pk).update(
        status=Video.Status.PROCESSING,
        progress=progress,
        processing_token=uuid.uuid4(),
        updated_at=timezone.now() - timedelta(minutes=minutes_silent),
    )
    video.refresh_from_db()
    return video


def test_a_silent_video_is_requeued_once_however_often_the_sweep_runs(
    make_video, clips, scheduled, settings
):
    settings.SAFAR_VIDEO_STALL_MINUTES = 10
    stalled = _processing(make_video, clips, minutes_silent=11)
    busy = _processing(make_video, clips, minutes_silent=9)

    first = stalls.videos_stalled_requeue()
    second = stalls.videos_stalled_requeue()

    assert first == {"requeued": [stalled.pk], "failed": []}
    assert second == {"requeued": [], "failed": []}
    assert scheduled == [(stalled.pk, True)]
    stalled.refresh_from_db()
    assert stalled.status == Video.Status.PROCESSING and stalled.processing_token is None
    assert stalled.stall_requeues == 1
    assert "started again automatically" in stalled.status_message
    busy.refresh_from_db()
    assert busy.processing_token is not None and busy.stall_requeues == 0


def test_the_stall_time_is_a_setting(make_video, clips, scheduled, settings):
    video = _processing(make_video, clips, minutes_silent=3)
    settings.SAFAR_VIDEO_STALL_MINUTES = 5
    assert stalls.videos_stalled_requeue()["requeued"] == []
    settings.SAFAR_VIDEO_STALL_MINUTES = 2
    assert stalls.videos_stalled_requeue()["requeued"] == [video.pk]


def test_a_video_that_stalls_again_and_again_fails_with_try_again(
    make_video, clips, scheduled, settings
):
    settings.SAFAR_VIDEO_STALL_MINUTES = 10
    settings.SAFAR_VIDEO_STALL_REQUEUES = 2
    video = _processing(make_video, clips, minutes_silent=11)
    outcomes = []
    for _round in range(3):
        outcomes.append(stalls.videos_stalled_requeue())
        Video.objects.filter(pk=video.pk).update(  # the requeued run died too
            updated_at=timezone.now() - timedelta(minutes=11)
        )
    assert [o["requeued"] for o in outcomes] == [[video.pk], [video.pk], []]
    assert outcomes[2]["failed"] == [video.pk]
    video.refresh_from_db()
    assert video.status == Video.Status.FAILED
    assert video.error_code == StalledError.code
    assert video.status_message == str(StalledError.message)
    assert video.stall_requeues == 0  # "Try again" starts afresh


def test_the_sweep_is_a_beat_task_on_the_default_queue():
    from lms.celery import app
    from media_pipeline import tasks

    entry = next(
        e
        for e in django_settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == tasks.videos_stalled_requeue.name
    )
    assert entry["schedule"] <= timedelta(minutes=django_settings.SAFAR_VIDEO_STALL_MINUTES)
    route = app.amqp.router.route({}, tasks.videos_stalled_requeue.name)
    assert route["queue"].name == "default"
    assert app.amqp.router.route({}, tasks.video_process.name)["queue"].name == "media"


def test_a_progress_heartbeat_keeps_a_slow_run_from_looking_stalled(make_video, clips, monkeypatch):
    video = _processing(make_video, clips, minutes_silent=60, progress=5)
    clock = [1000.0]
    monkeypatch.setattr(services.time, "monotonic", lambda: clock[0])
    update = services._progress_updater(video.pk, video.processing_token)
    update(0.05)  # 5 %, first report
    before = Video.objects.get(pk=video.pk).updated_at
    clock[0] += services.HEARTBEAT_SECONDS + 1
    update(0.051)  # still 5 %: written anyway, as a sign of life
    assert Video.objects.get(pk=video.pk).updated_at > before


# --- The admin ---------------------------------------------------------------------
def test_the_admin_offers_try_again_on_a_stalled_video_only(
    make_video, clips, scheduled, settings, admin_client
):
    settings.SAFAR_VIDEO_STALL_MINUTES = 10
    busy = _processing(make_video, clips, minutes_silent=1)
    stalled = _processing(make_video, clips, minutes_silent=11)
    retry = "media_pipeline_admin:retry"

    def edit_page(video):
        url = reverse("wagtailsnippets_media_pipeline_video:edit", args=[video.pk])
        return admin_client.get(url).content.decode()

    assert "Try again" not in edit_page(busy)
    page = edit_page(stalled)
    assert "Try again" in page and reverse(retry, args=[stalled.pk]) in page
    assert "Stopped at 24%" in stalled.status_label()

    admin_client.post(reverse(retry, args=[busy.pk]))
    admin_client.post(reverse(retry, args=[stalled.pk]))
    busy.refresh_from_db()
    stalled.refresh_from_db()
    assert busy.status == Video.Status.PROCESSING and busy.processing_token is not None
    assert stalled.status == Video.Status.UPLOADED and stalled.processing_token is None
    assert (stalled.pk, True) in scheduled


# --- A real worker whose main process is killed --------------------------------------
KILL_QUEUE = "media-killed"


def _process_tree(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                children = {int(p) for p in (task / "children").read_text().split()}
                todo.extend(children - found)
                found |= children
    return found


def _start_killable_worker(log_path: Path, work_dir: Path):
    """A worker of its own, on a queue of its own (the suite's worker does not
    consume it), in its own process group."""
    from django.db import connection

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "PYTHONPATH": str(ROOT),
        "SAFAR_VIDEO_WORK_DIR": str(work_dir),
    }
    log = open(log_path, "w")  # noqa: SIM115  (closed by the caller)
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "lms", "worker", "--queues", KILL_QUEUE,
         "--concurrency", "1", "--pool", "prefork", "--loglevel", "INFO", "--without-gossip",
         "--without-mingle", "--hostname", f"killed-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while "ready." not in log_path.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail("The worker did not start:\n" + log_path.read_text()[-3000:])
        time.sleep(0.2)
    return process, log


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_video_whose_worker_was_killed_is_requeued_and_its_scratch_removed(
    celery_worker, settings, tmp_path
):
    """kill -9 of the worker's main process (and its group) mid-transcode: the
    message is gone with it; the sweep requeues the silent video, the suite's
    worker finishes it, and the killed run's scratch folder is removed."""
    from media_pipeline.tasks import video_process

    use_the_workers_storage(settings)
    # long enough that ffmpeg is still at work however loaded the machine is
    clip = make_clip(tmp_path / "kill.mp4", size="640x360", seconds=40)
    upload = SimpleUploadedFile("k.mp4", clip.read_bytes(), content_type="video/mp4")
    video = Video(title="Killed worker", original_size=upload.size)
    video.original.save(upload.name, upload, save=False)
    video.save()  # not queued: it goes to the worker about to be killed
    work = tmp_path / "work"
    settings.SAFAR_VIDEO_WORK_DIR = str(work)
    process, log = _start_killable_worker(tmp_path / "killed-worker.log", work)
    try:
        video_process.apply_async(args=[video.pk], queue=KILL_QUEUE)
        deadline, running = time.monotonic() + 180, []
        while time.monotonic() < deadline:
            video.refresh_from_db()
            if video.status in (Video.Status.READY, Video.Status.FAILED):
                break  # done before it could be killed: said below
            running = [
                p for p in _process_tree(process.pid)
                if Path(f"/proc/{p}/comm").exists()
                and Path(f"/proc/{p}/comm").read_text().startswith("ffmpeg")
            ]  # fmt: skip
            if running and video.progress > 0:
                break
            time.sleep(0.05)
        if not (running and video.progress > 0):
            pytest.fail(
                f"ffmpeg never reported progress (status {video.status}, "
                f"{video.progress}%, {video.status_message!r}):\n"
                + (tmp_path / "killed-worker.log").read_text()[-3000:]
            )
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        log.close()
    video.refresh_from_db()
    assert video.status == Video.Status.PROCESSING
    left = list(work.glob(f"{scratch.PREFIX}{video.uuid}-*"))
    assert left, "the killed run left its scratch folder (what the sweep must remove)"

    settings.SAFAR_VIDEO_STALL_MINUTES = 2 / 60  # two seconds of silence
    time.sleep(2.5)
    assert stalls.videos_stalled_requeue()["requeued"] == [video.pk]
    assert not any(path.exists() for path in left)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            video.refresh_from_db()
            if video.status in (Video.Status.READY, Video.Status.FAILED):
                break
            time.sleep(0.2)
        assert video.status == Video.Status.READY, video.status_message
        assert video.stall_requeues == 0
        assert stored_files(f"videos/outputs/{video.uuid}") == {
            name for o in video.outputs.all() for name in o.files
        }
    finally:
        from django.core.files.storage import default_storage

        for name in stored_files(f"videos/outputs/{video.uuid}"):
            default_storage.delete(name)
        default_storage.delete(video.original.name)
