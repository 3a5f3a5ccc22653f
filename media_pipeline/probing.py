"""Probing with PyAV (the imageio-ffmpeg wheel ships no ffprobe): what is in the
file, and whether it can become a lesson video at all. Runs before any transcode
and raises an author-readable MediaInputError for what is not playable.

No Django models here, so the benchmark can use it as is.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import av
from django.utils.translation import gettext_lazy as _

from .containers import Container, detect, open_options
from .exceptions import (
    EmptyFileError,
    FormatMismatchError,
    ImageFileError,
    NotAVideoError,
    NoVideoStreamError,
    TooLargeFrameError,
    TooLongError,
    TooSmallError,
    TruncatedFileError,
)

MIN_SIDE = 32  # px: smaller pictures are refused
MAX_SIDE = 8192  # px: 8K is the largest source accepted
IMAGE_CODECS = {"png", "mjpeg", "bmp", "gif", "webp", "tiff", "jpeg2000", "jpegls", "qoi", "pam"}


@dataclass(frozen=True)
class ProbeResult:
    format_name: str
    size_bytes: int
    duration: float
    width: int  # as displayed: after rotation and pixel aspect ratio
    height: int
    coded_width: int
    coded_height: int
    rotation: int
    video_codec: str
    frame_rate: float | None
    has_audio: bool
    audio_codec: str | None
    audio_channels: int | None
    container: str = ""  # containers.ALLOWED key's demuxer, forced when reading
    audio_only: bool = False  # a sound-only lesson (maybe with a cover picture)
    audio_track: int = 0  # which audio stream is kept (index among audio streams)
    audio_tracks: int = 0
    audio_language: str = ""  # the kept track's language tag, as in the file

    @property
    def short_side(self) -> int:
        return min(self.width, self.height)

    @property
    def is_portrait(self) -> bool:
        return self.height > self.width

    def as_dict(self) -> dict:
        return asdict(self)


def _format_duration(seconds: float) -> str:
    minutes = int(round(seconds / 60))
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": minutes}
    return _("%(m)d min") % {"m": max(minutes, 1)}


def _looks_like_mp4(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(12)
    return len(head) >= 8 and head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free")


def _is_attached_picture(stream) -> bool:
    try:
        return bool(stream.disposition & av.stream.Disposition.attached_pic)
    except AttributeError:  # pragma: no cover - older PyAV
        return False


def _is_still_picture(stream) -> bool:
    """A cover picture: flagged as attached, or a one-frame image-codec stream."""
    if _is_attached_picture(stream):
        return True
    codec = stream.codec_context.name if stream.codec_context else ""
    return codec in IMAGE_CODECS and (stream.frames or 0) <= 1


# ISO 639-1 (the site's languages) -> the tags files carry (ISO 639-2 and names).
LANGUAGE_TAGS = {
    "tg": {"tg", "tgk", "taj", "tajik"},
    "ru": {"ru", "rus", "russian"},
    "uz": {"uz", "uzb", "uzbek"},
    "en": {"en", "eng", "english"},
}


def choose_audio_track(tags: list[str], language: str | None) -> int:
    """The audio stream to keep: the first tagged with `language`, else the first."""
    wanted = LANGUAGE_TAGS.get((language or "").split("-")[0].lower(), set())
    for index, tag in enumerate(tags):
        if tag.strip().lower() in wanted:
            return index
    return 0


@contextlib.contextmanager
def open_upload(path: Path, container: Container):
    """PyAV's container for the upload, read as `container` only, through a
    file object of this one local file: no protocol is opened for it, and the
    whitelist (`open_options`) lets the demuxer open no other path or URL."""
    with Path(path).open("rb") as handle:
        opened = av.open(
            handle,
            format=container.demuxer,
            options=open_options(container),
            metadata_errors="ignore",
        )
        with opened:
            if container.demuxer not in (opened.format.name or "").split(","):
                raise FormatMismatchError(detail=f"{opened.format.name} is not {container.demuxer}")
            yield opened


def _duration(container, stream=None) -> float:
    if container.duration:
        return container.duration / av.time_base
    if stream is not None and stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return 0.0


def _check_duration(duration: float, max_seconds: float | None) -> None:
    if not duration or not math.isfinite(duration) or duration <= 0:
        raise NotAVideoError(detail="no duration")
    if max_seconds and duration > max_seconds:
        raise TooLongError(
            _(
                "This video is %(length)s long; the longest accepted is %(max)s. "
                "Split it into shorter parts and upload them one by one."
            )
            % {"length": _format_duration(duration), "max": _format_duration(max_seconds)}
        )


def _index_past_end(container, size: int) -> bool:
    """True if the container's sample index points past the end of the file
    (an MP4 whose index was written but whose data was cut off)."""
    for stream in container.streams:
        try:
            entries = stream.index_entries
            count = len(entries)
            furthest = max(
                (entries[i].pos + entries[i].size for i in range(max(0, count - 4), count)),
                default=0,
            )
        except (AttributeError, av.FFmpegError):  # pragma: no cover - no index
            continue
        if furthest > size:
            return True
    return False


def probe_file(
    path: Path, *, max_seconds: float | None = None, language: str | None = None
) -> ProbeResult:
    """Describe the file at `path`, or raise a MediaInputError saying why it can't
    be a lesson video. Its container comes from its own bytes (containers.detect);
    of several audio tracks, the one in `language` (else the first) is kept."""
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise EmptyFileError()
    kind = detect(path)
    with contextlib.ExitStack() as opened:
        try:
            container = opened.enter_context(open_upload(path, kind))
        except (av.FFmpegError, UnicodeDecodeError, ValueError) as exc:
            if _looks_like_mp4(path):
                raise TruncatedFileError(detail=str(exc)) from exc
            raise NotAVideoError(detail=str(exc)) from exc
        format_name = container.format.name or ""
        pictures = list(container.streams.video)
        video_streams = [s for s in pictures if not _is_still_picture(s)]
        audio_streams = list(container.streams.audio)
        tags = [(a.metadata or {}).get("language", "") for a in audio_streams]
        track = choose_audio_track(tags, language)
        audio = audio_streams[track] if audio_streams else None
        if not video_streams and audio is not None:
            # Sound only, perhaps with a cover picture: an audio lesson.
            duration = _duration(container, audio)
            _check_duration(duration, max_seconds)
            return ProbeResult(
                format_name=format_name,
                size_bytes=size,
                duration=duration,
                width=0,
                height=0,
                coded_width=0,
                coded_height=0,
                rotation=0,
                video_codec="",
                frame_rate=None,
                has_audio=True,
                audio_codec=audio.codec_context.name,
                audio_channels=audio.codec_context.channels,
                container=kind.demuxer,
                audio_only=True,
                audio_track=track,
                audio_tracks=len(audio_streams),
                audio_language=tags[track],
            )
        if not video_streams:
            if pictures:
                raise ImageFileError(detail=format_name)
            raise NoVideoStreamError(detail=format_name)
        stream = video_streams[0]
        codec = stream.codec_context.name if stream.codec_context else ""
        duration = _duration(container, stream)
        if ("mp4" in format_name or "mov" in format_name) and _index_past_end(container, size):
            raise TruncatedFileError(detail="sample index points past the end of the file")

        coded_w, coded_h = stream.codec_context.width, stream.codec_context.height
        rotation = 0
        try:
            frame = next(container.decode(stream))
            coded_w, coded_h = frame.width, frame.height
            rotation = int(round(getattr(frame, "rotation", 0) or 0)) % 360
        except StopIteration as exc:
            raise TruncatedFileError(detail="no decodable frame") from exc
        except av.FFmpegError as exc:
            raise NotAVideoError(detail=str(exc)) from exc
        if not coded_w or not coded_h:
            raise NotAVideoError(detail="no picture size")

        sar = stream.sample_aspect_ratio
        display_w = coded_w * (float(sar) if sar and float(sar) > 0 else 1.0)
        display_h = float(coded_h)
        if rotation in (90, 270):
            display_w, display_h = display_h, display_w
        width, height = int(round(display_w)), int(round(display_h))

        if min(width, height) < MIN_SIDE:
            raise TooSmallError(
                _(
                    "The picture is too small (%(w)d×%(h)d pixels). Export the video at "
                    "least %(min)d pixels high, ideally 720."
                )
                % {"w": width, "h": height, "min": MIN_SIDE}
            )
        if max(width, height) > MAX_SIDE:
            raise TooLargeFrameError(
                _(
                    "The picture is larger than 8K (%(w)d×%(h)d pixels). Export the video "
                    "at 1080p or 720p and upload it again."
                )
                % {"w": width, "h": height}
            )
        _check_duration(duration, max_seconds)

        rate = stream.average_rate or stream.guessed_rate
        return ProbeResult(
            format_name=format_name,
            size_bytes=size,
            duration=duration,
            width=width,
            height=height,
            coded_width=coded_w,
            coded_height=coded_h,
            rotation=rotation,
            video_codec=codec,
            frame_rate=float(rate) if rate else None,
            has_audio=audio is not None,
            audio_codec=(audio.codec_context.name if audio is not None else None),
            audio_channels=(audio.codec_context.channels if audio is not None else None),
            container=kind.demuxer,
            audio_track=track,
            audio_tracks=len(audio_streams),
            audio_language=tags[track] if audio is not None else "",
        )


def ready_note(probe: ProbeResult) -> str:
    """What the author is told next to "Ready": a sound-only lesson, no sound,
    or which of several sound tracks was kept."""
    notes = []
    if probe.audio_only:
        notes.append(str(_("Ready: this file has sound only, so it is an audio lesson.")))
    elif not probe.has_audio:
        notes.append(str(_("Ready. Note: this video has no sound.")))
    if probe.audio_tracks > 1:
        notes.append(
            str(
                _(
                    "The file has %(count)d sound tracks; only track %(track)d "
                    "(%(language)s) is kept."
                )
            )
            % {
                "count": probe.audio_tracks,
                "track": probe.audio_track + 1,
                "language": (
                    probe.audio_language
                    if probe.audio_language not in ("", "und")  # ISO 639-2: undetermined
                    else _("no language given")
                ),
            }
        )
    return " ".join(notes)
