from types import SimpleNamespace

import pytest
from django.utils import timezone

from accounts.models import StaffProfile, User


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
