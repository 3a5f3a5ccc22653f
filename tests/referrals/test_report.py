"""The counts-only report: people, never a figure below 5 (shown "<5"), on the
screen and in the CSV."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from referrals import services
from referrals.reports import case_report

from .conftest import make_migrant

pytestmark = pytest.mark.django_db

URL = "/admin/referral-report/"


def _people(
    n, prefix, *, topic, gender="female", region="sughd", counsel=False, org=None, counsellor=None
):
    for i in range(n):
        user = make_migrant(f"{prefix}-{i}", gender=gender, region=region)
        case = services.case_request(user=user, topic=topic, region=region)
        if counsel:
            services.counselling_record(case=case, counsellor=counsellor, mode="phone", topic=topic)
        if org is not None:
            services.referral_make(case=case, counsellor=counsellor, organisation_id=org.pk)


def _table(report, title):
    (table,) = [t for t in report.tables if t.title == title]
    return {str(row["label"]): row["figures"] for row in table.rows}


def _today():
    today = timezone.localdate()
    return {"date_from": today - datetime.timedelta(days=1), "date_to": today}


def test_cells_below_five_people_are_suppressed(people):
    # 6 people asked about legal aid (all counselled, 4 of them referred),
    # 4 about health, 7 about vocational training.
    _people(
        4, "legal-ref", topic="legal", counsel=True, org=people.org, counsellor=people.counsellor
    )
    _people(2, "legal", topic="legal", counsel=True, counsellor=people.counsellor, gender="male")
    _people(4, "health", topic="health", region="khatlon")
    _people(7, "voc", topic="vocational", gender="male")
    # One person asking twice is one person.
    services.case_request(
        user=User.objects.get(username="voc-0"), topic="vocational", region="sughd"
    )
    report = case_report(**_today())
    assert _table(report, "In all") == {"All": ["17", "6", "<5"]}
    by_topic = _table(report, "By topic")
    # Asked: 6 for legal aid, but health (4) is the column's only hidden cell,
    # so the next smallest (legal, 6) is hidden too; counselled: 6, shown.
    assert by_topic["Legal aid"] == ["<5", "6", "<5"]
    assert by_topic["Health services"] == ["<5", "<5", "<5"]
    assert by_topic["Vocational and technical training"] == ["7", "<5", "<5"]
    # Asked: only health is below 5, so the next smallest (legal, 6) is hidden too.
    by_region = _table(report, "By region")
    assert by_region["Khatlon region"][0] == "<5"
    assert by_region["Sughd region"][0] == "<5"  # 13, hidden so that 4 = 17 - 13 is not shown
    by_gender = _table(report, "By gender")
    assert by_gender == {"Female": ["8", "<5", "<5"], "Male": ["9", "<5", "<5"]}
    for table in report.tables:
        for row in table.rows:
            for figure in row["figures"]:
                assert figure == "<5" or int(figure) >= 5


def test_a_single_hidden_cell_hides_the_next_smallest(people):
    _people(6, "legal", topic="legal")
    _people(4, "health", topic="health")
    _people(9, "voc", topic="vocational")
    by_topic = _table(case_report(**_today()), "By topic")
    assert by_topic["Health services"][0] == "<5"  # 4
    assert by_topic["Legal aid"][0] == "<5"  # 6: else 19 - 6 - 9 gives the 4
    assert by_topic["Vocational and technical training"][0] == "9"


def test_the_report_screen_and_csv(client, people):
    _people(6, "legal", topic="legal")
    _people(4, "health", topic="health")
    _people(5, "voc", topic="vocational")
    _people(5, "rein", topic="reintegration")
    client.force_login(people.counsellor)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "&lt;5" in html and ">6<" in html and ">4<" not in html
    answer = client.get(URL, {**{k: v.isoformat() for k, v in _today().items()}, "format": "csv"})
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    figures = {(r[0], r[1], r[2]): r[3] for r in rows[1:]}
    assert figures[("By topic", "Legal aid", "Asked for help")] == "6"
    assert figures[("By topic", "Health services", "Asked for help")] == "<5"
    assert all(value == "<5" or int(value) >= 5 for value in figures.values())


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "2026-13-01", "date_to": "2026-12-01"},
        {"date_from": "2026-12-02", "date_to": "2026-01-01"},
        {"date_from": "1900-01-01", "date_to": "2026-01-01"},
    ],
)
def test_a_bad_period_is_a_form_error(client, people, query):
    client.force_login(people.counsellor)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_the_report_needs_its_permission(client, people):
    client.force_login(people.editor)
    assert client.get(URL).status_code == 404
    viewer = User.objects.create_user("viewer", password="x-pass-2027-long", is_staff=True)
    viewer.groups.add(Group.objects.get(name="MRC editors"))
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_case_report"))
    client.force_login(viewer)
    assert client.get(URL).status_code == 200
    assert client.get("/admin/referral-cases/").status_code == 404  # not the cases
