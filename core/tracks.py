"""The two tracks and the rules that hang on them.

A course's track is never stored on the course: it is derived from where the
course lives in the page tree (Home → track index → course), see
`cms.selectors.course_track`. Everything that differs by track (who may
author it, who may take it, which certificate is issued) keys on `Track`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Track(models.TextChoices):
    MIGRANT = "migrant", _("Pre-departure orientation")
    STAFF = "staff", _("Trainer certification")


class CompletionRule(models.TextChoices):
    """When a learner has completed a course (evaluated by the enrollment code)."""

    LESSONS = "lessons", _("All lessons done")
    LESSONS_AND_FINAL = (
        "lessons_and_final",
        _("All lessons done, and the final assessment passed when there is one"),
    )


class CertificateTemplate(models.TextChoices):
    """Which certificate a course issues. Empty means the track's default; the
    certificates app resolves the key to its template (most specific first)."""

    TRACK_DEFAULT = "", _("The track's default certificate")
    ORIENTATION = "orientation", _("Pre-departure orientation certificate")
    TRAINER = "trainer", _("Certified pre-departure trainer")
    NONE = "none", _("No certificate")


# Wagtail groups (created by a data migration in cms, filled by accounts.demo).
MIGRANT_AUTHORS = "Migrant-track authors"
STAFF_AUTHORS = "Staff-track authors"
MRC_EDITORS = "MRC editors"
TRACK_AUTHOR_GROUPS = {Track.MIGRANT: MIGRANT_AUTHORS, Track.STAFF: STAFF_AUTHORS}

# Depth of a track index page in Wagtail's tree: root (1) → home (2) → track (3).
TRACK_INDEX_DEPTH = 3
COURSE_DEPTH = 4
