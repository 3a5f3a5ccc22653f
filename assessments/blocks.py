"""Lesson blocks for assessments: a quiz (lesson quiz, pre-test or final
post-test / exam) and a practical assessment (a rubric an assessor scores).
Both render the learner's own state server-side (plain HTML and forms).

The blocks are content (pages hold them); the learner's state is a record. So
what a block shows its reader comes from READER_CONTEXT, which the
assessments app fills in its `ready()` (`views.quiz_block_context`,
`views.practical_block_context`): content imports no learner records."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

# block name → callable(value, parent_context) -> dict, filled in apps.ready()
READER_CONTEXT: dict = {}


def _reader_context(name, value, parent_context) -> dict:
    provider = READER_CONTEXT.get(name)
    return provider(value, parent_context or {}) if provider else {}


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
        context = super().get_context(value, parent_context=parent_context)
        context.update(_reader_context("quiz", value, parent_context))
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
        context = super().get_context(value, parent_context=parent_context)
        context.update(_reader_context("practical", value, parent_context))
        return context
