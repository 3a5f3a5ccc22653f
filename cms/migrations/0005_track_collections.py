"""One Wagtail collection per track for images and documents, with the track
authors' image and document permissions on it instead of on the root collection
(so that neither track's authors see the other's files); existing files move to
the track of the pages that use them (cms.permissions.track_collections_create).
"""

import django.db.models.deletion
from django.db import migrations, models

from cms.permissions import track_collections_create


def forwards(apps, schema_editor):
    track_collections_create(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_lesson_quiz_and_practical_blocks"),
        ("wagtailcore", "0098_apitoken"),
        ("cms", "0003_authoring_groups_and_workflow"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.CreateModel(
            name="TrackCollection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "track",
                    models.CharField(
                        choices=[
                            ("migrant", "Pre-departure orientation"),
                            ("staff", "Trainer certification"),
                        ],
                        max_length=16,
                        unique=True,
                        verbose_name="track",
                    ),
                ),
                (
                    "collection",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="safar_track",
                        to="wagtailcore.collection",
                    ),
                ),
            ],
            options={
                "verbose_name": "track collection",
                "verbose_name_plural": "track collections",
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
