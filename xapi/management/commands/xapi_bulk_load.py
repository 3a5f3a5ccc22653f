"""`manage.py xapi_bulk_load --count 1000000`: load generated statements fast
(for the benchmark), through the LRS's own row-building code and bulk inserts
in big batches. Statements are spread over the past year, oldest first."""

import random
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from xapi import generate, services
from xapi.bulk import insert_relations, insert_statements


class Command(BaseCommand):
    help = "Bulk-load generated xAPI statements (benchmark data)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1_000_000)
        parser.add_argument("--batch", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=None, help="for repeatable data")
        parser.add_argument(
            "--no-validate",
            action="store_true",
            help="skip the spec validation of each statement (faster)",
        )

    def handle(self, *args, count, batch, seed, no_validate, **options):
        rng = random.Random(seed)
        authority = services.platform_authority()
        start = timezone.now() - timedelta(days=365)
        step = timedelta(days=365) / max(count, 1)
        began = time.monotonic()
        done = 0
        while done < count:
            size = min(batch, count - done)
            statements = []
            for k in range(size):
                stored = start + step * (done + k)
                data = generate.statement(rng)
                if no_validate:
                    text = stored.isoformat().replace("+00:00", "Z")
                    data.update(timestamp=text, stored=text, authority=authority, version="1.0.0")
                else:
                    data = services.prepare(data, authority=authority, stored=stored)
                statements.append(data)
            with transaction.atomic():
                rows = [services._row(s, track="migrant", client=None) for s in statements]
                insert_statements(rows)
                relations = []
                for row, data in zip(rows, statements, strict=True):
                    activities, agents = services._relations(data)
                    relations += [(row.seq, "activity", key) for key in activities]
                    relations += [(row.seq, "agent", key) for key in agents]
                insert_relations(relations)
            done += size
            if done % (batch * 20) == 0 or done == count:
                rate = done / (time.monotonic() - began)
                self.stdout.write(f"{done} statements loaded ({rate:.0f}/s)")
        if connection.vendor == "postgresql":
            # Vacuumed and analysed before the LRS serves it: a million rows
            # loaded in minutes are more than autovacuum has looked at (a
            # planner that believes the table small picks plans that read all
            # of it), and autovacuum would otherwise first read them all, and
            # set their visibility bits, while the LRS takes new statements.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE) xapi_statement, xapi_statementrelation")
        seconds = time.monotonic() - began
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {count} statements in {seconds:.1f} s ({count / seconds:.0f}/s)."
            )
        )
