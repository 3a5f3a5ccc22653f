"""Figures the MRC reports to the ministry and donors, one entry point per track:
`migrant_report(date_from=, date_to=, course=None)` and
`staff_report(date_from=, date_to=, course=None)`.

Reads only (selectors). Every figure is an aggregate query, so the number of
queries does not grow with the number of learners (the knowledge gain is one
call of `assessments.analysis.knowledge_gain` per course). The wall between
the tracks holds here too: a track's report counts only that track's courses
and that track's accounts; the centre's own team (accounts with access to the
admin: administrators, authors) is never counted as learners.

A period is two dates, both included, in the site's time zone. Records point
at the original page of a course's translation group, so each course counts
once whatever languages it exists in.

A report is a list of `Table`s (a section: one dimension, some measures, rows
of figures) that the admin screen shows and the CSV export writes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Destination, Gender, Region, User
from accounts.selectors import staff_awaiting_verification
from assessments.analysis import knowledge_gain
from certificates.models import Certificate
from cms.models import CoursePage
from cms.tree import courses_in_track
from core.tracks import Track

from .models import Cohort, CourseCompletion, Enrollment

# (label, lowest age, highest age or None): ages at the period's end.
AGE_GROUPS = [
    (gettext_lazy("under 18"), None, 17),
    ("18–24", 18, 24),
    ("25–34", 25, 34),
    ("35–44", 35, 44),
    ("45–54", 45, 54),
    ("55+", 55, None),
]


@dataclass
class Row:
    label: str
    figures: list


@dataclass
class Table:
    key: str
    title: str
    dimension: str
    measures: list[str]
    rows: list[Row] = field(default_factory=list)

    def add(self, label, *figures) -> None:
        self.rows.append(Row(str(label), list(figures)))

    def figure(self, label: str, measure: int = 0):
        """The figure of one row (by its label), for tests and callers."""
        for row in self.rows:
            if row.label == label:
                return row.figures[measure]
        raise KeyError(label)


@dataclass
class Report:
    track: str
    date_from: datetime.date
    date_to: datetime.date
    course: object | None
    tables: list[Table]

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def period_bounds(date_from: datetime.date, date_to: datetime.date):
    """The aware datetimes [start, end) of a period of whole days, both dates
    included, in the site's time zone."""
    zone = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.datetime.combine(date_from, datetime.time.min), zone)
    end = timezone.make_aware(
        datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min), zone
    )
    return start, end


def report_courses(track: Track | str) -> QuerySet:
    """The courses of a track as records know them: the original page of each
    translation group, in tree order."""
    earlier = CoursePage.objects.filter(
        translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
    )
    return courses_in_track(track=track).exclude(Exists(earlier))


def _scope(track: str, course) -> QuerySet:
    courses = report_courses(track)
    if course is not None:
        from .progress import original_page

        courses = courses.filter(pk=original_page(course).pk)
    return courses.values("pk")


def _learners(track: str, path: str = "") -> Q:
    """The accounts a report counts, reached through `path` ("user__",
    "enrollment__user__", "members__"...): the track's accounts, less the
    centre's own team (accounts with admin access: administrators, authors)."""
    return Q(**{f"{path}account_type": track, f"{path}is_staff": False})


def _enrollments(track: str, course, start, end) -> QuerySet:
    """Enrollments (not requests waiting for approval) made in the period by
    accounts of the track, in the track's courses."""
    return Enrollment.objects.filter(
        _learners(track, "user__"),
        course__in=_scope(track, course),
        created_at__gte=start,
        created_at__lt=end,
    ).filter(status__in=Enrollment.ENROLLED_STATUSES)


def _completions(track: str, course, start, end) -> QuerySet:
    return CourseCompletion.objects.filter(
        _learners(track, "enrollment__user__"),
        enrollment__course__in=_scope(track, course),
        completed_at__gte=start,
        completed_at__lt=end,
    )


def _certificates(track: str, course):
    # A deleted account keeps its certificate (user empty): the track decides.
    return Certificate.objects.filter(
        _learners(track, "user__") | Q(user__isnull=True),
        track=track,
        course__in=_scope(track, course),
    )


def _rate(part: int, whole: int):
    return round(100 * part / whole, 1) if whole else None


def _months(date_from: datetime.date, date_to: datetime.date) -> list[datetime.date]:
    months = []
    month = date_from.replace(day=1)
    while month <= date_to:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _by_month(queryset: QuerySet, field_name: str) -> dict[datetime.date, int]:
    zone = timezone.get_default_timezone()
    rows = (
        queryset.annotate(month=TruncMonth(field_name, tzinfo=zone))
        .values("month")
        .annotate(n=Count("pk"))
    )
    return {timezone.localtime(r["month"], zone).date(): r["n"] for r in rows}


def _age_group(prefix: str, year: int) -> Case:
    """The age group (its index in AGE_GROUPS) from the birth year, age taken as
    the period's end year minus the birth year; -1 when there is no profile."""
    birth_year = f"{prefix}learner_profile__birth_year"
    whens = []
    for index, (_label, low, high) in enumerate(AGE_GROUPS):
        condition = Q()
        if high is not None:
            condition &= Q(**{f"{birth_year}__gte": year - high})
        if low is not None:
            condition &= Q(**{f"{birth_year}__lte": year - low})
        whens.append(When(condition, then=Value(index)))
    return Case(*whens, default=Value(-1), output_field=IntegerField())


def _profile(name: str):
    """group_by for `_breakdown`: a field of the learner's profile."""
    return lambda prefix: f"{prefix}learner_profile__{name}"


def _breakdown(enrolled, completed, *, key, title, dimension, group_by, labels) -> Table:
    """Distinct learners enrolled / completed in the period per value of a
    profile field (or of an expression), in `labels` order, then "not given".
    `group_by(prefix)` gives the field's path (or the expression) from an
    enrollment ("user__") or a completion ("enrollment__user__")."""
    prefixes = ("user__", "enrollment__user__")
    table = Table(key, title, dimension, [_("Enrolled learners"), _("Completed learners")])
    counts = []
    for queryset, prefix in zip((enrolled, completed), prefixes, strict=True):
        grouping = group_by(prefix)
        value = F(grouping) if isinstance(grouping, str) else grouping
        rows = queryset.values(value=value).annotate(n=Count(f"{prefix}pk", distinct=True))
        counts.append({r["value"]: r["n"] for r in rows})
    known = list(labels)
    for value, label in known:
        table.add(label, counts[0].get(value, 0), counts[1].get(value, 0))
    known_values = {value for value, _label in known}
    missing = [
        sum(n for value, n in c.items() if value not in known_values or value is None)
        for c in counts
    ]
    if any(missing):
        table.add(_("Not given"), *missing)
    return table


def migrant_report(*, date_from: datetime.date, date_to: datetime.date, course=None) -> Report:
    """The orientation track: registrations, enrollments, completions and their
    rate, certificates, learners by gender / age group / region / destination,
    per course (with the pre/post knowledge gain) and month by month."""
    track = Track.MIGRANT.value
    start, end = period_bounds(date_from, date_to)
    enrollments = _enrollments(track, course, start, end)
    completions = _completions(track, course, start, end)
    certificates = _certificates(track, course)

    registered = User.objects.filter(
        _learners(track), date_joined__gte=start, date_joined__lt=end
    ).count()
    totals = enrollments.aggregate(
        enrollments=Count("pk"),
        learners=Count("user", distinct=True),
        completed_by_end=Count("pk", filter=Q(completion__completed_at__lt=end)),
    )
    done = completions.aggregate(
        enrollments=Count("pk"), learners=Count("enrollment__user", distinct=True)
    )
    summary = Table("summary", _("Summary"), _("Figure"), [_("Number")])
    summary.add(_("Learners registered"), registered)
    summary.add(_("Learners enrolled"), totals["learners"])
    summary.add(_("Enrollments"), totals["enrollments"])
    summary.add(_("Learners who completed a course"), done["learners"])
    summary.add(_("Course completions"), done["enrollments"])
    summary.add(
        _("Completion rate of the period's enrollments (%)"),
        _rate(totals["completed_by_end"], totals["enrollments"]),
    )
    summary.add(
        _("Certificates issued"),
        certificates.filter(issued_at__gte=start, issued_at__lt=end).count(),
    )
    summary.add(
        _("Certificates revoked"),
        certificates.filter(revoked_at__gte=start, revoked_at__lt=end).count(),
    )

    age_labels = [(index, str(label)) for index, (label, _low, _high) in enumerate(AGE_GROUPS)]
    breakdowns = [
        ("gender", _("Learners by gender"), _("Gender"), _profile("gender"), Gender.choices),
        (
            "age",
            _("Learners by age group"),
            _("Age at the end of the period"),
            lambda prefix: _age_group(prefix, date_to.year),
            age_labels,
        ),
        ("region", _("Learners by region"), _("Region"), _profile("region"), Region.choices),
        (
            "destination",
            _("Learners by destination"),
            _("Destination country"),
            _profile("destination"),
            Destination.choices,
        ),
    ]
    tables = [summary]
    for key, title, dimension, group_by, labels in breakdowns:
        tables.append(
            _breakdown(
                enrollments,
                completions,
                key=key,
                title=title,
                dimension=dimension,
                group_by=group_by,
                labels=labels,
            )
        )
    tables.append(_per_course(track, course, enrollments, completions, knowledge_gain))
    tables.append(_monthly(date_from, date_to, enrollments, completions))
    return Report(track, date_from, date_to, course, tables)


def _per_course(track, course, enrollments, completions, knowledge_gain) -> Table:
    """Per course: enrollments and completions in the period, and the mean
    pre-test, post-test and gain of the learners who enrolled in the period
    and took both tests."""
    table = Table(
        "courses",
        _("Per course"),
        _("Course"),
        [
            _("Enrollments"),
            _("Completions"),
            _("Learners with both tests"),
            _("Mean pre-test (%)"),
            _("Mean post-test (%)"),
            _("Mean knowledge gain (points)"),
        ],
    )
    enrolled = dict(enrollments.values_list("course").annotate(n=Count("pk")))
    completed = dict(completions.values_list("enrollment__course").annotate(n=Count("pk")))
    enrolled_pairs = set(enrollments.values_list("course_id", "user_id"))
    courses = report_courses(track)
    if course is not None:
        courses = courses.filter(pk__in=_scope(track, course))
    for page in courses:
        gain = knowledge_gain(course=page)
        rows = [r for r in gain["learners"] if (page.pk, r["user"].pk) in enrolled_pairs]
        table.add(
            page.title,
            enrolled.get(page.pk, 0),
            completed.get(page.pk, 0),
            len(rows),
            _mean(rows, "pre"),
            _mean(rows, "post"),
            _mean(rows, "gain"),
        )
    return table


def _mean(rows: list[dict], key: str):
    return round(sum(r[key] for r in rows) / len(rows), 1) if rows else None


def _monthly(date_from, date_to, enrollments, completions) -> Table:
    table = Table("months", _("Month by month"), _("Month"), [_("Enrollments"), _("Completions")])
    enrolled = _by_month(enrollments, "created_at")
    completed = _by_month(completions, "completed_at")
    for month in _months(date_from, date_to):
        table.add(
            date_format(month, "YEAR_MONTH_FORMAT"),
            enrolled.get(month, 0),
            completed.get(month, 0),
        )
    return table


def staff_report(*, date_from: datetime.date, date_to: datetime.date, course=None) -> Report:
    """The trainer track: enrollments, completions, trainer certificates, per
    organisation, staff awaiting verification (now) and the cohorts active in
    the period."""
    track = Track.STAFF.value
    start, end = period_bounds(date_from, date_to)
    enrollments = _enrollments(track, course, start, end)
    completions = _completions(track, course, start, end)
    certificates = _certificates(track, course)
    issued = certificates.filter(issued_at__gte=start, issued_at__lt=end)

    summary = Table("summary", _("Summary"), _("Figure"), [_("Number")])
    summary.add(_("Enrollments"), enrollments.count())
    summary.add(_("Course completions"), completions.count())
    summary.add(_("Trainer certificates issued"), issued.count())
    summary.add(
        _("Trainer certificates revoked"),
        certificates.filter(revoked_at__gte=start, revoked_at__lt=end).count(),
    )
    summary.add(
        _("Staff accounts awaiting verification (now)"),
        staff_awaiting_verification().filter(user__account_type=track).count(),
    )

    organisations = Table(
        "organisations",
        _("By organisation"),
        _("Organisation"),
        [_("Enrolled learners"), _("Completed learners"), _("Certified learners")],
    )
    counts = [
        dict(
            queryset.values_list(f"{prefix}staff_profile__organisation").annotate(
                n=Count(f"{prefix}pk", distinct=True)
            )
        )
        for queryset, prefix in (
            (enrollments, "user__"),
            (completions, "enrollment__user__"),
            (issued.filter(user__isnull=False), "user__"),
        )
    ]
    names = sorted({name for c in counts for name in c}, key=lambda n: (n is None, n or ""))
    for name in names:
        organisations.add(name or _("Not given"), *(c.get(name, 0) for c in counts))

    cohorts = Table(
        "cohorts",
        _("Cohorts active in the period"),
        _("Cohort"),
        [_("Members"), _("Completed the course")],
    )
    active = (
        Cohort.objects.filter(
            course__in=_scope(track, course), start_date__lte=date_to, end_date__gte=date_from
        )
        .annotate(
            member_count=Count("members", filter=_learners(track, "members__"), distinct=True),
            completed_count=Count(
                "members",
                filter=_learners(track, "members__")
                & Q(
                    members__enrollments__course=F("course"),
                    members__enrollments__completion__isnull=False,
                ),
                distinct=True,
            ),
        )
        .order_by("start_date", "name")
    )
    for cohort in active:
        label = f"{cohort.name} ({date_format(cohort.start_date)} – {date_format(cohort.end_date)})"
        cohorts.add(label, cohort.member_count, cohort.completed_count)
    return Report(track, date_from, date_to, course, [summary, organisations, cohorts])


def report_rows(report: Report) -> list[list]:
    """The report as one row per figure: section, dimension, value, measure,
    figure (what the CSV export writes)."""
    rows = []
    for table in report.tables:
        for row in table.rows:
            for measure, figure in zip(table.measures, row.figures, strict=True):
                rows.append([table.title, table.dimension, row.label, measure, figure])
    return rows
