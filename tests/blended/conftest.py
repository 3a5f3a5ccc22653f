from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

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


def make_session(world, *, starts_at=None, hours=2, trainer=None, **fields):
    """A session straight in the database (the service refuses past starts)."""
    starts_at = starts_at or timezone.now() - timedelta(minutes=30)
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


@pytest.fixture
def now_session(world):
    """A session that started half an hour ago (today in Dushanbe unless the
    test runs in the first half hour after midnight there)."""
    local = timezone.localtime()
    if local.hour == 0 and local.minute < 40:
        pytest.skip("too close to midnight in Dushanbe")
    return make_session(world)
