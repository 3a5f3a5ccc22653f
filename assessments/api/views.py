"""The quiz API: start an attempt, save answers as you go, submit. The same
services as the web pages; only the requester's own attempts are reachable
(404 otherwise), and no answer key is ever sent before submission."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from cms.models import LessonPage
from core.http import as_api_error
from courses.access import can_view_page

from .. import services
from ..exceptions import AssessmentsError, TimeUp
from ..models import Attempt
from ..selectors import attempt_questions_public
from .serializers import (
    AnswersInputSerializer,
    AttemptSerializer,
    AttemptStartInputSerializer,
    SubmitInputSerializer,
)


class AttemptViewSet(viewsets.GenericViewSet, mixins.RetrieveModelMixin):
    """The requesting learner's quiz attempts, by uuid."""

    serializer_class = AttemptSerializer
    permission_classes = [IsAuthenticated]
    lookup_field = "uuid"
    queryset = Attempt.objects.none()  # for the schema; get_queryset scopes it

    def get_queryset(self):
        attempts = Attempt.objects.filter(user=self.request.user).select_related("quiz", "lesson")
        visible = [a.pk for a in attempts if can_view_page(self.request.user, a.lesson)]
        return attempts.filter(pk__in=visible)

    def _out(self, attempt, code=status.HTTP_200_OK):
        attempt.public_questions = attempt_questions_public(attempt)
        if attempt.status != Attempt.Status.SUBMITTED:
            attempt.results = []
        return Response(AttemptSerializer(attempt).data, status=code)

    def retrieve(self, request, *args, **kwargs):
        return self._out(self.get_object())

    @extend_schema(request=AttemptStartInputSerializer, responses={201: AttemptSerializer})
    def create(self, request):
        data = AttemptStartInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        lesson = LessonPage.objects.filter(pk=data.validated_data["lesson"]).first()
        if lesson is None:
            raise NotFound
        try:
            attempt = services.attempt_start(user=request.user, lesson=lesson)
        except AssessmentsError as exc:
            raise as_api_error(exc) from exc
        return self._out(attempt, status.HTTP_201_CREATED)

    @extend_schema(request=AnswersInputSerializer, responses={200: AttemptSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request, uuid=None):
        attempt = self.get_object()
        data = AnswersInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            attempt = services.attempt_answer_save(
                attempt=attempt, user=request.user, answers=data.validated_data["answers"]
            )
        except AssessmentsError as exc:
            raise as_api_error(exc) from exc
        return self._out(attempt)

    @extend_schema(request=SubmitInputSerializer, responses={200: AttemptSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, uuid=None):
        attempt = self.get_object()
        data = SubmitInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            result = services.attempt_submit(
                attempt=attempt, user=request.user, answers=data.validated_data.get("answers")
            )
        except TimeUp as exc:
            raise as_api_error(exc) from exc
        except AssessmentsError as exc:
            raise as_api_error(exc) from exc
        return self._out(result.attempt)
