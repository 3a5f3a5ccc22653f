"""Assessments in the Wagtail admin: the snippets (banks, questions, quizzes,
rubrics), the course report (pre/post knowledge gain, linked from each course's
header), the item analysis and the CSV export of a quiz's attempts."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import CoursePage
from cms.track_admin import TrackScopedViewSetMixin, track_policy_register
from cms.tree import course_track

from . import admin_views
from .models import Question, QuestionBank, Quiz, Rubric

track_policy_register(QuestionBank, Question, Quiz, Rubric)


class QuestionBankViewSet(TrackScopedViewSetMixin, SnippetViewSet):
    model = QuestionBank
    icon = "folder-inverse"
    menu_label = _("Question banks")
    list_display = ["name", "track"]
    list_filter = ["track"]
    search_fields = ["name"]


class QuestionViewSet(TrackScopedViewSetMixin, SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["text", "kind", "bank", "topic", "locale"]
    list_filter = ["bank", "kind", "topic", "locale"]
    search_fields = ["text"]


class QuizViewSet(TrackScopedViewSetMixin, SnippetViewSet):
    model = Quiz
    icon = "form"
    menu_label = _("Quizzes")
    list_display = ["title", "key", "track", "pass_mark", "locale"]
    list_filter = ["track", "locale"]
    search_fields = ["title"]


class RubricViewSet(TrackScopedViewSetMixin, SnippetViewSet):
    model = Rubric
    icon = "tick-inverse"
    menu_label = _("Rubrics")
    list_display = ["title", "key", "track", "pass_min_total", "locale"]
    list_filter = ["track", "locale"]
    search_fields = ["title"]


class AssessmentsViewSetGroup(SnippetViewSetGroup):
    items = (QuestionBankViewSet, QuestionViewSet, QuizViewSet, RubricViewSet)
    menu_icon = "form"
    menu_label = _("Assessments")
    menu_order = 260


register_snippet(AssessmentsViewSetGroup)


@hooks.register("register_admin_urls")
def assessment_admin_urls():
    return [
        path(
            "assessments/course/<int:page_id>/",
            admin_views.course_report,
            name="assessments_course_report",
        ),
        path(
            "assessments/quiz/<int:quiz_id>/analysis/",
            admin_views.quiz_analysis,
            name="assessments_quiz_analysis",
        ),
        path(
            "assessments/quiz/<int:quiz_id>/attempts.csv",
            admin_views.attempts_csv,
            name="assessments_attempts_csv",
        ),
    ]


@hooks.register("register_page_header_buttons")
def course_report_button(page, user, view_name, next_url=None):
    from .selectors import can_analyse

    if not isinstance(page.specific_deferred, CoursePage):
        return
    if not can_analyse(user, course_track(page)):
        return
    yield HeaderButton(
        label=_("Assessments: results"),
        url=reverse("assessments_course_report", args=[page.pk]),
        icon_name="form",
        priority=80,
    )
