import io
import json
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from blended import qr, services
from blended.models import Attendance, Registration, Session
from blended.walk_in_certificates import walk_in_certificate_issue
from certificates.selectors import masked_name
from certificates.services import certificate_issue, certificate_reissue, certificate_revoke
from courses.models import Enrollment

from .conftest import local_time, make_session, register, walk_in

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    return client


def _trainer_urls(session):
    base = f"/en/sessions/trainer/{session.pk}/"
    return [
        ("get", "/en/sessions/trainer/"),
        ("get", "/en/sessions/trainer/new/"),
        ("get", base),
        ("post", base + "start/"),
        ("post", base + "cancel/"),
        ("post", base + "attendance/"),
        ("post", base + "scores/"),
        ("get", base + "walk-in/"),
        ("get", base + "code/"),
        ("get", base + "sheet.pdf"),
        ("get", base + "certificates.pdf"),
        ("post", "/en/sessions/trainer/sync/"),
    ]


def test_migrants_and_anonymous_visitors_get_404_on_trainer_pages(world, now_session):
    anonymous = Client(headers={"Accept-Language": "en"})
    migrant = _client(world.people.migrant)
    unverified = _client(world.people.unverified)
    for client in (anonymous, migrant, unverified):
        for method, url in _trainer_urls(now_session):
            response = getattr(client, method)(url)
            assert response.status_code == 404, (method, url)
    assert Session.objects.get(pk=now_session.pk).status == "planned"


def test_another_trainers_session_pages_are_404(world, now_session):
    other = _client(world.people.second)
    for method, url in _trainer_urls(now_session)[2:-1]:
        assert getattr(other, method)(url).status_code == 404, url


def test_the_trainer_plans_a_session_without_javascript(world):
    client = _client(world.trainer)
    page = client.get("/en/sessions/trainer/new/")
    assert page.status_code == 200 and b"Plan the session" in page.content
    day = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = client.post(
        "/en/sessions/trainer/new/",
        {
            "course": world.courses.orientation.pk,
            "place": world.place.pk,
            "day": day,
            "starts": "10:00",
            "ends": "13:00",
            "language": "tg",
            "capacity": "25",
        },
    )
    session = Session.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{session.pk}/")
    assert timezone.localtime(session.starts_at).hour == 10  # entered in Dushanbe time
    # bad input: a clear error, not a 500
    bad = client.post(
        "/en/sessions/trainer/new/",
        {
            "course": "x",
            "place": world.place.pk,
            "day": day,
            "starts": "14:00",
            "ends": "13:00",
            "language": "tg",
            "capacity": "0",
        },
    )
    assert bad.status_code == 400
    assert Session.objects.count() == 1


def test_an_uncertified_trainer_is_told_why(world):
    from certificates.models import Certificate

    Certificate.objects.filter(pk=world.certificate.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    client = _client(world.trainer)
    page = client.get("/en/sessions/trainer/")
    assert b"expired or revoked" in page.content
    day = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = client.post(
        "/en/sessions/trainer/new/",
        {
            "course": world.courses.orientation.pk,
            "place": world.place.pk,
            "day": day,
            "starts": "10:00",
            "ends": "12:00",
            "language": "tg",
            "capacity": "25",
        },
    )
    assert response.status_code == 403
    assert b"expired or revoked" in response.content
    assert not Session.objects.exists()


def test_marking_attendance_from_the_list(world, now_session):
    registration = register(now_session, world.people.migrant)
    client = _client(world.trainer)
    page = client.get(f"/en/sessions/trainer/{now_session.pk}/")
    assert page.status_code == 200
    assert f'name="present" value="{registration.pk}"'.encode() in page.content
    response = client.post(
        f"/en/sessions/trainer/{now_session.pk}/attendance/", {"present": [registration.pk, "x"]}
    )
    assert response.status_code == 302
    assert Attendance.objects.get().registration == registration
    assert b"scanned the code" not in client.get(f"/en/sessions/trainer/{now_session.pk}/").content


def test_a_walk_in_page_refuses_the_same_phone_twice(world, now_session):
    client = _client(world.trainer)
    data = {
        "name": "Сарвар Назаров",
        "phone": "+992935551234",
        "gender": "male",
        "birth_year": "1999",
        "district": "Ваҳдат",
        "destination": "RU",
        "consent": "paper",
    }
    url = f"/en/sessions/trainer/{now_session.pk}/walk-in/"
    assert client.post(url, data).status_code == 302
    again = client.post(url, {**data, "name": "Someone else"})
    assert again.status_code == 409
    assert b"already registered" in again.content
    assert client.post(url, {**data, "birth_year": "1800"}).status_code == 400
    assert Registration.objects.count() == 1


def test_the_qr_page_and_a_scan(world, now_session):
    trainer = _client(world.trainer)
    page = trainer.get(f"/en/sessions/trainer/{now_session.pk}/code/")
    assert page.status_code == 200 and b"<svg" in page.content
    assert page["Cache-Control"] == "no-store"
    token = qr.qr_token(now_session)
    migrant = _client(world.people.migrant)
    url = f"/en/sessions/here/{token}/"
    confirm = migrant.get(url)
    assert confirm.status_code == 200 and b"Mark me present" in confirm.content
    done = migrant.post(url)
    assert done.status_code == 200 and b"marked present" in done.content
    second = migrant.post(url)
    assert second.status_code == 409 and b"already marked present" in second.content
    forged = migrant.post(f"/en/sessions/here/{token[:-3]}abc/")
    assert forged.status_code == 400 and b"not valid" in forged.content
    assert Attendance.objects.count() == 1
    # anonymous: sign in first
    anonymous = Client(headers={"Accept-Language": "en"})
    assert anonymous.get(url).status_code == 302


def test_no_qr_outside_the_session(world):
    later = make_session(world, starts_at=timezone.now() + timedelta(hours=3))
    page = _client(world.trainer).get(f"/en/sessions/trainer/{later.pk}/code/")
    assert page.status_code == 200 and b"<svg" not in page.content
    assert b"only during the session" in page.content


def test_the_sync_endpoint_is_csrf_protected_and_answers_each_mark(world, now_session):
    registration = register(now_session, world.people.migrant)
    cancelled = make_session(world)
    late = register(cancelled, world.people.other)
    Session.objects.filter(pk=cancelled.pk).update(status="cancelled")
    client = Client(enforce_csrf_checks=True, headers={"Accept-Language": "en"})
    client.force_login(world.trainer)
    body = {
        "marks": [
            {
                "id": str(uuid.uuid4()),
                "registration": registration.pk,
                "at": timezone.now().isoformat(),
            },
            {"id": str(uuid.uuid4()), "registration": late.pk, "at": timezone.now().isoformat()},
        ]
    }
    url = "/en/sessions/trainer/sync/"
    refused = client.post(url, json.dumps(body), content_type="application/json")
    assert refused.status_code == 403
    assert not Attendance.objects.exists()
    page = client.get(f"/en/sessions/trainer/{now_session.pk}/")
    token = page.cookies["csrftoken"].value
    response = client.post(
        url, json.dumps(body), content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["status"] == "recorded"
    assert results[1]["ok"] is False and results[1]["reason"] == "cancelled"
    assert "cancelled" in results[1]["message"]
    for bad in [b"{", b"[]", json.dumps({"marks": "x"}).encode()]:
        answer = client.post(
            url, bad, content_type="application/json", headers={"X-CSRFToken": token}
        )
        assert answer.status_code == 400


def test_the_attendance_sheet_and_the_certificates_pdf(world, now_session):
    registration = register(now_session, world.people.migrant)
    seat = walk_in(now_session, world.trainer, phone="")
    services.attendance_mark(trainer=world.trainer, registration=registration)
    client = _client(world.trainer)
    sheet = client.get(f"/en/sessions/trainer/{now_session.pk}/sheet.pdf")
    assert sheet["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(sheet.content)).pages[0].extract_text()
    assert "Ҷамшед Қодиров Ғуломович" in text and "Сарвар Назаров" in text
    assert "Маркази ноҳиявии Ваҳдат" in text
    # no certificate issued yet: told so
    empty = client.get(f"/en/sessions/trainer/{now_session.pk}/certificates.pdf")
    assert empty.status_code == 302
    enrollment = Enrollment.objects.get(user=world.people.migrant, course=world.courses.orientation)
    certificate_issue(enrollment=enrollment)
    batch = client.get(f"/en/sessions/trainer/{now_session.pk}/certificates.pdf")
    reader = PdfReader(io.BytesIO(batch.content))
    assert len(reader.pages) == 1
    page_text = reader.pages[0].extract_text()
    assert "Ҷамшед Қодиров Ғуломович" in page_text
    assert "Маркази ноҳиявии Ваҳдат" in page_text
    # the walk-in, once present, is in the batch too (the attendee without a phone)
    services.attendance_mark(trainer=world.trainer, registration=seat)
    walk_in_certificate = walk_in_certificate_issue(seat.pk)
    assert _batch_names(client, now_session) == ["Сарвар Назаров", "Ҷамшед Қодиров Ғуломович"]
    assert "2 certificates issued" in client.get(f"/en/sessions/trainer/{now_session.pk}/").text
    # a corrected name replaces it, in the batch as well
    corrected = certificate_reissue(
        certificate=walk_in_certificate,
        actor=world.people.admin,
        reason="Name as in the passport",
        holder_name="Сарвар Назаров Олимович",
    )
    assert "Сарвар Назаров Олимович" in _batch_names(client, now_session)
    # a revoked one is not printed
    certificate_revoke(certificate=corrected, actor=world.people.admin, reason="Issued in error")
    assert _batch_names(client, now_session) == ["Ҷамшед Қодиров Ғуломович"]


def _batch_names(client, session) -> list[str]:
    batch = client.get(f"/en/sessions/trainer/{session.pk}/certificates.pdf")
    assert batch["Content-Type"] == "application/pdf"
    names = ["Сарвар Назаров Олимович", "Сарвар Назаров", "Ҷамшед Қодиров Ғуломович"]
    found = []
    for page in PdfReader(io.BytesIO(batch.content)).pages:
        text = page.extract_text()
        found.append(next(name for name in names if name in text))
    return found


def test_a_walk_ins_certificate_is_verified_like_any(world, now_session):
    seat = walk_in(now_session, world.trainer, name="Мадина Ҳасанова", phone="")
    services.attendance_mark(trainer=world.trainer, registration=seat)
    certificate = walk_in_certificate_issue(seat.pk)
    page = Client(headers={"Accept-Language": "en"}).get(f"/verify/{certificate.code}?lang=en")
    assert page.status_code == 200
    assert masked_name("Мадина Ҳасанова") in page.text  # masked, as for anyone
    assert "Маркази ноҳиявии Ваҳдат" in page.text and "Valid certificate" in page.text


def test_migrants_find_register_and_see_their_sessions(world):
    starts = local_time(2)
    session = services.session_create(
        trainer=world.trainer,
        course=world.courses.orientation,
        place=world.place,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        language="ru",
        capacity=1,
    )
    anonymous = Client(headers={"Accept-Language": "en"})
    listing = anonymous.get("/en/sessions/?region=drs&language=ru")
    assert session.place.name.encode() in listing.content
    assert session.place.name.encode() not in anonymous.get("/en/sessions/?language=uz").content
    assert anonymous.get("/en/sessions/?region=mars").status_code == 400
    assert anonymous.post(f"/en/sessions/{session.pk}/register/").status_code == 302
    migrant = _client(world.people.migrant)
    assert migrant.post(f"/en/sessions/{session.pk}/register/").status_code == 302
    assert Registration.objects.get().user == world.people.migrant
    mine = migrant.get("/en/sessions/mine/")
    assert session.place.name.encode() in mine.content
    # full now
    other = _client(world.people.other)
    other.post(f"/en/sessions/{session.pk}/register/")
    assert Registration.objects.count() == 1
    assert b"This session is full" in other.get(f"/en/sessions/{session.pk}/").content


def test_my_courses_shows_the_session_completion(world, now_session):
    registration = register(now_session, world.people.migrant)
    services.attendance_mark(trainer=world.trainer, registration=registration)
    enrollment = Enrollment.objects.get(user=world.people.migrant, course=world.courses.orientation)
    certificate = certificate_issue(enrollment=enrollment)
    page = _client(world.people.migrant).get("/en/learn/")
    assert b"completed in a session at" in page.content
    assert str(certificate.uuid).encode() in page.content
    verify = Client().get(f"/verify/{certificate.code}?lang=en")
    assert "Маркази ноҳиявии Ваҳдат".encode() in verify.content


def test_the_report_counts_by_channel_trainer_and_district(world, now_session):
    registration = register(now_session, world.people.migrant)
    services.attendance_mark(trainer=world.trainer, registration=registration)
    assert _client(world.people.migrant).get("/en/sessions/report/").status_code == 404
    page = _client(world.people.admin).get("/en/sessions/report/")
    assert page.status_code == 200
    assert b"1 attendees in 1 sessions" in page.content
    assert "Ваҳдат".encode() in page.content


@pytest.mark.parametrize(
    "body",
    ["[" * 5000 + "]" * 5000, "not json", '{"marks": 1}', '{"marks": [1, "x", null, {}]}', "[]"],
)
def test_a_malformed_sync_body_is_400_not_500(client, world, now_session, body):
    client.force_login(world.trainer)
    response = client.post("/en/sessions/trainer/sync/", body, content_type="application/json")
    assert response.status_code in (200, 400), response.content
    if response.status_code == 200:  # each mark answered on its own
        assert all(not r["ok"] for r in response.json()["results"])
