"""Wagtail pages and content snippets. Pages describe; learner data lives in the
domain apps."""

from .pages import (
    CourseContact,
    CoursePage,
    CoursePrerequisite,
    HomePage,
    LessonPage,
    ModulePage,
    TrackIndexPage,
)
from .snippets import ContactCard, DestinationCountry

__all__ = [
    "ContactCard",
    "CourseContact",
    "CoursePage",
    "CoursePrerequisite",
    "DestinationCountry",
    "HomePage",
    "LessonPage",
    "ModulePage",
    "TrackIndexPage",
]
