import io
import threading
from datetime import timedelta

import pytest
from django.db import connection
from pypdf import PdfReader

from certificates import selectors, services
from certificates.exceptions import AlreadyRevoked, InvalidName, NotAllowed, ReasonRequired
from certificates.models import Certificate, CertificateEvent, SerialCounter
from courses.models import Enrollment

pytestmark = pytest.mark.django_db


def pdf_text(certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def test_completion_schedules_the_issuing_task_once(
    people, courses, templates, monkeypatch, django_capture_on_commit_callbacks
):
    from certificates import tasks
    from cms.models import LessonPage
    from courses import services as course_services

    sent = []
    monkeypatch.setattr(tasks.certificate_issue, "delay", lambda *args: sent.append(args))
    enrollment = course_services.enrollment_create(user=people.migrant, course=courses.orientation)
    lessons = list(LessonPage.objects.descendant_of(courses.orientation).order_by("path"))
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons + lessons:  # finishing twice fires nothing more
            course_services.lesson_progress_record(user=people.migrant, lesson=lesson, progress=1)
    assert sent == [(enrollment.pk,)]


def test_the_task_issues_the_certificate(people, courses, templates, complete):
    from certificates.tasks import certificate_issue

    enrollment = complete(people.migrant, courses.orientation)
    serial = certificate_issue.apply(args=[enrollment.pk]).get()
    certificate = Certificate.objects.get()
    assert serial == certificate.serial
    assert certificate.holder_name == "Ҷамшед Қодиров Ғуломович"


def test_issue_is_idempotent(people, courses, templates, complete):
    enrollment = complete(people.migrant, courses.orientation)
    first = services.certificate_issue(enrollment=enrollment)
    for _ in range(5):
        again = services.certificate_issue(enrollment=enrollment)
        assert again.pk == first.pk
    assert Certificate.objects.count() == 1
    assert CertificateEvent.objects.filter(action="issued").count() == 1
    assert SerialCounter.objects.get(code="PDO").last == 1


def test_issuing_records_one_earned_statement(people, courses, templates, complete):
    from xapi.models import Statement

    enrollment = complete(people.migrant, courses.orientation)
    certificate = services.certificate_issue(enrollment=enrollment)
    services.certificate_issue(enrollment=enrollment)  # a second issue earns nothing new
    earned = Statement.objects.filter(verb_id="http://id.tincanapi.com/verb/earned")
    assert earned.count() == 1
    data = earned.get().data
    assert data["object"]["id"] == selectors.verify_url(certificate)
    assert data["context"]["registration"] == str(enrollment.registration)


def test_no_certificate_before_completion(people, courses, templates):
    from courses import services as course_services

    enrollment = course_services.enrollment_create(user=people.migrant, course=courses.orientation)
    assert services.certificate_issue(enrollment=enrollment) is None
    assert not Certificate.objects.exists()


def test_unique_constraint_holds_at_the_database(people, courses, templates, complete):
    from django.db import IntegrityError, transaction

    enrollment = complete(people.migrant, courses.orientation)
    certificate = services.certificate_issue(enrollment=enrollment)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            code="X" * 17,
            serial="MRC-PDO-2099-000001",
            status_index=999,
            user=certificate.user,
            course=certificate.course,
            template=certificate.template,
            track="migrant",
            holder_name="x",
            language="tg",
            course_title="x",
            hours=1,
            completed_on=certificate.completed_on,
        )


def test_orientation_certificate(people, courses, templates, complete):
    enrollment = complete(people.migrant, courses.orientation)
    certificate = services.certificate_issue(enrollment=enrollment)
    year = certificate.issued_at.year
    assert certificate.serial == f"MRC-PDO-{year}-000001"
    assert certificate.track == "migrant"
    assert certificate.expires_at is None
    assert float(certificate.hours) == 8.0
    assert certificate.language == "tg"
    assert certificate.state == "valid"
    text = pdf_text(certificate)
    assert "Ҷамшед Қодиров Ғуломович" in text
    assert certificate.serial in text
    assert certificate.display_code in text
    assert certificate.pdf.size < 200 * 1024


def test_trainer_certificate_has_its_own_serial_and_expiry(people, courses, templates, complete):
    complete(people.migrant, courses.orientation)
    services.certificate_issue(enrollment=Enrollment.objects.get(user=people.migrant))
    enrollment = complete(people.staff, courses.trainer)
    certificate = services.certificate_issue(enrollment=enrollment)
    year = certificate.issued_at.year
    assert certificate.serial == f"MRC-TOT-{year}-000001"
    assert certificate.track == "staff"
    assert certificate.expires_at is not None
    days = (certificate.expires_at - certificate.issued_at).days
    assert 3 * 365 <= days <= 3 * 366
    from django.utils import timezone, translation
    from django.utils.dateformat import format as date_format
    from django.utils.translation import gettext

    with translation.override(certificate.language):
        expected = gettext("Valid until %(date)s") % {
            "date": date_format(timezone.localtime(certificate.expires_at), "j.m.Y")
        }
    assert expected in " ".join(pdf_text(certificate).split())


def test_serials_count_up_per_track(people, courses, templates, complete):
    serials = []
    for user in (people.migrant, people.other):
        enrollment = complete(user, courses.orientation)
        serials.append(services.certificate_issue(enrollment=enrollment).serial)
    assert [s[-6:] for s in serials] == ["000001", "000002"]
    assert all(s.startswith("MRC-PDO-") for s in serials)


@pytest.mark.django_db(transaction=True)
def test_serial_allocation_has_no_duplicates_under_concurrency(templates):
    from django.db import transaction

    template = templates["orientation"]
    results, errors = [], []

    def allocate():
        try:
            for _ in range(5):
                with transaction.atomic():
                    results.append(services.serial_allocate(template=template, year=2027))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    if connection.vendor == "sqlite":
        allocate(), allocate()
    else:
        threads = [threading.Thread(target=allocate) for _ in range(4)]
        [t.start() for t in threads]
        [t.join() for t in threads]
    assert not errors
    assert len(results) == len(set(results))
    assert max(results) == f"MRC-PDO-2027-{len(results):06d}"


@pytest.mark.parametrize(
    "name",
    [
        "Jamshed Qodirov",
        "Ҷамшед Қодиров Ғуломович",
        "Ҷамшед Qodirov ўғли Ғуломович",
        "O'tkir G'ulomov-Qodirov",
        "Oʻtkir Gʻulomov",
        "Аҳмад-Ҷон Ӯ. Ӣсоев",
        ("Абдурраҳмонзода-Қодиров Ҷамшедҷон Ғуломович Muhammadjonovich " * 3)[:120],
    ],
)
def test_names_print_exactly(people, courses, templates, complete, name):
    profile = people.migrant.learner_profile
    profile.full_name = name
    profile.save()
    enrollment = complete(people.migrant, courses.orientation)
    certificate = services.certificate_issue(enrollment=enrollment)
    assert certificate.holder_name == name.strip()
    flat = " ".join(pdf_text(certificate).split())
    squeezed = flat.replace(" ", "")
    assert name.strip().replace(" ", "") in squeezed
    assert certificate.pdf.size < 200 * 1024


def test_long_name_never_overflows():
    from reportlab.pdfbase import pdfmetrics

    from certificates.pdf import BOLD, fit_lines, register_fonts

    register_fonts()
    name = "Ҷ" * 60 + " " + "W" * 59
    size, lines = fit_lines(name, BOLD, 32, 16, 700, max_lines=2)
    assert all(pdfmetrics.stringWidth(line, BOLD, size) <= 700 for line in lines)
    assert "".join(lines).replace(" ", "") == name.replace(" ", "")
    single = "Ш" * 120  # no spaces at all: still fits by hard wrapping
    size, lines = fit_lines(single, BOLD, 32, 16, 700, max_lines=2)
    assert all(pdfmetrics.stringWidth(line, BOLD, size) <= 700 for line in lines)
    assert "".join(lines) == single


def test_a_template_without_background_or_signatures_renders(people, courses, templates, complete):
    template = templates["orientation"]
    template.background = ""
    template.logo = ""
    template.save()
    template.signatories.all().delete()
    enrollment = complete(people.migrant, courses.orientation)
    certificate = services.certificate_issue(enrollment=enrollment)
    assert "Ҷамшед" in pdf_text(certificate)


def test_background_is_normalised(templates):
    from PIL import Image

    from certificates.forms import CertificateTemplateForm  # noqa: F401
    from certificates.images import BACKGROUND_MAX_BYTES, BACKGROUND_SIZE, normalise_background

    big = io.BytesIO()
    Image.effect_noise((4000, 3000), 80).convert("RGB").save(big, "PNG")
    assert big.tell() > 5_000_000
    big.seek(0)
    big.name = "huge.png"
    result = normalise_background(big)
    image = Image.open(io.BytesIO(result.read()))
    assert image.format == "JPEG" and image.size[0] * 877 == image.size[1] * 1240
    assert image.size in (BACKGROUND_SIZE, (620, 438))
    assert result.size <= BACKGROUND_MAX_BYTES


def test_background_must_be_an_image():
    from django.core.exceptions import ValidationError

    from certificates.images import normalise_background

    upload = io.BytesIO(b"not an image at all")
    upload.name = "x.png"
    with pytest.raises(ValidationError):
        normalise_background(upload)


def test_revoke_needs_a_reason_and_a_permission(people, courses, templates, complete):
    certificate = services.certificate_issue(
        enrollment=complete(people.migrant, courses.orientation)
    )
    with pytest.raises(NotAllowed):
        services.certificate_revoke(certificate=certificate, actor=people.other, reason="fraud")
    with pytest.raises(ReasonRequired):
        services.certificate_revoke(certificate=certificate, actor=people.admin, reason="  ")
    certificate.refresh_from_db()
    assert certificate.status == "awarded"
    services.certificate_revoke(
        certificate=certificate, actor=people.admin, reason="Identity fraud"
    )
    certificate.refresh_from_db()
    assert certificate.state == "revoked" and certificate.revocation_reason == "Identity fraud"
    with pytest.raises(AlreadyRevoked):
        services.certificate_revoke(certificate=certificate, actor=people.admin, reason="again")
    event = certificate.events.get(action="revoked")
    assert (event.actor, event.reason) == (people.admin, "Identity fraud")
    # Issuing again does not bring a revoked certificate back or make a second one.
    again = services.certificate_issue(enrollment=Enrollment.objects.get(user=people.migrant))
    assert again.pk == certificate.pk and Certificate.objects.count() == 1


def test_reissue_with_a_corrected_name(people, courses, templates, complete):
    old = services.certificate_issue(enrollment=complete(people.migrant, courses.orientation))
    with pytest.raises(InvalidName):
        services.certificate_reissue(
            certificate=old, actor=people.admin, reason="typo", holder_name="x"
        )
    new = services.certificate_reissue(
        certificate=old, actor=people.admin, reason="Name misspelt", holder_name="Ҷамшед Қодиров"
    )
    old.refresh_from_db()
    assert old.state == "revoked" and not old.is_current
    assert selectors.replacement_of(old) == new
    assert new.replaces == old and new.code != old.code and new.serial != old.serial
    assert "Ҷамшед Қодиров" in pdf_text(new)
    assert list(selectors.certificates_for_user(people.migrant)) == [new]
    with pytest.raises(AlreadyRevoked):
        services.certificate_reissue(certificate=old, actor=people.admin, reason="again")


def test_expired_state(people, courses, templates, complete):
    from django.utils import timezone

    certificate = services.certificate_issue(enrollment=complete(people.staff, courses.trainer))
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    certificate.refresh_from_db()
    assert certificate.state == "expired"


def test_masked_name():
    assert selectors.masked_name("Ҷамшед Қодиров Ғуломович") == "Ҷамшед Қ. Ғ."
    assert selectors.masked_name("O'tkir G'ulomov") == "O'tkir G."
    assert selectors.masked_name("Jamshed") == "Jamshed"


def test_account_deletion_keeps_the_certificate_verifiable(people, courses, templates, complete):
    from accounts.services import account_delete, account_export_data

    certificate = services.certificate_issue(
        enrollment=complete(people.migrant, courses.orientation)
    )
    exported = account_export_data(user=people.migrant)["certificates"]
    assert exported[0]["serial"] == certificate.serial
    assert exported[0]["name_as_printed"] == "Ҷамшед Қодиров Ғуломович"
    account_delete(user=people.migrant)
    found, again = selectors.certificate_by_code(certificate.code)
    assert found == "found" and again.holder_name == "Ҷамшед Қодиров Ғуломович"


def test_cohort_zip(people, courses, templates, complete):
    import zipfile

    from courses.models import Cohort

    cohort = Cohort.objects.create(
        name="Khujand trainers",
        course=courses.trainer,
        start_date="2027-03-01",
        end_date="2027-03-31",
    )
    cohort.members.add(people.staff)
    certificate = services.certificate_issue(enrollment=complete(people.staff, courses.trainer))
    archive = zipfile.ZipFile(io.BytesIO(selectors.cohort_zip(cohort)))
    assert archive.namelist() == [f"{certificate.serial}.pdf"]
    assert archive.read(archive.namelist()[0]).startswith(b"%PDF")


def test_pdf_with_a_noisy_background_stays_under_200_kb(people, courses, templates, complete):
    from PIL import Image

    from certificates.images import normalise_background

    photo = io.BytesIO()
    Image.effect_noise((5000, 3500), 120).convert("RGB").save(photo, "PNG")
    photo.seek(0)
    photo.name = "noisy.png"
    template = templates["orientation"]
    template.background.save("bg.jpg", normalise_background(photo), save=True)
    certificate = services.certificate_issue(
        enrollment=complete(people.migrant, courses.orientation)
    )
    assert certificate.pdf.size < 200 * 1024
    assert "Ҷамшед Қодиров Ғуломович" in pdf_text(certificate)


@pytest.mark.parametrize(
    "language, hours", [("tg", "2,5"), ("ru", "2,5"), ("uz", "2,5"), ("en", "2.5")]
)
def test_the_pdf_names_the_centre_as_the_site_does_and_writes_numbers_per_language(
    client, people, courses, templates, complete, language, hours
):
    from dataclasses import replace

    from bs4 import BeautifulSoup
    from pypdf import PdfReader

    from certificates.pdf import render_certificate_pdf

    courses.orientation.estimated_minutes = 150
    courses.orientation.save()
    certificate = services.certificate_issue(
        enrollment=complete(people.migrant, courses.orientation)
    )
    data = replace(selectors.print_data_for(certificate), language=language)
    data.issuer = certificate.template.issuer_in(language)
    text = " ".join(
        PdfReader(io.BytesIO(render_certificate_pdf(data))).pages[0].extract_text().split()
    )
    footer = BeautifulSoup(client.get(f"/{language}/").content, "html.parser").select_one(
        ".site-footer p"
    )
    centre, ministry = (part.strip() for part in footer.text.split(",", 1))
    assert centre in text and " ".join(ministry.split()) in text
    assert f"{hours} " in text
