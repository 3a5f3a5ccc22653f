"""Uploads that try to make the worker read other files (issue 13, item 1).

ffmpeg's demuxers follow what a file names: an HLS playlist's entries, a
concat/ffconcat script's `file` lines, an image2 pattern's neighbours. Each
such shape, under each name an author could give it, is refused before ffmpeg
runs, and the canary it points at is never read: its content is in no output
and its access time (set into the past first, so that even a `relatime` mount
records a read) does not move.
"""

from __future__ import annotations

import array
import math
import os
import struct
import subprocess
import time
from pathlib import Path

import av
import pytest
from django.utils import translation

from media_pipeline import containers, scratch, services, transcoding
from media_pipeline.exceptions import (
    ImageFileError,
    NotAVideoError,
    PlaylistFileError,
    SubtitleFileError,
)
from media_pipeline.models import Video
from tests.media_pipeline.conftest import ffmpeg, make_clip, stored_bytes

pytestmark = pytest.mark.django_db

PAST = time.time() - 3 * 24 * 3600


def _png(path: Path) -> bytes:
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48", "-frames:v", "1", str(path))
    return path.read_bytes()


def _jpeg(path: Path) -> bytes:
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48", "-frames:v", "1", str(path))
    return path.read_bytes()


# Each shape: (name, expected error, content given the canary's absolute path
# and its path relative to the job's scratch folder).
SHAPES = {
    "hls-3-lines": (PlaylistFileError, lambda a, r, t: f"#EXTM3U\n#EXTINF:2,\n{a}\n"),
    "hls-file-url": (
        PlaylistFileError,
        lambda a, r, t: f"#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile:{a}\n#EXT-X-ENDLIST\n",
    ),
    "hls-relative": (
        PlaylistFileError,
        lambda a, r, t: f"#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n{r}\n#EXT-X-ENDLIST\n",
    ),
    "hls-bom-crlf": (PlaylistFileError, lambda a, r, t: f"\ufeff#EXTM3U\r\n#EXTINF:2,\r\n{a}\r\n"),
    "m3u-plain": (PlaylistFileError, lambda a, r, t: f"{a}\n"),
    "m3u-url": (PlaylistFileError, lambda a, r, t: "http://127.0.0.1:1/x.ts\n"),
    "ffconcat": (PlaylistFileError, lambda a, r, t: f"ffconcat version 1.0\nfile '{a}'\n"),
    "ffconcat-relative": (
        PlaylistFileError,
        lambda a, r, t: f"ffconcat version 1.0\nfile '{r}'\n",
    ),
    "ffconcat-local-name": (
        PlaylistFileError,
        lambda a, r, t: "ffconcat version 1.0\nfile 'canary.ts'\n",
    ),
    "concat-list": (PlaylistFileError, lambda a, r, t: f"file '{a}'\nfile '{a}'\n"),
    "image-sequence-png": (ImageFileError, lambda a, r, t: _png(t / "frame001.png")),
    "image-sequence-jpeg": (ImageFileError, lambda a, r, t: _jpeg(t / "frame001.jpg")),
    "subtitles-vtt": (SubtitleFileError, lambda a, r, t: "WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n"),
    "subtitles-srt": (
        SubtitleFileError,
        lambda a, r, t: "1\n00:00:00,000 --> 00:00:01,000\nСалом\n",
    ),
    "subtitles-ass": (SubtitleFileError, lambda a, r, t: "[Script Info]\nTitle: x\n"),
    "text": (NotAVideoError, lambda a, r, t: "just some words, not a video\n"),
}
NAMES = ["lesson.m3u8", "lesson.mp4", "lesson.avi", "lesson"]


@pytest.fixture
def work_dir(settings, tmp_path):
    folder = tmp_path / "work"
    folder.mkdir()
    settings.SAFAR_VIDEO_WORK_DIR = str(folder)
    return folder


@pytest.fixture(scope="module")
def canary_clip(tmp_path_factory):
    """A real, playable MPEG-TS clip (what HLS segments are) to point at."""
    folder = tmp_path_factory.mktemp("canary-src")
    return make_clip(folder / "canary.ts", size="64x48", seconds=2, audio=False)


@pytest.fixture
def canary(tmp_path, canary_clip):
    """The file an upload points at, with its access time set into the past;
    skips where the filesystem records no reads at all (noatime)."""
    folder = tmp_path / "canary"
    folder.mkdir()
    path = folder / "canary.ts"
    path.write_bytes(canary_clip.read_bytes())
    control = folder / "control"
    control.write_bytes(b"x")
    os.utime(control, (PAST, PAST))
    control.read_bytes()
    if control.stat().st_atime == PAST:
        pytest.skip("this filesystem does not record access times")
    os.utime(path, (PAST, PAST))
    return path


def _hostile_upload(make_video, tmp_path, work_dir, canary, shape, name):
    _error, content = SHAPES[shape]
    # A job folder is WORK/<job>/: the canary seen from inside it.
    relative = os.path.relpath(canary, work_dir / "job")
    data = content(str(canary), relative, tmp_path)
    data = data.encode("utf-8") if isinstance(data, str) else data
    upload = tmp_path / "upload" / name
    upload.parent.mkdir(exist_ok=True)
    upload.write_bytes(data)
    video = make_video(upload)
    # The stored original sits next to the canary too (a relative entry of the
    # old, in-place read resolved against the stored file's folder).
    return video


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_playlists_scripts_pictures_and_subtitles_are_refused_and_read_nothing(
    make_video, tmp_path, work_dir, canary, shape, name
):
    error, _content = SHAPES[shape]
    video = _hostile_upload(make_video, tmp_path, work_dir, canary, shape, name)

    outcome = services.video_process(video_id=video.pk)

    video.refresh_from_db()
    assert outcome == "failed", (shape, name, video.status)
    assert video.status == Video.Status.FAILED
    assert video.error_code == error.code, video.error_detail
    assert str(video.status_message) == str(error.message)
    assert video.outputs.count() == 0
    assert canary.stat().st_atime == PAST, "the canary was read"
    assert not list(work_dir.iterdir()), "the scratch folder must be removed"


@pytest.mark.parametrize("shape", ["hls-3-lines", "ffconcat", "ffconcat-relative"])
def test_nothing_of_the_canary_reaches_the_outputs_even_when_probing_is_bypassed(
    make_video, tmp_path, work_dir, canary, shape, monkeypatch
):
    """Belt and braces: if detection let a playlist through as MPEG-TS, ffmpeg
    itself (forced format, file protocol only, a private copy) still would not
    follow it, and the canary's bytes appear nowhere."""
    video = _hostile_upload(make_video, tmp_path, work_dir, canary, shape, "lesson.ts")
    monkeypatch.setattr(containers, "detect", lambda path: containers.ALLOWED["mpegts"])
    monkeypatch.setattr("media_pipeline.probing.detect", containers.detect)

    services.video_process(video_id=video.pk)

    video.refresh_from_db()
    assert video.status == Video.Status.FAILED
    assert canary.stat().st_atime == PAST
    for output in video.outputs.all():
        for name in output.files:
            assert canary.read_bytes()[:4096] not in stored_bytes(name).getvalue()


@pytest.mark.parametrize(
    ("demuxer", "shape"),
    [("hls", "hls-file-url"), ("hls", "hls-3-lines"), ("concat", "ffconcat"), ("hls", "m3u-url")],
)
def test_the_protocol_wall_holds_even_for_a_demuxer_that_follows_names(
    tmp_path, work_dir, canary, demuxer, shape
):
    """The last wall, tried on its own: were a demuxer that opens what a file
    names ever forced on an upload, the options the pipeline opens uploads
    with (an open descriptor, `protocol_whitelist=fd`) let it open no path
    and no URL, in ffmpeg and in PyAV alike; the canary is not read."""
    _error, content = SHAPES[shape]
    hostile = tmp_path / "hostile.m3u8"
    hostile.write_text(content(str(canary), os.path.relpath(canary, tmp_path), tmp_path))
    whitelist = containers.open_options(containers.MOV)["protocol_whitelist"]
    out = tmp_path / "out.mp4"
    with transcoding.source_descriptor(hostile) as fd:
        argv = [transcoding.imageio_ffmpeg.get_ffmpeg_exe(), "-nostdin", "-loglevel", "error"]
        unsafe = ["-safe", "0"] if demuxer == "concat" else []  # its own guard off: the worst case
        argv += ["-f", demuxer, *unsafe, "-protocol_whitelist", whitelist, "-fd", str(fd)]
        argv += ["-i", "fd:"]
        ran = subprocess.run([*argv, "-y", str(out)], pass_fds=(fd,), capture_output=True)
    assert ran.returncode != 0
    assert b"Error opening input" in ran.stderr, ran.stderr  # refused at the wall
    with hostile.open("rb") as handle, pytest.raises(av.FFmpegError):
        av.open(handle, format=demuxer, options={"protocol_whitelist": whitelist}).close()
    assert canary.stat().st_atime == PAST, "the canary was read"
    assert not out.exists() or canary.read_bytes()[:4096] not in out.read_bytes()


# --- An MP4 whose track names another file (a QuickTime alias data reference) ---
_BOXES_WITH_BOXES = {b"moov", b"trak", b"mdia", b"minf", b"dinf"}


def _alias_reference(target: Path) -> bytes:
    """A QuickTime alias ('alis') data reference naming `target` by its
    absolute path (record type 2), one level up and one down: the shape the
    mov demuxer resolves next to the file it reads, when drefs are on."""
    name, path = target.name.encode(), str(target).encode()
    body = bytes(10) + bytes([0]) + bytes(27) + bytes(12)  # no volume name
    body += bytes([len(name)]) + name.ljust(63, b"\0") + bytes(16)
    body += struct.pack(">HH", 1, 1) + bytes(16)  # levels up from the alias, down to the target
    body += struct.pack(">hH", 2, len(path)) + path + bytes(len(path) % 2)
    body += struct.pack(">hH", -1, 0)
    entry = b"alis" + bytes(4) + body
    return struct.pack(">I", len(entry) + 4) + entry


def _with_external_track(data: bytes, target: Path) -> bytes:
    """The MP4 with each track's data reference replaced by an alias to
    `target` (the moov box comes after mdat, so no chunk offset moves)."""
    out, at = b"", 0
    while at < len(data):
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        payload = data[at + 8 : at + size]
        if kind in _BOXES_WITH_BOXES:
            payload = _with_external_track(payload, target)
        elif kind == b"dref":
            payload = bytes(4) + struct.pack(">I", 1) + _alias_reference(target)
        out += struct.pack(">I4s", len(payload) + 8, kind) + payload
        at += size
    return out


@pytest.fixture
def aliased(tmp_path, canary):
    """An MP4 beside the canary whose only track's data is the canary."""
    clip = make_clip(tmp_path / "clip.mp4", size="64x48", seconds=1, audio=False)
    hostile = canary.parent / "lesson.mp4"
    hostile.write_bytes(_with_external_track(clip.read_bytes(), canary))
    return hostile


def test_an_mp4_whose_track_names_another_file_reads_nothing_of_it(
    aliased, canary, make_video, work_dir
):
    """A real MP4 with an external data reference. The control shows the
    shape is live: plain ffmpeg with drefs on, given the file's path, opens
    the file it names. The pipeline (a private copy, an open descriptor,
    `protocol_whitelist=fd`, `enable_drefs 0`) opens nothing of it, and
    neither would it with drefs on, even with absolute paths allowed; the
    upload is refused."""
    exe = transcoding.imageio_ffmpeg.get_ffmpeg_exe()
    control = [exe, "-nostdin", "-v", "error", "-enable_drefs", "1", "-i", str(aliased)]
    subprocess.run([*control, "-f", "null", "-"], capture_output=True)
    assert canary.stat().st_atime != PAST, "the control should have read the named file"
    os.utime(canary, (PAST, PAST))

    whitelist = containers.open_options(containers.MOV)["protocol_whitelist"]
    for drefs in (["-enable_drefs", "1"], ["-enable_drefs", "1", "-use_absolute_path", "1"]):
        with transcoding.source_descriptor(aliased) as fd:
            argv = [exe, "-nostdin", "-v", "error", "-f", "mov", *drefs]
            argv += ["-protocol_whitelist", whitelist, "-fd", str(fd), "-i", "fd:"]
            subprocess.run([*argv, "-f", "null", "-"], pass_fds=(fd,), capture_output=True)
        assert canary.stat().st_atime == PAST, f"read through the wall with {drefs}"

    video = make_video(aliased)
    services.video_process(video_id=video.pk)
    video.refresh_from_db()
    assert canary.stat().st_atime == PAST, "the pipeline read the named file"
    # With its data elsewhere, the track is not in the file: refused as cut short.
    assert (video.status, video.error_code) == (Video.Status.FAILED, "truncated")
    for output in video.outputs.all():
        for name in output.files:
            assert canary.read_bytes()[:4096] not in stored_bytes(name).getvalue()
    assert not list(work_dir.iterdir()), "the scratch folder is removed"


def test_ffmpeg_and_pyav_get_only_the_private_copy_with_the_format_forced(
    clips, make_video, work_dir, monkeypatch
):
    video = make_video(clips.get("small"))
    stored = video.original.name  # its storage name: on any storage, part of any path to it
    seen = {}
    real_run, real_open = transcoding.run_ffmpeg, av.open

    def run(args, **kwargs):
        seen["args"] = list(args)
        seen["folders"] = [p.name for p in work_dir.iterdir()]
        seen["passed"] = [os.readlink(f"/proc/self/fd/{fd}") for fd in kwargs["pass_fds"]]
        return real_run(args, **kwargs)

    def pyav_open(file, *args, **kwargs):
        name = str(getattr(file, "name", file))
        if name.startswith(str(work_dir)) and Path(name).name == scratch.ORIGINAL:
            seen.setdefault("pyav", {**kwargs, "file": file})
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(transcoding, "run_ffmpeg", run)
    monkeypatch.setattr("media_pipeline.probing.av.open", pyav_open)
    assert services.video_process(video_id=video.pk) == "done"

    args = seen["args"]
    assert args[args.index("-i") + 1] == "fd:"  # ffmpeg gets no path at all
    (source,) = seen["passed"]  # one descriptor: the private copy
    assert source.startswith(f"{work_dir}/{scratch.PREFIX}")
    assert source.endswith(f"/{scratch.ORIGINAL}") and str(stored) not in " ".join(args)
    before = args[: args.index("-i")]
    assert before[before.index("-f") + 1] == "mov"
    assert before[before.index("-protocol_whitelist") + 1] == "fd"
    assert before[before.index("-enable_drefs") + 1] == "0"
    assert seen["pyav"]["format"] == "mov"
    assert seen["pyav"]["options"]["protocol_whitelist"] == "fd"
    assert not isinstance(seen["pyav"]["file"], str)  # an open file object, not a path
    assert len(seen["folders"]) == 1
    assert not list(work_dir.iterdir()), "the scratch folder is removed after the run"


@pytest.mark.parametrize(
    ("maker", "key"),
    [
        (lambda p: make_clip(p.with_suffix(".mp4")), "mp4"),
        (lambda p: make_clip(p.with_suffix(".mkv")), "matroska"),
        (
            lambda p: make_clip(
                p.with_suffix(".webm"), extra=("-c:v", "libvpx", "-c:a", "libvorbis")
            ),
            "matroska",
        ),
        (lambda p: make_clip(p.with_suffix(".avi"), extra=("-c:a", "mp3")), "avi"),
        (lambda p: make_clip(p.with_suffix(".ts")), "mpegts"),
        (lambda p: make_clip(p.with_suffix(".flv")), "flv"),
        (
            lambda p: make_clip(
                p.with_suffix(".3gp"),
                size="176x144",
                extra=("-ar", "8000", "-ac", "1", "-c:a", "aac"),
            ),
            "3gp",
        ),
        (
            lambda p: make_clip(
                p.with_suffix(".ogv"), extra=("-c:v", "libtheora", "-c:a", "libvorbis")
            ),
            "ogg",
        ),
    ],
)
def test_the_allowed_containers_are_recognised_from_their_bytes_whatever_their_name(
    tmp_path, maker, key
):
    clip = maker(tmp_path / "clip")
    renamed = clip.rename(tmp_path / "renamed.m3u8")
    assert containers.detect(renamed) == containers.ALLOWED[key]


# --- Sound: several tracks, audio lessons ----------------------------------------
def _two_tracks(path: Path, *, languages=("eng", "tgk")) -> Path:
    args = ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2"]
    args += ["-f", "lavfi", "-i", "sine=frequency=440:duration=2"]
    args += ["-f", "lavfi", "-i", "sine=frequency=1500:duration=2"]
    args += ["-map", "0:v", "-map", "1:a", "-map", "2:a"]
    args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"]
    for index, language in enumerate(languages):
        if language:
            args += [f"-metadata:s:a:{index}", f"language={language}"]
    ffmpeg(*args, str(path))
    return path


def _frequency(name: str) -> float:
    """The dominant frequency of a stored audio file, by zero crossings."""
    with av.open(stored_bytes(name)) as container:
        assert len(container.streams.audio) == 1
        samples = []
        for frame in container.decode(audio=0):
            assert frame.format.name == "fltp"  # AAC's decoder: planar 32-bit floats
            plane = array.array("f", bytes(frame.planes[0]))
            samples.extend(plane[: frame.samples])
            rate = frame.sample_rate
    body = samples[len(samples) // 4 : 3 * len(samples) // 4]
    crossings = sum(1 for a, b in zip(body, body[1:], strict=False) if a <= 0 < b)
    return crossings / (len(body) / rate)


@pytest.mark.parametrize(
    ("languages", "lesson_language", "kept", "frequency"),
    [
        (("eng", "tgk"), "tg", 2, 1500),  # the Tajik track, second in the file
        (("rus", "eng"), "tg", 1, 440),  # none in Tajik: the first
        (("", ""), "tg", 1, 440),  # no tags: the first
    ],
)
def test_a_file_with_two_sound_tracks_keeps_the_lessons_language_and_says_so(
    tmp_path, make_video, settings, languages, lesson_language, kept, frequency
):
    settings.LANGUAGE_CODE = lesson_language
    video = make_video(_two_tracks(tmp_path / "two.mp4", languages=languages))

    with translation.override("en"):  # the message is checked in English
        assert services.video_process(video_id=video.pk) == "done"

    video.refresh_from_db()
    label = languages[kept - 1] or "no language given"
    assert f"2 sound tracks; only track {kept} ({label}) is kept" in video.status_message
    audio = video.outputs.get(profile__slug="audio_aac_48k")
    assert math.isclose(_frequency(audio.file.name), frequency, rel_tol=0.1)
    rung = video.outputs.get(profile__slug="h264_240p")
    assert math.isclose(_frequency(rung.file.name), frequency, rel_tol=0.1)


def _audio_with_cover(path: Path, tmp_path: Path) -> Path:
    cover = tmp_path / "cover.png"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=300x300", "-frames:v", "1", str(cover))
    audio = ["-f", "lavfi", "-i", "sine=frequency=440:duration=12"]
    cover_args = ["-i", str(cover), "-map", "0:a", "-map", "1:v", "-disposition:v", "attached_pic"]
    if path.suffix == ".mp3":
        ffmpeg(
            *audio,
            *cover_args,
            "-c:a",
            "libmp3lame",
            "-c:v",
            "png",
            "-id3v2_version",
            "3",
            str(path),
        )
    else:
        ffmpeg(*audio, *cover_args, "-c:a", "aac", "-c:v", "png", str(path))
    return path


@pytest.mark.parametrize("name", ["lesson.mp3", "lesson.m4a", "plain.m4a", "plain.wav"])
def test_sound_only_files_with_or_without_a_cover_are_audio_lessons(
    tmp_path, make_video, clips, name, client
):
    if name.startswith("plain"):
        path = tmp_path / name
        codec = ["-c:a", "pcm_s16le"] if name.endswith(".wav") else ["-c:a", "aac"]
        ffmpeg("-f", "lavfi", "-i", "sine=duration=12", *codec, str(path))
    else:
        path = _audio_with_cover(tmp_path / name, tmp_path)
    video = make_video(path)

    assert services.video_process(video_id=video.pk) == "done"

    video.refresh_from_db()
    assert video.status == Video.Status.READY
    assert "audio lesson" in video.status_message
    assert set(video.outputs.values_list("profile__slug", flat=True)) == {"audio_aac_48k"}
    assert video.duration_seconds == pytest.approx(12, abs=0.3)
    from media_pipeline.selectors import video_player_context

    player = video_player_context(video)
    assert player["kind"] == "audio" and player["audio"]["url"]


def test_stale_scratch_folders_of_killed_runs_are_removed(tmp_path):
    old = tmp_path / f"{scratch.PREFIX}old"
    (old / "out").mkdir(parents=True)
    (old / "original").write_bytes(b"x" * 1000)
    for path in (old, old / "out", old / "original"):
        os.utime(path, (PAST, PAST))
    fresh = tmp_path / f"{scratch.PREFIX}fresh"
    fresh.mkdir()
    other = tmp_path / "not-ours"
    other.mkdir()
    os.utime(other, (PAST, PAST))

    assert scratch.stale_remove(tmp_path, older_than_seconds=3600) == [old.name]
    assert not old.exists() and fresh.exists() and other.exists()
