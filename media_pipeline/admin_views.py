"""Admin endpoints behind the Wagtail admin's login: live status (polled by
admin-status.js) and "Try again"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import Video


def _check(request, permission):
    if not request.user.has_perm(f"media_pipeline.{permission}_video"):
        raise PermissionDenied


def status(request, pk):
    _check(request, "change")
    video = get_object_or_404(Video, pk=pk)
    return JsonResponse(
        {
            "status": video.status,
            "label": str(video.status_label()),
            "progress": video.progress,
            "message": video.status_message,
        },
        headers={"Cache-Control": "no-store"},
    )


@require_POST
def retry(request, pk):
    _check(request, "change")
    video = get_object_or_404(Video, pk=pk)
    services.video_retry(video=video)
    messages.success(request, _("The video will be processed again."))
    return redirect("wagtailsnippets_media_pipeline_video:edit", video.pk)
