"""Authors and MRC editors may edit question banks, questions, quizzes and
rubrics; the "MRC assessors" group may score practical assessments."""

from django.db import migrations

from cms.permissions import permission_get

AUTHOR_GROUPS = ("Migrant-track authors", "Staff-track authors", "MRC editors")
MODELS = ("questionbank", "question", "quiz", "rubric")
ASSESSORS = "MRC assessors"


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in AUTHOR_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        for model in MODELS:
            for action in ("add", "change", "view"):
                group.permissions.add(
                    permission_get(apps, "assessments", model, f"{action}_{model}")
                )
    assessors, _ = Group.objects.get_or_create(name=ASSESSORS)
    assessors.permissions.add(
        permission_get(apps, "assessments", "practicalassessment", "assess_practical")
    )


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ASSESSORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("cms", "0003_authoring_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
