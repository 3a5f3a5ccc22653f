"""Production: PostgreSQL, Redis, S3-compatible storage, behind an HTTPS proxy.

Required: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, SAFAR_SITE_URL, DATABASE_URL,
CELERY_BROKER_URL, CELERY_RESULT_BACKEND, DJANGO_CACHE_URL; DJANGO_AWS_* for
shared media storage.
`python manage.py check --deploy` passes with no warnings when they are set.
"""

from .base import *  # noqa: F403
from .environment import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

# The reverse proxy terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[SITE_URL])  # noqa: F405
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="Safar <noreply@mrc-tajikistan.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Shared by every web process (sign-in and sign-up limits count here): required,
# and lms/checks.py refuses a per-process (locmem) or per-machine (file) cache.
CACHES = {"default": env.cache_url("DJANGO_CACHE_URL")}
SAFAR_REQUIRE_SHARED_CACHE = True

# Open Badges 3.0 signing key (certificates/openbadges.py): required here.
SAFAR_OB_PRIVATE_KEY = env("SAFAR_OB_PRIVATE_KEY")
