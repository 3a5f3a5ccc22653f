"""One machine, nothing installed: SQLite, the filesystem broker, local media.

This is what `make demo` and a developer's `manage.py` use.
"""

from .base import *  # noqa: F403
from .environment import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="local-only-not-secret-4f9c1e7a0b2d48c5a6e3f1d9b8c7a6e5d4c3b2a1f0e9d8c7",
)
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
