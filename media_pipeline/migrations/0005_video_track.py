"""Videos get a track (the admin shows authors their own track's videos only);
an existing video takes the track of the pages that use it (migrant if none)."""

from django.db import migrations, models


def used_object_track(apps, app_label: str, model: str, pk) -> str | None:
    """(A copy of cms.permissions.used_object_track as it was when this migration
    was written: the pipeline may not import cms.) The track of the pages that use an object (Wagtail's reference index):
    the staff track if any page using it is there, else the migrant track if
    one is, else None. Migrations use it to give existing files a track."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    Page = apps.get_model("wagtailcore", "Page")
    TrackIndexPage = apps.get_model("cms", "TrackIndexPage")
    target = ContentType.objects.filter(app_label=app_label, model=model).first()
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if target is None or page_type is None:
        return None
    page_ids = ReferenceIndex.objects.filter(
        to_content_type=target, to_object_id=str(pk), base_content_type=page_type
    ).values_list("object_id", flat=True)
    paths = Page.objects.filter(pk__in=[int(i) for i in page_ids if str(i).isdigit()]).values_list(
        "path", flat=True
    )
    tracks = {
        index.track
        for index in TrackIndexPage.objects.all()
        for path in paths
        if path.startswith(index.path)
    }
    for track in ("staff", "migrant"):
        if track in tracks:
            return track
    return None


def forwards(apps, schema_editor):
    Video = apps.get_model("media_pipeline", "Video")
    for video in Video.objects.all():
        track = used_object_track(apps, "media_pipeline", "video", video.pk)
        if track is not None and track != video.track:
            video.track = track
            video.save(update_fields=["track"])


class Migration(migrations.Migration):
    dependencies = [
        ("media_pipeline", "0004_played_segments_blank"),
        ("cms", "0005_track_collections"),
    ]

    operations = [
        migrations.AddField(
            model_name="video",
            name="track",
            field=models.CharField(
                choices=[
                    ("migrant", "Pre-departure orientation"),
                    ("staff", "Trainer certification"),
                ],
                default="migrant",
                help_text="Only this track's authors (and MRC editors) see the video in the admin.",
                max_length=16,
                verbose_name="track",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
