"""Reads of the media pipeline: who may view a video, what the player shows, and
whether a learner has watched enough of it."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import EncodingProfile, Video, VideoOutput, VideoViewLog

LANGUAGE_LABELS = {"tg": "Тоҷикӣ", "ru": "Русский", "uz": "Oʻzbekcha", "en": "English"}


def can_user_view_video(user, video: Video) -> bool:
    """THE one place that decides whether `user` may fetch `video`'s files
    (outputs, playlists, captions, poster) and report viewing events.

    The pipeline knows no learners, pages or tracks: the decision is the
    access policy it is given, the callable `(user, video) -> bool` named by
    the setting SAFAR_VIDEO_ACCESS_POLICY (the wall between the tracks,
    `courses.access.can_view_video`). Without one, nobody may.
    """
    policy = getattr(settings, "SAFAR_VIDEO_ACCESS_POLICY", "")
    return bool(policy) and bool(import_string(policy)(user, video))


def media_path_visible(user, path: str) -> bool | None:
    """Media gate for video files (lms/media.py): originals and captions only
    through this app's views; outputs (`videos/outputs/<uuid>/...`) to those who
    may view the video."""
    if not path.startswith("videos/"):
        return None
    parts = path.split("/")
    if len(parts) < 4 or parts[1] != "outputs":
        return False
    video = video_get_by_uuid(parts[2]) if _is_uuid(parts[2]) else None
    return video is not None and can_user_view_video(user, video)


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def video_get_by_uuid(video_uuid) -> Video | None:
    return Video.objects.filter(uuid=video_uuid).first()


def video_outputs(video: Video) -> dict[str, VideoOutput]:
    """The published outputs of `video` by profile slug."""
    return {o.profile.slug: o for o in video.outputs.select_related("profile")}


def video_watched(fraction: float) -> bool:
    """Whether played segments covering `fraction` of a video count as
    watched: SAFAR_VIDEO_WATCHED_FRACTION (90 %) or more."""
    return fraction >= settings.SAFAR_VIDEO_WATCHED_FRACTION


def video_watched_enough(user, video: Video) -> bool:
    """True when the player's played segments cover enough of the video
    (`video_watched`), or, without the player (downloaded, sound only, no
    JavaScript), when a whole rendition was fetched through the server and that
    share of the video's duration has passed since."""
    watched = video_watched_from(user, video)
    return watched is not None and watched <= timezone.now()


def video_watched_from(user, video: Video):
    """When the learner's viewing counts as watched: when the player reported
    enough; the fetch time plus the watching time for a fetched rendition; None
    when neither happened yet."""
    if user is None or not user.is_authenticated:
        return None
    log = (
        VideoViewLog.objects.filter(user=user, video=video)
        .only("watched_fraction", "fetched_at", "completed_at", "updated_at")
        .first()
    )
    if log is None:
        return None
    if video_watched(log.watched_fraction):
        return log.completed_at or log.updated_at
    if log.fetched_at is None:
        return None
    fraction = settings.SAFAR_VIDEO_WATCHED_FRACTION
    return log.fetched_at + timedelta(seconds=(video.duration_seconds or 0) * fraction)


def _quality_label(output: VideoOutput) -> str:
    return f"{min(output.width or 0, output.height or 0)}p"


PHONE_POSTER_WIDTH = "320"


def _poster_urls(poster: VideoOutput | None, url) -> dict:
    """The poster for a phone (the 320-px thumbnail: a few KB on 2G) as the
    `poster` attribute, and the full poster, which the player's script puts in
    its place on a wide screen when data saver is off."""
    if poster is None:
        return {"poster_url": None, "poster_large_url": None}
    large = url(poster.profile.slug)
    if PHONE_POSTER_WIDTH not in (poster.metadata or {}).get("thumbnails", {}):
        return {"poster_url": large, "poster_large_url": None}
    return {"poster_url": f"{large}?w={PHONE_POSTER_WIDTH}", "poster_large_url": large}


def _audio_player_context(video: Video, outputs: dict, *, user=None) -> dict | None:
    """A sound-only lesson (an audio upload, maybe with a cover picture): one
    <audio> element with the AAC file, which is also the download."""
    audio = next(
        (o for o in outputs.values() if o.profile.kind == EncodingProfile.Kind.AUDIO), None
    )
    if audio is None:
        return None
    url = reverse("media_pipeline:output", args=[video.uuid, audio.profile.slug])
    return {
        "kind": "audio",
        "uuid": str(video.uuid),
        "title": video.title,
        "duration": video.duration_seconds,
        "audio": {"url": url, "size": audio.size_bytes, "label": _("Sound only")},
        "download": {
            "url": reverse("media_pipeline:download", args=[video.uuid, audio.profile.slug]),
            "size": audio.size_bytes,
            "label": _("Sound only"),
        },
        "events_url": (
            reverse("api:video-event-list") if user is not None and user.is_authenticated else None
        ),
    }


def video_player_context(
    video: Video | None, *, user=None, language: str | None = None
) -> dict | None:
    """Everything the player template needs, or None if the video can't play yet.

    Sources are ordered for a slow connection: the 360p rung first (what plays
    without JavaScript), then the lower, then the higher ones."""
    if video is None or video.status != Video.Status.READY:
        return None
    outputs = video_outputs(video)
    rungs = sorted(
        (o for o in outputs.values() if o.profile.kind == EncodingProfile.Kind.MP4),
        key=lambda o: min(o.width or 0, o.height or 0),
    )
    if not rungs:
        return _audio_player_context(video, outputs, user=user)
    default = next((o for o in reversed(rungs) if min(o.width, o.height) <= 360), rungs[0])
    ordered = [default] + [o for o in rungs if o.pk != default.pk]

    def url(slug: str) -> str:
        return reverse("media_pipeline:output", args=[video.uuid, slug])

    sources = [
        {
            "key": _quality_label(o),
            "label": _quality_label(o),
            "url": url(o.profile.slug),
            "type": "video/mp4",
            "size": o.size_bytes,
            "default": o.pk == default.pk,
        }
        for o in ordered
    ]
    audio = next(
        (o for o in outputs.values() if o.profile.kind == EncodingProfile.Kind.AUDIO), None
    )
    hls = next((o for o in outputs.values() if o.profile.kind == EncodingProfile.Kind.HLS), None)
    poster = next(
        (o for o in outputs.values() if o.profile.kind == EncodingProfile.Kind.IMAGE), None
    )
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    captions = [
        {
            "language": c.language,
            "label": LANGUAGE_LABELS.get(c.language, c.language),
            "url": reverse("media_pipeline:caption", args=[video.uuid, c.language]),
            "default": c.language == language,
        }
        for c in video.captions.all()
    ]
    lowest = rungs[0]
    return {
        "kind": "video",
        "uuid": str(video.uuid),
        "title": video.title,
        "duration": video.duration_seconds,
        "width": default.width,
        "height": default.height,
        "sources": sources,
        "default_source": sources[0],
        "audio": (
            {"url": url(audio.profile.slug), "size": audio.size_bytes, "label": _("Sound only")}
            if audio
            else None
        ),
        "hls_url": (
            reverse("media_pipeline:hls", args=[video.uuid, "master.m3u8"]) if hls else None
        ),
        **_poster_urls(poster, url),
        "captions": captions,
        "download": {
            "url": reverse("media_pipeline:download", args=[video.uuid, lowest.profile.slug]),
            "size": lowest.size_bytes,
            "label": _quality_label(lowest),
        },
        "events_url": (
            reverse("api:video-event-list") if user is not None and user.is_authenticated else None
        ),
    }


def video_language(video: Video) -> str:
    """The language of the lessons using `video` (the first page that refers to
    it, by Wagtail's reference index), else the site's source language: which
    sound track to keep when a file has several."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    page_ids = (
        ReferenceIndex.get_references_to(video)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    page = (
        Page.objects.filter(pk__in=[int(i) for i in page_ids])
        .select_related("locale")
        .order_by("pk")
        .first()
    )
    return page.locale.language_code if page is not None else settings.LANGUAGE_CODE
