"""A walk-in's certificate arrives through a real Celery worker, once."""

import time

import pytest

from blended import services
from blended.models import Registration
from certificates.models import Certificate


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_issues_the_walk_ins_certificate_once(celery_worker, world, now_session):
    walk_in = services.registration_walk_in(
        session=now_session,
        trainer=world.trainer,
        name="Сарвар Назаров",
        phone="+992935551234",
        gender="male",
        birth_year=2001,
        district="Ваҳдат",
        destination="RU",
        consent="paper",
    )
    services.attendance_mark(trainer=world.trainer, registration=walk_in)  # commits: sent
    services.attendance_mark(trainer=world.trainer, registration=walk_in)  # sends nothing more
    deadline = time.monotonic() + 60
    while not Certificate.objects.filter(user=None).exists() and time.monotonic() < deadline:
        time.sleep(0.3)
    time.sleep(2)  # a duplicate, if any, would arrive now
    certificates = list(Certificate.objects.filter(user=None))
    assert len(certificates) == 1
    assert certificates[0].holder_name == "Сарвар Назаров"
    assert Registration.objects.get(pk=walk_in.pk).certificate == certificates[0]
