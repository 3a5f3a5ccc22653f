"""Celery is wired the way production needs it, and a real worker round trip works."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from lms.celery import app
from lms.tasks import worker_ping


def test_configuration_for_production():
    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_default_queue == "default"
    assert app.amqp.router.route({}, "media_pipeline.tasks.video_process")["queue"].name == "media"
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_always_eager is False
    if not conf.broker_url.startswith("filesystem://"):
        # Longer than any transcode, so a running encode is not redelivered.
        assert conf.broker_transport_options["visibility_timeout"] >= 6 * 3600


def test_idempotent_tasks_ack_late_and_requeue_on_worker_loss():
    assert worker_ping.acks_late is True
    assert worker_ping.reject_on_worker_lost is True


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_round_trip_through_a_real_worker(celery_worker, django_db_setup):
    from django.db import connection

    result = worker_ping.delay()
    assert result.get(timeout=60) == {"database": connection.vendor, "username": None}


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_task_enqueued_on_commit_sees_the_committed_row(celery_worker):
    results = []
    with transaction.atomic():
        user = get_user_model().objects.create_user(username="on-commit-user")
        transaction.on_commit(lambda: results.append(worker_ping.delay(user.pk)))
        assert results == []  # nothing is sent before the commit
    assert results[0].get(timeout=60)["username"] == "on-commit-user"


@pytest.mark.django_db(transaction=True)
def test_delay_on_commit_sends_nothing_when_the_transaction_rolls_back(monkeypatch):
    sent = []
    monkeypatch.setattr(worker_ping, "apply_async", lambda *a, **k: sent.append((a, k)))
    with pytest.raises(RuntimeError), transaction.atomic():
        worker_ping.delay_on_commit(1)
        raise RuntimeError("rolled back")
    assert sent == []
    with transaction.atomic():
        worker_ping.delay_on_commit(2)
    assert len(sent) == 1
