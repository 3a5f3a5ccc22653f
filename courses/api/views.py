"""The learner API: visible courses, my enrollments, lesson progress. Querysets
are scoped to the requesting user; the wall between tracks answers 404."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import APIException, NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from cms.models import CoursePage, LessonPage

from .. import services
from ..access import visible_courses
from ..exceptions import CoursesError
from ..models import Enrollment
from ..progress import course_progress, my_enrollments
from .serializers import (
    CourseSerializer,
    EnrollmentInputSerializer,
    EnrollmentSerializer,
    ProgressInputSerializer,
    ProgressSerializer,
)


def as_api_error(exc: CoursesError) -> APIException:
    error = APIException(detail=str(exc))
    error.status_code = exc.status
    return error


class CourseViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Published courses the requesting user may see (all languages)."""

    serializer_class = CourseSerializer
    permission_classes = [AllowAny]

    def get_queryset(self):
        return visible_courses(self.request.user).live().select_related("locale")


class EnrollmentViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The requesting learner's enrollments; POST enrolls in a course."""

    serializer_class = EnrollmentSerializer
    permission_classes = [IsAuthenticated]
    queryset = Enrollment.objects.none()  # for the schema; get_queryset scopes it

    def get_queryset(self):
        return my_enrollments(user=self.request.user)

    def get_serializer(self, *args, **kwargs):
        instances = args[0] if args else None
        items = instances if isinstance(instances, list | tuple) else [instances]
        for enrollment in items:
            if enrollment is not None:
                enrollment.progress = course_progress(enrollment=enrollment)
        return super().get_serializer(*args, **kwargs)

    @extend_schema(request=EnrollmentInputSerializer, responses={201: EnrollmentSerializer})
    def create(self, request):
        data = EnrollmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        course = CoursePage.objects.filter(pk=data.validated_data["course"]).first()
        if course is None:
            raise NotFound
        try:
            enrollment = services.enrollment_create(user=request.user, course=course)
        except CoursesError as exc:
            raise as_api_error(exc) from exc
        return Response(self.get_serializer(enrollment).data, status=status.HTTP_201_CREATED)


class ProgressViewSet(viewsets.GenericViewSet):
    """Record progress in a lesson: {"lesson": id, "progress": 0..1}."""

    permission_classes = [IsAuthenticated]
    serializer_class = ProgressSerializer

    @extend_schema(request=ProgressInputSerializer, responses={200: ProgressSerializer})
    def create(self, request):
        data = ProgressInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        lesson = LessonPage.objects.filter(pk=data.validated_data["lesson"]).first()
        if lesson is None:
            raise NotFound
        try:
            log = services.lesson_progress_record(
                user=request.user,
                lesson=lesson,
                progress=data.validated_data["progress"],
                time_spent_seconds=data.validated_data["time_spent_seconds"],
            )
        except CoursesError as exc:
            raise as_api_error(exc) from exc
        return Response(ProgressSerializer(log).data)
