"""The counts-only report on referral cases (Wagtail admin › Reports ›
Referral cases), for the permission referrals.view_case_report.

People, not cases: a person is an account, or, for a request left with a phone
number only, that request. For the cases asked in the period: the people who
asked, were counselled (at least one session) and were referred (at least one
referral), in all and by topic, region, gender and month of the request.

Small numbers are never shown: a figure below SUPPRESS_BELOW (5) people is
shown as "<5", and where a column of a breakdown has exactly one such cell,
the next smallest figure of that column is shown as "<5" too, so that the
hidden one cannot be worked out from the total."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Case, CaseGender, CaseRegion, CounsellingSession, Referral, ServiceType

SUPPRESS_BELOW = 5
SUPPRESSED = "<5"
MEASURES = ("asked", "counselled", "referred")


@dataclass
class Table:
    title: str
    dimension: str
    measures: list[str]
    rows: list[dict] = field(default_factory=list)  # {"label", "figures": [str]}


@dataclass
class CaseReport:
    date_from: datetime.date
    date_to: datetime.date
    tables: list[Table]


def measure_labels() -> list[str]:
    return [_("Asked for help"), _("Counselled"), _("Referred")]


def _shown(count: int) -> str:
    return SUPPRESSED if count < SUPPRESS_BELOW else str(count)


def _suppress(counts: list[list[int]]) -> list[list[str]]:
    """Each count as shown; primary suppression below 5, and the secondary one
    described above, column by column."""
    shown = [[_shown(c) for c in row] for row in counts]
    if len(counts) < 2:
        return shown
    for col in range(len(counts[0])):
        hidden = [i for i, row in enumerate(counts) if row[col] < SUPPRESS_BELOW]
        if len(hidden) != 1:
            continue
        visible = [i for i in range(len(counts)) if i not in hidden]
        if visible:
            smallest = min(visible, key=lambda i: counts[i][col])
            shown[smallest][col] = SUPPRESSED
    return shown


def _period(date_from, date_to):
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(
        date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    return start, end


def _rows(date_from, date_to) -> list[dict]:
    start, end = _period(date_from, date_to)
    return list(
        Case.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(
            was_counselled=Exists(CounsellingSession.objects.filter(case=OuterRef("pk"))),
            was_referred=Exists(Referral.objects.filter(case=OuterRef("pk"))),
        )
        .values(
            "pk",
            "user_id",
            "topic",
            "region",
            "gender",
            "created_at",
            "was_counselled",
            "was_referred",
        )
    )


def _person(row) -> str:
    return f"u{row['user_id']}" if row["user_id"] is not None else f"c{row['pk']}"


def _people(rows, key) -> dict:
    """{dimension value: [set of people who asked, counselled, referred]}."""
    found: dict = {}
    for row in rows:
        sets = found.setdefault(key(row), [set(), set(), set()])
        person = _person(row)
        sets[0].add(person)
        if row["was_counselled"]:
            sets[1].add(person)
        if row["was_referred"]:
            sets[2].add(person)
    return found


def _table(title, dimension, people: dict, labels: dict, order) -> Table:
    keys = [k for k in order if k in people]
    counts = [[len(s) for s in people[k]] for k in keys]
    shown = _suppress(counts)
    return Table(
        title=title,
        dimension=dimension,
        measures=measure_labels(),
        rows=[{"label": labels.get(k, k), "figures": f} for k, f in zip(keys, shown, strict=True)],
    )


def case_report(*, date_from: datetime.date, date_to: datetime.date) -> CaseReport:
    rows = _rows(date_from, date_to)
    tz = timezone.get_current_timezone()
    total = _people(rows, lambda r: "all")
    totals = Table(
        title=_("In all"),
        dimension=_("People"),
        measures=measure_labels(),
        rows=[
            {
                "label": _("All"),
                "figures": [_shown(len(s)) for s in total.get("all", [set(), set(), set()])],
            }
        ],
    )
    genders = dict(CaseGender.choices) | {"": _("Not said")}
    by_month = _people(rows, lambda r: timezone.localtime(r["created_at"], tz).strftime("%Y-%m"))
    return CaseReport(
        date_from=date_from,
        date_to=date_to,
        tables=[
            totals,
            _table(
                _("By topic"),
                _("Topic"),
                _people(rows, lambda r: r["topic"]),
                dict(ServiceType.choices),
                ServiceType.values,
            ),
            _table(
                _("By region"),
                _("Region"),
                _people(rows, lambda r: r["region"]),
                dict(CaseRegion.choices),
                CaseRegion.values,
            ),
            _table(
                _("By gender"),
                _("Gender"),
                _people(rows, lambda r: r["gender"]),
                genders,
                [*CaseGender.values, ""],
            ),
            _table(_("By month"), _("Month"), by_month, {}, sorted(by_month)),
        ],
    )


def report_rows(report: CaseReport):
    """The report as CSV rows: table, dimension value, measure, figure (as shown)."""
    for table in report.tables:
        for row in table.rows:
            for measure, figure in zip(table.measures, row["figures"], strict=True):
                yield [table.title, str(row["label"]), measure, figure]
