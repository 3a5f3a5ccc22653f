"""Demo videos: short clips generated with ffmpeg's lavfi sources (no binaries in
the repository). Idempotent: a video is created once per title."""

import subprocess
import tempfile
from pathlib import Path

import imageio_ffmpeg
from django.core.files import File
from django.db import transaction

from .models import Video

DEMO_VIDEOS = {
    "orientation-welcome": "Сафари бехатар: суханронии хуш омадед",
    "trainer-session": "Running a pre-departure session: an example",
}


def generate_clip(path: Path, *, seconds: int = 12, size: str = "640x360") -> Path:
    """A test-pattern clip with a tone: enough to exercise the whole pipeline."""
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run(
        [
            ffmpeg,
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=size={size}:rate=25:duration={seconds}",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:duration={seconds}",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    return path


def load_videos() -> dict[str, Video]:
    videos = {}
    for key, title in DEMO_VIDEOS.items():
        video = Video.objects.filter(title=title).first()
        if video is None:
            with tempfile.TemporaryDirectory() as tmp, transaction.atomic():
                clip = generate_clip(Path(tmp) / f"{key}.mp4")
                video = Video(title=title)
                with clip.open("rb") as handle:
                    video.original.save(f"{key}.mp4", File(handle), save=False)
                video.save()
        videos[key] = video
    return videos
