"""Reads about courses. The reads about the page tree (a page's track, a
course's lessons, prerequisites and final assessment) are content and live in
`cms.tree`; they are re-exported here for callers written before the move.
Reads about a learner's records are in `progress.py`."""

from cms.tree import (  # noqa: F401
    course_final_assessment,
    course_lessons,
    course_prerequisites,
    course_track,
    courses_in_track,
    page_track,
)
