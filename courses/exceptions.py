"""Errors the courses services raise on purpose; each maps to one HTTP status
(see courses/views.py)."""

from django.utils.translation import gettext_lazy as _


class CoursesError(Exception):
    status = 400
    default_message = _("This request cannot be done.")

    def __init__(self, message=None):
        super().__init__(str(message or self.default_message))


class CourseNotFound(CoursesError):
    """Not there, or on the other side of the wall between the tracks."""

    status = 404
    default_message = _("There is no such course.")


class AlreadyEnrolled(CoursesError):
    status = 409
    default_message = _("You are already enrolled in this course.")


class EnrollmentNotAllowed(CoursesError):
    status = 403
    default_message = _("You cannot enroll in this course.")


class EnrollmentRefused(EnrollmentNotAllowed):
    status = 409
    default_message = _(
        "The Migrant Resource Centre did not approve your request to join this course."
    )


class PrerequisitesMissing(EnrollmentNotAllowed):
    default_message = _("Complete the courses this one builds on first.")


class NotEnrolled(CoursesError):
    status = 403
    default_message = _("Enroll in the course first.")


class InvalidProgress(CoursesError):
    status = 400
    default_message = _("Progress must be a number from 0 to 1.")
