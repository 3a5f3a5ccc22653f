"""The referral directory: organisations kept in the admin, public and
filterable (referrals/)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from referrals.demo import load_directory
from referrals.models import Organisation, Service
from referrals.validators import clean_directory_phone
from tests.builders import extra_scripts

pytestmark = pytest.mark.django_db


@pytest.fixture
def locales(db):
    for code in ("tg", "ru", "uz", "en"):
        Locale.objects.get_or_create(language_code=code)


def _org(**fields):
    fields.setdefault("locale", Locale.objects.get(language_code="tg"))
    fields.setdefault("checked_on", datetime.date(2026, 11, 24))
    services = fields.pop("services", ["legal"])
    org = Organisation(**fields)
    org.full_clean()
    org.save()
    org.services.set(Service.objects.filter(code__in=services))
    return org


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+992 37 221 11 11", "+992372211111"),
        ("37 221 11 11", "+992372211111"),
        ("+7 (495) 690-41-86", "+74956904186"),
        ("102", "102"),
        ("1313", "1313"),
        ("", ""),
    ],
)
def test_phones_are_stored_in_one_form(typed, stored):
    assert clean_directory_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["12ab", "+992 00", "phone", "++992372211111", "12", "+1 999 999"]
)
def test_a_malformed_phone_is_refused(locales, typed):
    with pytest.raises(ValidationError) as error:
        _org(name="Bad phone", region="dushanbe", phone=typed)
    assert "phone" in error.value.message_dict
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("website", "not a url"), ("website", "javascript:alert(1)"), ("messenger_url", "t.me me")],
)
def test_a_malformed_link_is_refused(locales, field, value):
    with pytest.raises(ValidationError) as error:
        _org(name="Bad link", region="dushanbe", **{field: value})
    assert field in error.value.message_dict


def test_an_entry_needs_its_checked_on_date(locales):
    with pytest.raises(ValidationError) as error:
        _org(name="Undated", region="dushanbe", checked_on=None)
    assert "checked_on" in error.value.message_dict


def test_the_directory_is_public_and_filters(client, locales):
    _org(name="Legal Khujand", region="sughd", districts="Хуҷанд, Исфара", services=["legal"])
    _org(name="Training Bokhtar", region="khatlon", districts="Бохтар", services=["vocational"])
    _org(name="Hotline", region="nationwide", services=["shelter"], phone="102")
    _org(name="Embassy Moscow", region="abroad", services=["consulate"])

    def names(**query):
        response = client.get("/tg/services/", query)
        assert response.status_code == 200
        return sorted(e["org"].name for e in response.context["entries"])

    assert names() == ["Embassy Moscow", "Hotline", "Legal Khujand", "Training Bokhtar"]
    assert names(region="sughd") == ["Hotline", "Legal Khujand"]  # nationwide serves all
    assert names(region="abroad") == ["Embassy Moscow"]
    assert names(service="vocational") == ["Training Bokhtar"]
    assert names(region="sughd", district="хучанд") == ["Hotline", "Legal Khujand"]  # folded
    assert names(region="sughd", district="Панҷакент") == ["Hotline"]
    html = client.get("/tg/services/").content.decode()
    assert 'href="tel:102"' in html and extra_scripts(html) == []


@pytest.mark.parametrize(
    "query", [{"region": "mars"}, {"service": "magic"}, {"district": "x" * 101}]
)
def test_bad_filters_get_a_clear_400(client, locales, query):
    response = client.get("/en/services/", query)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_demo_directory_in_four_languages(client, locales):
    loaded = load_directory()
    assert len(loaded) >= 15
    assert len(load_directory()) == len(loaded)  # idempotent
    assert Organisation.objects.filter(locale__language_code="tg").count() == len(loaded)
    regions = set(Organisation.objects.values_list("region", flat=True))
    assert {"dushanbe", "sughd", "khatlon", "gbao", "drs", "abroad"} <= regions
    ru = client.get("/ru/services/", {"service": "consulate"}).content.decode()
    assert "Посольство Республики Таджикистан в Российской Федерации" in ru
    tg = client.get("/tg/services/", {"service": "consulate"}).content.decode()
    assert "Сафорати Ҷумҳурии Тоҷикистон дар Федератсияи Россия" in tg
    uz = client.get("/uz/services/", {"service": "consulate"})
    assert uz.status_code == 200 and len(uz.context["entries"]) == 2  # Tajik text, marked
    assert 'lang="tg"' in uz.content.decode()
