"""`python -m bench transcode`: the pipeline's transcode against the best single
hand-written ffmpeg command producing the same outputs.

A 60-second 1080p30 clip with sound is generated, then
- the pipeline runs exactly what the task runs between fetching the original
  and publishing (probe, the ffmpeg-python graph, master playlist, Pillow poster
  and thumbnails), in-process;
- one hand-written ffmpeg command produces the same files (3 MP4 rungs, 3 HLS
  variants, audio-only M4A, poster and 3 thumbnails as JPEG).

Prints transcode_pipeline_s, transcode_ffmpeg_s, transcode_ratio (pipeline /
ffmpeg; target <= 1.10) and transcode_realtime_x (clip seconds per pipeline second),
all wall-clock times; and the CPU time (user + sys) of each, which a loaded,
shared machine disturbs much less: transcode_pipeline_cpu_s (the ffmpeg child
plus the pipeline's own in-process work: probe, output checks, Pillow),
transcode_ffmpeg_cpu_s and transcode_cpu_ratio.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import imageio_ffmpeg


def generate(path: Path, seconds: int) -> Path:
    """The source: 1080p30 with stereo sound, near-lossless (crf 20)."""
    from media_pipeline.demo import generate_clip

    return generate_clip(
        path, seconds=seconds, size="1920x1080", rate=30, preset="ultrafast",
        extra=("-crf", "20", "-b:a", "128k", "-ac", "2"),
    )  # fmt: skip


def hand_written_command(source: Path, out: Path, *, preset: str, segment: int) -> list[str]:
    """The same outputs in one ffmpeg run, written by hand."""
    for rung in ("240p", "360p", "720p"):
        (out / "hls" / rung).mkdir(parents=True, exist_ok=True)

    def hls(index: int, rung: str) -> str:
        return (
            f"[select=\\'v:{index},a\\':f=hls:hls_time={segment}:hls_playlist_type=vod"
            f":hls_flags=independent_segments:hls_segment_filename={out}/hls/{rung}/seg%05d.ts]"
            f"{out}/hls/{rung}/index.m3u8"
        )

    def mp4(index: int, rung: str) -> str:
        return f"[select=\\'v:{index},a\\':f=mp4:movflags=+faststart]{out}/{rung}.mp4"

    tee = "|".join(
        [mp4(0, "240p"), hls(0, "240p"), mp4(1, "360p"), hls(1, "360p"), mp4(2, "720p"),
         hls(2, "720p"), f"[select=a:f=mp4:movflags=+faststart]{out}/audio.m4a"]
    )  # fmt: skip
    graph = (
        "[0:v]split=4[a][b][c][p];"
        "[a]scale=426:240,setsar=1,format=yuv420p[v240];"
        "[b]scale=640:360,setsar=1,format=yuv420p[v360];"
        "[c]scale=1280:720,setsar=1,format=yuv420p[v720];"
        "[p]select='gte(t,5)*isnan(prev_selected_t)',scale=1280:720,split=4[p0][p1][p2][p3];"
        "[p1]scale=160:-2[t160];[p2]scale=320:-2[t320];[p3]scale=640:-2[t640]"
    )
    args = [
        imageio_ffmpeg.get_ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-i", str(source),
        "-filter_complex", graph,
        "-map", "[v240]", "-map", "[v360]", "-map", "[v720]", "-map", "0:a",
        "-c:v", "libx264", "-preset", preset, "-profile:v", "main",
        "-crf:v:0", "28", "-maxrate:v:0", "300k", "-bufsize:v:0", "600k",
        "-crf:v:1", "27", "-maxrate:v:1", "600k", "-bufsize:v:1", "1200k",
        "-crf:v:2", "24", "-maxrate:v:2", "1800k", "-bufsize:v:2", "3600k",
        "-force_key_frames", f"expr:gte(t,n_forced*{segment})", "-sc_threshold", "0",
        "-c:a", "aac", "-b:a", "48k", "-ac", "1", "-ar", "44100", "-f", "tee", tee,
    ]  # fmt: skip
    for label, name in (
        ("p0", "poster"),
        ("t160", "thumb-160"),
        ("t320", "thumb-320"),
        ("t640", "thumb-640"),
    ):
        args += [
            "-map",
            f"[{label}]",
            "-frames:v",
            "1",
            "-update",
            "1",
            "-q:v",
            "4",
            f"{out}/{name}.jpg",
        ]
    return args


def _cpu_seconds(*, children: bool = True, own: bool = False) -> float:
    """User + sys CPU seconds used so far by waited-for children and/or this process."""
    total = 0.0
    for who, wanted in ((resource.RUSAGE_CHILDREN, children), (resource.RUSAGE_SELF, own)):
        if wanted:
            usage = resource.getrusage(who)
            total += usage.ru_utime + usage.ru_stime
    return total


def run(argv: list[str]) -> dict:
    from django.conf import settings

    from media_pipeline.probing import probe_file
    from media_pipeline.transcoding import DEFAULT_PROFILES, transcode

    parser = argparse.ArgumentParser(prog="python -m bench transcode")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--repeat", type=int, default=2,
        help="runs of each, interleaved; the best of each is reported (noise on a shared machine)",
    )  # fmt: skip
    options = parser.parse_args(argv)
    preset = settings.SAFAR_VIDEO_X264_PRESET
    segment = settings.SAFAR_VIDEO_HLS_SEGMENT_SECONDS

    with tempfile.TemporaryDirectory(prefix="safar-bench-") as tmp:
        folder = Path(tmp)
        source = generate(folder / "source-1080p30.mp4", options.seconds)

        hand = folder / "ffmpeg"
        pipeline_runs, ffmpeg_runs, pipeline_cpu, ffmpeg_cpu = [], [], [], []
        for attempt in range(max(1, options.repeat)):
            out = folder / f"pipeline-{attempt}" / "out"
            cpu = _cpu_seconds(own=True)
            started = time.perf_counter()
            probe = probe_file(source)
            produced = transcode(
                source, out, probe=probe, profiles=DEFAULT_PROFILES,
                segment_seconds=segment, preset=preset,
            )  # fmt: skip
            pipeline_runs.append(time.perf_counter() - started)
            pipeline_cpu.append(_cpu_seconds(own=True) - cpu)

            shutil.rmtree(hand, ignore_errors=True)
            hand.mkdir()
            args = hand_written_command(source, hand, preset=preset, segment=segment)
            cpu = _cpu_seconds()
            started = time.perf_counter()
            subprocess.run(args, check=True)
            ffmpeg_runs.append(time.perf_counter() - started)
            ffmpeg_cpu.append(_cpu_seconds() - cpu)
            shutil.rmtree(out.parent, ignore_errors=True)
        pipeline_s, ffmpeg_s = min(pipeline_runs), min(ffmpeg_runs)
        pipeline_cpu_s, ffmpeg_cpu_s = min(pipeline_cpu), min(ffmpeg_cpu)

        pipeline_bytes = sum(p.size_bytes for p in produced)
        ffmpeg_bytes = sum(f.stat().st_size for f in hand.rglob("*") if f.is_file())

    return {
        "transcode_source": f"{options.seconds}s_1920x1080_30fps_aac",
        "transcode_outputs": ",".join(p.slug for p in produced),
        "transcode_pipeline_s": pipeline_s,
        "transcode_ffmpeg_s": ffmpeg_s,
        "transcode_ratio": pipeline_s / ffmpeg_s,
        "transcode_realtime_x": options.seconds / pipeline_s,
        "transcode_pipeline_cpu_s": pipeline_cpu_s,
        "transcode_ffmpeg_cpu_s": ffmpeg_cpu_s,
        "transcode_cpu_ratio": pipeline_cpu_s / ffmpeg_cpu_s,
        "transcode_pipeline_runs_s": ",".join(f"{t:.1f}" for t in pipeline_runs),
        "transcode_ffmpeg_runs_s": ",".join(f"{t:.1f}" for t in ffmpeg_runs),
        "transcode_pipeline_runs_cpu_s": ",".join(f"{t:.1f}" for t in pipeline_cpu),
        "transcode_ffmpeg_runs_cpu_s": ",".join(f"{t:.1f}" for t in ffmpeg_cpu),
        "transcode_pipeline_mb": pipeline_bytes / 1e6,
        "transcode_ffmpeg_mb": ffmpeg_bytes / 1e6,
    }
