"""The one API router: every app registers its viewsets here (see lms/urls.py)."""

from rest_framework.routers import DefaultRouter

from assessments.api.views import AttemptViewSet
from courses.api.views import CourseViewSet, EnrollmentViewSet, ProgressViewSet
from media_pipeline.api.views import VideoEventViewSet

router = DefaultRouter()

# Apps add their viewsets below, e.g.:
# router.register("enrollments", EnrollmentViewSet, basename="enrollment")
router.register("courses", CourseViewSet, basename="course")
router.register("enrollments", EnrollmentViewSet, basename="enrollment")
router.register("progress", ProgressViewSet, basename="progress")
router.register("video-events", VideoEventViewSet, basename="video-event")
router.register("attempts", AttemptViewSet, basename="attempt")


def only_safar_endpoints(endpoints):
    """drf-spectacular preprocessing hook: keep the endpoints under /api/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


app_name = "api"
urlpatterns = router.urls
