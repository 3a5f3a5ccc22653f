"""Errors the assessments services raise on purpose; each maps to one HTTP
status (see assessments/views.py)."""

from django.utils.translation import gettext_lazy as _


class AssessmentsError(Exception):
    status = 400
    default_message = _("This request cannot be done.")

    def __init__(self, message=None):
        super().__init__(str(message or self.default_message))


class QuizNotFound(AssessmentsError):
    """Not there, or on the other side of the wall between the tracks."""

    status = 404
    default_message = _("There is no such quiz.")


class AttemptNotFound(AssessmentsError):
    """Not there, or someone else's attempt (the same answer, so nothing leaks)."""

    status = 404
    default_message = _("There is no such attempt.")


class NotEnrolled(AssessmentsError):
    status = 403
    default_message = _("Enroll in the course first.")


class AttemptsExhausted(AssessmentsError):
    status = 403
    default_message = _("You have used all the attempts this quiz allows.")


class InvalidAnswer(AssessmentsError):
    status = 400
    default_message = _("This answer is not valid.")
    position = None  # the question number, when the form's answer to one question is at fault


class TimeUp(AssessmentsError):
    status = 409
    default_message = _(
        "The time limit has passed: the answers saved in time were graded, later ones were not."
    )


class AttemptClosed(AssessmentsError):
    status = 409
    default_message = _("This attempt is already submitted.")


class NotAnAssessor(AssessmentsError):
    status = 404
    default_message = _("There is no such assessment.")


class InvalidScores(AssessmentsError):
    status = 400
    default_message = _("Choose one level for every criterion.")
