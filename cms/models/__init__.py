"""Wagtail pages and content snippets. Pages describe; learner data lives in the
domain apps."""

from .knowledge import ArticlePage, CountryPage, KnowledgeIndexPage, TopicPage
from .pages import (
    CourseContact,
    CoursePage,
    CoursePrerequisite,
    HomePage,
    LessonPage,
    ModulePage,
    TrackIndexPage,
)
from .search import UnansweredSearch
from .snippets import ContactCard, DestinationCountry
from .tracks import TrackCollection

__all__ = [
    "ArticlePage",
    "CountryPage",
    "KnowledgeIndexPage",
    "TopicPage",
    "UnansweredSearch",
    "ContactCard",
    "CourseContact",
    "CoursePage",
    "CoursePrerequisite",
    "DestinationCountry",
    "HomePage",
    "LessonPage",
    "ModulePage",
    "TrackCollection",
    "TrackIndexPage",
]
