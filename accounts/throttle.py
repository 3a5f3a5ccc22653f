"""Sign-in lockout: after SAFAR_LOGIN_MAX_FAILURES failed attempts for one
identifier (or from one address) within SAFAR_LOGIN_LOCKOUT_SECONDS, further
attempts are refused until the window passes. Counts live in the cache, which
production shares between machines (Redis)."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"safar:login-fail:{kind}:{digest}"


def _keys(identifier: str, ip: str) -> list[str]:
    return [_key("id", identifier), _key("ip", ip or "-")]


def is_locked_out(*, identifier: str, ip: str) -> bool:
    counts = cache.get_many(_keys(identifier, ip))
    limit = settings.SAFAR_LOGIN_MAX_FAILURES
    per_ip_limit = limit * 5  # one shared address (an internet café) serves many
    return counts.get(_key("id", identifier), 0) >= limit or (
        counts.get(_key("ip", ip or "-"), 0) >= per_ip_limit
    )


def register_failure(*, identifier: str, ip: str) -> None:
    window = settings.SAFAR_LOGIN_LOCKOUT_SECONDS
    for key in _keys(identifier, ip):
        if cache.add(key, 1, timeout=window):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=window)


def clear_failures(*, identifier: str) -> None:
    cache.delete(_key("id", identifier))
