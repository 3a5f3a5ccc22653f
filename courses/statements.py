"""The xAPI statements of the courses app's own events, built from its data
(pages, enrollments, progress logs, viewings) and stored through `xapi.api`
inside the event's transaction:

- `enrollment_registered(enrollment=)`                   registered
- `lesson_opened(user=, lesson=)`                          launched (first) / experienced
- `lesson_progress_statements(log=, lesson=, previous=)`   progressed / completed
  (lesson, and the module when its last lesson completes)
- `course_completed(enrollment=)`                          completed (course)
- `video_statements(...)`                                  the xAPI Video Profile

`page_chain` and `page_context` are what the assessments and certificates
apps use to place their statements in a course."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from tincan import Extensions, Result

from cms.models import CoursePage, ModulePage
from cms.tree import course_track, page_track
from xapi import api as xapi

from .models import LessonProgressLog
from .progress import active_enrollment_for, course_of, module_lesson_ids, module_of, original_page

# Opening the same lesson again within this time is one "experienced", not many.
REOPEN_QUIET = timedelta(minutes=30)


def page_activity(kind: str, page):
    return xapi.activity(
        xapi.activity_iri(kind, page.translation_key),
        kind=kind,
        name={page.locale.language_code: page.title},
    )


def page_chain(page) -> tuple[list, list]:
    """contextActivities for a page: parent (the page above) and grouping (the
    rest up to the track): lesson → module → course → track."""
    # One query for the ancestors' types and keys (not `.specific()`, a query
    # per page type): it runs for every statement, offline batches included.
    kinds = {
        ContentType.objects.get_for_model(ModulePage).pk: "module",
        ContentType.objects.get_for_model(CoursePage).pk: "course",
    }
    chain = []
    ancestors = page.get_ancestors().values_list("content_type_id", "translation_key")
    for content_type_id, translation_key in reversed(list(ancestors)):
        if content_type_id in kinds:
            chain.append(xapi.activity(xapi.activity_iri(kinds[content_type_id], translation_key)))
    track = page_track(page)
    if track:
        chain.append(xapi.track_activity(track))
    return chain[:1], chain[1:]


def page_context(
    *, page, registration, language, chain=None, extra_grouping=(), category=(), extensions=None
):
    """The context of a statement about `page` (or about nothing, page=None).
    `chain`: the (parent, grouping) to use when the caller has it already."""
    if chain is None:
        chain = page_chain(page) if page is not None else ([], [])
    parent, grouping = chain
    return xapi.context(
        registration=registration,
        language=language,
        parent=parent,
        grouping=[*grouping, *extra_grouping],
        category=category,
        extensions=extensions,
    )


def _store(statements: list[dict], *, course) -> list[str]:
    return xapi.statements_store(statements, track=course_track(course) if course else None)


def _course_statement(*, enrollment, verb: str, result: Result | None = None) -> str:
    """One statement about the enrollment's course itself (registered, completed)."""
    course = enrollment.course.specific
    statement = xapi.statement(
        user=enrollment.user,
        verb=verb,
        obj=page_activity("course", course),
        context=page_context(
            page=course, registration=enrollment.registration, language=course.locale.language_code
        ),
        result=result,
    )
    return _store([statement], course=course)[0]


def enrollment_registered(*, enrollment) -> str | None:
    """`registered` for an active enrollment (once per registration)."""
    if not enrollment.is_enrolled:
        return None  # a request waiting for, or refused by, an administrator
    if xapi.statement_exists(registration=enrollment.registration, verb="registered"):
        return None
    return _course_statement(enrollment=enrollment, verb="registered")


def course_completed(*, enrollment) -> str:
    return _course_statement(
        enrollment=enrollment, verb="completed", result=Result(completion=True)
    )


def lesson_opened(*, user, lesson) -> str | None:
    """`launched` the first time an enrolled learner opens a lesson,
    `experienced` when they come back (at most once per REOPEN_QUIET)."""
    if user is None or not user.is_authenticated:
        return None
    course = course_of(lesson)
    enrollment = active_enrollment_for(user=user, course=course) if course is not None else None
    if enrollment is None:
        return None
    previous = xapi.last_stored(
        user=user,
        object_iri=xapi.activity_iri("lesson", lesson.translation_key),
        verbs=("launched", "experienced"),
    )
    if previous is not None and timezone.now() - previous < REOPEN_QUIET:
        return None
    statement = xapi.statement(
        user=user,
        verb="experienced" if previous is not None else "launched",
        obj=page_activity("lesson", lesson),
        context=page_context(
            page=lesson, registration=enrollment.registration, language=lesson.locale.language_code
        ),
    )
    return _store([statement], course=course)[0]


def _module_completed(*, log, lesson):
    """`completed` for the lesson's module when this was its last lesson (once)."""
    enrollment = log.enrollment
    module = module_of(lesson)
    if module is None:
        return None
    lesson_ids = module_lesson_ids(original_page(module))
    done = LessonProgressLog.objects.filter(
        enrollment=enrollment, lesson_id__in=lesson_ids, completed_at__isnull=False
    ).count()
    if done < len(lesson_ids) or xapi.statement_exists(
        registration=enrollment.registration,
        verb="completed",
        object_iri=xapi.activity_iri("module", module.translation_key),
    ):
        return None
    return xapi.statement(
        user=log.user,
        verb="completed",
        obj=page_activity("module", module),
        context=page_context(
            page=module, registration=enrollment.registration, language=module.locale.language_code
        ),
        result=Result(completion=True),
    )


def lesson_progress_statements(*, log, lesson, previous: tuple) -> list[str]:
    """After `courses.services.lesson_progress_record` saved `log`: `progressed`
    when progress moved, `completed` (lesson) when it completed now, and
    `completed` (module) when that was the module's last lesson."""
    before_progress, before_completed = previous
    context = page_context(
        page=lesson, registration=log.enrollment.registration, language=lesson.locale.language_code
    )
    statements = []
    if log.completed_at is not None and before_completed is None:
        statements.append(
            xapi.statement(
                user=log.user,
                verb="completed",
                obj=page_activity("lesson", lesson),
                context=context,
                result=Result(completion=True, duration=timedelta(seconds=log.time_spent_seconds)),
            )
        )
        module_statement = _module_completed(log=log, lesson=lesson)
        if module_statement is not None:
            statements.append(module_statement)
    elif log.progress > before_progress:
        statements.append(
            xapi.statement(
                user=log.user,
                verb="progressed",
                obj=page_activity("lesson", lesson),
                context=context,
                result=Result(
                    completion=False,
                    extensions=Extensions({xapi.EXT["progress"]: round(log.progress * 100)}),
                ),
            )
        )
    return _store(statements, course=course_of(lesson)) if statements else []


# --- video (xAPI Video Profile) -------------------------------------------------


def played_segments_text(segments) -> str:
    """The Video Profile's played-segments: "0[.]5.2[,]7[.]12"."""
    return "[,]".join(f"{_num(start)}[.]{_num(end)}" for start, end in segments)


def _num(value) -> str:
    return f"{round(float(value), 3):g}"


def video_statements(*, user, viewing, lesson, enrollment) -> list[str]:
    """After `media_pipeline.viewing.video_viewing_record` (its `Viewing`):
    `initialized` for a new viewing session, then played / paused / seeked /
    completed with the profile's result extensions (time, time-from/time-to,
    progress, played-segments) and the session id, in the context of the
    lesson where the learner watches it (or none)."""
    video, session, segments = viewing.video, viewing.session, viewing.segments
    duration = float(video.duration_seconds)
    covered = sum(end - start for start, end in session.played_segments)
    context = page_context(
        page=lesson,
        registration=enrollment.registration if enrollment else None,
        language=(lesson.locale.language_code if lesson is not None else None),
        category=[xapi.activity(xapi.VIDEO_PROFILE)],
        extensions={
            xapi.EXT["video_session"]: str(session.session_id),
            xapi.EXT["video_length"]: round(duration, 3),
        },
    )
    obj = xapi.activity(
        xapi.activity_iri("video", video.uuid), kind="video", name={"en-US": video.title}
    )
    position = viewing.position
    time = float(position) if position is not None else (segments[-1][1] if segments else 0.0)
    result_ext = {
        xapi.EXT["video_time"]: round(min(time, duration), 3),
        xapi.EXT["video_progress"]: round(min(1.0, covered / duration), 3) if duration else 0,
        xapi.EXT["video_segments"]: played_segments_text(session.played_segments),
    }
    statements = []
    if viewing.new_session:
        statements.append(xapi.statement(user=user, verb="initialized", obj=obj, context=context))
    verb = viewing.verb
    if verb == "seeked":
        time_from = segments[-1][1] if segments else float(viewing.previous_position or 0)
        result_ext = {
            xapi.EXT["video_time_from"]: round(time_from, 3),
            xapi.EXT["video_time_to"]: round(min(time, duration), 3),
        }
        result = Result(extensions=Extensions(result_ext))
    elif verb == "completed":
        result = Result(
            completion=True,
            duration=timedelta(seconds=round(covered, 3)),
            extensions=Extensions(result_ext),
        )
    else:
        result = Result(extensions=Extensions(result_ext))
    statements.append(xapi.statement(user=user, verb=verb, obj=obj, context=context, result=result))
    return _store(statements, course=course_of(lesson) if lesson is not None else None)
