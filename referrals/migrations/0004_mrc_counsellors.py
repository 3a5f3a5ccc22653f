"""The "MRC counsellors" group: into the Wagtail admin, where they see and work
on referral cases (referrals.view_case, referrals.change_case) and the
counts-only report (referrals.view_case_report)."""

from django.db import migrations

COUNSELLORS = "MRC counsellors"
PERMISSIONS = [
    ("referrals", "case", "view_case", "Can view case"),
    ("referrals", "case", "change_case", "Can change case"),
    ("referrals", "case", "view_case_report", "Can view the counts-only referral report"),
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=COUNSELLORS)
    for app_label, model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=COUNSELLORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0003_referral_cases"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
