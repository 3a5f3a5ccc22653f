"""Assessments in the Wagtail admin: the snippets (banks, questions, quizzes,
rubrics), the course report (pre/post knowledge gain, linked from each course's
header), the item analysis and the CSV export of a quiz's attempts."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import Question, QuestionBank, Quiz, Rubric


class TrackScopedMixin:
    """Authors see and edit only their own track's assessments."""

    track_lookup = "track"

    def get_queryset(self, request):
        from .selectors import author_tracks

        queryset = self.model._default_manager.all()
        return queryset.filter(**{f"{self.track_lookup}__in": author_tracks(request.user)})


class QuestionBankViewSet(TrackScopedMixin, SnippetViewSet):
    model = QuestionBank
    icon = "folder-inverse"
    menu_label = _("Question banks")
    list_display = ["name", "track"]
    list_filter = ["track"]


class QuestionViewSet(TrackScopedMixin, SnippetViewSet):
    model = Question
    track_lookup = "bank__track"
    icon = "help"
    menu_label = _("Questions")
    list_display = ["text", "kind", "bank", "topic", "locale"]
    list_filter = ["bank", "kind", "topic", "locale"]
    search_fields = ["text"]


class QuizViewSet(TrackScopedMixin, SnippetViewSet):
    model = Quiz
    icon = "form"
    menu_label = _("Quizzes")
    list_display = ["title", "key", "track", "pass_mark", "locale"]
    list_filter = ["track", "locale"]
    search_fields = ["title"]


class RubricViewSet(SnippetViewSet):
    model = Rubric
    icon = "tick-inverse"
    menu_label = _("Rubrics")
    list_display = ["title", "key", "pass_min_total", "locale"]
    list_filter = ["locale"]


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
    from cms.models import CoursePage
    from courses.selectors import course_track

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


@hooks.register("before_edit_snippet")
@hooks.register("before_delete_snippet")
def other_track_is_not_found(request, instance):
    """An author of the other track gets 404 for a bank, question, quiz or rubric."""
    from django.http import Http404

    from .selectors import author_tracks, snippet_track

    instances = instance if isinstance(instance, list | tuple) else [instance]
    for obj in instances:
        track = snippet_track(obj)
        if track is not None and track not in author_tracks(request.user):
            raise Http404
