"""The transcode: ONE ffmpeg invocation, built with ffmpeg-python.

The source is decoded once; its video is split once per MP4 rung (plus one branch
for the poster frame), scaled, and each rung is encoded exactly once, as is the
audio. One `tee` output then muxes those encoded streams into every file: each
rung's MP4, each rung's HLS variant (fixed-length segments, keyframes forced at
the same instants on every rung) and the audio-only M4A. The master playlist is
written afterwards, from the measured bitrates; the poster and thumbnails are
made with Pillow (see images.py).

No Django models here: the task (via services.py) and the benchmark run this
same code.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import av
import ffmpeg
import imageio_ffmpeg

from .containers import ALLOWED, open_options
from .exceptions import TranscodeError, TruncatedFileError
from .images import make_poster_and_thumbnails
from .probing import ProbeResult

MAX_FPS = 30
AUDIO_SAMPLE_RATE = 44100
HLS_DIR = "hls"


@dataclass(frozen=True)
class ProfileSpec:
    """What the transcode needs to know of an EncodingProfile row."""

    slug: str
    kind: str  # mp4 | hls | audio | image
    short_side: int | None = None
    crf: int | None = None
    max_video_kbps: int | None = None
    audio_kbps: int | None = None


# The profiles seeded by migration 0003 (kept in step with it); the benchmark
# uses these without a database.
DEFAULT_PROFILES = [
    ProfileSpec("h264_240p", "mp4", short_side=240, crf=28, max_video_kbps=300),
    ProfileSpec("h264_360p", "mp4", short_side=360, crf=27, max_video_kbps=600),
    ProfileSpec("h264_720p", "mp4", short_side=720, crf=24, max_video_kbps=1800),
    ProfileSpec("hls", "hls"),
    ProfileSpec("audio_aac_48k", "audio", audio_kbps=48),
    ProfileSpec("poster", "image"),
]


@dataclass(frozen=True)
class Rung:
    slug: str
    width: int
    height: int
    crf: int
    max_kbps: int

    @property
    def label(self) -> str:
        return f"{min(self.width, self.height)}p"


@dataclass
class Plan:
    rungs: list[Rung]
    audio_kbps: int | None  # None: the source has no sound
    hls: bool
    audio_only_output: bool
    poster: bool
    poster_time: float
    fps_cap: int | None
    segment_seconds: int
    preset: str
    container: str = ""  # the demuxer forced on the input (containers.ALLOWED)
    audio_track: int = 0  # the audio stream kept, among the source's audio streams


@dataclass
class Produced:
    """One output of a run: its main file and every file it consists of, relative
    to the run's output folder."""

    slug: str
    main: str
    files: list[str]
    width: int | None = None
    height: int | None = None
    duration: float | None = None
    size_bytes: int = 0
    bitrate: int | None = None
    metadata: dict = field(default_factory=dict)


def _even(value: float) -> int:
    return max(2, int(round(value / 2)) * 2)


def rung_size(probe: ProbeResult, short_side: int) -> tuple[int, int]:
    """Width and height for a rung whose short side is `short_side`, keeping the
    source's (displayed) aspect ratio; vertical videos keep being vertical."""
    if probe.is_portrait:
        return _even(short_side), _even(probe.height * short_side / probe.width)
    return _even(probe.width * short_side / probe.height), _even(short_side)


def plan_outputs(
    probe: ProbeResult,
    profiles: list[ProfileSpec],
    *,
    segment_seconds: int = 4,
    preset: str = "veryfast",
) -> Plan:
    """Which outputs this source gets: no rung above the source's own size; a
    source smaller than the lowest rung gets one rung at its own size."""
    mp4 = sorted((p for p in profiles if p.kind == "mp4"), key=lambda p: p.short_side)
    kinds = {p.kind for p in profiles}
    chosen = [p for p in mp4 if p.short_side <= probe.short_side and not probe.audio_only]
    rungs = [
        Rung(p.slug, *rung_size(probe, p.short_side), p.crf or 26, p.max_video_kbps) for p in chosen
    ]
    if not rungs and mp4 and not probe.audio_only:
        lowest = mp4[0]
        side = _even(probe.short_side - 1) if probe.short_side % 2 else probe.short_side
        rungs = [
            Rung(lowest.slug, *rung_size(probe, side), lowest.crf or 26, lowest.max_video_kbps)
        ]
    audio_profile = next((p for p in profiles if p.kind == "audio"), None)
    audio_kbps = (audio_profile.audio_kbps if audio_profile else None) or 48
    fps_cap = MAX_FPS if (probe.frame_rate or 0) > MAX_FPS + 0.5 else None
    return Plan(
        rungs=rungs,
        audio_kbps=audio_kbps if probe.has_audio else None,
        hls="hls" in kinds and bool(rungs),
        audio_only_output=audio_profile is not None and probe.has_audio,
        poster="image" in kinds and not probe.audio_only,
        poster_time=min(5.0, probe.duration * 0.1),
        fps_cap=fps_cap,
        segment_seconds=segment_seconds,
        preset=preset,
        container=probe.container,
        audio_track=probe.audio_track,
    )


def _tee_escape(value: str) -> str:
    for char in "\\:|[]":
        if char in value:
            raise ValueError(f"Unsafe character {char!r} in an output path: {value!r}")
    return value


def _input_options(demuxer: str) -> dict[str, str]:
    """-f <demuxer>, protocols limited to the open descriptor, and the demuxer's
    own guards."""
    known = next((c for c in ALLOWED.values() if c.demuxer == demuxer), None)
    if known is None:
        raise TranscodeError(detail=f"input format {demuxer!r} is not on the allow-list")
    return {"f": known.demuxer, **open_options(known)}


@contextlib.contextmanager
def source_descriptor(source: Path):
    """The private copy, open read-only, as the file descriptor ffmpeg reads
    (`-fd N -i fd:`): it gets no path at all, so no protocol that opens one."""
    fd = os.open(source, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        yield fd
    finally:
        os.close(fd)


def build_command(plan: Plan, source_fd: int, out_dir: Path, *, ffmpeg_exe: str | None = None):
    """The ffmpeg-python graph for the whole run, compiled to an argv list. The
    input is read only as the container its bytes showed (`plan.container`),
    from the open file descriptor `source_fd` of the private copy (see
    `source_descriptor`; `run_ffmpeg` passes it on)."""
    source_input = ffmpeg.input("fd:", **_input_options(plan.container), fd=str(source_fd))
    source_audio = source_input[f"a:{plan.audio_track}"]
    if not plan.rungs and not plan.poster:  # a sound-only lesson: the audio file only
        output = ffmpeg.output(
            source_audio,
            str(out_dir / "audio.m4a"),
            **{"c:a": "aac", "b:a": f"{plan.audio_kbps}k", "ac": 1, "ar": AUDIO_SAMPLE_RATE},
            f="mp4",
            movflags="+faststart",
        )
        graph = output.global_args(
            "-nostdin", "-nostats", "-loglevel", "error", "-progress", "pipe:1"
        )
        return graph.overwrite_output().compile(cmd=ffmpeg_exe or imageio_ffmpeg.get_ffmpeg_exe())
    video = source_input.video
    if plan.fps_cap:
        video = video.filter("fps", fps=plan.fps_cap)
    branches = len(plan.rungs) + (1 if plan.poster else 0)
    split = video.filter_multi_output("split", branches) if branches > 1 else None
    streams, options, slaves = [], {}, []

    for index, rung in enumerate(plan.rungs):
        branch = split[index] if split is not None else video
        scaled = (
            branch.filter("scale", rung.width, rung.height, flags="bicubic")
            .filter("setsar", "1")
            .filter("format", "yuv420p")
        )
        streams.append(scaled)
        options[f"crf:v:{index}"] = rung.crf
        options[f"maxrate:v:{index}"] = f"{rung.max_kbps}k"
        options[f"bufsize:v:{index}"] = f"{rung.max_kbps * 2}k"
    if plan.audio_kbps:
        streams.append(source_audio)
        options.update({"c:a": "aac", "b:a": f"{plan.audio_kbps}k", "ac": 1})
        options["ar"] = AUDIO_SAMPLE_RATE

    out = _tee_escape(str(out_dir))
    audio_sel = ",a" if plan.audio_kbps else ""
    for index, rung in enumerate(plan.rungs):
        sel = f"v:{index}{audio_sel}"
        slaves.append(f"[select=\\'{sel}\\':f=mp4:movflags=+faststart]{out}/{rung.slug}.mp4")
        if plan.hls:
            folder = f"{out}/{HLS_DIR}/{rung.label}"
            (out_dir / HLS_DIR / rung.label).mkdir(parents=True, exist_ok=True)
            slaves.append(
                f"[select=\\'{sel}\\':f=hls:hls_time={plan.segment_seconds}"
                f":hls_playlist_type=vod:hls_flags=independent_segments"
                f":hls_segment_filename={folder}/seg%05d.ts]{folder}/index.m3u8"
            )
    if plan.audio_only_output:
        slaves.append(f"[select=a:f=mp4:movflags=+faststart]{out}/audio.m4a")

    outputs = []
    if streams:
        outputs.append(
            ffmpeg.output(
                *streams,
                "|".join(slaves),
                f="tee",
                **{
                    "c:v": "libx264",
                    "preset": plan.preset,
                    "profile:v": "main",
                    "force_key_frames": f"expr:gte(t,n_forced*{plan.segment_seconds})",
                    "sc_threshold": 0,
                    "max_muxing_queue_size": 1024,
                },
                **options,
            )
        )
    if plan.poster:
        branch = split[len(plan.rungs)] if split is not None else video
        # Exactly one frame goes on (the first at poster_time): every later frame
        # is dropped by `select` itself, not scaled and converted for nothing.
        frame = branch.filter(
            "select", f"gte(t,{plan.poster_time:.3f})*isnan(prev_selected_t)"
        ).filter("scale", "min(1280,iw)", -2)
        outputs.append(
            ffmpeg.output(frame, str(out_dir / "poster-source.png"), **{"frames:v": 1, "update": 1})
        )
    graph = ffmpeg.merge_outputs(*outputs).global_args(
        "-nostdin", "-nostats", "-loglevel", "error", "-progress", "pipe:1"
    )
    return graph.overwrite_output().compile(cmd=ffmpeg_exe or imageio_ffmpeg.get_ffmpeg_exe())


def _die_with_parent():  # pragma: no cover - runs in the child between fork and exec
    """Linux: kill ffmpeg if the worker process running it dies (kill -9)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def run_ffmpeg(
    args: list[str],
    *,
    duration: float,
    log_path: Path,
    on_progress: Callable[[float], None] | None = None,
    pass_fds: tuple[int, ...] = (),
) -> None:
    """Run ffmpeg, reporting progress (0..1) from `-progress pipe:1`. Its log goes
    to a file, so memory stays bounded however long the video. `pass_fds`: the
    open input it reads (no other descriptor of the worker is inherited)."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=log,
            pass_fds=pass_fds,
            preexec_fn=_die_with_parent if os.name == "posix" else None,  # noqa: PLW1509
        )
        try:
            for raw in process.stdout:
                key, _, value = raw.decode("ascii", "replace").strip().partition("=")
                if key == "out_time_us" and on_progress and duration > 0:
                    with contextlib.suppress(ValueError):
                        on_progress(min(1.0, max(0.0, int(value) / 1e6 / duration)))
            returncode = process.wait()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    if returncode != 0:
        tail = (
            log_path.read_bytes()[-4000:].decode("utf-8", "replace")
            if log_path.exists()
            else "(no log: the scratch folder was removed)"
        )
        raise TranscodeError(detail=f"ffmpeg exited with {returncode}:\n{tail}")


def _media_info(path: Path) -> tuple[int | None, int | None, float | None]:
    with av.open(str(path)) as container:
        duration = container.duration / av.time_base if container.duration else None
        if container.streams.video:
            ctx = container.streams.video[0].codec_context
            return ctx.width, ctx.height, duration
        return None, None, duration


def _bitrate(size: int, duration: float | None) -> int | None:
    return int(size * 8 / duration) if duration else None


def write_master_playlist(out_dir: Path, variants: list[tuple[Rung, int]], has_audio: bool) -> str:
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-INDEPENDENT-SEGMENTS"]
    codecs = "avc1.4d401f,mp4a.40.2" if has_audio else "avc1.4d401f"
    for rung, bandwidth in variants:
        lines.append(
            f"#EXT-X-STREAM-INF:BANDWIDTH={bandwidth},AVERAGE-BANDWIDTH={bandwidth},"
            f'RESOLUTION={rung.width}x{rung.height},CODECS="{codecs}"'
        )
        lines.append(f"{rung.label}/index.m3u8")
    relative = f"{HLS_DIR}/master.m3u8"
    (out_dir / relative).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return relative


def transcode(
    source: Path,
    out_dir: Path,
    *,
    probe: ProbeResult,
    profiles: list[ProfileSpec],
    segment_seconds: int = 4,
    preset: str = "veryfast",
    on_progress: Callable[[float], None] | None = None,
) -> list[Produced]:
    """Every output of `profiles` for `source`, written under `out_dir` (which the
    caller publishes afterwards, all at once)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    plan = plan_outputs(probe, profiles, segment_seconds=segment_seconds, preset=preset)
    started = time.monotonic()
    with source_descriptor(source) as source_fd:
        run_ffmpeg(
            build_command(plan, source_fd, out_dir),
            duration=probe.duration,
            log_path=out_dir.parent / "ffmpeg.log",
            on_progress=on_progress,
            pass_fds=(source_fd,),
        )
    elapsed = time.monotonic() - started

    produced: list[Produced] = []
    variants = []
    if plan.audio_only_output and not plan.rungs:
        _, _, duration = _media_info(out_dir / "audio.m4a")
        if not duration or duration < probe.duration * 0.9 - 0.5:
            raise TruncatedFileError(detail=f"audio.m4a: {duration} s of {probe.duration} s")
    for rung in plan.rungs:
        main = f"{rung.slug}.mp4"
        width, height, duration = _media_info(out_dir / main)
        if not duration or duration < probe.duration * 0.9 - 0.5:
            # ffmpeg stopped early: the data ended before the file said it would.
            raise TruncatedFileError(detail=f"{main}: {duration} s of {probe.duration} s")
        size = (out_dir / main).stat().st_size
        produced.append(
            Produced(
                rung.slug, main, [main], width, height, duration, size, _bitrate(size, duration)
            )
        )
        if plan.hls:
            variants.append((rung, int((_bitrate(size, duration) or 0) * 1.1)))
    if plan.hls:
        master = write_master_playlist(out_dir, variants, plan.audio_kbps is not None)
        files = sorted(
            str(p.relative_to(out_dir)) for p in (out_dir / HLS_DIR).rglob("*") if p.is_file()
        )
        top = plan.rungs[-1]
        produced.append(
            Produced(
                "hls",
                master,
                files,
                top.width,
                top.height,
                probe.duration,
                sum((out_dir / f).stat().st_size for f in files),
                max(bandwidth for _, bandwidth in variants),
                {"variants": [r.label for r, _ in variants], "segment_seconds": segment_seconds},
            )
        )
    if plan.audio_only_output:
        audio_slug = next(p.slug for p in profiles if p.kind == "audio")
        _, _, duration = _media_info(out_dir / "audio.m4a")
        size = (out_dir / "audio.m4a").stat().st_size
        produced.append(
            Produced(
                audio_slug,
                "audio.m4a",
                ["audio.m4a"],
                None,
                None,
                duration,
                size,
                _bitrate(size, duration),
            )
        )
    if plan.poster:
        poster_slug = next(p.slug for p in profiles if p.kind == "image")
        source_png = out_dir / "poster-source.png"
        if source_png.exists() and source_png.stat().st_size:
            images = make_poster_and_thumbnails(source_png, out_dir)
            source_png.unlink()
            files = [images["poster"], *images["thumbnails"].values()]
            produced.append(
                Produced(
                    poster_slug,
                    images["poster"],
                    files,
                    images["width"],
                    images["height"],
                    None,
                    sum((out_dir / f).stat().st_size for f in files),
                    None,
                    {"thumbnails": images["thumbnails"]},
                )
            )
    for item in produced:
        item.metadata.setdefault("encode_seconds", round(elapsed, 3))
    return produced
