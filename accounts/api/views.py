"""Signing in an app (a token for the identifier and password, under the same
lockout as the web sign-in), and the user's own tokens (list, revoke)."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import throttle
from ..models import ApiToken
from ..services import account_export_data, account_profile_update
from ..tokens import api_token_create, api_token_revoke, api_tokens_of
from .serializers import MeSerializer, NewTokenSerializer, TokenRequestSerializer, TokenSerializer


class LockedOut(exceptions.Throttled):
    default_code = "locked_out"


class TokenObtainView(APIView):
    """A token for the phone, e-mail or username and the password: the same
    accounts, lockout and failure counting as the web sign-in."""

    permission_classes = [AllowAny]
    authentication_classes = []  # a sign-in needs no session (and so no CSRF)
    throttle_scope = "auth"

    @extend_schema(request=TokenRequestSerializer, responses={201: NewTokenSerializer})
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        django_request = request._request
        user = authenticate(
            django_request,
            username=data.validated_data["identifier"],
            password=data.validated_data["password"],
        )
        if getattr(django_request, "safar_locked_out", False):
            raise LockedOut(detail=throttle.locked_out_message())
        if user is None:
            raise exceptions.AuthenticationFailed(
                _("The phone, e-mail or password is not right.")
            )
        throttle.clear_failures(user=user)
        token, key = api_token_create(user=user, name=data.validated_data["device"])
        body = {"token": key, "id": token.pk, "expires_at": token.expires_at}
        return Response(NewTokenSerializer(body).data, status=status.HTTP_201_CREATED)

    def get_authenticate_header(self, request):
        return "Token"


class TokenViewSet(viewsets.GenericViewSet, mixins.ListModelMixin):
    """The caller's tokens (the key itself is never shown again); DELETE revokes."""

    serializer_class = TokenSerializer
    permission_classes = [IsAuthenticated]
    queryset = ApiToken.objects.none()  # for the schema; get_queryset scopes it

    def get_queryset(self):
        return api_tokens_of(user=self.request.user)

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        if not str(pk).isdigit() or not api_token_revoke(user=request.user, token_id=int(pk)):
            raise exceptions.NotFound
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    """The caller's account and learner profile: GET reads, PATCH changes the
    preferred language and the profile's fields (partial)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: MeSerializer})
    def get(self, request):
        return Response(MeSerializer(request.user).data)

    @extend_schema(request=MeSerializer, responses={200: MeSerializer})
    def patch(self, request):
        data = MeSerializer(request.user, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        profile_data = data.validated_data.get("learner_profile")
        profile = getattr(request.user, "learner_profile", None)
        if profile_data and profile is None:
            raise exceptions.ValidationError(
                {"profile": [_("This account has no learner profile.")]}
            )
        account_profile_update(
            user=request.user,
            preferred_language=data.validated_data.get("preferred_language"),
            profile=profile_data or {},
        )
        request.user.refresh_from_db()
        return Response(MeSerializer(request.user).data)


class MyDataView(APIView):
    """Everything Safar holds about the caller, as JSON (the same as the
    profile page's download)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: dict})
    def get(self, request):
        return Response(account_export_data(user=request.user))
