"""Counting sign-in failures wherever `authenticate()` runs (the learner
sign-in, /admin/login/, /django-admin/login/): Django signals every failed
attempt and every sign-in, whatever view made it."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from . import throttle


@receiver(user_login_failed, dispatch_uid="safar-login-failed")
def count_failure(sender, credentials, request=None, **kwargs):
    identifier = credentials.get("username")
    if request is None or identifier is None or getattr(request, "safar_locked_out", False):
        return
    throttle.register_failure(request, identifier=identifier)


@receiver(user_logged_in, dispatch_uid="safar-logged-in")
def forget_failures(sender, request, user, **kwargs):
    throttle.clear_failures(user=user)
