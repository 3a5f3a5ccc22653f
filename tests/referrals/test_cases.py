"""Referral cases (issue 19): asking, the counsellor's work in the admin, the
migrant's own view, SMS at each step, the data export and deletion, xAPI."""

from __future__ import annotations

import json
import logging

import pytest
from django.urls import reverse

from accounts.services import account_delete, account_export_data
from referrals import services
from referrals.exceptions import CaseClosed, NoContact, UnknownOrganisation
from referrals.models import Case, CaseAccess, CounsellingSession, Referral
from tests.builders import extra_scripts
from xapi.models import Statement

pytestmark = pytest.mark.django_db

ASK = "/en/services/ask/"
REQUEST = {
    "topic": "legal",
    "details": "My passport was taken",
    "region": "sughd",
    "district": "Khujand",
}


def _case(user=None, **fields):
    data = {"topic": "legal", "region": "sughd", "district": "Khujand", "details": "help"}
    data.update(fields)
    if user is None:
        data.setdefault("phone", "+992935550000")
        data.setdefault("consent_given", True)
    return services.case_request(user=user, **data)


# --- asking ---------------------------------------------------------------------


def test_a_request_with_no_contact_and_no_account_is_refused(client, people):
    response = client.post(ASK, REQUEST)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "leave a phone number" in html
    assert not Case.objects.exists()
    with pytest.raises(NoContact):
        services.case_request(topic="legal", region="sughd")


def test_a_phone_without_consent_is_refused(client, people):
    response = client.post(ASK, {**REQUEST, "phone": "93 555 00 00"})
    assert response.status_code == 400
    assert "Tick this box" in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize("phone", ["12ab", "+992 00", "123"])
def test_a_malformed_phone_is_refused(client, people, phone):
    response = client.post(ASK, {**REQUEST, "phone": phone, "consent": "on"})
    assert response.status_code == 400
    assert "phone" in response.context["form"].errors
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "bad", [{"topic": "magic"}, {"region": "mars"}, {"details": "x" * 1001}, {"topic": ""}]
)
def test_bad_fields_are_refused(client, people, bad):
    response = client.post(ASK, {**REQUEST, "phone": "935550000", "consent": "on", **bad})
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_anonymous_request_with_phone_and_consent(client, people):
    response = client.post(ASK, {**REQUEST, "phone": "93 555 00 00", "consent": "on"})
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.user is None and case.phone == "+992935550000"
    assert "Migrant Resource Centre" in case.consent_text and case.consent_given_at
    assert case.status == Case.Status.NEW and case.language == "en"
    assert f"<strong>{case.pk}</strong>" in response.content.decode()


def test_signed_in_request_uses_the_account(client, people):
    client.force_login(people.migrant)
    page = client.get(ASK).content.decode()
    assert 'name="phone"' not in page  # the account is the contact
    response = client.post(ASK, REQUEST)
    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("referrals:my_case", kwargs={"case_id": case.pk})
    assert case.user == people.migrant and case.phone == "" and case.gender == "female"


def test_requests_are_limited(client, people, settings):
    data = {**REQUEST, "phone": "93 555 00 00", "consent": "on"}
    for _ in range(services.MAX_OPEN_CASES):
        assert client.post(ASK, data).status_code == 200
    response = client.post(ASK, data)  # a fourth open request for the same number
    assert response.status_code == 400
    assert "several requests waiting" in response.content.decode()
    settings.SAFAR_LOGIN_MAX_FAILURES = 3  # the throttle: per number (and per address)
    Case.objects.update(status=Case.Status.CLOSED)
    assert client.post(ASK, data).status_code == 429
    assert Case.objects.count() == services.MAX_OPEN_CASES


# --- the counsellor ---------------------------------------------------------------


def _admin(case):
    return f"/admin/referral-cases/{case.pk}/"


def test_a_counsellor_sees_new_requests_newest_first_and_filters(client, people):
    first = _case(topic="legal")
    second = _case(people.migrant, topic="health", region="khatlon")
    client.force_login(people.counsellor)
    listing = client.get("/admin/referral-cases/")
    assert listing.status_code == 200
    assert [c.pk for c in listing.context["page"]] == [second.pk, first.pk]
    filtered = client.get("/admin/referral-cases/", {"topic": "health", "status": "new"})
    assert [c.pk for c in filtered.context["page"]] == [second.pk]
    assert [
        c.pk for c in client.get("/admin/referral-cases/", {"region": "sughd"}).context["page"]
    ] == [first.pk]
    assert client.get("/admin/referral-cases/", {"status": "lost"}).status_code == 400


def test_every_opening_is_logged_and_shown(client, people):
    case = _case(people.migrant)
    client.force_login(people.counsellor)
    for _ in range(2):
        response = client.get(_admin(case))
        assert response.status_code == 200
    assert CaseAccess.objects.filter(case=case, user=people.counsellor).count() == 2
    html = response.content.decode()
    assert "Who opened this case" in html and html.count("<td>counsellor</td>") == 2
    assert "Full name migrant" in html and "+992935551234" in html


@pytest.mark.parametrize("suffix", ["", "counselling/", "refer/", "close/"])
def test_without_the_permission_a_case_is_404(client, people, suffix):
    case = _case(people.migrant)
    client.force_login(people.editor)  # in the admin, not a counsellor
    method = client.get if not suffix else client.post
    existing = method(_admin(case) + suffix)
    missing = method(f"/admin/referral-cases/{case.pk + 1000}/" + suffix)
    assert existing.status_code == missing.status_code == 404
    assert client.get("/admin/referral-cases/").status_code == 404
    assert client.get("/admin/referral-report/").status_code == 404
    assert not CaseAccess.objects.exists()
    assert Case.objects.get().status == Case.Status.NEW


@pytest.mark.parametrize(
    "url",
    [
        "/admin/referral-cases/abc/",
        "/admin/referral-cases/1.5/",
        "/admin/referral-cases/-1/",
        "/admin/referral-cases/99999999999999999999/",
    ],
)
def test_a_forged_case_id_is_404(client, people, url):
    client.force_login(people.counsellor)
    assert client.get(url).status_code == 404
    assert client.post(url + "close/").status_code == 404


def test_counselling_referral_close(client, people):
    case = _case(people.migrant)
    client.force_login(people.counsellor)
    response = client.post(
        _admin(case) + "counselling/",
        {"mode": "phone", "topic": "legal", "notes": "Explained the passport rules"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.IN_PROGRESS
    session = CounsellingSession.objects.get()
    assert session.counsellor == people.counsellor and session.mode == "phone"
    response = client.post(_admin(case) + "refer/", {"organisation": people.org.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.REFERRED
    assert Referral.objects.get().organisation == people.org
    assert client.post(_admin(case) + "close/").status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and case.closed_by == people.counsellor
    html = client.get(_admin(case)).content.decode()
    assert "Explained the passport rules" in html and people.org.name in html
    assert "Record the session" not in html  # nothing more to record


@pytest.mark.parametrize("organisation", ["999999", "abc", "", "99999999999999999999"])
def test_referring_to_a_missing_organisation_is_refused(client, people, organisation):
    case = _case(people.migrant)
    client.force_login(people.counsellor)
    response = client.post(_admin(case) + "refer/", {"organisation": organisation})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not Referral.objects.exists()
    assert Case.objects.get().status == Case.Status.NEW
    with pytest.raises(UnknownOrganisation):
        services.referral_make(case=case, counsellor=people.counsellor, organisation_id=999999)


@pytest.mark.parametrize("bad", [{"mode": "telepathy"}, {"topic": "magic"}, {"notes": "x" * 2001}])
def test_bad_counselling_is_refused(client, people, bad):
    case = _case(people.migrant)
    client.force_login(people.counsellor)
    data = {"mode": "phone", "topic": "legal", **bad}
    assert client.post(_admin(case) + "counselling/", data).status_code == 400
    assert not CounsellingSession.objects.exists()


def test_a_second_close_is_refused(client, people):
    case = _case(people.migrant)
    client.force_login(people.counsellor)
    assert client.post(_admin(case) + "close/").status_code == 302
    closed_at = Case.objects.get().closed_at
    response = client.post(_admin(case) + "close/")
    assert response.status_code == 400
    assert "This case is closed" in response.content.decode()
    assert Case.objects.get().closed_at == closed_at
    with pytest.raises(CaseClosed):
        services.counselling_record(
            case=case, counsellor=people.counsellor, mode="phone", topic="legal"
        )
    assert client.post(_admin(case) + "refer/", {"organisation": people.org.pk}).status_code == 400
    assert not Referral.objects.exists()


# --- the migrant ----------------------------------------------------------------------


def test_the_migrant_sees_their_cases_and_status(client, people):
    case = _case(people.migrant)
    services.referral_make(case=case, counsellor=people.counsellor, organisation_id=people.org.pk)
    client.force_login(people.migrant)
    listing = client.get("/en/services/my/").content.decode()
    assert f"Request no. {case.pk}" in listing and "Referred" in listing
    page = client.get(f"/en/services/my/{case.pk}/").content.decode()
    assert people.org.name in page and 'href="tel:+992372211111"' in page
    assert 'aria-current="step"' in page and extra_scripts(page) == []
    assert "My referrals" in client.get("/en/learn/").content.decode()  # linked


def test_another_migrants_case_is_404(client, people):
    case = _case(people.other)
    client.force_login(people.migrant)
    assert client.get(f"/en/services/my/{case.pk}/").status_code == 404
    assert client.get(f"/en/services/my/{case.pk + 1000}/").status_code == 404
    assert client.get("/en/services/my/abc/").status_code == 404
    assert f"no. {case.pk}" not in client.get("/en/services/my/").content.decode()
    client.logout()
    assert client.get(f"/en/services/my/{case.pk}/").status_code == 302  # sign in first


# --- SMS at each step ---------------------------------------------------------------


def test_an_sms_at_each_step_in_the_migrants_language(
    client, people, caplog, django_capture_on_commit_callbacks, settings
):
    settings.SAFAR_SMS_BACKEND = "accounts.sms.LogSMSBackend"
    caplog.set_level(logging.INFO, logger="safar.sms")

    def sms():
        return [r.getMessage() for r in caplog.records if r.name == "safar.sms"]

    client.force_login(people.other)  # prefers Russian, reads the English page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ASK, REQUEST)
    case = Case.objects.get()
    assert sms() == [
        f"SMS to +992935559999: Safar: мы получили вашу просьбу о помощи, № {case.pk}. "
        "Консультант Ресурсного центра для мигрантов свяжется с вами."
    ]
    client.force_login(people.counsellor)
    steps = [
        ("counselling/", {"mode": "in_person", "topic": "legal"}),
        ("counselling/", {"mode": "phone", "topic": "legal"}),  # still in progress: no SMS
        ("refer/", {"organisation": people.org.pk}),
        ("close/", {}),
    ]
    for suffix, data in steps:
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(_admin(case) + suffix, data).status_code == 302
    messages = sms()
    assert len(messages) == 4
    assert all(m.startswith("SMS to +992935559999: Safar: ") for m in messages)
    assert "работает" in messages[1]
    assert "Маркази ёрии ҳуқуқӣ" in messages[2] and "+992372211111" in messages[2]
    assert "закрыт" in messages[3]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_admin(case) + "close/")  # refused: no fifth SMS
    assert len(sms()) == 4


def test_an_anonymous_request_gets_its_sms(
    client, people, caplog, django_capture_on_commit_callbacks, settings
):
    settings.SAFAR_SMS_BACKEND = "accounts.sms.LogSMSBackend"
    caplog.set_level(logging.INFO, logger="safar.sms")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/tg/services/ask/", {**REQUEST, "phone": "935550000", "consent": "on"})
    (message,) = [r.getMessage() for r in caplog.records if r.name == "safar.sms"]
    assert message.startswith("SMS to +992935550000: Safar: ")
    assert "дархост" in message  # Tajik, the language the request was made in


# --- xAPI -------------------------------------------------------------------------------


def test_counselling_and_referral_are_statements(people):
    case = _case(people.migrant)
    anonymous = _case()
    services.counselling_record(
        case=case, counsellor=people.counsellor, mode="online", topic="legal", notes="secret"
    )
    services.referral_make(case=case, counsellor=people.counsellor, organisation_id=people.org.pk)
    services.counselling_record(
        case=anonymous, counsellor=people.counsellor, mode="phone", topic="legal"
    )
    rows = list(Statement.objects.order_by("seq"))
    assert [r.verb_id for r in rows] == [
        "http://adlnet.gov/expapi/verbs/attended",
        "http://activitystrea.ms/schema/1.0/receive",
        "http://adlnet.gov/expapi/verbs/attended",
    ]
    first, second, third = (r.data for r in rows)
    text = json.dumps([first, second, third], ensure_ascii=False)
    assert "secret" not in text and "+992" not in text  # no notes, no phone
    assert first["object"]["definition"]["type"].endswith(
        "/xapi/activity-types/counselling-session"
    )
    assert second["object"]["definition"]["type"].endswith("/xapi/activity-types/referral")
    assert first["context"]["registration"] == str(case.uuid)
    assert first["context"]["instructor"]["account"]
    assert third["actor"]["account"]["name"] == f"referral-case-{anonymous.uuid}"


# --- privacy ----------------------------------------------------------------------------


def test_the_data_export_contains_the_case(client, people):
    case = _case(people.migrant, details="My passport was taken")
    services.counselling_record(
        case=case, counsellor=people.counsellor, mode="phone", topic="legal", notes="Advised"
    )
    data = account_export_data(user=people.migrant)
    (exported,) = data["referral_cases"]
    assert exported["number"] == case.pk and exported["details"] == "My passport was taken"
    assert exported["counselling"][0]["outcome"] == "Advised"
    client.force_login(people.migrant)
    download = json.loads(client.get("/en/accounts/profile/export/").content)
    assert download["referral_cases"][0]["topic"] == "legal"
    assert account_export_data(user=people.other)["referral_cases"] == []


def test_deleting_the_account_anonymises_its_cases(people):
    case = _case(people.migrant, details="My passport was taken")
    services.counselling_record(
        case=case, counsellor=people.counsellor, mode="phone", topic="legal", notes="Advised"
    )
    services.referral_make(
        case=case, counsellor=people.counsellor, organisation_id=people.org.pk, note="Call Monday"
    )
    others = _case(people.other, details="Keep me")
    account_delete(user=people.migrant)
    case.refresh_from_db()
    assert case.details == "" and case.district == "" and case.phone == ""
    assert case.anonymised_at is not None
    assert CounsellingSession.objects.get(case=case).notes == ""
    assert Referral.objects.get(case=case).note == ""
    # the counts stay
    assert (case.topic, case.region, case.gender, case.status) == (
        "legal",
        "sughd",
        "female",
        "referred",
    )
    others.refresh_from_db()
    assert others.details == "Keep me"


# --- demo -------------------------------------------------------------------------------


def test_the_demo_case_goes_from_request_to_closed(client, django_capture_on_commit_callbacks):
    from accounts.demo import DEMO_PASSWORD, load_accounts
    from referrals.demo import load_cases, load_directory

    for code in ("tg", "ru", "uz", "en"):
        from wagtail.models import Locale

        Locale.objects.get_or_create(language_code=code)
    with django_capture_on_commit_callbacks(execute=True):
        load_accounts()
        load_directory()
        case = load_cases()
    assert case.status == Case.Status.CLOSED and case.user.username == "migrant"
    assert case.sessions.count() == 1 and case.referrals.count() == 1
    assert case.accesses.filter(user__username="counsellor").exists()
    assert load_cases() == case and Case.objects.count() == 1  # idempotent
    assert client.login(username="counsellor", password=DEMO_PASSWORD)
    assert client.get(f"/admin/referral-cases/{case.pk}/").status_code == 200
    assert client.login(username="migrant", password=DEMO_PASSWORD)
    page = client.get(f"/tg/services/my/{case.pk}/").content.decode()
    assert "Маркази таълими калонсолон, филиали Бохтар" in page


def test_the_menu_shows_cases_to_counsellors_only(client, people):
    client.force_login(people.counsellor)
    html = client.get("/admin/").content.decode()
    assert "/admin/referral-cases/" in html and "/admin/referral-report/" in html
    client.force_login(people.editor)
    html = client.get("/admin/").content.decode()
    assert "/admin/referral-cases/" not in html and "/admin/referral-report/" not in html
