import pytest

from certificates import codes, services
from certificates.models import Certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(people, courses, templates, complete):
    return services.certificate_issue(enrollment=complete(people.migrant, courses.orientation))


def test_verify_form_works_without_javascript(client):
    response = client.get("/verify/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="get" action="/verify/"' in html
    assert "<script" not in html and "style=" not in html
    assert len(response.content) < 8000


def test_typed_code_redirects_to_its_page(client, issued):
    typed = issued.display_code.lower().replace("-", " ")
    response = client.get("/verify/", {"code": typed})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/verify/{issued.code}"


def test_valid_certificate_page(client, issued):
    response = client.get(f"/verify/{issued.code}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Valid certificate" in html
    assert "Ҷамшед Қ. Ғ." in html
    assert "Қодиров" not in html and "Ғуломович" not in html  # the name is masked
    assert issued.serial in html and issued.course_title in html
    assert "Pre-departure orientation" in html  # the track
    assert issued.credential_jwt in html  # the Open Badges credential, embedded
    assert "<script" not in html and "style=" not in html
    assert len(response.content) < 12000


def test_grouped_code_in_the_url_works_too(client, issued):
    assert client.get(f"/verify/{issued.display_code}").status_code == 200


def test_verify_page_in_tajik(client, issued):
    response = client.get(f"/verify/{issued.code}?lang=tg")
    assert response.headers["Content-Language"] == "tg"
    assert '<html lang="tg">' in response.content.decode()


def test_revoked_certificate_page(client, people, issued):
    from django.utils import timezone
    from django.utils.dateformat import format as date_format

    revoked = services.certificate_revoke(
        certificate=issued, actor=people.admin, reason="Forged documents"
    )
    html = client.get(f"/verify/{issued.code}").content.decode()
    assert "Revoked certificate" in html
    # The public page says that and when, not why: the reason stays internal.
    assert "Forged documents" not in html
    assert "Reason" not in html
    revoked.refresh_from_db()
    assert revoked.revocation_reason == "Forged documents"
    day = date_format(timezone.localtime(revoked.revoked_at), "j.m.Y")
    assert f"Revoked on {day}." in html


def test_replaced_certificate_points_to_the_new_one(client, people, issued):
    new = services.certificate_reissue(
        certificate=issued,
        actor=people.admin,
        reason="Name corrected",
        holder_name="Ҷамшед Қодиров",
    )
    html = client.get(f"/verify/{issued.code}").content.decode()
    assert "Revoked certificate" in html and "Replaced by" in html
    assert f'href="/verify/{new.code}"' in html


def test_expired_certificate_page(client, people, courses, templates, complete):
    from datetime import timedelta

    from django.utils import timezone

    certificate = services.certificate_issue(enrollment=complete(people.staff, courses.trainer))
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    html = client.get(f"/verify/{certificate.code}").content.decode()
    assert "Expired certificate" in html


def test_unknown_code(client, issued):
    data = codes.new_code()[:-1]
    unknown = data + codes.check_character(data)
    response = client.get(f"/verify/{unknown}")
    assert response.status_code == 404
    assert "Unknown code" in response.content.decode()


@pytest.mark.parametrize("typed", ["hello", "ABCD-EFGH", "%3Cscript%3E", "0" * 30])
def test_malformed_code(client, typed):
    response = client.get(f"/verify/{typed}")
    assert response.status_code == 400
    assert "This is not a valid code" in response.content.decode()


def test_a_typo_is_reported_as_malformed(client, issued):
    code = issued.code
    typo = code[:3] + ("A" if code[3] != "A" else "B") + code[4:]
    response = client.get("/verify/", {"code": typo})
    assert response.status_code == 400
    assert "typo" in response.content.decode()


def test_verify_is_rate_limited(client, settings, issued):
    settings.SAFAR_VERIFY_RATE_PER_MINUTE = 5
    statuses = [client.get(f"/verify/{issued.code}").status_code for _ in range(7)]
    assert statuses == [200] * 5 + [429] * 2
    response = client.get(f"/verify/{issued.code}")
    assert "Too many checks" in response.content.decode()
    assert response.headers["Retry-After"] == "60"
    # Another address is not affected.
    assert client.get(f"/verify/{issued.code}", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_learner_downloads_own_certificate(client, people, issued):
    client.force_login(people.migrant)
    response = client.get(f"/certificates/{issued.uuid}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_someone_elses_certificate_is_404(client, people, issued):
    client.force_login(people.other)
    assert client.get(f"/certificates/{issued.uuid}/pdf").status_code == 404
    assert client.get("/certificates/00000000-0000-0000-0000-000000000000/pdf").status_code == 404


def test_anonymous_download_goes_to_sign_in(client, issued):
    response = client.get(f"/certificates/{issued.uuid}/pdf")
    assert response.status_code == 302 and "login" in response.headers["Location"]


def test_trainer_certificate_is_behind_the_wall(client, people, courses, templates, complete):
    certificate = services.certificate_issue(enrollment=complete(people.staff, courses.trainer))
    client.force_login(people.migrant)
    assert client.get(f"/certificates/{certificate.uuid}/pdf").status_code == 404
    client.force_login(people.staff)
    assert client.get(f"/certificates/{certificate.uuid}/pdf").status_code == 200


def test_certificate_files_are_not_served_from_media(client, people, issued):
    client.force_login(people.migrant)
    assert client.get(f"/media/{issued.pdf.name}").status_code == 404


def test_my_courses_links_the_certificate(client, people, issued):
    client.force_login(people.migrant)
    html = client.get("/en/learn/").content.decode()
    assert f"/certificates/{issued.uuid}/pdf" in html


def test_credential_json_download(client, issued):
    response = client.get(f"/verify/{issued.code}/credential.json")
    assert response.status_code == 200
    data = response.json()
    assert data["credential"] == issued.credential_jwt
    vc = data["verifiableCredential"]
    assert "OpenBadgeCredential" in vc["type"]
    assert "Ҷамшед" not in response.content.decode()  # only a salted hash of the name
    assert client.get(f"/verify/{codes.normalise('0' * 17)}/credential.json").status_code == 404


def test_admin_revokes_from_the_admin_screen(client, people, issued):
    client.force_login(people.admin)
    url = f"/admin/certificates/{issued.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "revoke", "revoke-reason": ""})
    assert response.status_code == 400
    issued.refresh_from_db()
    assert issued.status == "awarded"
    response = client.post(url, {"action": "revoke", "revoke-reason": "Fraud found"})
    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.status == "revoked"


def test_admin_screens_need_the_permission(client, people, issued):
    client.force_login(people.migrant)
    response = client.get(f"/admin/certificates/{issued.pk}/")
    assert response.status_code in (302, 403)


def test_admin_reissues_with_a_new_name(client, people, issued):
    client.force_login(people.admin)
    response = client.post(
        f"/admin/certificates/{issued.pk}/",
        {
            "action": "reissue",
            "reissue-reason": "Passport spelling",
            "reissue-holder_name": "Jamshed Qodirov",
        },
    )
    assert response.status_code == 302
    new = Certificate.objects.get(is_current=True)
    assert new.holder_name == "Jamshed Qodirov" and new.replaces_id == issued.pk


def test_template_preview(client, people, templates):
    client.force_login(people.admin)
    response = client.get(f"/admin/certificates/templates/{templates['trainer'].pk}/preview.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_cohort_zip_download(client, people, courses, templates, complete):
    from courses.models import Cohort

    cohort = Cohort.objects.create(
        name="Khujand", course=courses.trainer, start_date="2027-03-01", end_date="2027-03-31"
    )
    cohort.members.add(people.staff)
    services.certificate_issue(enrollment=complete(people.staff, courses.trainer))
    client.force_login(people.admin)
    response = client.get(f"/admin/certificates/cohorts/{cohort.pk}.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"


def test_mrc_editors_may_edit_templates_and_preview(client, templates):
    from django.contrib.auth.models import Group

    from accounts.models import User

    editor = User.objects.create_user("editor1", password="x-pass-2027", is_staff=True)
    editor.groups.add(Group.objects.get(name="MRC editors"))
    client.force_login(editor)
    template = templates["orientation"]
    assert (
        client.get(
            f"/admin/snippets/certificates/certificatetemplate/edit/{template.pk}/"
        ).status_code
        == 200
    )
    response = client.get(f"/admin/certificates/templates/{template.pk}/preview.pdf")
    assert response.status_code == 200
    # ...but not revoke certificates.
    assert client.get("/admin/certificates/").status_code in (302, 403)


def test_template_edit_normalises_an_uploaded_background(client, people, templates):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from certificates.images import BACKGROUND_MAX_BYTES, BACKGROUND_SIZE

    big = io.BytesIO()
    Image.effect_noise((3000, 2000), 60).convert("RGB").save(big, "PNG")
    template = templates["orientation"]
    signatories = list(template.signatories.all())
    data = {
        "name": template.name,
        "key": template.key,
        "track": template.track,
        "serial_code": template.serial_code,
        "languages": "tg, en",
        "validity_months": "",
        "issuer_tg": template.issuer_tg,
        "issuer_ru": template.issuer_ru,
        "issuer_uz": template.issuer_uz,
        "issuer_en": template.issuer_en,
        "background": SimpleUploadedFile("scan.png", big.getvalue(), content_type="image/png"),
        "signatories-TOTAL_FORMS": str(len(signatories)),
        "signatories-INITIAL_FORMS": str(len(signatories)),
        "signatories-MIN_NUM_FORMS": "0",
        "signatories-MAX_NUM_FORMS": "3",
    }
    for n, person in enumerate(signatories):
        data.update(
            {
                f"signatories-{n}-id": str(person.pk),
                f"signatories-{n}-ORDER": str(n + 1),
                f"signatories-{n}-DELETE": "",
                f"signatories-{n}-name": person.name,
                f"signatories-{n}-title_tg": person.title_tg,
                f"signatories-{n}-title_ru": person.title_ru,
                f"signatories-{n}-title_uz": person.title_uz,
                f"signatories-{n}-title_en": person.title_en,
            }
        )
    client.force_login(people.admin)
    url = f"/admin/snippets/certificates/certificatetemplate/edit/{template.pk}/"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    template.refresh_from_db()
    assert template.languages == "tg,en"
    with template.background.open("rb") as handle:
        stored = handle.read()
    image = Image.open(io.BytesIO(stored))
    assert image.size == BACKGROUND_SIZE and image.format == "JPEG"
    assert len(stored) <= BACKGROUND_MAX_BYTES
    # A file that is not an image is refused with a message, and nothing changes.
    data["background"] = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    data["languages"] = "tg"
    response = client.post(url, data)
    assert response.status_code == 200
    template.refresh_from_db()
    assert template.languages == "tg,en"


def test_template_listing_offers_the_sample_preview(client, people, templates):
    client.force_login(people.admin)
    html = client.get("/admin/snippets/certificates/certificatetemplate/").content.decode()
    assert f"/admin/certificates/templates/{templates['trainer'].pk}/preview.pdf" in html


def test_language_parameter_is_checked(client, issued):
    response = client.get("/verify/", {"code": issued.code, "lang": "xx\r\nSet-Cookie: a=b"})
    assert response.headers["Location"] == f"/verify/{issued.code}"
    response = client.get("/verify/", {"code": issued.code, "lang": "ru"})
    assert response.headers["Location"] == f"/verify/{issued.code}?lang=ru"


def test_django_admin_shows_certificates_read_only(client, people, issued):
    client.force_login(people.admin)
    assert (
        client.get(f"/django-admin/certificates/certificate/{issued.pk}/change/").status_code == 200
    )
    assert (
        client.get(f"/django-admin/certificates/certificate/{issued.pk}/delete/").status_code == 403
    )
    assert Certificate.objects.filter(pk=issued.pk).exists()
