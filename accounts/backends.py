import contextlib

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db.models import Q

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
    """Django's ModelBackend, but the 'username' may also be an e-mail or phone."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = find_user(username)
        if user is None:
            # Same cost as a real check, so timing does not reveal accounts.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
