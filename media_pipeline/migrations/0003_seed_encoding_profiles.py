"""The encoding profiles every video gets (reversible). Later profiles are added
by new data migrations; `manage.py video_outputs_regenerate --stale` then
produces them for existing videos."""

from django.db import migrations

PROFILES = [
    # slug, name, kind, short side, crf, video cap kbit/s, audio kbit/s, order
    ("h264_240p", "MP4 240p (H.264/AAC)", "mp4", 240, 28, 300, None, 10),
    ("h264_360p", "MP4 360p (H.264/AAC)", "mp4", 360, 27, 600, None, 20),
    ("h264_720p", "MP4 720p (H.264/AAC)", "mp4", 720, 24, 1800, None, 30),
    ("hls", "HLS (every MP4 rung as a variant)", "hls", None, None, None, None, 40),
    ("audio_aac_48k", "Audio only, AAC 48 kbit/s", "audio", None, None, None, 48, 50),
    ("poster", "Poster and thumbnails (JPEG)", "image", None, None, None, None, 60),
]


def seed(apps, schema_editor):
    EncodingProfile = apps.get_model("media_pipeline", "EncodingProfile")
    for slug, name, kind, side, crf, kbps, audio, order in PROFILES:
        EncodingProfile.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "short_side": side,
                "crf": crf,
                "max_video_kbps": kbps,
                "audio_kbps": audio,
                "sort_order": order,
                "is_active": True,
            },
        )


def unseed(apps, schema_editor):
    EncodingProfile = apps.get_model("media_pipeline", "EncodingProfile")
    VideoOutput = apps.get_model("media_pipeline", "VideoOutput")
    slugs = [row[0] for row in PROFILES]
    VideoOutput.objects.filter(profile__slug__in=slugs).delete()
    EncodingProfile.objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("media_pipeline", "0002_outputs_profiles_captions_viewlogs")]

    operations = [migrations.RunPython(seed, unseed)]
