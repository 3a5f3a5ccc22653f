"""Videos, their encoding profiles and outputs (after edx-val and Wagtail image
renditions), captions, and learners' viewing logs (after kolibri's logger).

- `Video`: the original as uploaded (never changed by processing) and its status.
- `EncodingProfile`: one row per kind of output, seeded by a data migration.
- `VideoOutput`: one row per (video, profile), unique; written only when every
  output of a run is in storage (see services.video_process).
- `Caption`: one WebVTT file per (video, language).
- `VideoViewLog` / `VideoViewSession`: a learner's merged played segments.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.search import index

from core.tracks import Track


class Video(index.Indexed, ClusterableModel):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    track = models.CharField(
        _("track"),
        max_length=16,
        choices=Track.choices,
        default=Track.MIGRANT,
        help_text=_("Only this track's authors (and MRC editors) see the video in the admin."),
    )
    original = models.FileField(
        _("original file"),
        upload_to="videos/originals/%Y/%m/",
        max_length=500,
        help_text=_("Kept exactly as uploaded; processing never changes or deletes it."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.UPLOADED
    )
    status_message = models.TextField(_("status message"), blank=True)
    error_code = models.CharField(_("error code"), max_length=32, blank=True)
    error_detail = models.TextField(_("technical details"), blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)

    # What probing found (display size: after rotation and pixel aspect ratio).
    duration_seconds = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    rotation = models.SmallIntegerField(_("rotation (degrees)"), default=0)
    video_codec = models.CharField(_("video codec"), max_length=32, blank=True)
    audio_codec = models.CharField(_("audio codec"), max_length=32, blank=True)
    has_audio = models.BooleanField(_("has sound"), null=True, blank=True)
    original_size = models.BigIntegerField(_("original size (bytes)"), null=True, blank=True)

    # Bookkeeping of the processing runs (see services.video_process).
    processing_token = models.UUIDField(null=True, blank=True, editable=False)
    processing_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    processed_at = models.DateTimeField(null=True, blank=True, editable=False)
    processed_original = models.CharField(max_length=500, blank=True, editable=False)
    outputs_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    output_generation = models.CharField(max_length=64, blank=True, editable=False)
    # Times the stall sweep restarted the current processing (media_pipeline.stalls).
    stall_requeues = models.PositiveSmallIntegerField(default=0, editable=False)

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("status"),
        index.FilterField("track"),
    ]

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=100),
                name="media_pipeline_video_progress_0_100",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="failed") | ~models.Q(status_message=""),
                name="media_pipeline_video_failed_has_message",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | models.Q(progress=100),
                name="media_pipeline_video_ready_is_100",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_stalled(self) -> bool:
        """Processing that has reported no progress for SAFAR_VIDEO_STALL_MINUTES
        (its worker died): the admin offers "Try again"."""
        from django.utils import timezone

        limit = timezone.now() - timedelta(minutes=settings.SAFAR_VIDEO_STALL_MINUTES)
        return self.status == self.Status.PROCESSING and self.updated_at < limit

    def status_label(self) -> str:
        """The status as authors see it in the listing, e.g. "Processing (42%)"."""
        if self.status == self.Status.PROCESSING and self.is_stalled:
            return _("Stopped at %(percent)d%%") % {"percent": self.progress}
        if self.status == self.Status.PROCESSING:
            return _("Processing (%(percent)d%%)") % {"percent": self.progress}
        return str(self.get_status_display())

    status_label.short_description = _("status")


class EncodingProfile(models.Model):
    """What one output is: an MP4 rung, the HLS set, the audio-only file, the poster."""

    class Kind(models.TextChoices):
        MP4 = "mp4", _("H.264/AAC MP4")
        HLS = "hls", _("HLS (adaptive streaming)")
        AUDIO = "audio", _("Audio only (AAC)")
        IMAGE = "image", _("Poster and thumbnails (JPEG)")

    slug = models.SlugField(_("slug"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    # MP4 rungs: the short side of the picture (240 for 426×240 and for 240×426).
    short_side = models.PositiveSmallIntegerField(_("short side (px)"), null=True, blank=True)
    crf = models.PositiveSmallIntegerField(_("x264 CRF"), null=True, blank=True)
    max_video_kbps = models.PositiveIntegerField(_("video bitrate cap (kbit/s)"), null=True)
    audio_kbps = models.PositiveIntegerField(_("audio bitrate (kbit/s)"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("encoding profile")
        verbose_name_plural = _("encoding profiles")
        ordering = ["sort_order", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="mp4")
                | models.Q(short_side__isnull=False, max_video_kbps__isnull=False),
                name="media_pipeline_profile_mp4_has_size_and_rate",
            ),
        ]

    def __str__(self):
        return self.name


class VideoOutput(models.Model):
    """One published output of a video for one profile (unique per pair)."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="outputs")
    profile = models.ForeignKey(EncodingProfile, on_delete=models.PROTECT, related_name="+")
    # The main file (the MP4, the master playlist, the poster JPEG) ...
    file = models.FileField(_("file"), max_length=500)
    # ... and every storage name that belongs to this output (segments, thumbnails).
    files = models.JSONField(_("all files"), default=list)
    generation = models.CharField(max_length=64)
    size_bytes = models.BigIntegerField(_("size (bytes)"), default=0)
    bitrate = models.PositiveIntegerField(_("bitrate (bit/s)"), null=True, blank=True)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    duration_seconds = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("video output")
        verbose_name_plural = _("video outputs")
        constraints = [
            models.UniqueConstraint(
                fields=["video", "profile"], name="media_pipeline_output_video_profile_unique"
            ),
        ]

    def __str__(self):
        return f"{self.video_id}:{self.profile_id}"


class Caption(models.Model):
    """A WebVTT caption file in one language (SRT uploads are converted)."""

    video = ParentalKey(Video, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    file = models.FileField(
        _("caption file"),
        upload_to="videos/captions/%Y/%m/",
        max_length=500,
        help_text=_("WebVTT (.vtt) or SubRip (.srt), UTF-8 or Windows Cyrillic."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("caption")
        verbose_name_plural = _("captions")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["video", "language"], name="media_pipeline_caption_video_language_unique"
            ),
        ]

    def __str__(self):
        return f"{self.video} ({self.language})"

    def clean(self):
        from .captions import caption_file_normalize

        if self.file and not getattr(self.file, "_committed", True):
            self.file = caption_file_normalize(self.file)


class VideoViewLog(models.Model):
    """One row per (learner, video): every played segment, merged."""

    DATA_MODEL_VERSION = 1

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="video_view_logs"
    )
    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="view_logs")
    # Empty until the learner has played something: a viewing often begins
    # with an event that carries no segment yet (a pause or a seek at 0:00).
    played_segments = models.JSONField(default=list, blank=True)
    watched_seconds = models.FloatField(default=0)
    watched_fraction = models.FloatField(default=0)
    last_position = models.FloatField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The first time the learner fetched a whole rendition through the server
    # without the player's script: "Download for later", "Sound only", or the
    # video in a browser without JavaScript (media_pipeline.views).
    fetched_at = models.DateTimeField(null=True, blank=True)
    data_model_version = models.PositiveSmallIntegerField(default=DATA_MODEL_VERSION)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("video viewing log")
        verbose_name_plural = _("video viewing logs")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "video"], name="media_pipeline_viewlog_user_video_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(watched_fraction__gte=0, watched_fraction__lte=1),
                name="media_pipeline_viewlog_fraction_0_1",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} watched {self.video_id}: {self.watched_fraction:.0%}"


class VideoViewSession(models.Model):
    """One viewing (a page load of the player): its own merged segments."""

    log = models.ForeignKey(VideoViewLog, on_delete=models.CASCADE, related_name="sessions")
    session_id = models.UUIDField()
    played_segments = models.JSONField(default=list, blank=True)
    last_verb = models.CharField(max_length=16, blank=True)
    events = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    last_event_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("video viewing session")
        verbose_name_plural = _("video viewing sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["log", "session_id"], name="media_pipeline_viewsession_unique"
            ),
        ]

    def __str__(self):
        return f"{self.log_id}/{self.session_id}"
