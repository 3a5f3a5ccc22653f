"""The session's attendance code: signed, timestamped, naming the session,
shown as a QR code on the trainer's phone and changing every minute
(services.attendance_by_qr marks the learner who scans it)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.core import signing
from django.utils.translation import gettext as _

from .exceptions import CodeOutsideSession, InvalidCode
from .models import Session

QR_SALT = "blended.attendance-qr"
# A code shown on the trainer's phone is renewed every minute and accepted
# for this long after it was made: a photo sent home stops working soon.
QR_MAX_AGE = timedelta(minutes=5)
# Codes work from a little before the start until the session ends.
QR_EARLY = timedelta(minutes=15)


def qr_token(session: Session) -> str:
    """A signed, timestamped code naming the session (shown as a QR code)."""
    return signing.dumps({"s": session.pk, "n": uuid.uuid4().hex[:8]}, salt=QR_SALT)


def qr_window(session: Session) -> tuple[datetime, datetime]:
    return session.starts_at - QR_EARLY, session.ends_at


def qr_session(token: str) -> Session:
    try:
        data = signing.loads(token, salt=QR_SALT, max_age=QR_MAX_AGE.total_seconds())
    except signing.SignatureExpired as exc:
        raise CodeOutsideSession(
            _(
                "This code has expired: codes change every minute. Scan the code on the "
                "trainer's phone now."
            )
        ) from exc
    except signing.BadSignature as exc:
        raise InvalidCode from exc
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise InvalidCode
    session = Session.objects.filter(pk=data["s"]).select_related("place", "course").first()
    if session is None:
        raise InvalidCode
    return session
