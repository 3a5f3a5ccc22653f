"""Processing, publishing, idempotence and cleanup, with the real ffmpeg on tiny clips."""

import uuid

import av
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from media_pipeline import services
from media_pipeline.exceptions import TransientMediaError
from media_pipeline.models import EncodingProfile, Video, VideoOutput
from media_pipeline.probing import probe_file
from media_pipeline.transcoding import build_command, plan_outputs

from .conftest import stored_bytes, stored_files

pytestmark = pytest.mark.django_db

ALL = {"h264_240p", "hls", "audio_aac_48k", "poster"}


def output_files(video):
    return {name for o in video.outputs.all() for name in o.files}


def test_profiles_are_seeded_by_the_data_migration():
    slugs = set(EncodingProfile.objects.values_list("slug", flat=True))
    assert {"h264_240p", "h264_360p", "h264_720p", "hls", "audio_aac_48k", "poster"} <= slugs


def test_one_ffmpeg_invocation_decodes_once_and_encodes_each_rung_once(clips):
    from pathlib import Path

    probe = probe_file(clips.get("vertical"))
    plan = plan_outputs(probe, services.profile_specs())
    args = build_command(plan, 7, Path("/tmp/out"))
    assert args.count("-i") == 1
    graph = args[args.index("-filter_complex") + 1]
    assert "split=4" in graph  # three rungs and the poster frame
    assert args.count("-c:v") == 1 and args.count("-f") == 2  # the input's, one tee output
    before_input = args[: args.index("-i")]
    assert before_input[before_input.index("-f") + 1] == "mov"  # forced, from the bytes
    assert before_input[before_input.index("-protocol_whitelist") + 1] == "fd"
    assert before_input[before_input.index("-fd") + 1] == "7"  # the open copy, no path
    assert args[args.index("-i") + 1] == "fd:"
    assert args[len(before_input) :].count("-f") == 1
    assert args[len(before_input) + args[len(before_input) :].index("-f") + 1] == "tee"


def test_processing_publishes_every_output(clips, make_video):
    video = make_video(clips.get("small"))
    assert services.video_process(video_id=video.pk) == "done"
    video.refresh_from_db()
    assert video.status == Video.Status.READY and video.progress == 100
    assert (video.width, video.height, video.has_audio) == (320, 240, True)
    outputs = {o.profile.slug: o for o in video.outputs.select_related("profile")}
    assert set(outputs) == ALL
    rung = outputs["h264_240p"]
    assert (rung.width, rung.height) == (320, 240)
    assert rung.size_bytes == default_storage.size(rung.file.name)
    assert rung.bitrate and rung.duration_seconds == pytest.approx(2, abs=0.1)
    with av.open(stored_bytes(rung.file.name)) as container:
        assert container.streams.video[0].codec_context.name == "h264"
        assert container.streams.audio[0].codec_context.name == "aac"
    master = default_storage.open(outputs["hls"].file.name).read().decode()
    assert "#EXT-X-STREAM-INF" in master and "240p/index.m3u8" in master
    audio = outputs["audio_aac_48k"]
    with av.open(stored_bytes(audio.file.name)) as container:
        assert not container.streams.video and container.streams.audio
    poster = outputs["poster"]
    assert poster.file.name.endswith("poster.jpg")
    assert set(poster.metadata["thumbnails"]) == {"160"}
    # Every published file is in storage, and nothing else is.
    assert stored_files(f"videos/outputs/{video.uuid}") == output_files(video)


def test_running_twice_does_nothing_new(clips, make_video, monkeypatch):
    video = make_video(clips.get("small"))
    services.video_process(video_id=video.pk)
    before = {o.pk: o.file.name for o in video.outputs.all()}
    monkeypatch.setattr(services, "transcode", lambda *a, **k: pytest.fail("transcoded again"))
    assert services.video_process(video_id=video.pk) == "skipped"
    assert {o.pk: o.file.name for o in video.outputs.all()} == before


def test_a_failed_video_is_not_redone_unless_asked(clips, make_video, monkeypatch):
    video = make_video(clips.get("text"))
    assert services.video_process(video_id=video.pk) == "failed"
    assert services.video_process(video_id=video.pk) == "skipped"
    assert services.video_process(video_id=video.pk, force=True) == "failed"


def test_forced_reprocessing_replaces_outputs_and_removes_the_superseded_files(
    clips, make_video, django_capture_on_commit_callbacks
):
    video = make_video(clips.get("small"))
    services.video_process(video_id=video.pk)
    old_files = output_files(video)
    ids = set(video.outputs.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.video_process(video_id=video.pk, force=True) == "done"
    video.refresh_from_db()
    assert set(video.outputs.values_list("pk", flat=True)) == ids  # rows updated, not added
    new_files = output_files(video)
    assert not (old_files & new_files)
    assert stored_files(f"videos/outputs/{video.uuid}") == new_files
    assert default_storage.exists(video.original.name)


def test_adding_a_profile_makes_outputs_stale(clips, make_video):
    video = make_video(clips.get("small"))
    services.video_process(video_id=video.pk)
    video.refresh_from_db()
    assert not services.video_processing_needed(video)
    EncodingProfile.objects.create(
        slug="h264_180p", name="180p", kind="mp4", short_side=180, crf=30, max_video_kbps=200
    )
    assert services.video_processing_needed(video)
    assert services.video_process(video_id=video.pk) == "done"
    assert video.outputs.filter(profile__slug="h264_180p", height=180).exists()


def test_a_run_killed_before_publishing_leaves_nothing_behind(
    clips, make_video, settings, tmp_path, django_capture_on_commit_callbacks
):
    """What kill -9 leaves (a claimed video, a half-uploaded generation in
    storage, a scratch folder) is cleaned up and redone by the next run."""
    settings.SAFAR_VIDEO_WORK_DIR = str(tmp_path / "scratch")
    video = make_video(clips.get("small"))
    services.video_process(video_id=video.pk)
    video.refresh_from_db()
    published = output_files(video)
    # The dead run: it claimed the video, wrote scratch files and half its outputs.
    dead = services._claim(video.pk)
    orphan = f"videos/outputs/{video.uuid}/20990101000000-deadbeef/hls/240p/seg00000.ts"
    default_storage.save(orphan, ContentFile(b"half"))
    scratch = (
        tmp_path / "scratch" / f"{services.SCRATCH_PREFIX}{video.uuid}-{dead.processing_token}"
    )
    scratch.mkdir(parents=True)
    (scratch / "original.mp4").write_bytes(b"partial copy")
    video.refresh_from_db()
    assert video.status == Video.Status.PROCESSING
    # The redelivered message:
    with django_capture_on_commit_callbacks(execute=True):
        assert services.video_process(video_id=video.pk) == "done"
    video.refresh_from_db()
    assert video.status == Video.Status.READY
    assert not default_storage.exists(orphan)
    assert not scratch.exists()
    assert list((tmp_path / "scratch").iterdir()) == []
    assert stored_files(f"videos/outputs/{video.uuid}") == output_files(video)
    assert not (published & output_files(video))


def test_a_superseded_run_does_not_publish(
    clips, make_video, monkeypatch, django_capture_on_commit_callbacks
):
    video = make_video(clips.get("small"))
    real_publish = services._publish

    def publish_after_takeover(video, token, *args):
        services._claim(video.pk)  # another worker took the video meanwhile
        return real_publish(video, token, *args)

    monkeypatch.setattr(services, "_publish", publish_after_takeover)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.video_process(video_id=video.pk) == "superseded"
    assert VideoOutput.objects.filter(video=video).count() == 0
    assert stored_files(f"videos/outputs/{video.uuid}") == set()


def test_a_run_whose_scratch_folder_a_newer_run_cleared_steps_aside(clips, make_video, monkeypatch):
    """Two messages for one video (a double click, a demo loaded twice): the
    newer run clears the older run's scratch folder; the older run must end as
    "superseded", not crash."""
    video = make_video(clips.get("small"))

    def transcode_while_taken_over(source, out_dir, **kwargs):
        newer = services._claim(video.pk)
        services.video_orphans_remove(video=newer)  # removes the older scratch folder
        raise FileNotFoundError(out_dir / "ffmpeg.log")

    monkeypatch.setattr(services, "transcode", transcode_while_taken_over)
    assert services.video_process(video_id=video.pk) == "superseded"


def test_a_storage_error_while_publishing_is_transient_and_cleans_up(
    clips, make_video, monkeypatch
):
    video = make_video(clips.get("small"))
    backend = type(default_storage._wrapped)  # the local folder's, or S3's
    real_save = backend.save
    calls = []

    def flaky_save(storage, name, content, **kwargs):
        calls.append(name)
        if len(calls) == 3:
            raise OSError("bucket unreachable")
        return real_save(storage, name, content, **kwargs)

    monkeypatch.setattr(backend, "save", flaky_save)
    with pytest.raises(TransientMediaError):
        services.video_process(video_id=video.pk)
    video.refresh_from_db()
    assert video.status == Video.Status.PROCESSING  # the task retries it
    assert stored_files(f"videos/outputs/{video.uuid}") == set()


def test_progress_is_parsed_and_written_at_most_every_two_seconds(make_video, clips, monkeypatch):
    video = make_video(clips.get("small"))
    claimed = services._claim(video.pk)
    clock = iter([100.0, 100.5, 103.0, 103.1])
    update = services._progress_updater(video.pk, claimed.processing_token)
    seen = []
    with monkeypatch.context() as patch:  # time.monotonic itself: only for the loop
        patch.setattr(services.time, "monotonic", lambda: next(clock))
        for fraction in (0.10, 0.20, 0.45, 1.0):
            update(fraction)
            video.refresh_from_db()
            seen.append(video.progress)
    assert seen == [10, 10, 45, 45]  # 99 at most until published


def test_progress_comes_from_ffmpegs_progress_output(clips, tmp_path):
    from media_pipeline.transcoding import DEFAULT_PROFILES, transcode

    seen = []
    probe = probe_file(clips.get("small"))
    transcode(
        clips.get("small"),
        tmp_path / "out",
        probe=probe,
        profiles=DEFAULT_PROFILES,
        on_progress=seen.append,
    )
    assert seen and seen[-1] == pytest.approx(1.0, abs=0.05)
    assert seen == sorted(seen)


def test_a_file_over_the_size_limit_is_refused_before_it_is_stored(settings):
    settings.SAFAR_VIDEO_MAX_BYTES = 1024
    upload = SimpleUploadedFile("big.mp4", b"x" * 2048, content_type="video/mp4")
    with pytest.raises(ValidationError) as error:
        services.video_create(title="Too big", file=upload)
    assert "largest video accepted" in str(error.value)
    assert Video.objects.count() == 0
    assert stored_files("videos") == set()


@pytest.mark.django_db(transaction=True)
def test_creating_a_video_queues_processing_after_commit(monkeypatch, clips):
    from media_pipeline import tasks

    sent = []
    monkeypatch.setattr(tasks.video_process, "apply_async", lambda *a, **k: sent.append((a, k)))
    upload = SimpleUploadedFile("ok.mp4", clips.get("small").read_bytes(), content_type="video/mp4")
    video = services.video_create(title="New", file=upload)
    assert sent == [((video.pk,), {"kwargs": {"force": False}})] or sent[0][0][0] == (video.pk,)
    assert video.status == Video.Status.UPLOADED


def test_a_missing_original_is_a_clear_failure(make_video, clips):
    video = make_video(clips.get("small"))
    default_storage.delete(video.original.name)
    assert services.video_process(video_id=video.pk) == "failed"
    video.refresh_from_db()
    assert video.error_code == "original_missing"


def test_unknown_video_is_ignored():
    assert services.video_process(video_id=999_999) == "missing"


def test_video_uuid_is_unique_per_video(make_video, clips):
    first, second = make_video(clips.get("small")), make_video(clips.get("small"))
    assert first.uuid != second.uuid and isinstance(first.uuid, uuid.UUID)
