from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        # Completion asks the assessments app whether a final assessment is
        # passed (courses does not import assessments).
        from courses.completion import final_check_register

        from .selectors import final_assessment_passed

        final_check_register(final_assessment_passed)

        # What a quiz or practical block shows its reader (their attempts).
        from .blocks import READER_CONTEXT
        from .views import practical_block_context, quiz_block_context

        READER_CONTEXT.update(quiz=quiz_block_context, practical=practical_block_context)
