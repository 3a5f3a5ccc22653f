"""Settings for the test suite (pytest). DATABASE_URL and CELERY_* still come from
the environment so that CI runs the same suite on PostgreSQL and Redis."""

import os

from .base import *  # noqa: F403
from .environment import VAR_DIR, env, filesystem_broker_options

# Parallel runs (pytest-xdist, `make test` runs `-n auto`): pytest-django gives
# each process its own test database (test_..._gw0, _gw1...); below, each also
# gets its own queues, results, media and worker log, so a process's real
# Celery worker never runs a task another process queued for its own database.
TEST_PROCESS = os.environ.get("PYTEST_XDIST_WORKER", "")
_APART = f"-{TEST_PROCESS}" if TEST_PROCESS else ""

DEBUG = False
SECRET_KEY = "test-only-not-secret-8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not :memory:, so that a real Celery worker process sees the same
    # test database as the test that enqueued its task.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-safar.sqlite3")}  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
WAGTAILADMIN_BASE_URL = SITE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
LOGGING["root"]["level"] = env("DJANGO_LOG_LEVEL", default="WARNING")  # noqa: F405

# The suite's own queue and results, apart from a demo that may run beside it.
if CELERY_BROKER_URL.startswith("filesystem://"):  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker_options(VAR_DIR / f"test-celery{_APART}")
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405
        "global_keyprefix": f"safar-test{_APART}:",
    }
if CELERY_RESULT_BACKEND.startswith("file://"):  # noqa: F405
    CELERY_RESULT_BACKEND = f"file://{VAR_DIR / f'test-celery{_APART}' / 'results'}"
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it
# Media written by a real worker process (which the per-test MEDIA_ROOT fixture
# does not reach) stays apart from the demo's var/media.
MEDIA_ROOT = VAR_DIR / f"test-media{_APART}"
if STORAGES["default"]["BACKEND"].endswith("S3Storage"):  # noqa: F405
    # The same on S3-compatible storage (CI's second pass): the suite's files
    # go under their own prefix of the bucket; each test gets a sub-prefix of it
    # (tests/conftest.py), the real worker writes here.
    _options = STORAGES["default"]["OPTIONS"]  # noqa: F405
    STORAGES["default"] = {  # noqa: F405
        **STORAGES["default"],  # noqa: F405
        "OPTIONS": {**_options, "location": f"{_options['location']}/test-media{_APART}"},
    }
# demo_serve run by the suite (tests/test_demo_serve.py) keeps its beat's state here.
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / f"test-celery{_APART}" / "beat-schedule")
