"""Serving a video's files. Every request passes `selectors.can_user_view_video`
(the one permission check), then is redirected to the file's storage URL (a
signed, expiring URL on S3; /media/... on a local folder) or, for playlists and
captions, answered with the file's content."""

import posixpath

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors, viewing
from .blocks import VideoBlock
from .models import EncodingProfile, Video

PRIVATE_CACHE = "private, max-age=300"


def _visible_video(request, video_uuid) -> Video:
    video = selectors.video_get_by_uuid(video_uuid)
    if video is None or not selectors.can_user_view_video(request.user, video):
        raise Http404("No such video.")
    return video


def _output(video: Video, slug: str):
    output = video.outputs.select_related("profile").filter(profile__slug=slug).first()
    if output is None:
        raise Http404("No such output.")
    return output


def _redirect(name: str, **parameters) -> HttpResponse:
    try:
        url = (
            default_storage.url(name, parameters=parameters)
            if parameters
            else default_storage.url(name)
        )
    except TypeError:  # storages without per-URL parameters (the local folder)
        url = default_storage.url(name)
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = PRIVATE_CACHE
    return response


@require_GET
def output_file(request, video_uuid, slug):
    """The output's file; for the poster, `?w=320` (a thumbnail width) gives that
    smaller JPEG instead (what phones get by default)."""
    video = _visible_video(request, video_uuid)
    output = _output(video, slug)
    width = request.GET.get("w")
    if width is None:
        playable = output.profile.kind in (EncodingProfile.Kind.MP4, EncodingProfile.Kind.AUDIO)
        if playable and "player" not in request.GET:  # player.js marks its own requests
            viewing.video_fetch_record(user=request.user, video=video)
        return _redirect(output.file.name)
    name = (output.metadata or {}).get("thumbnails", {}).get(width)
    if output.profile.kind != EncodingProfile.Kind.IMAGE or name not in output.files:
        raise Http404("No such thumbnail.")
    return _redirect(name)


@require_GET
def output_download(request, video_uuid, slug):
    video = _visible_video(request, video_uuid)
    output = _output(video, slug)
    viewing.video_fetch_record(user=request.user, video=video)
    extension = posixpath.splitext(output.file.name)[1]
    filename = f"safar-video-{str(video.uuid)[:8]}-{slug}{extension}"
    if default_storage.__class__.__name__ == "S3Storage":
        return _redirect(
            output.file.name, ResponseContentDisposition=f'attachment; filename="{filename}"'
        )
    return _redirect(output.file.name)


@require_GET
def hls_file(request, video_uuid, path):
    """Playlists are rewritten so that every segment is a storage URL (signed on
    S3) and every variant playlist comes back through this view."""
    video = _visible_video(request, video_uuid)
    output = video.outputs.filter(profile__kind=EncodingProfile.Kind.HLS).first()
    if output is None:
        raise Http404("No HLS output.")
    root = posixpath.dirname(output.file.name)
    name = posixpath.normpath(posixpath.join(root, path))
    if name not in output.files:
        raise Http404("No such file.")
    if not name.endswith(".m3u8"):
        return _redirect(name)
    with default_storage.open(name, "rb") as handle:
        text = handle.read().decode("utf-8")
    folder = posixpath.dirname(path)
    lines = []
    for line in text.splitlines():
        # Variant playlists stay relative (they resolve to this view again).
        if line and not line.startswith("#") and not line.endswith(".m3u8"):
            target = posixpath.normpath(posixpath.join(root, folder, line))
            line = request.build_absolute_uri(default_storage.url(target))
        lines.append(line)
    response = HttpResponse("\n".join(lines) + "\n", content_type="application/vnd.apple.mpegurl")
    response["Cache-Control"] = PRIVATE_CACHE
    return response


@require_GET
def caption_file(request, video_uuid, language):
    video = _visible_video(request, video_uuid)
    caption = video.captions.filter(language=language).first()
    if caption is None:
        raise Http404("No such caption.")
    with caption.file.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(content, content_type="text/vtt; charset=utf-8")
    response["Cache-Control"] = PRIVATE_CACHE
    return response


@login_required
def preview(request, video_uuid):
    """Authors' preview of the player, as a lesson shows it."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    video = selectors.video_get_by_uuid(video_uuid)
    if video is None or not selectors.can_user_view_video(request.user, video):
        raise Http404("No such video.")
    block = VideoBlock()
    value = block.to_python({"video": video.pk, "caption": video.title})
    html = block.render(value, context={"request": request, "user": request.user})
    return render(request, "media_pipeline/preview.html", {"video": video, "player_html": html})
