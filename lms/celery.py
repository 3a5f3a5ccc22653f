"""The Celery application: settings from Django's (CELERY_ prefix), tasks found in
every installed app's tasks.py.

Rules every task in Safar follows (see README, "Background work"):
- it takes primary keys, not objects, and calls one service;
- it is idempotent, so it may use IDEMPOTENT (late acknowledgement, requeued if
  the worker dies mid-task);
- it is enqueued with `delay_on_commit`, so a worker never looks for a row the
  web request has not committed yet.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.local")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Options for tasks that are safe to run twice: acknowledge only when done, and
# put the message back if the worker process is killed (OOM, kill -9, redeploy).
IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True}
