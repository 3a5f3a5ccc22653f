"""API tokens for apps and kiosks: made by signing in (`POST /api/v1/auth/token/`),
used as `Authorization: Token <key>`, expiring after SAFAR_API_TOKEN_DAYS,
listed and revoked by their owner. Only the key's SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import ApiToken, User

KEY_BYTES = 32
# last_used_at is written at most this often per token (not on every request).
TOUCH_SECONDS = 5 * 60


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with its key (shown this once)."""
    key = secrets.token_urlsafe(KEY_BYTES)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        key_hash=_hash(key),
        prefix=key[:8],
        expires_at=timezone.now() + timedelta(days=settings.SAFAR_API_TOKEN_DAYS),
    )
    return token, key


def api_token_user(key: str) -> tuple[User, ApiToken] | None:
    """The active user a valid, unexpired key signs in, with its token."""
    if not key or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(key), expires_at__gt=timezone.now(), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > TOUCH_SECONDS:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token.user, token


def api_tokens_of(*, user: User):
    """The user's tokens that still work, newest first."""
    return ApiToken.objects.filter(user=user, expires_at__gt=timezone.now())


def api_token_revoke(*, user: User, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False when they have no such token."""
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return bool(deleted)
