"""Sign-in and sign-up limits (accounts/throttle.py): the client address behind
trusted proxies, one counter per account however it is spelled, the admins'
sign-in pages, the sign-up limit and oversized passwords."""

import re

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.sms import MemorySMSBackend

from .test_accounts_flow import PASSWORD, signup_data

pytestmark = pytest.mark.django_db

PHONE = "+992935551234"
LOGIN = "/en/accounts/login/"


@pytest.fixture
def learner(client):
    client.post(reverse("accounts:signup"), signup_data())
    client.logout()
    return User.objects.get(phone=PHONE)


def sign_in(client, identifier, password, **extra):
    return client.post(LOGIN, {"identifier": identifier, "password": password}, **extra)


# --- The client address ---------------------------------------------------------


def test_behind_a_trusted_proxy_one_client_does_not_lock_out_the_others(client, learner, settings):
    settings.SAFAR_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}  # nginx: every request comes from it
    for n in range(settings.SAFAR_LOGIN_MAX_FAILURES * 5):
        sign_in(client, f"nobody-{n}", "wrong", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    # The attacker's address is locked out, even for an identifier it never tried...
    assert (
        sign_in(
            client, "someone-else", "x", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy
        ).status_code
        == 429
    )
    # ...but a learner at another address signs in.
    response = sign_in(client, PHONE, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert response.status_code == 302


def test_without_trusted_proxies_a_forged_forwarded_header_changes_nothing(
    client, learner, settings
):
    assert settings.SAFAR_TRUSTED_PROXY_COUNT == 0
    for n in range(settings.SAFAR_LOGIN_MAX_FAILURES * 5):
        sign_in(client, f"nobody-{n}", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert sign_in(client, PHONE, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429


@pytest.mark.parametrize(
    ("forwarded", "proxies", "expected"),
    [
        ("", 1, "10.0.0.2"),  # did not come through the proxy
        ("198.51.100.7", 1, "198.51.100.7"),
        ("6.6.6.6, 198.51.100.7", 1, "198.51.100.7"),  # the client wrote 6.6.6.6 itself
        ("6.6.6.6, 198.51.100.7, 10.0.0.1", 2, "198.51.100.7"),
        ("not-an-address", 1, "10.0.0.2"),
    ],
)
def test_client_address(rf, settings, forwarded, proxies, expected):
    from core.http import client_ip

    settings.SAFAR_TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


# --- One counter per account ----------------------------------------------------------


def test_one_phone_spelled_many_ways_counts_once(client, learner, settings):
    spellings = ["+992935551234", "992935551234", "0935551234", "93 555 12 34", "+992 93 555 12 34"]
    assert len(spellings) == settings.SAFAR_LOGIN_MAX_FAILURES
    for spelling in spellings:
        assert sign_in(client, spelling, "wrong").status_code == 200
    for spelling in spellings:
        assert sign_in(client, spelling, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_username_email_and_phone_of_one_account_share_a_counter(client, settings):
    settings.SAFAR_LOGIN_MAX_FAILURES = 2
    client.post(reverse("accounts:signup"), signup_data(contact="nigora@example.org"))
    client.logout()
    user = User.objects.get(email="nigora@example.org")
    sign_in(client, user.username, "wrong")
    sign_in(client, "NIGORA@example.org", "wrong")
    assert sign_in(client, "nigora@example.org", PASSWORD).status_code == 429


def test_a_good_sign_in_forgets_the_accounts_failures(client, learner, settings):
    for _ in range(settings.SAFAR_LOGIN_MAX_FAILURES - 1):
        sign_in(client, PHONE, "wrong")
    assert sign_in(client, PHONE, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.SAFAR_LOGIN_MAX_FAILURES - 1):
        sign_in(client, PHONE, "wrong")
    assert sign_in(client, PHONE, PASSWORD).status_code == 302


# --- The admins' sign-in pages --------------------------------------------------------


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_admin_sign_in_pages_have_the_same_lockout(client, admin_user, settings, url):
    for _ in range(settings.SAFAR_LOGIN_MAX_FAILURES):
        response = client.post(url, {"username": admin_user.username, "password": "wrong"})
        assert response.status_code == 200
    response = client.post(url, {"username": admin_user.username, "password": "password"})
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_on_the_learner_page_count_on_the_admin_page(client, admin_user, settings):
    for _ in range(settings.SAFAR_LOGIN_MAX_FAILURES):
        sign_in(client, admin_user.email, "wrong")
    response = client.post(
        "/admin/login/", {"username": admin_user.username, "password": "password"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


# --- Sign-up -------------------------------------------------------------------------


def test_sign_up_is_limited_per_address(client, settings):
    settings.SAFAR_SIGNUP_MAX_PER_HOUR = 3
    url = reverse("accounts:signup")
    for n in range(3):
        response = client.post(url, signup_data(contact=f"learner{n}@example.org"))
        assert response.status_code == 302
        client.logout()
    response = client.post(url, signup_data(contact="learner9@example.org"))
    assert response.status_code == 429
    assert "Too many accounts" in response.content.decode()
    assert not User.objects.filter(email="learner9@example.org").exists()
    staff = client.post(reverse("accounts:signup_staff"), signup_data(contact="s@example.org"))
    assert staff.status_code == 429
    # Another address is not affected.
    response = client.post(url, signup_data(contact="learner9@example.org"), REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 302


# --- Oversized passwords are refused before hashing -------------------------------------

HUGE = "п" * 2049  # 4,098 bytes in UTF-8, 2,049 characters


@pytest.fixture
def hashed(monkeypatch):
    """Every password the (test) hasher is given."""
    seen = []
    original = MD5PasswordHasher.encode

    def encode(self, password, salt):
        seen.append(password)
        return original(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", encode)
    return seen


def _email_reset_form(client):
    client.post(reverse("accounts:signup"), signup_data(contact="nigora@example.org"))
    client.logout()
    client.post(reverse("accounts:password_reset"), {"email": "nigora@example.org"})
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    response = client.get(link.split("testserver", 1)[1], follow=True)
    return response.redirect_chain[-1][0], {"new_password1": HUGE, "new_password2": HUGE}


def _sms_reset_form(client, settings):
    settings.SAFAR_SMS_BACKEND = "accounts.sms.MemorySMSBackend"
    MemorySMSBackend.outbox.clear()
    client.post(reverse("accounts:signup"), signup_data())
    client.logout()
    client.post(reverse("accounts:sms_reset_start"), {"phone": PHONE})
    code = re.search(r"\d{6}", MemorySMSBackend.outbox[-1][1]).group(0)
    return reverse("accounts:sms_reset_confirm"), {
        "phone": PHONE,
        "code": code,
        "new_password": HUGE,
    }


@pytest.mark.parametrize(
    "form", ["login", "signup", "email-reset", "sms-reset", "admin-login", "django-admin-login"]
)
def test_oversized_passwords_are_refused_before_hashing(client, admin_user, settings, hashed, form):
    if form == "login":
        url, data = LOGIN, {"identifier": admin_user.username, "password": HUGE}
    elif form == "signup":
        url, data = reverse("accounts:signup"), signup_data(password1=HUGE, password2=HUGE)
    elif form == "email-reset":
        url, data = _email_reset_form(client)
    elif form == "sms-reset":
        url, data = _sms_reset_form(client, settings)
    else:
        url = "/admin/login/" if form == "admin-login" else "/django-admin/login/"
        data = {"username": admin_user.username, "password": HUGE}
    response = client.post(url, data)
    assert response.status_code in (200, 400), response.status_code
    assert HUGE not in hashed
    assert "_auth_user_id" not in client.session
    if form == "signup":
        assert not User.objects.filter(phone=PHONE).exists()


def _form_values(html: str, form_id: str | None = None) -> dict:
    """The values a browser would send from the page's form (text, hidden,
    checked boxes and radios, selected options)."""
    from html.parser import HTMLParser

    class Form(HTMLParser):
        def __init__(self):
            super().__init__()
            self.values, self.inside, self.select = {}, form_id is None, None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "form" and form_id is not None:
                self.inside = a.get("id") == form_id
            if not self.inside or "name" not in a and tag != "option":
                return
            if tag == "input":
                kind = a.get("type", "text")
                if kind in ("checkbox", "radio") and "checked" not in a:
                    return
                if kind not in ("submit", "button", "file"):
                    self.values[a["name"]] = a.get("value", "on" if kind == "checkbox" else "")
            elif tag == "select":
                self.select = a["name"]
                self.values.pop(self.select, None)
            elif tag == "option" and self.select:
                if "selected" in a or self.select not in self.values:  # else the first
                    self.values[self.select] = a.get("value", "")
            elif tag == "textarea":
                self.values[a["name"]] = ""

        def handle_endtag(self, tag):
            if tag == "select":
                self.select = None

    parser = Form()
    parser.feed(html)
    return parser.values


@pytest.mark.parametrize("form", ["wagtail-account", "django-admin-password-change"])
def test_an_oversized_old_password_is_refused_before_hashing(client, admin_user, hashed, form):
    """The old-password field of a password change is checked through
    User.check_password, which refuses an oversized password unhashed."""
    client.force_login(admin_user)
    if form == "wagtail-account":
        url = "/admin/account/"
        data = _form_values(client.get(url).text)
        data.update(
            {
                "name_email-first_name": "Admin",  # required by Wagtail's form
                "name_email-last_name": "MRC",
                "password-old_password": HUGE,
                "password-new_password1": "Ғ-new-password-2026",
                "password-new_password2": "Ғ-new-password-2026",
            }
        )
    else:
        url = "/django-admin/password_change/"
        data = {
            "old_password": HUGE,
            "new_password1": "Ғ-new-password-2026",
            "new_password2": "Ғ-new-password-2026",
        }
    response = client.post(url, data)
    assert response.status_code == 200, response.status_code  # the form, with its error
    assert "old_password" in response.text
    assert HUGE not in hashed
    admin_user.refresh_from_db()
    assert admin_user.check_password("password")  # unchanged
    # the same form with the right old password does change it (the test can fail)
    data[("password-" if form == "wagtail-account" else "") + "old_password"] = "password"
    client.post(url, data)
    admin_user.refresh_from_db()
    assert admin_user.check_password("Ғ-new-password-2026")
