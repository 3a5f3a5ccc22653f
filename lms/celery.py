"""The Celery application: settings from Django's (CELERY_ prefix), tasks found in
every installed app's tasks.py.

The rules every task in Safar follows, and the options they share, are in
`core.tasks` (the apps' tasks import them from there, not from the wiring).
"""

import os

from celery import Celery

from core.tasks import IDEMPOTENT

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.local")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

__all__ = ["IDEMPOTENT", "app"]
