"""MRC editors manage certificate templates (snippets); revoking and re-issuing
stays with MRC administrators (certificates.revoke_certificate, given to
superusers and to whoever the centre grants it)."""

from django.db import migrations

MRC_EDITORS = "MRC editors"
PERMISSIONS = [
    ("certificatetemplate", "add_certificatetemplate", "Can add certificate template"),
    ("certificatetemplate", "change_certificatetemplate", "Can change certificate template"),
    ("certificatetemplate", "view_certificatetemplate", "Can view certificate template"),
]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=MRC_EDITORS)
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="certificates", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=MRC_EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="certificates", codename__in=[p[1] for p in PERMISSIONS]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("cms", "0003_authoring_groups_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
