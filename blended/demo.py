"""Demo data for face-to-face sessions: a certified trainer (`trainer`, who
completed the trainer course and holds its certificate), two places, a past
session that was held (the demo attendee `attendee` and two walk-ins without
accounts completed the course there and hold the orientation certificate,
"completed in a session at ...") and an upcoming one the demo migrant can register
for. Running it again changes nothing."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from accounts.demo import DEMO_PASSWORD
from accounts.models import Destination, Gender, LearnerProfile, Region, StaffProfile
from accounts.services import consent_record
from certificates.services import certificate_issue
from cms.models import CoursePage
from courses.demo import TRAINER_COURSE_SLUG, demo_course_completed
from courses.progress import active_enrollment_for

from .models import Attendance, Place, Registration, Session
from .services import attendance_completion
from .walk_in_certificates import walk_in_certificate_issue

ORIENTATION_SLUG = "pre-departure-orientation"


def _account(username, *, first, last, account_type, profile: dict, **fields):
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "account_type": account_type, **fields},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    LearnerProfile.objects.get_or_create(user=user, defaults=profile)
    consent_record(user=user)
    return user


def _at(day, hour: int, minute: int = 0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@transaction.atomic
def load_sessions() -> dict:
    tg = Locale.get_default()
    orientation = CoursePage.objects.filter(slug=ORIENTATION_SLUG, locale=tg).first()
    trainer_course = CoursePage.objects.filter(slug=TRAINER_COURSE_SLUG, locale=tg).first()
    admin = get_user_model().objects.filter(username="admin").first()
    if orientation is None or trainer_course is None or admin is None:
        return {}
    trainer = _account(
        "trainer",
        first="Фирӯза",
        last="Назарова",
        account_type="staff",
        email="trainer@example.org",
        phone="+992935000111",
        profile={
            "full_name": "Фирӯза Назарова",
            "gender": Gender.FEMALE,
            "birth_year": 1985,
            "region": Region.KHATLON,
            "district": "Бохтар",
            "destination": Destination.UNDECIDED,
        },
    )
    StaffProfile.objects.get_or_create(
        user=trainer,
        defaults={
            "organisation": "Migration Service, Bokhtar pre-departure centre",
            "position": "Certified pre-departure trainer",
            "verified_at": timezone.now(),
            "verified_by": admin,
        },
    )
    trainer.refresh_from_db()
    enrollment = demo_course_completed(user=trainer, course=trainer_course, approved_by=admin)
    certificate_issue(enrollment=enrollment)

    centre, _ = Place.objects.get_or_create(
        name="Маркази пеш аз сафари ноҳияи Бохтар",
        defaults={
            "kind": Place.Kind.DISTRICT_CENTRE,
            "region": Region.KHATLON,
            "district": "Бохтар",
            "address": "кӯчаи Айнӣ 45, Бохтар",
        },
    )
    jamoat, _ = Place.objects.get_or_create(
        name="Ҷамоати деҳоти Ғаффоров",
        defaults={
            "kind": Place.Kind.JAMOAT,
            "region": Region.SUGHD,
            "district": "Хуҷанд",
            "address": "кӯчаи Исмоили Сомонӣ 3, деҳаи Ғаффоров",
        },
    )
    today = timezone.localdate()
    past = Session.objects.filter(trainer=trainer, place=centre).first()
    if past is None:
        day = today - timedelta(days=7)
        past = Session.objects.create(
            course=orientation,
            trainer=trainer,
            place=centre,
            starts_at=_at(day, 9),
            ends_at=_at(day, 13),
            language="tg",
            capacity=30,
            status=Session.Status.HELD,
            started_at=_at(day, 9, 5),
        )
    upcoming = Session.objects.filter(trainer=trainer, place=jamoat).first()
    if upcoming is None:
        day = today + timedelta(days=5)
        upcoming = Session.objects.create(
            course=orientation,
            trainer=trainer,
            place=jamoat,
            starts_at=_at(day, 10),
            ends_at=_at(day, 13),
            language="tg",
            capacity=25,
            quiz_required=True,
            pass_mark=70,
        )
    attendee = _account(
        "attendee",
        first="Фарруха",
        last="Каримова",
        account_type="migrant",
        phone="+992935000222",
        profile={
            "full_name": "Фарруха Каримова Аҳмадовна",
            "gender": Gender.FEMALE,
            "birth_year": 1999,
            "region": Region.KHATLON,
            "district": "Бохтар",
            "destination": Destination.KAZAKHSTAN,
        },
    )
    people = [
        {
            "user": attendee,
            "name": "Фарруха Каримова Аҳмадовна",
            "source": "online",
            "consent": "screen",
            "gender": "female",
            "birth_year": 1999,
            "district": "Бохтар",
            "destination": "KZ",
        },
        {
            "user": None,
            "name": "Сарвар Назаров",
            "phone": "+992935000333",
            "source": "walk_in",
            "consent": "paper",
            "gender": "male",
            "birth_year": 2001,
            "district": "Бохтар",
            "destination": "RU",
        },
        {
            "user": None,
            "name": "Мадина Ҳасанова",
            "source": "walk_in",
            "consent": "paper",
            "gender": "female",
            "birth_year": 1994,
            "district": "Вахш",
            "destination": "RU",
        },
    ]
    for person in people:
        registration, _ = Registration.objects.get_or_create(
            session=past, name=person["name"], defaults={**person, "added_by": trainer}
        )
        attendance, _ = Attendance.objects.get_or_create(
            registration=registration,
            defaults={
                "marked_by": trainer,
                "how": Attendance.How.LIST,
                "marked_at": past.starts_at + timedelta(minutes=20),
            },
        )
        # The day is past, so the marking service would refuse it: the demo
        # writes the mark and runs the same completion (certificates included).
        attendance_completion(attendance)
        walk_in_certificate_issue(registration.pk)  # at once, not on a worker
    certificate_issue(enrollment=active_enrollment_for(user=attendee, course=orientation))
    return {"trainer": trainer, "attendee": attendee, "past": past, "upcoming": upcoming}
