"""Fixtures shared by the whole suite.

- Media files go to a temporary folder per test.
- `celery_worker` starts a real Celery worker process (not eager mode) against the
  test database and the configured broker, for tests marked `worker`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parent.parent


def worker_log_path() -> Path:
    """Where this test process's real Celery worker writes its log."""
    process = os.environ.get("PYTEST_XDIST_WORKER", "")
    return ROOT / "var" / (f"test-worker-{process}.log" if process else "test-worker.log")


# The request fuzzer's cases, and the tests of the demo content: what
# `make demo` loads and serves on the embedded defaults (the browser journeys
# and CI's conformance run load the same demo on PostgreSQL).
ONCE_MODULES = {
    ROOT / "tests" / name
    for name in (
        "lms/test_fuzz.py",
        "cms/test_admin_bad_input.py",
        "api/test_schemathesis.py",
        "cms/test_demo.py",
        "test_demo_journey.py",
        "test_demo_serve.py",
    )
}
WORKER_GROUP = "celery-worker"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """- Every transactional test gets back the rows data migrations created
      (encoding profiles, content types, Wagtail's root page...), with their ids:
      after a flush the real worker process would otherwise miss them or hold
      stale ids. pytest-django serialises the database for that only when some
      test asks through its marker, so the marker says it.
    - Tests that need the real Celery worker run in one test process (under
      `-n`, `--dist loadgroup`), so one worker process serves them all. That
      intent is not met today, knowingly: xdist 3.8 puts the group into
      `item._nodeid`, which pytest 9 no longer reads (it builds the id from
      `item._id`), so each test process starts a worker of its own. Writing the
      group into `item._id` here does group them, but xdist then runs the
      group, its largest unit, first: its transactional tests' flushes leave
      that process's later tests without the migration data (Wagtail's root
      page). Grouping needs those flushes mended first.
    - The request fuzzer's cases are marked `once`: they test the routes'
      input handling, which one configuration shows as well as another, so CI
      runs them in its first pass only (`-m "not once"` in the second, see
      .ci/run). So are the tests of the demo content (`make demo`'s, on the
      embedded defaults): each loads the whole demo (about a minute on
      PostgreSQL), and the browser journeys, which run in both passes (issue
      14), load it on PostgreSQL too."""
    for item in items:
        path = Path(str(item.fspath))
        if path in ONCE_MODULES:
            item.add_marker(pytest.mark.once)
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
        if item.get_closest_marker("worker") is not None:
            item.add_marker(pytest.mark.xdist_group(WORKER_GROUP))


@pytest.fixture(autouse=True)
def _restore_migration_data(django_db_serialized_rollback):
    """Transactional tests (transaction=True) end with a flush that would also
    wipe rows created by data migrations (Wagtail's root page, root collection,
    locales...). Serialized rollback puts them back before each such test (see
    also pytest_collection_modifyitems)."""


@pytest.fixture(autouse=True)
def _english_messages():
    """Tests read messages in English, the language of the source strings. The
    site's default language stays Tajik (pages under /tg/ still answer in Tajik);
    only code running in the test itself (services, reverse()) uses English."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client():
    """Django's test client, reading English like the tests' browser: pages
    without a language prefix (admin, API) negotiate it from Accept-Language."""
    from django.test import Client

    return Client(headers={"Accept-Language": "en"})


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Nothing cached by one test (Wagtail renditions, login counters...) leaks
    into the next; SQLite reuses row ids, so stale entries would look current."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Each test's media in a folder of its own; on S3-compatible storage (CI's
    second pass), under a prefix of its own, emptied afterwards."""
    settings.MEDIA_ROOT = tmp_path / "media"
    default = settings.STORAGES["default"]
    if not default["BACKEND"].endswith("S3Storage"):
        yield
        return
    import uuid

    from storages.backends.s3 import S3Storage

    options = {**default["OPTIONS"], "location": f"{default['OPTIONS']['location']}/{uuid.uuid4()}"}
    settings.STORAGES = {**settings.STORAGES, "default": {**default, "OPTIONS": options}}
    yield
    S3Storage(**options).bucket.objects.filter(Prefix=options["location"] + "/").delete()


@pytest.fixture
def tree(db, django_capture_on_commit_callbacks):
    """The site skeleton: the home page and the two track index pages, in every
    language (wagtail-localize publishes translations when the transaction commits)."""
    from types import SimpleNamespace

    from cms.demo import load_site
    from core.tracks import Track

    with django_capture_on_commit_callbacks(execute=True):
        home, tracks = load_site()
    home.refresh_from_db()
    return SimpleNamespace(home=home, migrant=tracks[Track.MIGRANT], staff=tracks[Track.STAFF])


def _database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for the database the test run actually uses (test_...)."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return f"sqlite:///{Path(settings_dict['NAME']).resolve()}"
    user = quote(settings_dict.get("USER") or "")
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{quote(password)}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def _broker_reachable() -> str | None:
    """None if the configured broker answers, otherwise why not."""
    from lms.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=3)
    except Exception as exc:  # noqa: BLE001  (any failure means: no broker)
        return f"{type(exc).__name__}: {exc}"
    return None


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):
    """A real `celery worker` process consuming the default and media queues.

    Skipped when no broker is reachable, unless SAFAR_REQUIRE_WORKER=1 (CI sets
    it), in which case the test fails instead.
    """
    from django.db import connection

    from lms.celery import app

    problem = _broker_reachable()
    if problem:
        if os.environ.get("SAFAR_REQUIRE_WORKER") == "1":
            pytest.fail(f"No Celery broker reachable and SAFAR_REQUIRE_WORKER=1: {problem}")
        pytest.skip(f"No Celery broker reachable: {problem}")

    app.control.purge()  # drop messages left by tests that ran without a worker
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "PYTHONPATH": str(ROOT),
    }
    log_path = worker_log_path()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "w")  # noqa: SIM115  (closed below)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lms",
            "worker",
            "--queues",
            "default,media",
            "--concurrency",
            "1",
            "--pool",
            "prefork",
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--hostname",
            f"test-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while "ready." not in log_path.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("The Celery worker did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()

