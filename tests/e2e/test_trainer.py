"""The trainer's journey of issue 18 on a phone (see conftest.py): the demo's
certified trainer plans a session without JavaScript, adds two walk-ins on
the day, a migrant marks herself present by scanning the session's code, one
walk-in is ticked from the list without JavaScript and the other while the
phone is offline (sent when it is back), and the trainer prints the
attendance sheet and the attendees' certificates (walk-ins without an account
included, issued by the real worker). The PDFs are kept beside the
screenshots, rendered to PNG with pdftoppm when it is installed."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta
from datetime import time as clock
from io import BytesIO

import pytest

from .conftest import PASSWORD, Journey
from .steps import sign_in, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

WALK_INS = ("Шаҳло Раҳимова", "Ҷамшед Ғоибов")


def _the_day_comes(session) -> None:
    """The session was planned for tomorrow (always in the future, whatever
    the hour): move it to now, as if the day had come, running until the end
    of the day in Dushanbe at most."""
    from django.utils import timezone

    today = timezone.localdate()
    midnight = timezone.make_aware(datetime.combine(today, clock(0, 1)))
    last = timezone.make_aware(datetime.combine(today, clock(23, 59)))
    starts = max(timezone.now() - timedelta(minutes=10), midnight)
    session.starts_at, session.ends_at = starts, min(starts + timedelta(hours=3), last)
    session.save(update_fields=["starts_at", "ends_at"])


def _add_walk_in(j: Journey, session, name: str) -> None:
    j.goto(f"/tg/sessions/trainer/{session.pk}/walk-in/", f"walk-in form: {name}")
    page = j.page
    page.fill("input[name=name]", name)
    page.select_option("select[name=gender]", index=1)
    page.fill("input[name=birth_year]", "1998")
    page.fill("input[name=district]", "Бохтар")
    page.select_option("select[name=destination]", index=1)
    page.check("input[name=consent][value=paper]")
    page.click("form:has(input[name=name]) button[type=submit]")
    j.step(f"walk-in added: {name}")


def _pdf(j: Journey, path: str, name: str) -> str:
    """Fetch a PDF with the trainer's cookies, keep it beside the screenshots,
    render its pages to PNG (pdftoppm) and return its text."""
    from pypdf import PdfReader

    response = j.page.request.get(j.url(path))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    target = j.folder / f"{name}.pdf"
    target.write_bytes(response.body())
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(target), str(j.folder / name)], check=True
        )
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages)


def test_a_trainer_runs_a_session_on_a_phone(journey):
    from django.utils import timezone

    from accounts.models import LearnerProfile, User
    from blended.models import Attendance, Registration, Session
    from certificates.models import Certificate

    trainer = User.objects.get(username="trainer")
    plain = journey("trainer-no-js", javascript=False)
    sign_in(plain, "trainer")
    plain.goto("/tg/sessions/trainer/", "my sessions")

    # Plan a session, without JavaScript.
    plain.goto("/tg/sessions/trainer/new/", "plan a session")
    page = plain.page
    page.select_option("select[name=course]", index=0)
    page.select_option("select[name=place]", index=1)
    tomorrow = timezone.localdate() + timedelta(days=1)
    page.fill("input[name=day]", tomorrow.isoformat())
    page.fill("input[name=starts]", "10:00")
    page.fill("input[name=ends]", "13:00")
    page.select_option("select[name=language]", "tg")
    page.fill("input[name=capacity]", "12")
    plain.step("the session filled in")
    page.click("form:has(input[name=day]) button[type=submit]")
    plain.step("the session planned")
    session = Session.objects.filter(trainer=trainer, capacity=12).get()
    assert session.status == Session.Status.PLANNED

    _the_day_comes(session)
    for name in WALK_INS:
        _add_walk_in(plain, session, name)
    seats = {r.name: r for r in Registration.objects.filter(session=session)}
    assert set(WALK_INS) <= set(seats)

    # A migrant scans the code shown on the trainer's phone.
    coded = journey("trainer-with-js")
    sign_in(coded, "trainer")
    coded.goto(f"/tg/sessions/trainer/{session.pk}/code/", "the code to scan")
    scan_url = coded.page.locator(".qr[data-url]").get_attribute("data-url")
    assert "/sessions/" in scan_url
    migrant = User.objects.create_user("scan-learner", password=PASSWORD)
    LearnerProfile.objects.create(
        user=migrant, full_name="Нигора Саидова", gender="female", birth_year=2000
    )
    attendee = journey("trainer-attendee")
    sign_in(attendee, "scan-learner")
    attendee.goto(scan_url, "the scanned code")
    attendee.page.click("main form button[type=submit]")
    attendee.step("marked present by the code")
    assert Attendance.objects.filter(registration__user=migrant, how="qr").exists()
    attendee.assert_accessible()

    # One walk-in ticked from the list, without JavaScript.
    first, second = (seats[name] for name in WALK_INS)
    plain.goto(f"/tg/sessions/trainer/{session.pk}/", "the session page")
    plain.page.check(f"input[name=present][value='{first.pk}']")
    plain.page.click("#attendance-form button[type=submit]")
    plain.step("attendance saved from the list")
    assert Attendance.objects.filter(registration=first, how="list").exists()

    # The other one while the phone is offline; sent when it is back.
    coded.goto(f"/tg/sessions/trainer/{session.pk}/", "the session page, online")
    page = coded.page
    coded.page.context.set_offline(True)
    page.check(f"input[name=present][value='{second.pk}']")
    page.click("#attendance-form button[type=submit]")
    saved = page.locator("#offline-messages").evaluate(
        "t => t.content.querySelector('[data-key=saved]').textContent"
    )
    page.locator("#offline-status", has_text=saved).wait_for()
    coded.step("offline: the mark kept on the phone")
    assert not Attendance.objects.filter(registration=second).exists()
    coded.page.context.set_offline(False)
    marked = wait_until(
        lambda: Attendance.objects.filter(registration=second, client_id__isnull=False).first(),
        what="the offline mark on the server",
    )
    assert marked.how == "list"
    page.wait_for_load_state("load")  # the page reloads once the mark is sent
    coded.step("online again: the mark sent")

    # Printing: the sheet and the certificates (the walk-ins' from the worker).
    wait_until(
        lambda: Certificate.objects.filter(session_registration__session=session).count() == 2,
        timeout=90,
        what="the walk-ins' certificates from the worker",
    )
    coded.goto(f"/tg/sessions/trainer/{session.pk}/", "the session page, certificates issued")
    sheet = _pdf(coded, f"/tg/sessions/trainer/{session.pk}/sheet.pdf", "attendance-sheet")
    assert all(name in sheet for name in (*WALK_INS, "Нигора Саидова"))
    batch = _pdf(coded, f"/tg/sessions/trainer/{session.pk}/certificates.pdf", "certificates")
    assert all(name in batch for name in WALK_INS)
    assert "ғ" in batch.lower() and session.place.name in batch
    for j in (plain, coded):
        j.assert_accessible()
