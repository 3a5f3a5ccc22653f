"""Sign-in lockout and the sign-up limit.

- Sign-in: after SAFAR_LOGIN_MAX_FAILURES failed attempts for one account (or
  one unknown identifier), or five times that from one client address, within
  SAFAR_LOGIN_LOCKOUT_SECONDS, further attempts are refused until the window
  passes. Every way into the site counts the same: the learner sign-in, the
  Wagtail admin's and the Django admin's (they all go through `authenticate()`,
  see accounts/signals.py and accounts/backends.py).
- One account is one counter however it is spelled: its username, e-mail or
  phone in any usual form (+992…, 992…, 0…, with spaces) all count for it.
- Sign-up: at most SAFAR_SIGNUP_MAX_PER_HOUR new accounts per client address.
- The client address is REMOTE_ADDR, or, behind SAFAR_TRUSTED_PROXY_COUNT
  reverse proxies, the address the outermost of them saw (X-Forwarded-For).

Counts live in the cache, which production shares between machines (Redis;
lms/checks.py refuses a per-process cache there). django-axes keeps one failure
limit for every parameter, so it cannot give a shared address (an internet café,
a district centre's Wi-Fi) five times an account's allowance, and
django-ratelimit cannot forget an account's failures after a good sign-in; the
counters below are the few lines those rules need.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.http import client_ip

from .phone import looks_like_phone, normalize_phone

PER_ADDRESS_FACTOR = 5  # one shared address serves many learners
SIGNUP_WINDOW_SECONDS = 60 * 60


def canonical_identifier(identifier: str) -> str:
    """One spelling per phone, e-mail or username: phones in E.164 (a leading
    trunk 0 is dropped), the rest trimmed and lower-cased."""
    text = " ".join((identifier or "").split()).lower()
    if "@" not in text and looks_like_phone(text):
        digits = re.sub(r"\D", "", text)
        candidates = [text]
        if digits.startswith("0") and not digits.startswith("00"):
            candidates.append(digits[1:])
        for candidate in candidates:
            try:
                return normalize_phone(candidate)
            except ValidationError:
                continue
    return text


def _identity(identifier: str) -> str:
    """The account an identifier names (whichever way it is written), else the
    identifier itself."""
    from .backends import find_user  # backends imports this module

    canonical = canonical_identifier(identifier)
    user = find_user(canonical)
    return f"user:{user.pk}" if user is not None else f"text:{canonical}"


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"safar:throttle:{kind}:{digest}"


def _keys(identity: str, ip: str, scope: str) -> tuple[str, str]:
    return _key(f"{scope}:id", identity), _key(f"{scope}:ip", ip or "-")


def _count(key: str, window: int) -> None:
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)


def is_locked_out(request, *, identifier: str, scope: str = "login") -> bool:
    id_key, ip_key = _keys(_identity(identifier), client_ip(request), scope)
    counts = cache.get_many([id_key, ip_key])
    limit = settings.SAFAR_LOGIN_MAX_FAILURES
    return counts.get(id_key, 0) >= limit or counts.get(ip_key, 0) >= limit * PER_ADDRESS_FACTOR


def register_failure(request, *, identifier: str, scope: str = "login") -> None:
    for key in _keys(_identity(identifier), client_ip(request), scope):
        _count(key, settings.SAFAR_LOGIN_LOCKOUT_SECONDS)


def clear_failures(*, user) -> None:
    """A good sign-in forgets the account's failures (not its address's)."""
    cache.delete(_key("login:id", f"user:{user.pk}"))


def _signup_key(request) -> str:
    return _key("signup:ip", client_ip(request) or "-")


def signup_refused(request) -> bool:
    return cache.get(_signup_key(request), 0) >= settings.SAFAR_SIGNUP_MAX_PER_HOUR


def register_signup(request) -> None:
    _count(_signup_key(request), SIGNUP_WINDOW_SECONDS)


def locked_out_message() -> str:
    return _("Too many failed attempts. Wait %(minutes)d minutes or reset your password.") % {
        "minutes": settings.SAFAR_LOGIN_LOCKOUT_SECONDS // 60
    }
