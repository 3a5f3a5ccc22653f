"""Probing with PyAV (the imageio-ffmpeg wheel ships no ffprobe): what is in the
file, and whether it can become a lesson video at all. Runs before any transcode
and raises an author-readable MediaInputError for what is not playable.

No Django models here, so the benchmark can use it as is.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path

import av
from django.utils.translation import gettext_lazy as _

from .exceptions import (
    AudioOnlyError,
    EmptyFileError,
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


def probe_file(path: Path, *, max_seconds: float | None = None) -> ProbeResult:
    """Describe the file at `path`, or raise a MediaInputError saying why it can't
    be a lesson video."""
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise EmptyFileError()
    try:
        container = av.open(str(path), metadata_errors="ignore")
    except (av.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        if _looks_like_mp4(path):
            raise TruncatedFileError(detail=str(exc)) from exc
        raise NotAVideoError(detail=str(exc)) from exc

    with container:
        format_name = container.format.name or ""
        video_streams = [s for s in container.streams.video if not _is_attached_picture(s)]
        audio_streams = list(container.streams.audio)
        if format_name.endswith("_pipe") or format_name in {"image2", "gif", "apng", "webp"}:
            raise ImageFileError(detail=format_name)
        if not video_streams:
            if audio_streams:
                raise AudioOnlyError(detail=format_name)
            raise NoVideoStreamError(detail=format_name)
        stream = video_streams[0]
        codec = stream.codec_context.name if stream.codec_context else ""
        if codec in IMAGE_CODECS and (stream.frames or 0) <= 1:
            raise ImageFileError(detail=f"{format_name}/{codec}")

        duration = 0.0
        if container.duration:
            duration = container.duration / av.time_base
        elif stream.duration and stream.time_base:
            duration = float(stream.duration * stream.time_base)
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

        rate = stream.average_rate or stream.guessed_rate
        audio = audio_streams[0] if audio_streams else None
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
        )
