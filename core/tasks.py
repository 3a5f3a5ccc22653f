"""What every Celery task of Safar shares (see README, "Background work"):
- it takes primary keys, not objects, and calls one service;
- it is idempotent, so it may use IDEMPOTENT (late acknowledgement, requeued if
  the worker dies mid-task);
- it is enqueued with `delay_on_commit`;
- it retries transient errors after `retry_countdown`."""

from __future__ import annotations

import random

# Options for tasks that are safe to run twice: acknowledge only when done, and
# put the message back if the worker process is killed (OOM, kill -9, redeploy).
IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True}


def retry_countdown(retries: int, *, base: float, cap: float, jitter: str = "full") -> float:
    """Exponential backoff: `base` doubling per retry, capped at `cap` seconds.
    `jitter="full"`: anywhere from 0 to that delay (spreads a herd of retries);
    `"equal"`: between half of it and all of it (never retries too soon)."""
    delay = min(cap, base * 2 ** min(retries, 30))
    if jitter == "equal":
        return delay / 2 + random.uniform(0, delay / 2)
    return random.uniform(0, delay)
