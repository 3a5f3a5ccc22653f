"""Writes of the media pipeline. Views, tasks, hooks and commands call these.

Processing a video (`video_process`, run by the `video_process` task):

1. claim the video (a fresh `processing_token`; status `processing`), and remove
   what a killed earlier run may have left (unpublished output folders in
   storage, scratch folders on this machine);
2. copy the original from storage to a scratch folder (it is only ever read);
3. probe it (refusing what cannot play), transcode in one ffmpeg run into the
   scratch folder;
4. upload every output to a new folder ("generation") in storage, then switch
   the (video, profile) rows to it in one transaction, only if the claim is
   still ours; the superseded generation is deleted after the commit.

So a half-finished rendition is never served, running twice does nothing new,
and a run killed at any point is simply redone by the next delivery.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import shutil
import time
import uuid
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from . import scratch as scratch_folders
from .exceptions import (
    FileTooLargeError,
    MediaInputError,
    MediaPipelineError,
    OriginalMissingError,
    TranscodeError,
    TransientMediaError,
)
from .models import Caption, EncodingProfile, Video, VideoOutput
from .probing import probe_file, ready_note
from .selectors import video_language
from .stalls import remove_stale_scratch, stall_cutoff
from .transcoding import Produced, ProfileSpec, transcode

logger = logging.getLogger("safar.media")

PIPELINE_VERSION = 1  # bump to have `video_outputs_regenerate --stale` redo everything
OUTPUTS_ROOT = "videos/outputs"
PROGRESS_INTERVAL_SECONDS = 2.0
HEARTBEAT_SECONDS = 30.0  # even without a new percentage: the stall sweep's sign of life
SCRATCH_PREFIX = scratch_folders.PREFIX

try:  # S3-compatible storage's own errors are transient too
    from botocore.exceptions import BotoCoreError, ClientError

    STORAGE_ERRORS: tuple[type[BaseException], ...] = (OSError, BotoCoreError, ClientError)
except ImportError:  # pragma: no cover
    STORAGE_ERRORS = (OSError,)


# --- Profiles -----------------------------------------------------------------
def profile_specs() -> list[ProfileSpec]:
    return [
        ProfileSpec(p.slug, p.kind, p.short_side, p.crf, p.max_video_kbps, p.audio_kbps)
        for p in EncodingProfile.objects.filter(is_active=True).order_by("sort_order", "slug")
    ]


def outputs_fingerprint(specs: list[ProfileSpec]) -> str:
    payload = json.dumps(
        [PIPELINE_VERSION, [list(vars(s).values()) for s in specs]], sort_keys=True, default=str
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


# --- Upload -------------------------------------------------------------------
def video_upload_validate(*, file) -> None:
    """Refuse a file over SAFAR_VIDEO_MAX_BYTES before it is stored."""
    limit = settings.SAFAR_VIDEO_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            {
                "original": FileTooLargeError(
                    _(
                        "This file is %(size)s; the largest video accepted is %(max)s. "
                        "Export it at 720p or split it into parts."
                    )
                    % {"size": filesizeformat(file.size), "max": filesizeformat(limit)}
                ).message
            }
        )


@transaction.atomic
def video_create(
    *, title: str, file, uploaded_by=None, video: Video | None = None, track: str | None = None
) -> Video:
    """Store the original as uploaded and schedule its processing (on commit):
    the one upload path (the admin form passes its unsaved `video`)."""
    video_upload_validate(file=file)
    video = video if video is not None else Video()
    video.title, video.uploaded_by, video.original_size = title, uploaded_by, file.size
    if track is not None:
        video.track = track
    video.original = file
    video.full_clean()
    video.save()
    video_processing_schedule(video=video)
    return video


VIDEO_PROCESS_TASK = "media_pipeline.tasks.video_process"


def video_processing_schedule(*, video: Video, force: bool = False) -> None:
    """Enqueue `video_process` on the media queue once the transaction commits.
    The task is found by its name in Celery's registry (`tasks.py` is imported
    by the app's `ready()`), so that this module does not import `tasks.py`,
    which calls it."""
    current_app.tasks[VIDEO_PROCESS_TASK].delay_on_commit(video.pk, force=force)


def video_processing_needed(video: Video, specs: list[ProfileSpec] | None = None) -> bool:
    """False if the published outputs are from this original and these profiles
    (a failed video whose original is unchanged is not redone either)."""
    if video.status == Video.Status.PROCESSING or video.status == Video.Status.UPLOADED:
        return True
    specs = specs if specs is not None else profile_specs()
    return not (
        video.processed_original == video.original.name
        and video.outputs_fingerprint == outputs_fingerprint(specs)
    )


@transaction.atomic
def video_retry(*, video: Video) -> Video:
    """The admin's "Try again": reset the status and process from scratch."""
    Video.objects.filter(pk=video.pk).exclude(  # processing: only once stalled
        status=Video.Status.PROCESSING, updated_at__gte=stall_cutoff()
    ).update(
        status=Video.Status.UPLOADED,
        status_message="",
        error_code="",
        error_detail="",
        progress=0,
        processing_token=None,
        stall_requeues=0,
        updated_at=timezone.now(),
    )
    video.refresh_from_db()
    video_processing_schedule(video=video, force=True)
    return video


def caption_save(*, video: Video, language: str, file) -> Caption:
    """Add or replace the caption of `video` in `language` (SRT is converted)."""
    with transaction.atomic():
        caption = Caption.objects.filter(video=video, language=language).first()
        old_name = caption.file.name if caption else None
        caption = caption or Caption(video=video, language=language)
        caption.file = file
        caption.full_clean()  # validates and converts (Caption.clean)
        caption.save()
    if old_name and old_name != caption.file.name:
        transaction.on_commit(lambda: default_storage.delete(old_name))
    return caption


# --- Processing ----------------------------------------------------------------
def _scratch_root() -> Path:
    return scratch_folders.root(settings.SAFAR_VIDEO_WORK_DIR)


def _output_prefix(video: Video) -> str:
    return f"{OUTPUTS_ROOT}/{video.uuid}"


def _storage_delete_tree(prefix: str) -> int:
    """Delete every file under `prefix` in default_storage; the number deleted."""
    deleted = 0
    try:
        dirs, files = default_storage.listdir(prefix)
    except FileNotFoundError:
        return 0
    for name in files:
        default_storage.delete(f"{prefix}/{name}")
        deleted += 1
    for sub in dirs:
        deleted += _storage_delete_tree(f"{prefix}/{sub}")
    with contextlib.suppress(OSError):  # the local folder itself (S3 has no folders)
        default_storage.delete(prefix)
    return deleted


def _storage_delete_files(names) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except STORAGE_ERRORS:  # left for the next run's orphan cleanup
            logger.warning("Could not delete superseded media file %s", name)


def video_orphans_remove(*, video: Video) -> int:
    """Remove output folders in storage that no published row refers to (left by
    a run that was killed before publishing), and this machine's scratch folders
    of earlier runs of the video. Returns the number of files deleted."""
    prefix = _output_prefix(video)
    try:
        generations, stray_files = default_storage.listdir(prefix)
    except FileNotFoundError:
        generations, stray_files = [], []
    deleted = 0
    for generation in generations:
        if generation != video.output_generation:
            deleted += _storage_delete_tree(f"{prefix}/{generation}")
    for name in stray_files:
        default_storage.delete(f"{prefix}/{name}")
        deleted += 1
    for scratch in _scratch_root().glob(f"{SCRATCH_PREFIX}{video.uuid}-*"):
        if not scratch.name.endswith(str(video.processing_token)):
            shutil.rmtree(scratch, ignore_errors=True)
    return deleted


def _claim(video_id: int) -> Video:
    with transaction.atomic():
        video = Video.objects.select_for_update().get(pk=video_id)
        video.processing_token = uuid.uuid4()
        video.processing_started_at = timezone.now()
        video.status = Video.Status.PROCESSING
        video.progress = 0
        video.status_message = ""
        video.error_code = ""
        video.error_detail = ""
        video.save(
            update_fields=[
                "processing_token",
                "processing_started_at",
                "status",
                "progress",
                "status_message",
                "error_code",
                "error_detail",
                "updated_at",
            ]
        )
    return video


def _fetch_original(video: Video, scratch: Path) -> Path:
    """The run's private copy of the original, in its scratch folder, streamed
    from storage (local or S3) in 1 MB chunks. ffmpeg and PyAV read only this
    copy, never the stored file or anything next to it."""
    name = video.original.name
    if not name:
        raise OriginalMissingError()
    try:
        with default_storage.open(name, "rb") as source:
            return scratch_folders.private_copy(source, scratch)
    except FileNotFoundError as exc:
        raise OriginalMissingError() from exc
    except STORAGE_ERRORS as exc:
        raise TransientMediaError(detail=f"reading the original: {exc}") from exc


def _progress_updater(video_id: int, token: uuid.UUID):
    state = {"at": 0.0, "percent": -1}

    def update(fraction: float) -> None:
        percent = min(99, int(fraction * 100))
        now = time.monotonic()
        due = now - state["at"] >= PROGRESS_INTERVAL_SECONDS
        if due and (percent != state["percent"] or now - state["at"] >= HEARTBEAT_SECONDS):
            Video.objects.filter(pk=video_id, processing_token=token).update(
                progress=percent, updated_at=timezone.now()
            )
            state.update(at=now, percent=percent)

    return update


def _publish(
    video: Video,
    token: uuid.UUID,
    produced: list[Produced],
    out_dir: Path,
    fingerprint: str,
    note: str = "",
) -> bool:
    """Upload every output, then switch the rows to them in one transaction."""
    generation = f"{timezone.now():%Y%m%d%H%M%S}-{token.hex[:8]}"
    prefix = f"{_output_prefix(video)}/{generation}"
    uploaded: list[str] = []
    try:
        for relative in sorted({f for item in produced for f in item.files}):
            wanted = f"{prefix}/{relative}"
            with (out_dir / relative).open("rb") as handle:
                saved = default_storage.save(wanted, File(handle))
            uploaded.append(saved)
            if saved != wanted:  # playlists refer to their segments by name
                raise TransientMediaError(detail=f"storage renamed {wanted} to {saved}")
    except STORAGE_ERRORS as exc:
        _storage_delete_files(uploaded)
        raise TransientMediaError(detail=f"publishing outputs: {exc}") from exc
    except TransientMediaError:
        _storage_delete_files(uploaded)
        raise

    profiles = {p.slug: p for p in EncodingProfile.objects.all()}
    with transaction.atomic():
        current = Video.objects.select_for_update().get(pk=video.pk)
        if current.processing_token != token:
            # Another run claimed the video meanwhile: it publishes, not us.
            transaction.on_commit(lambda: _storage_delete_files(uploaded))
            return False
        superseded = [name for output in current.outputs.all() for name in output.files]
        for item in produced:
            VideoOutput.objects.update_or_create(
                video=current,
                profile=profiles[item.slug],
                defaults={
                    "file": f"{prefix}/{item.main}",
                    "files": [f"{prefix}/{f}" for f in item.files],
                    "generation": generation,
                    "size_bytes": item.size_bytes,
                    "bitrate": item.bitrate,
                    "width": item.width,
                    "height": item.height,
                    "duration_seconds": item.duration,
                    "metadata": _prefixed_metadata(item.metadata, prefix),
                },
            )
        current.outputs.exclude(profile__slug__in=[item.slug for item in produced]).delete()
        current.status = Video.Status.READY
        current.progress = 100
        current.status_message = note
        current.processing_token = None
        current.processed_at = timezone.now()
        current.stall_requeues = 0
        current.processed_original = video.original.name  # the one this run read
        current.outputs_fingerprint = fingerprint
        current.output_generation = generation
        current.save()
        keep = set(uploaded)
        stale = [name for name in superseded if name not in keep]
        transaction.on_commit(lambda: _storage_delete_files(stale))
        transaction.on_commit(lambda: _remove_other_generations(current.pk))
    return True


def _remove_other_generations(video_id: int) -> None:
    video = Video.objects.filter(pk=video_id).first()
    if video is not None and video.processing_token is None:
        video_orphans_remove(video=video)


def _prefixed_metadata(metadata: dict, prefix: str) -> dict:
    metadata = dict(metadata)
    if "thumbnails" in metadata:
        metadata["thumbnails"] = {w: f"{prefix}/{n}" for w, n in metadata["thumbnails"].items()}
    return metadata


def video_mark_failed(
    *, video_id: int, error: MediaPipelineError, token: uuid.UUID | None = None
) -> bool:
    """Mark the video failed with the error's author-readable message (only if the
    claim `token` is still current, when given)."""
    with transaction.atomic():
        video = Video.objects.select_for_update().filter(pk=video_id).first()
        if video is None or (token is not None and video.processing_token != token):
            return False
        video.status = Video.Status.FAILED
        video.status_message = str(error.message)
        video.error_code = error.code
        video.error_detail = (error.detail or "")[-4000:]
        video.progress = 0
        video.processing_token = None
        video.stall_requeues = 0
        video.processed_original = video.original.name
        video.outputs_fingerprint = outputs_fingerprint(profile_specs())
        video.save()
    logger.info("Video %s failed: %s (%s)", video_id, error.code, error.detail[:200])
    return True


def video_process(*, video_id: int, force: bool = False) -> str:
    """Probe, transcode and publish one video. Returns what happened: "done",
    "skipped" (outputs are current), "failed" (bad input, status says why),
    "superseded" (another run took over) or "missing" (no such video)."""
    video = Video.objects.filter(pk=video_id).first()
    if video is None:
        return "missing"
    specs = profile_specs()
    if not force and not video_processing_needed(video, specs):
        return "skipped"
    video = _claim(video_id)
    token = video.processing_token
    video_orphans_remove(video=video)
    remove_stale_scratch()  # other videos' runs killed on this machine
    scratch = _scratch_root() / scratch_folders.folder_name(video.uuid, token)
    scratch.mkdir(mode=0o700)
    try:
        source = _fetch_original(video, scratch)
        probe = probe_file(
            source,
            max_seconds=settings.SAFAR_VIDEO_MAX_SECONDS,
            language=video_language(video),
        )
        Video.objects.filter(pk=video_id, processing_token=token).update(
            duration_seconds=probe.duration,
            width=probe.width,
            height=probe.height,
            rotation=probe.rotation,
            video_codec=probe.video_codec[:32],
            audio_codec=(probe.audio_codec or "")[:32],
            has_audio=probe.has_audio,
            original_size=probe.size_bytes,
            updated_at=timezone.now(),
        )
        video.has_audio = probe.has_audio
        produced = transcode(
            source,
            scratch / "out",
            probe=probe,
            profiles=specs,
            segment_seconds=settings.SAFAR_VIDEO_HLS_SEGMENT_SECONDS,
            preset=settings.SAFAR_VIDEO_X264_PRESET,
            on_progress=_progress_updater(video_id, token),
        )
        published = _publish(
            video, token, produced, scratch / "out", outputs_fingerprint(specs), ready_note(probe)
        )
        return "done" if published else "superseded"
    except (MediaInputError, TranscodeError) as error:
        return (
            "failed"
            if video_mark_failed(video_id=video_id, error=error, token=token)
            else "superseded"
        )
    except OSError:
        # A newer run of the same video (a duplicate message) took over and
        # cleared this run's scratch folder: its result is the one that counts.
        if not Video.objects.filter(pk=video_id, processing_token=token).exists():
            return "superseded"
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
