"""Sending SMS through a pluggable gateway (settings.SAFAR_SMS_BACKEND).

The default backend writes the message to the log; a production gateway is a
class with the same `send(phone, text)` method."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("safar.sms")


class LogSMSBackend:
    """Writes each message to the 'safar.sms' log instead of sending it."""

    def send(self, phone: str, text: str) -> None:
        log.info("SMS to %s: %s", phone, text)


class MemorySMSBackend:
    """Keeps messages in `MemorySMSBackend.outbox` (tests)."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        self.outbox.append((phone, text))


def send_sms(phone: str, text: str) -> None:
    backend = import_string(settings.SAFAR_SMS_BACKEND)()
    backend.send(phone, text)
