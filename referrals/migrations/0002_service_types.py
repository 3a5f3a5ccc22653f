from django.db import migrations

CODES = ["vocational", "reintegration", "legal", "health", "shelter", "consulate", "employment"]


def services_create(apps, schema_editor):
    Service = apps.get_model("referrals", "Service")
    for code in CODES:
        Service.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_organisation_directory")]

    operations = [migrations.RunPython(services_create, migrations.RunPython.noop)]
