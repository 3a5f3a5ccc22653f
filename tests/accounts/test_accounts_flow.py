"""Sign-up, sign-in by phone or e-mail, lockout, SMS reset, export and deletion."""

import json
import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts import services
from accounts.models import ConsentRecord, LearnerProfile, StaffProfile, User
from accounts.sms import MemorySMSBackend

pytestmark = pytest.mark.django_db

PASSWORD = "kuhi-pomir-2027"


def signup_data(**overrides):
    data = {
        "contact": "93 555 12 34",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "full_name": "Ҷамшед  Қодиров Ғуломович",
        "gender": "male",
        "birth_year": "1996",
        "region": "khatlon",
        "district": "Бохтар",
        "destination": "RU",
        "consent": "on",
    }
    data.update(overrides)
    return data


def register_staff(*, email, full_name):
    return services.user_register(
        email=email,
        password=PASSWORD,
        full_name=full_name,
        gender="female",
        birth_year=1990,
        region="sughd",
        district="Хуҷанд",
        destination="undecided",
        preferred_language="tg",
        consent_given=True,
        organisation="Migration Service",
        position="Counsellor",
    )


@pytest.fixture(autouse=True)
def _sms_outbox(settings):
    settings.SAFAR_SMS_BACKEND = "accounts.sms.MemorySMSBackend"
    MemorySMSBackend.outbox.clear()
    yield MemorySMSBackend.outbox


def test_signup_by_phone_creates_profile_and_consent_and_signs_in(client):
    response = client.post(reverse("accounts:signup"), signup_data())
    assert response.status_code == 302
    user = User.objects.get(phone="+992935551234")
    assert user.account_type == User.AccountType.MIGRANT
    assert user.learner_profile.full_name == "Ҷамшед Қодиров Ғуломович"  # spaces collapsed
    consent = ConsentRecord.objects.get(user=user)
    assert consent.version and "Migrant Resource Centre" in consent.text or consent.text
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_signup_page_is_in_the_learners_language(client):
    response = client.get("/tg/accounts/signup/")
    assert response.status_code == 200
    assert '<html lang="tg">' in response.content.decode()


def test_signup_without_consent_creates_nothing(client):
    data = signup_data()
    del data["consent"]
    response = client.post(reverse("accounts:signup"), data)
    assert response.status_code == 200
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("contact", "12"),
        ("contact", "not-an-email@"),
        ("birth_year", "1850"),
        ("password2", "something-else-entirely"),
        ("password1", "123"),
        ("region", "moscow"),
        ("full_name", "J"),
    ],
)
def test_signup_rejects_bad_input_and_writes_nothing(client, field, value):
    response = client.post(reverse("accounts:signup"), signup_data(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not User.objects.exists()
    assert not LearnerProfile.objects.exists()


def test_second_signup_with_the_same_phone_or_email_is_refused(client):
    client.post(reverse("accounts:signup"), signup_data())
    client.logout()
    response = client.post(reverse("accounts:signup"), signup_data(contact="+992935551234"))
    assert "already exists" in str(response.context["form"].errors)
    client.post(reverse("accounts:signup"), signup_data(contact="Nigora@Example.org"))
    client.logout()
    response = client.post(reverse("accounts:signup"), signup_data(contact="nigora@example.org"))
    assert "already exists" in str(response.context["form"].errors)
    assert User.objects.count() == 2


@pytest.mark.parametrize("identifier", ["93 555 12 34", "+992935551234", "00992935551234"])
def test_sign_in_with_phone_in_any_usual_form(client, identifier):
    client.post(reverse("accounts:signup"), signup_data())
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"identifier": identifier, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_sign_in_with_email_ignores_case(client):
    client.post(reverse("accounts:signup"), signup_data(contact="nigora@example.org"))
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"identifier": "NIGORA@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_lockout_after_repeated_failures(client, settings):
    settings.SAFAR_LOGIN_MAX_FAILURES = 3
    client.post(reverse("accounts:signup"), signup_data())
    client.logout()
    url = reverse("accounts:login")
    for _ in range(3):
        response = client.post(url, {"identifier": "+992935551234", "password": "wrong"})
        assert response.status_code == 200
        assert "not right" in response.content.decode()
    # Even the right password is refused while locked out.
    response = client.post(url, {"identifier": "+992935551234", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_redirect_refuses_other_hosts(client):
    client.post(reverse("accounts:signup"), signup_data())
    client.logout()
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"identifier": "+992935551234", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/"  # home, in the language being read


def test_sign_in_returns_to_the_language_the_learner_reads(client):
    client.post(reverse("accounts:signup"), signup_data())
    client.logout()
    response = client.post(
        "/tg/accounts/login/", {"identifier": "+992935551234", "password": PASSWORD}
    )
    assert response["Location"] == "/tg/"


def test_password_reset_by_sms(client, _sms_outbox):
    client.post(reverse("accounts:signup"), signup_data())
    client.logout()
    response = client.post(reverse("accounts:sms_reset_start"), {"phone": "93 555 12 34"})
    assert response.status_code == 302
    phone, text = _sms_outbox[-1]
    assert phone == "+992935551234"
    code = re.search(r"\b(\d{6})\b", text).group(1)
    confirm = reverse("accounts:sms_reset_confirm")
    wrong = "000000" if code != "000000" else "111111"
    response = client.post(
        confirm, {"phone": phone, "code": wrong, "new_password": "nav-parol-2027"}
    )
    assert "not right" in response.content.decode()
    response = client.post(
        confirm, {"phone": phone, "code": code, "new_password": "nav-parol-2027"}
    )
    assert response.status_code == 302
    assert client.login(username="+992935551234", password="nav-parol-2027")
    # A used code does not work twice.
    client.logout()
    response = client.post(confirm, {"phone": phone, "code": code, "new_password": "x-y-z-2027-q"})
    assert "expired" in response.content.decode()


def test_sms_reset_for_unknown_number_says_the_same_and_sends_nothing(client, _sms_outbox):
    response = client.post(reverse("accounts:sms_reset_start"), {"phone": "+992931112233"})
    assert response.status_code == 302
    assert _sms_outbox == []


def test_password_reset_by_email(client, settings):
    client.post(reverse("accounts:signup"), signup_data(contact="nigora@example.org"))
    client.logout()
    settings.SITE_URL = "https://safar.example.org"
    client.post(reverse("accounts:password_reset"), {"email": "nigora@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    assert link.startswith("https://safar.example.org/")  # SAFAR_SITE_URL, not the request's host
    path = link.split("safar.example.org", 1)[1]
    response = client.get(path, follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "nav-parol-2027", "new_password2": "nav-parol-2027"},
    )
    assert response.status_code == 302
    assert client.login(username="nigora@example.org", password="nav-parol-2027")


def test_export_contains_everything_about_me_and_nothing_else(client):
    client.post(reverse("accounts:signup"), signup_data())
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["phone"] == "+992935551234"
    assert data["profile"]["full_name"] == "Ҷамшед Қодиров Ғуломович"
    assert len(data["consents"]) == 1


def test_export_needs_sign_in(client):
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_delete_erases_the_person_and_keeps_the_row(client):
    client.post(reverse("accounts:signup"), signup_data())
    user = User.objects.get()
    response = client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert response.status_code == 200
    assert User.objects.get().is_active
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.is_active, user.phone, user.email) == (False, None, "")
    assert user.username == f"deleted-{user.pk}"
    assert not LearnerProfile.objects.filter(user=user).exists()
    assert ConsentRecord.objects.get(user=user).withdrawn_at is not None
    assert not client.login(username="+992935551234", password=PASSWORD)


def test_staff_signup_is_unverified_until_an_administrator_verifies(client, admin_user):
    data = signup_data(
        contact="staff@migration.tj",
        organisation="Migration Service",
        position="Inspector",
        destination="undecided",
    )
    response = client.post(reverse("accounts:signup_staff"), data)
    assert response.status_code == 302
    user = User.objects.get(email="staff@migration.tj")
    assert user.account_type == User.AccountType.STAFF
    assert not user.is_verified_staff
    services.staff_verify(profile=user.staff_profile, verified_by=admin_user)
    user = User.objects.get(pk=user.pk)
    assert user.is_verified_staff
    first = user.staff_profile.verified_at
    services.staff_verify(profile=user.staff_profile, verified_by=admin_user)
    assert StaffProfile.objects.get(user=user).verified_at == first


def test_staff_signup_requires_an_organisation(client):
    response = client.post(reverse("accounts:signup_staff"), signup_data(position="Inspector"))
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors


def test_admin_verifies_staff_with_the_admin_action(client, admin_user):
    user = register_staff(email="s2@migration.tj", full_name="Фарҳод Саидов")
    client.force_login(admin_user)
    response = client.post(
        "/django-admin/accounts/staffprofile/",
        {"action": "verify", "_selected_action": [user.staff_profile.pk]},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).is_verified_staff


def test_staff_verification_in_the_wagtail_admin(client, admin_user):
    user = register_staff(email="s3@migration.tj", full_name="Зарина Ғафурова")
    client.force_login(admin_user)
    page = client.get(reverse("accounts_staff_verification"))
    assert page.status_code == 200
    assert "Зарина Ғафурова" in page.content.decode()
    response = client.post(reverse("accounts_staff_verify", args=[user.staff_profile.pk]))
    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).is_verified_staff
    client.post(
        reverse("accounts_staff_verify", args=[user.staff_profile.pk]), {"decision": "withdraw"}
    )
    assert not User.objects.get(pk=user.pk).is_verified_staff


def test_staff_verification_needs_the_permission(client):
    author = User.objects.create_user(username="author", password=PASSWORD, is_staff=True)
    client.force_login(author)
    assert client.get(reverse("accounts_staff_verification")).status_code in (302, 403)
    assert client.post(reverse("accounts_staff_verify", args=[999])).status_code in (302, 403)


def test_verifying_an_unknown_profile_is_404(client, admin_user):
    client.force_login(admin_user)
    assert client.post(reverse("accounts_staff_verify", args=[999])).status_code == 404


def test_sign_up_preselects_no_region_or_destination(client):
    """A pre-selected region or country would skew the reports: "choose" first,
    and the form says so when it is left."""
    from bs4 import BeautifulSoup

    for url in ("/en/accounts/signup/", "/en/accounts/signup/staff/"):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        for name in ("region", "destination"):
            select = page.find("select", attrs={"name": name})
            assert select.find("option")["value"] == "", (url, name)
            assert "choose" in select.find("option").text
            chosen = select.find_all("option", selected=True)
            assert [o["value"] for o in chosen] in ([], [""]), (url, name)
    response = client.post(reverse("accounts:signup"), signup_data(region="", destination=""))
    assert response.status_code == 200 and not User.objects.exists()


def test_staff_sign_up_asks_consent_last_and_the_profile_names_the_organisation_in_tajik(
    client,
):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/tg/accounts/signup/staff/").content, "html.parser")
    names = [
        f["name"] for f in page.select("form.form [name]") if f["name"] != "csrfmiddlewaretoken"
    ]
    assert names.index("organisation") < names.index("position") < names.index("consent")
    assert names[-1] == "consent"
    data = signup_data(
        contact="inspector@example.org", organisation="Migration Service", position="Inspector"
    )
    client.post("/tg/accounts/signup/staff/", data)
    profile = BeautifulSoup(client.get("/tg/accounts/profile/").content, "html.parser")
    text = profile.select_one(".staff-status").text
    assert "Migration Service" not in text and "Inspector" in text
