"""StatementRelation's primary key becomes (kind, key, statement), the index its
lookups use, instead of a surrogate id plus that index: one index update per
row instead of two; and the foreign key has no database constraint (its check
locked the statement row once per relation at commit). Relations are derived
from the statements, so the table is recreated and refilled from them."""

from django.db import migrations, models

CHUNK = 2000


def refill(apps, schema_editor):
    from xapi.services import _relations

    Statement = apps.get_model("xapi", "Statement")
    StatementRelation = apps.get_model("xapi", "StatementRelation")
    db = schema_editor.connection.alias
    after = 0
    while True:
        chunk = list(
            Statement.objects.using(db)
            .filter(seq__gt=after)
            .order_by("seq")
            .values_list("seq", "data")[:CHUNK]
        )
        if not chunk:
            return
        rows = []
        for seq, data in chunk:
            activities, agents = _relations(data)
            rows += [
                StatementRelation(statement_id=seq, kind="activity", key=k[:1024])
                for k in activities
            ]
            rows += [
                StatementRelation(statement_id=seq, kind="agent", key=k[:1024]) for k in agents
            ]
        StatementRelation.objects.using(db).bulk_create(rows, batch_size=1000)
        after = chunk[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("xapi", "0002_partial_indexes"),
    ]

    operations = [
        migrations.DeleteModel(name="StatementRelation"),
        migrations.CreateModel(
            name="StatementRelation",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "kind",
                        "key",
                        "statement",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("activity", "activity"), ("agent", "agent")], max_length=8
                    ),
                ),
                ("key", models.CharField(max_length=1024)),
                (
                    "statement",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=models.deletion.CASCADE,
                        related_name="relations",
                        to="xapi.statement",
                    ),
                ),
            ],
        ),
        migrations.RunPython(refill, migrations.RunPython.noop, elidable=True),
    ]
