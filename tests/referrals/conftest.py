"""Fixtures of the referral-case tests: the directory, a migrant, a counsellor
(in the "MRC counsellors" group from the data migration) and someone in the
admin without the permission."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from accounts.models import LearnerProfile, User
from referrals.models import Organisation, Service

PASSWORD = "referral-pass-2027"


def make_migrant(username, *, phone=None, gender="female", language="tg", region="sughd"):
    user = User.objects.create_user(
        username, password=PASSWORD, phone=phone, preferred_language=language
    )
    LearnerProfile.objects.create(
        user=user,
        full_name=f"Full name {username}",
        gender=gender,
        birth_year=1995,
        region=region,
        district="Хуҷанд",
        destination="RU",
    )
    return user


@pytest.fixture
def people(db):
    for code in ("tg", "ru", "uz", "en"):
        Locale.objects.get_or_create(language_code=code)
    tg = Locale.objects.get(language_code="tg")
    org = Organisation(
        locale=tg,
        name="Маркази ёрии ҳуқуқӣ",
        region="sughd",
        phone="+992372211111",
        checked_on=datetime.date(2026, 11, 24),
    )
    org.full_clean()
    org.save()
    org.services.set(Service.objects.filter(code="legal"))
    counsellor = User.objects.create_user("counsellor", password=PASSWORD, is_staff=True)
    counsellor.groups.add(Group.objects.get(name="MRC counsellors"))
    # In the admin (an MRC editor) but not a counsellor.
    editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="MRC editors"))
    return SimpleNamespace(
        org=org,
        counsellor=counsellor,
        editor=editor,
        migrant=make_migrant("migrant", phone="+992935551234"),
        other=make_migrant("other-migrant", phone="+992935559999", language="ru"),
    )
