"""Reads about a learner's place in their courses: progress is derived from the
lesson logs, never stored twice."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Page

from .models import CourseCompletion, Enrollment, LessonProgressLog


def original_page(page: Page) -> Page:
    """The first page of a translation group: what learner records point at, so
    the Russian and the Tajik version of a lesson share one progress row."""
    if page is None:
        return None
    model = page.specific_class or type(page)
    first = model.objects.filter(translation_key=page.translation_key).order_by("pk").first()
    return first or page


def course_of(page: Page):
    """The course page a module or lesson belongs to (itself for a course)."""
    from cms.models import CoursePage

    if isinstance(page, CoursePage):
        return page
    return CoursePage.objects.ancestor_of(page).first()


def course_lesson_ids(course) -> list[int]:
    """The live lessons of the (original) course, in reading order."""
    from .selectors import course_lessons

    return list(course_lessons(course).live().values_list("pk", flat=True))


@dataclass(frozen=True)
class CourseProgress:
    done: int
    total: int
    completed: bool
    next_lesson_id: int | None

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)


def course_progress(*, enrollment: Enrollment) -> CourseProgress:
    """Lessons done out of the course's live lessons, and where to resume: the
    first lesson (in reading order) not completed yet."""
    lesson_ids = course_lesson_ids(enrollment.course)
    done_ids = set(
        LessonProgressLog.objects.filter(
            enrollment=enrollment, completed_at__isnull=False, lesson_id__in=lesson_ids
        ).values_list("lesson_id", flat=True)
    )
    next_id = next((pk for pk in lesson_ids if pk not in done_ids), None)
    return CourseProgress(
        done=len(done_ids),
        total=len(lesson_ids),
        completed=CourseCompletion.objects.filter(enrollment=enrollment).exists(),
        next_lesson_id=next_id,
    )


def enrollment_for(*, user, course) -> Enrollment | None:
    if not user.is_authenticated:
        return None
    return Enrollment.objects.filter(user=user, course=original_page(course)).first()


def my_enrollments(*, user):
    return (
        Enrollment.objects.filter(user=user)
        .select_related("course", "completion")
        .order_by("-updated_at")
    )
