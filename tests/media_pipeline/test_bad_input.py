"""Bad input: each gets a clear status and message, the original is kept, nothing
crashes (the real probe and, where the file is playable, the real transcode)."""

import pytest
from django.core.files.storage import default_storage

from media_pipeline import services
from media_pipeline.models import Video

pytestmark = pytest.mark.django_db


def process(make_video, path):
    video = make_video(path)
    outcome = services.video_process(video_id=video.pk)
    video.refresh_from_db()
    assert default_storage.exists(video.original.name), "the original must be kept"
    assert default_storage.size(video.original.name) == path.stat().st_size
    return outcome, video


@pytest.mark.parametrize(
    ("clip", "code", "words"),
    [
        ("empty", "empty_file", "empty"),
        ("text", "not_a_video", "not a video"),
        ("truncated", "truncated", "cut short"),
        ("truncated-faststart", "truncated", "cut short"),
        ("image", "image_file", "picture"),
        ("one-pixel", "too_small", "too small"),
    ],
)
def test_unplayable_files_fail_with_a_message_an_author_understands(
    clips, make_video, clip, code, words
):
    outcome, video = process(make_video, clips.get(clip))
    assert outcome == "failed"
    assert video.status == Video.Status.FAILED
    assert video.error_code == code
    assert words in video.status_message.lower()
    assert video.outputs.count() == 0
    assert video.processing_token is None


def test_a_video_without_sound_is_ready_without_the_audio_rendition(clips, make_video):
    outcome, video = process(make_video, clips.get("silent"))
    assert outcome == "done"
    assert video.status == Video.Status.READY
    assert video.has_audio is False
    assert "no sound" in video.status_message
    slugs = set(video.outputs.values_list("profile__slug", flat=True))
    assert slugs == {"h264_240p", "hls", "poster"}


def test_a_source_below_the_lowest_rung_gets_one_rung_at_its_own_size(clips, make_video):
    outcome, video = process(make_video, clips.get("tiny"))
    assert outcome == "done"
    rung = video.outputs.get(profile__slug="h264_240p")
    assert (rung.width, rung.height) == (160, 120)  # never upscaled
    assert not video.outputs.filter(profile__slug__in=["h264_360p", "h264_720p"]).exists()


def test_an_8k_source_is_scaled_down_to_every_rung(clips, make_video):
    outcome, video = process(make_video, clips.get("eight-k"))
    assert outcome == "done", video.status_message
    assert (video.width, video.height) == (7680, 4320)
    sizes = dict(video.outputs.filter(profile__kind="mp4").values_list("profile__slug", "height"))
    assert sizes == {"h264_240p": 240, "h264_360p": 360, "h264_720p": 720}
    assert video.outputs.get(profile__slug="h264_720p").width == 1280


def test_a_vertical_phone_video_stays_vertical(clips, make_video):
    outcome, video = process(make_video, clips.get("vertical"))
    assert outcome == "done"
    dims = {
        o.profile.slug: (o.width, o.height)
        for o in video.outputs.select_related("profile").filter(profile__kind="mp4")
    }
    assert dims == {"h264_240p": (240, 426), "h264_360p": (360, 640), "h264_720p": (720, 1280)}
    poster = video.outputs.get(profile__slug="poster")
    assert poster.height > poster.width


def test_a_rotated_video_is_shown_the_right_way_up(clips, make_video):
    outcome, video = process(make_video, clips.get("rotated"))
    assert outcome == "done"
    assert video.rotation in (90, 270)
    assert (video.width, video.height) == (240, 320)
    rung = video.outputs.get(profile__slug="h264_240p")
    assert (rung.width, rung.height) == (240, 320)


def test_a_long_video_is_processed_in_bounded_memory(clips, make_video, settings):
    import resource

    settings.SAFAR_VIDEO_MAX_SECONDS = 30 * 60
    outcome, video = process(make_video, clips.get("long"))
    assert outcome == "done", video.status_message
    assert video.duration_seconds == pytest.approx(1200, abs=2)
    hls = video.outputs.get(profile__slug="hls")
    assert len(hls.files) > 300 // 1  # 4-second segments of 20 minutes, plus playlists
    # The largest child process (ffmpeg) stayed small, whatever the length.
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 600


def test_a_video_longer_than_the_maximum_is_refused_before_any_transcode(
    clips, make_video, settings, monkeypatch
):
    settings.SAFAR_VIDEO_MAX_SECONDS = 10 * 60
    monkeypatch.setattr(services, "transcode", lambda *a, **k: pytest.fail("transcoded"))
    outcome, video = process(make_video, clips.get("long"))
    assert outcome == "failed"
    assert video.error_code == "too_long"
    assert "20 min" in video.status_message and "10 min" in video.status_message
