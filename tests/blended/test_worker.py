"""A walk-in's certificate arrives through a real Celery worker, once."""

import time

import pytest

from blended import services
from blended.models import Registration
from certificates.models import Certificate

from .conftest import walk_in


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_issues_the_walk_ins_certificate_once(celery_worker, world, now_session):
    seat = walk_in(now_session, world.trainer)
    services.attendance_mark(trainer=world.trainer, registration=seat)  # commits: sent
    services.attendance_mark(trainer=world.trainer, registration=seat)  # sends nothing more
    deadline = time.monotonic() + 60
    while not Certificate.objects.filter(user=None).exists() and time.monotonic() < deadline:
        time.sleep(0.3)
    time.sleep(2)  # a duplicate, if any, would arrive now
    certificates = list(Certificate.objects.filter(user=None))
    assert len(certificates) == 1
    assert certificates[0].holder_name == "Сарвар Назаров"
    assert Registration.objects.get(pk=seat.pk).certificate == certificates[0]
