"""The one API router: every app registers its viewsets here (see lms/urls.py)."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from accounts.api.views import MeView, MyDataView, TokenObtainView, TokenViewSet
from assessments.api.views import AttemptViewSet
from certificates.api.views import CertificateViewSet
from courses.api.sync import SyncView
from courses.api.video import VideoEventViewSet
from courses.api.views import CourseViewSet, EnrollmentViewSet, LessonViewSet, ProgressViewSet

router = DefaultRouter()

# Apps add their viewsets below.
router.register("courses", CourseViewSet, basename="course")
router.register("lessons", LessonViewSet, basename="lesson")
router.register("enrollments", EnrollmentViewSet, basename="enrollment")
router.register("progress", ProgressViewSet, basename="progress")
router.register("video-events", VideoEventViewSet, basename="video-event")
router.register("attempts", AttemptViewSet, basename="attempt")
router.register("certificates", CertificateViewSet, basename="certificate")
router.register("auth/tokens", TokenViewSet, basename="token")


def only_safar_endpoints(endpoints):
    """drf-spectacular preprocessing hook: keep the endpoints under /api/v1/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


app_name = "api"
urlpatterns = [
    path("auth/token/", TokenObtainView.as_view(), name="token-obtain"),
    path("sync/", SyncView.as_view(), name="sync"),
    path("me/", MeView.as_view(), name="me"),
    path("me/data/", MyDataView.as_view(), name="my-data"),
    *router.urls,
]
