"""The certificate arrives through a real Celery worker, once."""

import time

import pytest

from certificates.models import Certificate


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_issues_the_certificate_once(
    celery_worker, settings, people, courses, templates, complete
):
    from courses import services as course_services

    enrollment = complete(people.migrant, courses.orientation)  # commits: the task is sent
    course_services.course_completion_evaluate(enrollment=enrollment)  # fires nothing more
    deadline = time.monotonic() + 60
    while not Certificate.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.3)
    time.sleep(2)  # a duplicate, if any, would arrive now
    certificates = list(Certificate.objects.all())
    assert len(certificates) == 1
    certificate = certificates[0]
    assert certificate.holder_name == "Ҷамшед Қодиров Ғуломович"
    assert certificate.pdf.name.endswith(".pdf")
