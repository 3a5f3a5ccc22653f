from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.sms import MemorySMSBackend
from blended import qr, reminders, services
from blended.exceptions import (
    AlreadyMarked,
    AlreadyRegistered,
    CodeOutsideSession,
    InvalidCode,
    InvalidSession,
    NotCertified,
    NotFound,
    NotYourSession,
    SessionCancelled,
    SessionFull,
    WrongDay,
)
from blended.models import Attendance, Registration, Session
from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_revoke
from courses.models import CourseCompletion, Enrollment
from xapi.models import Statement

from .conftest import local_time, make_session, register, walk_in

pytestmark = pytest.mark.django_db


def _create(world, trainer=None, **overrides):
    starts = local_time(3)
    args = {
        "trainer": trainer or world.trainer,
        "course": world.courses.orientation,
        "place": world.place,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "language": "tg",
        "capacity": 10,
    }
    args.update(overrides)
    return services.session_create(**args)


def _revoke(world, certificate):
    certificate_revoke(certificate=certificate, actor=world.people.admin, reason="Left the service")


def _expire(certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )


# --- who may run a session -----------------------------------------------------


def test_a_certified_trainer_plans_a_session(world):
    session = _create(world)
    assert session.status == Session.Status.PLANNED
    assert session.trainer == world.trainer


def test_a_trainer_with_an_expired_certificate_cannot_open_a_session(world):
    _expire(world.certificate)
    with pytest.raises(NotCertified):
        _create(world)
    assert not Session.objects.exists()


def test_a_trainer_with_a_revoked_certificate_cannot_open_a_session(world):
    _revoke(world, world.certificate)
    with pytest.raises(NotCertified):
        _create(world)


def test_staff_without_a_certificate_and_migrants_cannot_open_a_session(world):
    from accounts.models import StaffProfile, User

    uncertified = User.objects.create_user("staff9", password="x-pass-2027", account_type="staff")
    StaffProfile.objects.create(
        user=uncertified,
        organisation="MS",
        position="X",
        verified_at=timezone.now(),
        verified_by=world.people.admin,
    )
    with pytest.raises(NotCertified):
        _create(world, trainer=uncertified)
    with pytest.raises(NotFound):
        _create(world, trainer=world.people.migrant)
    with pytest.raises(NotFound):
        _create(world, trainer=world.people.unverified)


def test_sessions_are_for_migrant_track_courses_in_the_future(world):
    with pytest.raises(InvalidSession):
        _create(world, course=world.courses.trainer)
    with pytest.raises(InvalidSession):
        past = timezone.now() - timedelta(hours=1)
        _create(world, starts_at=past, ends_at=past + timedelta(hours=2))
    starts = local_time(1)
    with pytest.raises(InvalidSession):
        _create(world, starts_at=starts, ends_at=starts - timedelta(minutes=1))
    with pytest.raises(InvalidSession):
        _create(world, quiz_required=True, pass_mark=None)


def test_starting_checks_the_certificate_again(world, now_session):
    _expire(world.certificate)
    with pytest.raises(NotCertified):
        services.session_start(session=now_session, trainer=world.trainer)
    now_session.refresh_from_db()
    assert now_session.started_at is None


def test_starting_with_a_revoked_certificate_is_refused(world, now_session):
    _revoke(world, world.certificate)
    with pytest.raises(NotCertified):
        services.session_start(session=now_session, trainer=world.trainer)


def test_starting_on_the_day_holds_the_session(world, now_session):
    session = services.session_start(session=now_session, trainer=world.trainer)
    assert session.status == Session.Status.HELD and session.started_at is not None


def test_another_trainers_session_cannot_be_started(world, now_session):
    with pytest.raises(NotYourSession):
        services.session_start(session=now_session, trainer=world.people.second)


# --- registration ------------------------------------------------------------------


def test_a_walk_in_twice_with_the_same_phone_is_refused(world, now_session):
    first = walk_in(now_session, world.trainer)
    assert first.phone == "+992935551234" and first.consent == "paper"
    with pytest.raises(AlreadyRegistered):
        walk_in(now_session, world.trainer, name="Другое имя", phone="+992935551234")
    assert Registration.objects.filter(session=now_session).count() == 1
    # without a phone, two walk-ins are two people
    walk_in(now_session, world.trainer, phone="")
    walk_in(now_session, world.trainer, phone="", name="Мадина Азизова")
    assert Registration.objects.filter(session=now_session).count() == 3


def test_a_walk_in_with_a_bad_phone_or_consent_is_refused(world, now_session):
    with pytest.raises(services.BlendedError):
        walk_in(now_session, world.trainer, phone="12ab")
    with pytest.raises(services.BlendedError):
        walk_in(now_session, world.trainer, consent="nod")


def test_a_full_session_takes_nobody_more(world):
    session = _create(world, capacity=2)
    services.registration_online(session=session, user=world.people.migrant)
    walk_in(session, world.trainer)
    with pytest.raises(SessionFull):
        services.registration_online(session=session, user=world.people.other)
    with pytest.raises(SessionFull):
        walk_in(session, world.trainer, phone="+992935550000")
    assert Registration.objects.filter(session=session).count() == 2


def test_registering_online_twice_is_refused_and_recorded_once(world):
    session = _create(world)
    registration = services.registration_online(session=session, user=world.people.migrant)
    with pytest.raises(AlreadyRegistered):
        services.registration_online(session=session, user=world.people.migrant)
    assert registration.name == "Ҷамшед Қодиров Ғуломович"
    statement = Statement.objects.get(registration=registration.uid)
    assert statement.verb_id.endswith("/registered")
    data = statement.data
    assert data["context"]["instructor"]["account"]
    grouping = [a["id"] for a in data["context"]["contextActivities"]["grouping"]]
    assert any("/place/" in iri for iri in grouping)
    assert data["object"]["id"].endswith(f"/session/{session.pk}")


def test_walk_ins_are_only_for_the_own_trainer(world, now_session):
    with pytest.raises(NotYourSession):
        walk_in(now_session, world.people.second)


# --- attendance and completion -----------------------------------------------


def test_attending_completes_the_course_and_issues_the_session_certificate(world, now_session):
    registration = register(now_session, world.people.migrant)
    attendance, created = services.attendance_mark(trainer=world.trainer, registration=registration)
    assert created and attendance.how == "list"
    completion = CourseCompletion.objects.get(enrollment__user=world.people.migrant)
    assert completion.channel == "session"
    assert completion.place == "Маркази ноҳиявии Ваҳдат, Ваҳдат"
    enrollment = Enrollment.objects.get(user=world.people.migrant, course=world.courses.orientation)
    assert enrollment.completion.channel == "session"
    certificate = certificate_issue(enrollment=enrollment)
    assert certificate.session_place == "Маркази ноҳиявии Ваҳдат, Ваҳдат"
    assert certificate.serial.startswith("MRC-PDO-")
    assert certificate.state == "valid"
    now_session.refresh_from_db()
    assert now_session.status == Session.Status.HELD
    # marking twice changes nothing
    again, created = services.attendance_mark(trainer=world.trainer, registration=registration)
    assert again.pk == attendance.pk and not created
    assert CourseCompletion.objects.count() == 1 + 2  # and the two trainers' own


def test_completion_schedules_the_certificate_task(
    world, now_session, monkeypatch, django_capture_on_commit_callbacks
):
    from certificates import tasks

    sent = []
    monkeypatch.setattr(tasks.certificate_issue, "delay", lambda *args: sent.append(args))
    registration = register(now_session, world.people.migrant)
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_mark(trainer=world.trainer, registration=registration)
    enrollment = Enrollment.objects.get(user=world.people.migrant, course=world.courses.orientation)
    assert sent == [(enrollment.pk,)]


def test_a_paper_quiz_must_be_passed_when_required(world):
    session = make_session(world, quiz_required=True, pass_mark=70)
    registration = register(session, world.people.migrant)
    services.attendance_mark(trainer=world.trainer, registration=registration)
    assert not CourseCompletion.objects.filter(enrollment__user=world.people.migrant).exists()
    services.quiz_score_record(trainer=world.trainer, registration=registration, score=60)
    assert not CourseCompletion.objects.filter(enrollment__user=world.people.migrant).exists()
    with pytest.raises(services.BlendedError):
        services.quiz_score_record(trainer=world.trainer, registration=registration, score=101)
    services.quiz_score_record(trainer=world.trainer, registration=registration, score=85)
    assert CourseCompletion.objects.get(enrollment__user=world.people.migrant).channel == "session"
    assert Attendance.objects.get().quiz_score == 85


def test_a_walk_in_who_attends_gets_the_session_certificate(
    world, now_session, monkeypatch, django_capture_on_commit_callbacks
):
    from blended import tasks
    from blended.walk_in_certificates import walk_in_certificate_issue

    sent = []
    monkeypatch.setattr(tasks.walk_in_certificate_issue, "delay", lambda *args: sent.append(args))
    registration = walk_in(now_session, world.trainer)
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_mark(trainer=world.trainer, registration=registration)
    assert sent == [(registration.pk,)]  # the PDF is rendered on a worker
    assert CourseCompletion.objects.filter(channel="session").count() == 0  # no account
    certificate = walk_in_certificate_issue(registration.pk)
    assert certificate.user is None
    assert certificate.holder_name == "Сарвар Назаров"
    assert certificate.session_place == "Маркази ноҳиявии Ваҳдат, Ваҳдат"
    assert certificate.serial.startswith("MRC-PDO-") and certificate.state == "valid"
    assert certificate.language == "tg" and certificate.pdf.name.endswith(".pdf")
    assert certificate.events.get().action == "issued"
    registration.refresh_from_db()
    assert registration.certificate == certificate
    # a second run (a redelivered task) returns the same record
    assert walk_in_certificate_issue(registration.pk).pk == certificate.pk
    assert Certificate.objects.filter(user=None).count() == 1


def test_a_walk_ins_certificate_waits_for_the_paper_quiz(world):
    from blended.walk_in_certificates import walk_in_certificate_issue

    session = make_session(world, quiz_required=True, pass_mark=70)
    registration = walk_in(session, world.trainer)
    services.attendance_mark(trainer=world.trainer, registration=registration)
    assert walk_in_certificate_issue(registration.pk) is None
    services.quiz_score_record(trainer=world.trainer, registration=registration, score=60)
    assert walk_in_certificate_issue(registration.pk) is None
    services.quiz_score_record(trainer=world.trainer, registration=registration, score=85)
    assert walk_in_certificate_issue(registration.pk).holder_name == "Сарвар Назаров"


def test_a_seat_with_an_account_or_none_gets_no_walk_in_certificate(world, now_session):
    from blended.walk_in_certificates import walk_in_certificate_issue

    registration = register(now_session, world.people.migrant)
    services.attendance_mark(trainer=world.trainer, registration=registration)
    assert walk_in_certificate_issue(registration.pk) is None  # theirs comes by enrollment
    assert walk_in_certificate_issue(10**9) is None
    unmarked = walk_in(now_session, world.trainer, phone="")
    assert walk_in_certificate_issue(unmarked.pk) is None
    assert not Certificate.objects.filter(user=None).exists()


def test_marking_another_trainers_session_is_refused(world, now_session):
    registration = register(now_session, world.people.migrant)
    with pytest.raises(NotYourSession):
        services.attendance_mark(trainer=world.people.second, registration=registration)
    assert not Attendance.objects.exists()


def test_marking_a_cancelled_session_is_refused(world, now_session):
    registration = register(now_session, world.people.migrant)
    services.session_cancel(session=now_session, trainer=world.trainer)
    with pytest.raises(SessionCancelled):
        services.attendance_mark(trainer=world.trainer, registration=registration)


def test_marking_on_another_day_is_refused(world):
    session = make_session(world, starts_at=local_time(-2))
    registration = register(session, world.people.migrant)
    with pytest.raises(WrongDay):
        services.attendance_mark(trainer=world.trainer, registration=registration)
    tomorrow = make_session(world, starts_at=local_time(1))
    with pytest.raises(WrongDay):
        services.attendance_mark(
            trainer=world.trainer, registration=register(tomorrow, world.people.migrant)
        )


def test_marking_with_an_expired_certificate_is_refused(world, now_session):
    registration = register(now_session, world.people.migrant)
    _expire(world.certificate)
    with pytest.raises(NotCertified):
        services.attendance_mark(trainer=world.trainer, registration=registration)


# --- QR ---------------------------------------------------------------------------


def test_a_scan_during_the_session_marks_the_learner_once(world, now_session):
    token = qr.qr_token(now_session)
    attendance = services.attendance_by_qr(token=token, user=world.people.migrant)
    assert attendance.how == "qr"
    assert attendance.registration.source == "qr"  # not registered before: a seat is taken
    with pytest.raises(AlreadyMarked):
        services.attendance_by_qr(token=token, user=world.people.migrant)
    with pytest.raises(AlreadyMarked):
        services.attendance_by_qr(token=qr.qr_token(now_session), user=world.people.migrant)
    assert Attendance.objects.count() == 1
    assert CourseCompletion.objects.filter(channel="session").count() == 1


def test_a_scan_before_or_after_the_session_is_refused(world):
    later = make_session(world, starts_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(CodeOutsideSession):
        services.attendance_by_qr(token=qr.qr_token(later), user=world.people.migrant)
    over = make_session(world, starts_at=timezone.now() - timedelta(hours=3), hours=2)
    with pytest.raises(CodeOutsideSession):
        services.attendance_by_qr(token=qr.qr_token(over), user=world.people.migrant)
    assert not Attendance.objects.exists()


def test_an_old_code_is_refused(world, now_session, monkeypatch):
    token = qr.qr_token(now_session)
    monkeypatch.setattr(qr, "QR_MAX_AGE", timedelta(seconds=-1))
    with pytest.raises(CodeOutsideSession):
        services.attendance_by_qr(token=token, user=world.people.migrant)


def test_a_forged_or_copied_code_is_refused(world, now_session):
    other = make_session(world, trainer=world.people.second)
    token = qr.qr_token(now_session)
    payload, rest = token.split(":", 1)
    # the same code edited to name another session
    from django.core import signing

    forged = signing.dumps({"s": other.pk, "n": "x"}, key="not-the-secret", salt=qr.QR_SALT)
    for bad in [forged, "nonsense", token[:-2] + "xx", f"{payload}A:{rest}"]:
        with pytest.raises(InvalidCode):
            services.attendance_by_qr(token=bad, user=world.people.migrant)
    # a code made for the certificates (another salt) is no session code
    wrong_salt = signing.dumps({"s": now_session.pk, "n": "x"}, salt="other")
    with pytest.raises(InvalidCode):
        services.attendance_by_qr(token=wrong_salt, user=world.people.migrant)
    assert not Attendance.objects.exists()


def test_a_scan_for_a_full_or_cancelled_session_is_refused(world):
    session = make_session(world, capacity=1)
    register(session, world.people.other)
    with pytest.raises(SessionFull):
        services.attendance_by_qr(token=qr.qr_token(session), user=world.people.migrant)
    Session.objects.filter(pk=session.pk).update(status="cancelled")
    with pytest.raises(SessionCancelled):
        services.attendance_by_qr(token=qr.qr_token(session), user=world.people.other)


# --- offline sync -------------------------------------------------------------


def test_sync_is_idempotent_by_id_and_refuses_marks_one_by_one(world, now_session):
    import uuid

    mine = register(now_session, world.people.migrant)
    others_session = make_session(world, trainer=world.people.second)
    theirs = register(others_session, world.people.other)
    cancelled = make_session(world)
    late = register(cancelled, world.people.other)
    yesterday_session = make_session(world, starts_at=local_time(-1))
    yesterday = register(yesterday_session, world.people.migrant)
    Session.objects.filter(pk=cancelled.pk).update(status="cancelled")  # meanwhile
    ids = [str(uuid.uuid4()) for _ in range(6)]
    now = timezone.now().isoformat()
    marks = [
        {"id": ids[0], "registration": mine.pk, "at": now},
        {"id": ids[1], "registration": theirs.pk, "at": now},
        {"id": ids[2], "registration": late.pk, "at": now},
        {"id": ids[3], "registration": yesterday.pk, "at": now},
        {"id": ids[4], "registration": 999999, "at": now},
        {"id": "not-a-uuid", "registration": mine.pk},
        {"id": str(uuid.uuid4()), "registration": mine.pk, "at": "2026-13-45T10:00:00"},
        {"id": str(uuid.uuid4()), "registration": True, "at": now},
    ]
    results = services.marks_sync(trainer=world.trainer, marks=marks)
    assert [r.get("status") or r["reason"] for r in results] == [
        "recorded",
        "not_your_session",
        "cancelled",
        "wrong_day",
        "not_found",
        "invalid",
        "invalid",
        "invalid",
    ]
    again = services.marks_sync(trainer=world.trainer, marks=marks[:1])
    assert again == [{"id": ids[0], "ok": True, "status": "already"}]
    assert Attendance.objects.count() == 1
    assert str(Attendance.objects.get().client_id) == ids[0]


def test_a_mark_taken_offline_on_the_day_is_accepted_the_next_day(world):
    session = make_session(world, starts_at=local_time(-1))
    registration = register(session, world.people.migrant)
    taken = (session.starts_at + timedelta(minutes=30)).isoformat()
    import uuid

    result = services.marks_sync(
        trainer=world.trainer,
        marks=[{"id": str(uuid.uuid4()), "registration": registration.pk, "at": taken}],
    )
    assert result[0]["status"] == "recorded"
    completion = CourseCompletion.objects.get(enrollment__user=world.people.migrant)
    assert completion.completed_at == session.starts_at + timedelta(minutes=30)
    future = (timezone.now() + timedelta(days=1)).isoformat()
    other = register(session, world.people.other)
    result = services.marks_sync(
        trainer=world.trainer,
        marks=[{"id": str(uuid.uuid4()), "registration": other.pk, "at": future}],
    )
    assert result[0]["reason"] == "wrong_day"


# --- reminders -----------------------------------------------------------------


def test_reminders_go_the_day_before_once(world, settings, django_capture_on_commit_callbacks):
    settings.SAFAR_SMS_BACKEND = "accounts.sms.MemorySMSBackend"
    MemorySMSBackend.outbox.clear()
    local_now = timezone.localtime()
    tomorrow_noon = (local_now + timedelta(days=1)).replace(hour=12, minute=0, second=0)
    session = make_session(world, starts_at=tomorrow_noon)
    register(session, world.people.migrant)  # phone on the account
    walk_in(session, world.trainer, phone="+992935557777")
    walk_in(session, world.trainer, phone="", name="Без телефона")
    far = make_session(world, starts_at=tomorrow_noon + timedelta(days=3))
    register(far, world.people.other)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.reminders_send() == 2
        assert reminders.reminders_send() == 0
    phones = sorted(phone for phone, _text in MemorySMSBackend.outbox)
    assert phones == ["+992900000001", "+992935557777"]
    assert all("12:00" in text for _phone, text in MemorySMSBackend.outbox)


def test_the_session_certificates_badge_names_the_session_as_its_criteria(world, now_session):
    import jwt

    registration = register(now_session, world.people.migrant)
    services.attendance_mark(trainer=world.trainer, registration=registration)
    enrollment = Enrollment.objects.get(user=world.people.migrant, course=world.courses.orientation)
    certificate = certificate_issue(enrollment=enrollment)
    certificate.refresh_from_db()
    claims = jwt.decode(certificate.credential_jwt, options={"verify_signature": False})
    criteria = json_find(claims, "narrative")  # in the certificate's language, Tajik
    assert any("машғулоти рӯ ба рӯи курс дар Маркази ноҳиявии Ваҳдат" in c for c in criteria)
    online = world.certificate  # the trainer's own, earned online
    claims = jwt.decode(online.credential_jwt, options={"verify_signature": False})
    assert not any("Ваҳдат" in c for c in json_find(claims, "narrative"))


def json_find(data, key) -> list:
    found = []
    if isinstance(data, dict):
        for k, v in data.items():
            found += [v] if k == key else json_find(v, key)
    elif isinstance(data, list):
        for v in data:
            found += json_find(v, key)
    return found


@pytest.mark.parametrize("problem", ["staff_course", "uncertified_trainer"])
def test_the_admin_form_keeps_the_services_rules(world, problem):
    from django.core.exceptions import ValidationError

    session = make_session(world)
    if problem == "staff_course":
        session.course = world.courses.trainer
    else:
        session.trainer = world.people.unverified
    with pytest.raises(ValidationError) as caught:
        session.full_clean()
    field = "course" if problem == "staff_course" else "trainer"
    assert field in caught.value.message_dict
    make_session(world).full_clean()  # a good one passes
