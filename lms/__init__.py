"""The Safar Django project: settings, URLs, the Celery app. Wiring only."""

from .celery import app as celery_app

__all__ = ("celery_app",)
