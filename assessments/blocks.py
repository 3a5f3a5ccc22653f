"""Lesson blocks for assessments: a quiz (lesson quiz, pre-test or final
post-test / exam) and a practical assessment (a rubric an assessor scores).
Both render the learner's own state server-side (plain HTML and forms)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

ROLE_CHOICES = [
    ("lesson", _("Quiz in the lesson")),
    ("pre", _("Pre-test (before the first lesson)")),
    ("final", _("Final assessment (post-test or exam)")),
]


class QuizBlock(blocks.StructBlock):
    quiz = SnippetChooserBlock("assessments.Quiz", label=_("quiz"))
    role = blocks.ChoiceBlock(
        label=_("role"),
        choices=ROLE_CHOICES,
        default="lesson",
        help_text=_("A final assessment must be passed for the course to be complete."),
    )

    class Meta:
        icon = "form"
        label = _("Quiz")
        template = "assessments/blocks/quiz.html"
        description = _("A quiz from the Assessments snippets: lesson quiz, pre-test or final.")

    def get_preview_value(self):
        from .models import Quiz

        return self.to_python({"quiz": getattr(Quiz.objects.first(), "pk", None), "role": "lesson"})

    def get_context(self, value, parent_context=None):
        from .views import quiz_block_context

        context = super().get_context(value, parent_context=parent_context)
        context.update(quiz_block_context(value, parent_context or {}))
        return context


class PracticalAssessmentBlock(blocks.StructBlock):
    rubric = SnippetChooserBlock("assessments.Rubric", label=_("rubric"))

    class Meta:
        icon = "tick-inverse"
        label = _("Practical assessment")
        template = "assessments/blocks/practical.html"
        description = _(
            "An assessor observes the trainee running a session and scores this rubric; "
            "it must be passed for the course to be complete."
        )

    def get_preview_value(self):
        from .models import Rubric

        return self.to_python({"rubric": getattr(Rubric.objects.first(), "pk", None)})

    def get_context(self, value, parent_context=None):
        from .views import practical_block_context

        context = super().get_context(value, parent_context=parent_context)
        context.update(practical_block_context(value, parent_context or {}))
        return context
