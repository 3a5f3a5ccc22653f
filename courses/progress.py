"""Reads about a learner's place in their courses: progress is derived from the
lesson logs, never stored twice."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from wagtail.models import Page

from cms.models import CoursePage, LessonPage, ModulePage
from cms.tree import course_lessons

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
    if isinstance(page, CoursePage):
        return page
    return CoursePage.objects.ancestor_of(page).first()


def module_of(page: Page):
    """The module page a lesson belongs to (None outside a module)."""
    return ModulePage.objects.ancestor_of(page).first()


def module_lesson_ids(module) -> list[int]:
    """The live lessons of `module`."""
    return list(LessonPage.objects.child_of(module).live().values_list("pk", flat=True))


def course_lesson_ids(course) -> list[int]:
    """The live lessons of the (original) course, in reading order."""
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


def active_enrollment_for(*, user, course, lock: bool = False) -> Enrollment | None:
    """The learner's enrollment in `course` (any translation of it) that lets
    them learn: active or completed, not a request waiting for approval.
    `lock`: select it for update (serialises the learner's events)."""
    enrollments = Enrollment.objects.select_for_update() if lock else Enrollment.objects
    return enrollments.filter(
        user=user,
        course=original_page(course),
        status__in=Enrollment.ENROLLED_STATUSES,
    ).first()


def admitted_enrollments():
    """Enrollments that let their learner learn (active or completed; not a
    request waiting for approval)."""
    return Enrollment.objects.filter(status__in=Enrollment.ENROLLED_STATUSES)


def is_admitted(enrollment: Enrollment | None) -> bool:
    return enrollment is not None and enrollment.is_enrolled


def enrollment_get(pk: int) -> Enrollment | None:
    return Enrollment.objects.filter(pk=pk).first()


def enrollment_lock(pk: int, *, related=()) -> Enrollment | None:
    """The enrollment (with `related` joined), its row locked until the
    transaction ends (serialises one learner's events in one course). Only the
    enrollment's row: PostgreSQL cannot lock the nullable side of an outer join
    (its completion)."""
    enrollments = Enrollment.objects.select_for_update(of=("self",))
    if related:
        enrollments = enrollments.select_related(*related)
    return enrollments.filter(pk=pk).first()


def has_finished_a_lesson(*, enrollment: Enrollment) -> bool:
    return LessonProgressLog.objects.filter(
        enrollment=enrollment, completed_at__isnull=False
    ).exists()


def first_lesson_done(*, course, exclude_lesson_ids) -> dict:
    """Per learner (user id), when they first finished a lesson of the
    (original) `course` other than `exclude_lesson_ids`."""
    from django.db.models import Min

    rows = (
        LessonProgressLog.objects.filter(enrollment__course=course, completed_at__isnull=False)
        .exclude(lesson_id__in=exclude_lesson_ids)
        .values("user_id")
        .annotate(first=Min("completed_at"))
    )
    return {row["user_id"]: row["first"] for row in rows}


def my_enrollments(*, user):
    return (
        Enrollment.objects.filter(user=user)
        .select_related("course", "completion")
        .order_by("-updated_at")
    )


def completions_by_channel() -> dict[str, int]:
    """How many courses were completed online and in a face-to-face session."""
    counts = dict.fromkeys(CourseCompletion.Channel.values, 0)
    for row in CourseCompletion.objects.values("channel").annotate(n=Count("pk")):
        counts[row["channel"]] = row["n"]
    return counts
