"""The fixed demo accounts (README, "Demo accounts"). Idempotent."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from .models import Destination, Gender, LearnerProfile, Region, StaffProfile, User
from .services import consent_record

DEMO_PASSWORD = "safar-demo"  # noqa: S105  (documented demo password, demo only)

MIGRANT_AUTHORS = "Migrant-track authors"
STAFF_AUTHORS = "Staff-track authors"
MRC_EDITORS = "MRC editors"


def _group(name: str) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(access_admin)
    return group


def _user(username: str, **fields) -> User:
    user, created = User.objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load_accounts() -> dict[str, User]:
    admin = _user(
        "admin",
        email="admin@mrc-tajikistan.org",
        first_name="Админ",
        last_name="МЗМ",
        is_staff=True,
        is_superuser=True,
        preferred_language="en",
    )
    author_migrant = _user(
        "author-migrant",
        email="author-migrant@mrc-tajikistan.org",
        first_name="Нигина",
        last_name="Раҳимова",
        is_staff=True,
    )
    author_staff = _user(
        "author-staff",
        email="author-staff@mrc-tajikistan.org",
        first_name="Фарҳод",
        last_name="Саидов",
        is_staff=True,
    )
    migrant = _user(
        "migrant",
        email="migrant@example.org",
        phone="+992931234567",
        first_name="Ҷамшед",
        last_name="Қодиров",
        account_type=User.AccountType.MIGRANT,
    )
    trainee = _user(
        "trainee",
        email="trainee@example.org",
        first_name="Зарина",
        last_name="Ғафурова",
        account_type=User.AccountType.STAFF,
    )
    StaffProfile.objects.get_or_create(
        user=trainee,
        defaults={
            "organisation": "Migration Service, Khujand office",
            "position": "Pre-departure counsellor",
            "verified_at": timezone.now(),
            "verified_by": admin,
        },
    )
    LearnerProfile.objects.get_or_create(
        user=migrant,
        defaults={
            "full_name": "Ҷамшед Қодиров Ғуломович",
            "gender": Gender.MALE,
            "birth_year": 1996,
            "region": Region.KHATLON,
            "district": "Бохтар",
            "destination": Destination.RUSSIA,
        },
    )
    LearnerProfile.objects.get_or_create(
        user=trainee,
        defaults={
            "full_name": "Зарина Ғафурова",
            "gender": Gender.FEMALE,
            "birth_year": 1988,
            "region": Region.SUGHD,
            "district": "Хуҷанд",
            "destination": Destination.UNDECIDED,
        },
    )
    for learner in (migrant, trainee):
        consent_record(user=learner)
    author_migrant.groups.add(_group(MIGRANT_AUTHORS))
    author_staff.groups.add(_group(STAFF_AUTHORS))
    _group(MRC_EDITORS)
    return {
        "admin": admin,
        "author-migrant": author_migrant,
        "author-staff": author_staff,
        "migrant": migrant,
        "trainee": trainee,
    }
