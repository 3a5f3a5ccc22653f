from datetime import datetime, time, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from blended import services
from blended.models import Place, Registration, Session
from certificates.services import certificate_issue
from tests.builders import TEST_PASSWORD
from tests.certificates.conftest import add_profile, complete_course
from tests.certificates.conftest import courses as courses  # noqa: F401,PLC0414
from tests.certificates.conftest import templates as templates  # noqa: F401,PLC0414

DUSHANBE = timezone.get_default_timezone()


@pytest.fixture
def cast(db):
    from accounts.models import StaffProfile, User
    from tests.builders import make_people

    people = make_people()
    add_profile(people.migrant, "Ҷамшед Қодиров Ғуломович")
    add_profile(people.other, "Зарина Ғафурова")
    add_profile(people.staff, "Нилуфар Раҳимова")
    second = User.objects.create_user("staff3", password=TEST_PASSWORD, account_type="staff")
    StaffProfile.objects.create(
        user=second,
        organisation="Employment agency",
        position="Trainer",
        verified_at=timezone.now(),
        verified_by=people.admin,
    )
    add_profile(second, "Фарид Алиев")
    people.second = second
    people.migrant.phone = "+992900000001"
    people.migrant.save()
    return people


def certify(user, course):
    """The user completes the trainer course and gets its certificate."""
    enrollment = complete_course(user, course)
    return certificate_issue(enrollment=enrollment)


@pytest.fixture
def world(cast, courses, templates):  # noqa: F811
    trainer_certificate = certify(cast.staff, courses.trainer)
    second_certificate = certify(cast.second, courses.trainer)
    place = Place.objects.create(
        name="Маркази ноҳиявии Ваҳдат",
        kind=Place.Kind.DISTRICT_CENTRE,
        region="drs",
        district="Ваҳдат",
        address="кӯчаи Рӯдакӣ 12",
    )
    return SimpleNamespace(
        people=cast,
        courses=courses,
        templates=templates,
        place=place,
        trainer=cast.staff,
        certificate=trainer_certificate,
        second_certificate=second_certificate,
    )


def local_time(days: int, hour: int = 10):
    """`hour` o'clock in Dushanbe, `days` from today there: a session's day that
    does not depend on when the suite runs (now + 3 days, 2 hours long, crosses
    midnight in Dushanbe when the tests run after 22:00 there)."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _started_today():
    """Half an hour ago, or a minute after midnight in Dushanbe when that was
    yesterday there: a session under way today, whenever the suite runs."""
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time(0, 1)))
    return max(timezone.now() - timedelta(minutes=30), midnight)


def make_session(world, *, starts_at=None, hours=2, trainer=None, **fields):
    """A session straight in the database (the service refuses past starts)."""
    starts_at = starts_at or _started_today()
    fields.setdefault("capacity", 20)
    fields.setdefault("language", "tg")
    return Session.objects.create(
        course=world.courses.orientation,
        trainer=trainer or world.trainer,
        place=world.place,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        **fields,
    )


def register(session, user):
    from blended.services import _profile_fields

    return Registration.objects.create(
        session=session,
        user=user,
        source=Registration.Source.ONLINE,
        consent=Registration.Consent.SCREEN,
        **_profile_fields(user),
    )


def walk_in(session, trainer, **fields):
    """A walk-in added by `trainer` (the service), with sensible fields."""
    data = {
        "name": "Сарвар Назаров",
        "phone": "+992 93 555 12 34",
        "gender": "male",
        "birth_year": 1999,
        "district": "Ваҳдат",
        "destination": "RU",
        "consent": "paper",
    }
    data.update(fields)
    return services.registration_walk_in(session=session, trainer=trainer, **data)


@pytest.fixture
def now_session(world):
    """A session under way, today in Dushanbe (see _started_today)."""
    if timezone.localtime().time() < time(0, 2):
        pytest.skip("the first minute after midnight in Dushanbe")
    return make_session(world)
