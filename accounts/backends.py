import contextlib

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q

from . import throttle
from .passwords import password_too_long
from .phone import looks_like_phone, normalize_phone


def find_user(identifier: str):
    """The active account for a username, an e-mail address or a phone number."""
    User = get_user_model()
    text = (identifier or "").strip()
    if not text:
        return None
    query = Q(username__iexact=text)
    if "@" in text:
        query |= Q(email__iexact=text)
    elif looks_like_phone(text):
        with contextlib.suppress(ValidationError):
            query |= Q(phone=normalize_phone(text))
    matches = list(User.objects.filter(query, is_active=True)[:2])
    return matches[0] if len(matches) == 1 else None


class IdentifierBackend(ModelBackend):
    """Django's ModelBackend, but the 'username' may also be an e-mail or phone.

    Every sign-in form goes through here (the learner's, the Wagtail admin's,
    the Django admin's), so the lockout is enforced here for all of them: a
    locked-out identifier or address is refused without checking the password
    (PermissionDenied stops `authenticate()`), and a password longer than
    MAX_PASSWORD_BYTES is refused before it is hashed."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        if request is not None and throttle.is_locked_out(request, identifier=username):
            request.safar_locked_out = True  # accounts/signals.py: not a new failure
            raise PermissionDenied
        if password_too_long(password):
            return None
        user = find_user(username)
        if user is None:
            # Same cost as a real check, so timing does not reveal accounts.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
