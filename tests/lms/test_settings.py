"""Configuration comes from the environment, and mistakes in it are explained."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lms.settings.environment import broker_url, database_from_url

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_sqlite_and_postgres_urls_are_parsed(tmp_path):
    sqlite = database_from_url(f"sqlite:///{tmp_path}/x/db.sqlite3")
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3"
    assert sqlite["NAME"] == f"{tmp_path}/x/db.sqlite3"
    pg = database_from_url("postgres://safar:s3cret@db.internal:5433/safar")
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["HOST"], pg["PORT"]) == ("db.internal", 5433)
    assert (pg["NAME"], pg["USER"]) == ("safar", "safar")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "is not a database URL"),
        ("mysql://root@localhost/safar", "scheme 'mysql'"),
        ("postgres://postgres@127.0.0.1:5432/", "names no database"),
    ],
)
def test_bad_database_url_is_explained(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        database_from_url(url)


def test_bad_broker_url_is_explained():
    with pytest.raises(ImproperlyConfigured, match="CELERY_BROKER_URL"):
        broker_url("kafka://localhost:9092")


def test_bad_database_url_stops_manage_py_with_a_clear_message():
    result = run_manage("check", DATABASE_URL="mysql://root@localhost/safar")
    assert result.returncode == 2
    assert "Configuration error: DATABASE_URL uses the scheme 'mysql'" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_database_is_reported_at_start():
    result = run_manage(
        "check",
        "--database",
        "default",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/safar",
    )
    assert result.returncode != 0
    assert "lms.E001" in result.stderr
    assert "Cannot connect to the 'default' database at 127.0.0.1" in result.stderr
    assert "Traceback" not in result.stderr


def test_s3_storage_is_switched_on_by_its_variables():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND']); print(settings.SERVE_MEDIA)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.local",
        "DJANGO_AWS_STORAGE_BUCKET_NAME": "safar-media",
        "DJANGO_AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["storages.backends.s3.S3Storage", "False"], result.stderr


def test_the_content_security_policy_lets_media_come_from_the_bucket():
    """Videos, posters and images are signed URLs of the bucket: the browser
    must be allowed to fetch them (and HLS segments) from there."""
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "d = settings.CONTENT_SECURITY_POLICY['DIRECTIVES']; "
        "print(d['img-src'][-2:], d['media-src'][-2:], d['connect-src'][-2:], sep='|')"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.local",
        "DJANGO_AWS_STORAGE_BUCKET_NAME": "safar-media",
        "DJANGO_AWS_S3_ENDPOINT_URL": "https://s3.mrc.example:9000",
        "DJANGO_AWS_S3_CUSTOM_DOMAIN": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    origins = "['https://s3.mrc.example:9000', 'https://*.s3.mrc.example:9000']"
    assert result.stdout.strip() == "|".join([origins] * 3), result.stderr


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "DJANGO_SECRET_KEY": "k3q9-zr7v!w2m8x4c6b1n5t0y3u7i9o2p4a6s8d0f1g3h5j7l9",
    "DJANGO_ALLOWED_HOSTS": "safar.mrc-tajikistan.org",
    "SAFAR_SITE_URL": "https://safar.mrc-tajikistan.org",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "CELERY_RESULT_BACKEND": "redis://127.0.0.1:6379/1",
    "DJANGO_CACHE_URL": "redis://127.0.0.1:6379/2",
    "SAFAR_OB_PRIVATE_KEY": "-----BEGIN PRIVATE KEY-----\\n"
    "MC4CAQAwBQYDK2VwBCIEIBvY1e1tOQ4+7jS0r3nBfYjQ3ZlqEJm2ZC0Fw6T7xVcl\\n-----END PRIVATE KEY-----",
}


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DATABASE_URL=f"sqlite:///{tmp_path}/prod.sqlite3",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = run_manage("check", DATABASE_URL=f"sqlite:///{tmp_path}/p.sqlite3", **env)
    assert result.returncode == 2
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache(tmp_path):
    database = f"sqlite:///{tmp_path}/p.sqlite3"
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_CACHE_URL"}
    result = run_manage("check", DATABASE_URL=database, **env)
    assert result.returncode == 2
    assert "DJANGO_CACHE_URL" in result.stderr
    for per_process in ("locmemcache://", f"filecache://{tmp_path}/cache"):
        result = run_manage(
            "check", DATABASE_URL=database, **{**PRODUCTION_ENV, "DJANGO_CACHE_URL": per_process}
        )
        assert result.returncode != 0
        assert "lms.E002" in result.stderr


def test_production_web_process_refuses_a_per_process_cache(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(PRODUCTION_ENV, DJANGO_CACHE_URL="locmemcache://")
    env["DATABASE_URL"] = f"sqlite:///{tmp_path}/p.sqlite3"
    result = subprocess.run(
        [sys.executable, "-c", "import lms.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "lms.E002" in result.stderr
