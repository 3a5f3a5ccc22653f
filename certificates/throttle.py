"""Rate limit of the public verify pages, per client address, with a counter
in the cache (shared by every machine in production, like the sign-in lockout
in accounts/throttle.py)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60


def _key(ip: str) -> str:
    digest = hashlib.sha256((ip or "-").encode()).hexdigest()[:32]
    return f"safar:verify-rate:{digest}:{int(time.time() // WINDOW_SECONDS)}"


def allow(*, ip: str) -> bool:
    """Count one lookup from `ip`; False once the minute's budget is spent."""
    key = _key(ip)
    if cache.add(key, 1, timeout=WINDOW_SECONDS * 2):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=WINDOW_SECONDS * 2)
            count = 1
    return count <= settings.SAFAR_VERIFY_RATE_PER_MINUTE
