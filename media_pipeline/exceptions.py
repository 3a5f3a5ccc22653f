"""The media pipeline's errors. Each input error carries a code (stored on the
video) and a message a course author understands (shown in the admin)."""

from django.utils.translation import gettext_lazy as _


class MediaPipelineError(Exception):
    """Base of every error raised by media_pipeline."""

    code = "error"
    message = _("Something went wrong while preparing this video.")

    def __init__(self, message=None, *, detail: str = ""):
        if message is not None:
            self.message = message
        self.detail = detail
        super().__init__(str(self.message))


# --- The uploaded file cannot become a lesson video (permanent) ---------------
class MediaInputError(MediaPipelineError):
    code = "invalid_input"
    message = _("This file is not a video we can read.")


class EmptyFileError(MediaInputError):
    code = "empty_file"
    message = _("This file is empty (0 bytes). Upload the video file again.")


class NotAVideoError(MediaInputError):
    code = "not_a_video"
    message = _(
        "This file is not a video we can read. Export it from your editor as an MP4 "
        "(H.264) file and upload it again."
    )


class FormatMismatchError(NotAVideoError):
    code = "format_mismatch"


class ImageFileError(MediaInputError):
    code = "image_file"
    message = _(
        "This file is a picture, not a video. Upload pictures in the Images library instead."
    )


class PlaylistFileError(MediaInputError):
    code = "playlist"
    message = _(
        "This file is a playlist or a list of other files, not a video. Upload the video "
        "file itself (MP4, WebM, MKV, AVI, MPEG-TS, OGG, FLV or 3GP; MP3, M4A or WAV for "
        "a sound-only lesson)."
    )


class SubtitleFileError(MediaInputError):
    code = "subtitles"
    message = _(
        "This file is subtitles, not a video. Upload the video first, then add this file "
        "under Captions on the video's page."
    )


class TruncatedFileError(MediaInputError):
    code = "truncated"
    message = _("The file is cut short: re-export it from your editor and upload it again.")


class NoVideoStreamError(MediaInputError):
    code = "no_video_stream"
    message = _("This file has no video stream.")


class TooSmallError(MediaInputError):
    code = "too_small"


class TooLargeFrameError(MediaInputError):
    code = "frame_too_large"


class TooLongError(MediaInputError):
    code = "too_long"


class FileTooLargeError(MediaInputError):
    code = "file_too_large"


class OriginalMissingError(MediaInputError):
    code = "original_missing"
    message = _("The original file is missing from storage. Upload the video again.")


# --- ffmpeg failed on a file that looked playable (permanent) -----------------
class TranscodeError(MediaPipelineError):
    code = "transcode_failed"
    message = _(
        "We could not convert this video. Re-export it from your editor as an MP4 "
        "(H.264) file and upload it again; if it still fails, contact the MRC team."
    )


# --- Worth trying again later (the task retries these with backoff) -----------
class TransientMediaError(MediaPipelineError):
    code = "temporary"
    message = _(
        "Processing stopped because of a temporary problem on the server. Press “Try again”."
    )


class StalledError(TransientMediaError):
    code = "stalled"
    message = _(
        "Processing stopped: the server working on this video stopped responding. "
        "Press “Try again”."
    )


# --- Player events --------------------------------------------------------------
class VideoEventError(MediaPipelineError):
    code = "bad_event"
