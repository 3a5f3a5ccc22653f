"""Media fixtures: tiny clips generated with ffmpeg's lavfi sources (nothing
binary is committed), cached for the session, and a factory for stored videos."""

from __future__ import annotations

import io
import subprocess
import urllib.request
from pathlib import Path

import imageio_ffmpeg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from media_pipeline.models import Video

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()


def ffmpeg(*args: str) -> None:
    subprocess.run([FFMPEG, "-v", "error", "-y", *args], check=True, capture_output=True)


def make_clip(
    path: Path,
    *,
    size: str = "320x240",
    seconds: float = 2,
    rate: float = 25,
    audio: bool = True,
    extra: tuple[str, ...] = (),
) -> Path:
    args = ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={rate}:duration={seconds}"]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
    args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    if audio:
        args += ["-c:a", "aac", "-shortest"]
    ffmpeg(*args, *extra, str(path))
    return path


class Clips:
    """Generate each kind of clip once per test session."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.cache: dict[str, Path] = {}

    def get(self, name: str) -> Path:
        if name not in self.cache:
            self.cache[name] = getattr(self, f"_{name.replace('-', '_')}")(self.folder / name)
        return self.cache[name]

    def _small(self, path):  # 320×240, 2 s, with sound
        return make_clip(path.with_suffix(".mp4"))

    def _tiny(self, path):  # 160×120: below the lowest rung
        return make_clip(path.with_suffix(".mp4"), size="160x120")

    def _silent(self, path):
        return make_clip(path.with_suffix(".mp4"), audio=False)

    def _vertical(self, path):  # a phone video, 1080×1920, stored upright
        return make_clip(path.with_suffix(".mp4"), size="1080x1920", seconds=1, rate=5)

    def _rotated(self, path):  # 320×240 stored, displayed rotated by 90°
        source = make_clip(self.folder / "rot-src.mp4")
        out = path.with_suffix(".mp4")
        ffmpeg("-display_rotation", "90", "-i", str(source), "-c", "copy", str(out))
        return out

    def _one_pixel(self, path):  # x264 can't make 1×1: a lossless FFV1 in Matroska
        out = path.with_suffix(".mkv")
        ffmpeg("-f", "lavfi", "-i", "color=size=1x1:rate=5:duration=1", "-c:v", "ffv1", str(out))
        return out

    def _eight_k(self, path):
        return make_clip(path.with_suffix(".mp4"), size="7680x4320", seconds=1, rate=2, audio=False)

    def _long(self, path):  # 20 minutes, but 1 frame/s and tiny: fast to make and transcode
        return make_clip(path.with_suffix(".mp4"), size="96x64", seconds=1200, rate=1, audio=False)

    def _audio_only(self, path):
        out = path.with_suffix(".m4a")
        ffmpeg("-f", "lavfi", "-i", "sine=duration=2", "-c:a", "aac", str(out))
        return out

    def _image(self, path):
        out = path.with_suffix(".png")
        ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", str(out))
        return out

    def _truncated(self, path):  # moov at the end (editors' default), cut in half
        data = self.get("small").read_bytes()
        out = path.with_suffix(".mp4")
        out.write_bytes(data[: len(data) // 2])
        return out

    def _truncated_faststart(self, path):  # moov first, media data cut off
        source = make_clip(self.folder / "fs-src.mp4", extra=("-movflags", "+faststart"))
        data = source.read_bytes()
        out = path.with_suffix(".mp4")
        out.write_bytes(data[: len(data) // 2])
        return out

    def _text(self, path):
        out = path.with_suffix(".mp4")
        out.write_text("This is not a video, just a text file renamed to .mp4\n" * 20)
        return out

    def _empty(self, path):
        out = path.with_suffix(".mp4")
        out.write_bytes(b"")
        return out


@pytest.fixture(scope="session")
def clips(tmp_path_factory) -> Clips:
    return Clips(tmp_path_factory.mktemp("clips"))


@pytest.fixture
def make_video(db):
    """A Video whose original is the given file, stored (no processing queued)."""

    def make(path: Path, *, title: str = "Test video") -> Video:
        video = Video(title=title, original_size=path.stat().st_size)
        video.original.save(path.name, ContentFile(path.read_bytes()), save=False)
        video.save()
        return video

    return make


def stored_files(prefix: str) -> set[str]:
    """Every file under `prefix` in default_storage."""
    try:
        dirs, files = default_storage.listdir(prefix)
    except FileNotFoundError:
        return set()
    found = {f"{prefix}/{name}" for name in files}
    for sub in dirs:
        found |= stored_files(f"{prefix}/{sub}")
    return found


def stored_bytes(name: str) -> io.BytesIO:
    """A stored file's content, read through the storage API (local or S3)."""
    with default_storage.open(name, "rb") as handle:
        return io.BytesIO(handle.read())


def fetch(client, url: str) -> bytes:
    """What a browser gets at `url`: through Django (the /media/ gate) for a
    local URL, from the bucket for a signed S3 URL."""
    if url.startswith(("/", "http://testserver/")):
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200, (url, response.status_code)
        return b"".join(response.streaming_content) if response.streaming else response.content
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (the test bucket)
        return response.read()


def s3_storage() -> bool:
    return default_storage.__class__.__name__ == "S3Storage"
