"""SMS reminders the day before a session (the beat task blended.tasks)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.sms import send_sms

from .models import Session


def reminders_send(*, now: datetime | None = None) -> int:
    """SMS the day before: every registered person with a phone, for planned
    sessions that start tomorrow (Asia/Dushanbe). Each session is reminded
    once. Returns how many messages were sent."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    sent = 0
    sessions = Session.objects.filter(
        status=Session.Status.PLANNED, reminded_at__isnull=True, starts_at__gt=now
    ).select_related("place", "course")
    for session in sessions:
        if session.local_date != tomorrow:
            continue
        with transaction.atomic():
            claimed = Session.objects.filter(pk=session.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                continue
            for registration in session.registrations.select_related("user"):
                phone = registration.phone or (registration.user.phone if registration.user else "")
                if not phone:
                    continue
                language = (
                    registration.user.preferred_language
                    if registration.user and registration.user.preferred_language
                    else session.language
                )
                with translation.override(language):
                    text = _(
                        "Safar: tomorrow at %(time)s, pre-departure session at %(place)s, "
                        "%(address)s."
                    ) % {
                        "time": timezone.localtime(session.starts_at).strftime("%H:%M"),
                        "place": session.place.name,
                        "address": session.place.address,
                    }
                transaction.on_commit(lambda p=phone, t=text: send_sms(p, t))
                sent += 1
    return sent
