from types import SimpleNamespace

import pytest
from django.utils import timezone

from accounts.models import StaffProfile, User
from cms.demo import load_site
from courses.tracks import Track


@pytest.fixture
def tree(db):
    home, tracks = load_site()
    return SimpleNamespace(home=home, migrant=tracks[Track.MIGRANT], staff=tracks[Track.STAFF])


@pytest.fixture
def people(db):
    admin = User.objects.create_superuser("root", "root@example.org", "x-pass-2027")
    migrant = User.objects.create_user("migrant1", password="x-pass-2027")
    other = User.objects.create_user("migrant2", password="x-pass-2027")
    staff = User.objects.create_user("staff1", password="x-pass-2027", account_type="staff")
    StaffProfile.objects.create(
        user=staff,
        organisation="Migration Service",
        position="Inspector",
        verified_at=timezone.now(),
        verified_by=admin,
    )
    unverified = User.objects.create_user("staff2", password="x-pass-2027", account_type="staff")
    StaffProfile.objects.create(user=unverified, organisation="Migration Service", position="X")
    return SimpleNamespace(
        admin=admin, migrant=migrant, other=other, staff=staff, unverified=unverified
    )
