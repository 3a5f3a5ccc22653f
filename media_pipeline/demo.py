"""Demo videos: short clips generated with ffmpeg's lavfi sources (no binaries in
the repository), each with WebVTT captions, queued for processing on the media
queue (the worker that `make demo` starts transcodes them). Idempotent: a video
is created once per title, and queued again only while it is not processed."""

import subprocess
import tempfile
from pathlib import Path

import imageio_ffmpeg
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction

from . import services
from .models import Video

DEMO_VIDEOS = {
    "orientation-welcome": "Сафари бехатар: суханронии хуш омадед",
    "trainer-session": "Running a pre-departure session: an example",
}
DEMO_VIDEO_TRACKS = {"orientation-welcome": "migrant", "trainer-session": "staff"}


def generate_clip(
    path: Path,
    *,
    seconds: int = 12,
    size: str = "640x360",
    rate: int = 25,
    preset: str = "veryfast",
    extra: tuple[str, ...] = (),
) -> Path:
    """A test-pattern clip with a 440 Hz tone (ffmpeg's lavfi sources), H.264/AAC:
    the demo's videos and the transcode benchmark's source."""
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=size={size}:rate={rate}:duration={seconds}",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:sample_rate=48000:duration={seconds}",
            "-c:v",
            "libx264",
            "-preset",
            preset,
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            *extra,
            "-shortest",
            str(path),
        ],  # fmt: skip
        check=True,
        capture_output=True,
    )
    return path


DEMO_CAPTIONS = {
    "tg": [
        (0.5, 4.0, "Хуш омадед ба Safar!"),
        (4.0, 8.0, "Пеш аз сафар ҳуқуқ ва уҳдадориҳои худро донед."),
        (8.0, 11.5, "Бехатар ва қонунӣ кор кунед."),
    ],
    "ru": [
        (0.5, 4.0, "Добро пожаловать в Safar!"),
        (4.0, 8.0, "Перед поездкой узнайте свои права и обязанности."),
        (8.0, 11.5, "Работайте безопасно и законно."),
    ],
    "uz": [
        (0.5, 4.0, "Safarga xush kelibsiz!"),
        (4.0, 8.0, "Safardan oldin huquq va majburiyatlaringizni biling."),
        (8.0, 11.5, "Xavfsiz va qonuniy ishlang."),
    ],
    "en": [
        (0.5, 4.0, "Welcome to Safar!"),
        (4.0, 8.0, "Know your rights and duties before you travel."),
        (8.0, 11.5, "Work safely and legally."),
    ],
}


def demo_caption_vtt(language: str) -> bytes:
    def stamp(seconds: float) -> str:
        return f"00:00:{int(seconds):02d}.{int(round(seconds % 1 * 1000)):03d}"

    cues = [f"{stamp(a)} --> {stamp(b)}\n{text}" for a, b, text in DEMO_CAPTIONS[language]]
    return ("WEBVTT\n\n" + "\n\n".join(cues) + "\n").encode("utf-8")


def load_videos() -> dict[str, Video]:
    videos = {}
    for key, title in DEMO_VIDEOS.items():
        video = Video.objects.filter(title=title).first()
        created = video is None
        if created:
            with tempfile.TemporaryDirectory() as tmp, transaction.atomic():
                clip = generate_clip(Path(tmp) / f"{key}.mp4")
                with clip.open("rb") as handle:
                    # Stores the original and queues processing on commit.
                    video = services.video_create(
                        title=title,
                        file=File(handle, name=f"{key}.mp4"),
                        track=DEMO_VIDEO_TRACKS[key],
                    )
        if video.track != DEMO_VIDEO_TRACKS[key]:
            Video.objects.filter(pk=video.pk).update(track=DEMO_VIDEO_TRACKS[key])
            video.track = DEMO_VIDEO_TRACKS[key]
        if not created and (
            video.status in (Video.Status.UPLOADED, Video.Status.PROCESSING)
            or services.video_processing_needed(video)
        ):
            with transaction.atomic():
                services.video_processing_schedule(video=video)
        for language in DEMO_CAPTIONS:
            if not video.captions.filter(language=language).exists():
                services.caption_save(
                    video=video,
                    language=language,
                    file=ContentFile(demo_caption_vtt(language), name=f"{key}-{language}.vtt"),
                )
        videos[key] = video
    return videos
