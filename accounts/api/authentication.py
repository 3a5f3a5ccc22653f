"""`Authorization: Token <key>` for the API (accounts.tokens)."""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from ..tokens import api_token_user

KEYWORD = "Token"


class TokenAuthentication(authentication.BaseAuthentication):
    """A request with a Token header is that token's user, or refused (401);
    without the header, the next authentication (the web session) is tried."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Write the header as: Token <key>."))
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from exc
        found = api_token_user(key)
        if found is None:
            raise exceptions.AuthenticationFailed(
                _("This token is not valid or has expired. Sign in again.")
            )
        return found

    def authenticate_header(self, request):
        return KEYWORD


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    """The token, as drf-spectacular writes it into the OpenAPI schema."""

    target_class = TokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`, the key from POST /api/v1/auth/token/.",
        }
