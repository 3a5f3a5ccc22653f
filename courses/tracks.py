"""Moved to `core.tracks` (the ground of every app); kept so that imports
written before the move still work."""

from core.tracks import *  # noqa: F403
from core.tracks import (  # noqa: F401
    COURSE_DEPTH,
    MIGRANT_AUTHORS,
    MRC_EDITORS,
    STAFF_AUTHORS,
    TRACK_AUTHOR_GROUPS,
    TRACK_INDEX_DEPTH,
    CertificateTemplate,
    CompletionRule,
    Track,
)
