"""The video player's event endpoint. It lives with the learner records, not in
the video pipeline: the pipeline keeps the viewing log, this app decides what a
viewing means for a lesson (statements, completion)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.parsers import loads
from media_pipeline import selectors
from media_pipeline.api.serializers import VideoEventInputSerializer, VideoEventOutputSerializer
from media_pipeline.exceptions import VideoEventError

from .. import services


def _event_data(request):
    if "event" not in request.data or "video" in request.data:
        return request.data
    try:
        event = loads(request.data["event"])  # the API's size and depth limits
    except (TypeError, ValueError) as error:
        raise ValidationError({"event": _("The event is not valid JSON.")}) from error
    if not isinstance(event, dict):
        raise ValidationError({"event": _("The event must be a JSON object.")})
    return event


class VideoEventViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The player's reports: played / paused / seeked / completed / terminated,
    with the segments played since the last report. Signed-in learners only.

    The body is JSON; or, for the report a leaving page sends with
    navigator.sendBeacon (which cannot set the X-CSRFToken header), a form with
    `csrfmiddlewaretoken` and `event` (the same JSON as a string)."""

    permission_classes = [IsAuthenticated]
    serializer_class = VideoEventInputSerializer

    @extend_schema(request=VideoEventInputSerializer, responses={200: VideoEventOutputSerializer})
    def create(self, request, *args, **kwargs):
        data = VideoEventInputSerializer(data=_event_data(request))
        data.is_valid(raise_exception=True)
        video = selectors.video_get_by_uuid(data.validated_data["video"])
        if video is None or not selectors.can_user_view_video(request.user, video):
            raise NotFound(_("No such video."))
        try:
            log = services.video_view_record(
                user=request.user,
                video=video,
                session_id=data.validated_data["session"],
                verb=data.validated_data["verb"],
                segments=data.validated_data["segments"],
                position=data.validated_data.get("position"),
            )
        except VideoEventError as error:
            raise ValidationError({"detail": str(error.message)}) from error
        output = VideoEventOutputSerializer(
            {
                "watched_fraction": log.watched_fraction,
                "watched_seconds": log.watched_seconds,
                "completed": log.completed_at is not None,
            }
        )
        return Response(output.data, status=status.HTTP_200_OK)
