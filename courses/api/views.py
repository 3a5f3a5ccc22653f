"""The learner API: visible courses, my enrollments, lesson progress. Querysets
are scoped to the requesting user; the wall between tracks answers 404."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from cms.api_content import lesson_blocks
from cms.models import CoursePage, LessonPage
from cms.selectors import course_outline
from cms.tree import courses_in_track
from core.http import as_api_error

from .. import services
from ..access import can_view_page, visible_courses
from ..exceptions import CoursesError
from ..models import Enrollment
from ..progress import course_of, course_progress, my_enrollments
from .serializers import (
    CourseDetailSerializer,
    CourseFilterSerializer,
    CourseSerializer,
    EnrollmentInputSerializer,
    EnrollmentSerializer,
    LessonSerializer,
    ProgressInputSerializer,
    ProgressSerializer,
)


@extend_schema_view(list=extend_schema(parameters=[CourseFilterSerializer]))
class CourseViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Published courses the requesting user may see (all languages, or one:
    ?language=ru; ?track=, ?destination=RU). The detail lists the modules and
    their lessons."""

    permission_classes = [AllowAny]

    def get_serializer_class(self):
        return CourseDetailSerializer if self.action == "retrieve" else CourseSerializer

    def get_queryset(self):
        courses = visible_courses(self.request.user).live().select_related("locale")
        if self.action != "list":
            return courses
        filters = CourseFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        wanted = filters.validated_data
        if "language" in wanted:
            courses = courses.filter(locale__language_code=wanted["language"])
        if "track" in wanted:
            courses = courses.filter(pk__in=courses_in_track(track=wanted["track"]).values("pk"))
        if "destination" in wanted:
            courses = courses.filter(
                destination_countries__code__iexact=wanted["destination"]
            ).distinct()
        return courses.order_by("path", "pk")

    def retrieve(self, request, pk=None):
        course = self.get_object()
        course.outline = course_outline(course)
        return Response(CourseDetailSerializer(course).data)


class LessonViewSet(viewsets.GenericViewSet, mixins.RetrieveModelMixin):
    """A lesson's content as structured JSON (its blocks), for apps and the
    offline copy. A lesson of a track the caller may not see is not found."""

    permission_classes = [AllowAny]
    serializer_class = LessonSerializer

    def get_queryset(self):
        return LessonPage.objects.live().select_related("locale")

    def retrieve(self, request, pk=None):
        lesson = self.get_object()
        if not can_view_page(request.user, lesson):
            raise NotFound
        course = course_of(lesson)
        lesson.course_id = course.pk if course else None
        lesson.blocks = lesson_blocks(lesson, user=request.user)
        return Response(LessonSerializer(lesson).data)


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
