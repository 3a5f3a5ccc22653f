"""The platform's own statements, built with tincan objects and stored through
`services.statements_store` (the code path clients' statements take), inside
the transaction of the event that caused them.

Other apps call ONE function here per event:
- `enrollment_registered(enrollment=)`            registered
- `lesson_opened(request=, lesson=)`               launched (first) / experienced
- `lesson_progress_statements(log=, lesson=, previous=)`  progressed / completed
  (lesson, and the module when its last lesson completes)
- `course_completed(enrollment=, completion=)`     completed (course)
- `video_statements(...)`                          the xAPI Video Profile
- `quiz_attempt_statements(...)`                   attempted/answered/passed/failed
- `practical_assessment_statement(...)`            passed/failed (practical, by an assessor)
- `certificate_earned(...)`                        earned
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from tincan import (
    Activity,
    ActivityDefinition,
    Agent,
    AgentAccount,
    Context,
    ContextActivities,
    Extensions,
    InteractionComponent,
    InteractionComponentList,
    LanguageMap,
    Result,
    Score,
    Verb,
)
from tincan import (
    Statement as TinCanStatement,
)

from .models import ActorIdentity, Statement
from .services import statements_store, track_iri

ADL = "http://adlnet.gov/expapi/verbs/"
VIDEO = "https://w3id.org/xapi/video/"
VERBS = {
    "registered": ADL + "registered",
    "launched": ADL + "launched",
    "experienced": ADL + "experienced",
    "progressed": ADL + "progressed",
    "completed": ADL + "completed",
    "attempted": ADL + "attempted",
    "answered": ADL + "answered",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
    "initialized": ADL + "initialized",
    "terminated": ADL + "terminated",
    "played": VIDEO + "verbs/played",
    "paused": VIDEO + "verbs/paused",
    "seeked": VIDEO + "verbs/seeked",
    "earned": "http://id.tincanapi.com/verb/earned",
}
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "track": "http://id.tincanapi.com/activitytype/collection-simple",
    "video": VIDEO + "activity-type/video",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "performance": "http://adlnet.gov/expapi/activities/performance",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "certificate": "http://id.tincanapi.com/activitytype/certificate",
}
EXT = {
    "progress": "https://w3id.org/xapi/cmi5/result/extensions/progress",
    "video_time": VIDEO + "extensions/time",
    "video_time_from": VIDEO + "extensions/time-from",
    "video_time_to": VIDEO + "extensions/time-to",
    "video_progress": VIDEO + "extensions/progress",
    "video_segments": VIDEO + "extensions/played-segments",
    "video_session": VIDEO + "extensions/session-id",
    "video_length": VIDEO + "extensions/length",
}
# Opening the same lesson again within this time is one "experienced", not many.
REOPEN_QUIET = timedelta(minutes=30)


def activity_iri(kind: str, key) -> str:
    """A stable IRI: pages by their translation key (survives renaming, moving
    and translating), videos by their uuid."""
    return f"{settings.SITE_URL}/xapi/activities/{kind}/{key}"


def actor_for(user) -> Agent:
    identity, _ = ActorIdentity.objects.get_or_create(user=user)
    return Agent(account=AgentAccount(home_page=settings.SITE_URL, name=str(identity.name)))


def actor_key_for(user) -> str:
    identity, _ = ActorIdentity.objects.get_or_create(user=user)
    return f"account:{settings.SITE_URL}|{identity.name}"


def _verb(name: str) -> Verb:
    return Verb(id=VERBS[name], display=LanguageMap({"en-US": name}))


def _page_activity(kind: str, page) -> Activity:
    return Activity(
        id=activity_iri(kind, page.translation_key),
        definition=ActivityDefinition(
            type=ACTIVITY_TYPES[kind], name=LanguageMap({page.locale.language_code: page.title})
        ),
    )


def _track_activity(track: str) -> Activity:
    return Activity(
        id=track_iri(track),
        definition=ActivityDefinition(type=ACTIVITY_TYPES["track"]),
    )


def _chain(page) -> tuple[list, list]:
    """contextActivities for a page: parent (the page above) and grouping (the
    rest up to the track): lesson → module → course → track."""
    from cms.models import CoursePage, ModulePage
    from courses.selectors import page_track

    ancestors = page.get_ancestors().specific()
    chain = []
    for ancestor in reversed(list(ancestors)):
        if isinstance(ancestor, ModulePage):
            chain.append(Activity(id=activity_iri("module", ancestor.translation_key)))
        elif isinstance(ancestor, CoursePage):
            chain.append(Activity(id=activity_iri("course", ancestor.translation_key)))
    track = page_track(page)
    if track:
        chain.append(_track_activity(track))
    return chain[:1], chain[1:]


def _context(
    *,
    page,
    registration,
    language,
    chain=None,
    extra_grouping=(),
    category=(),
    extensions=None,
):
    """`chain`: the (parent, grouping) to use when the caller has it already;
    otherwise the page's own (`_chain`)."""
    if chain is None:
        chain = _chain(page) if page is not None else ([], [])
    parent, grouping = chain
    activities = ContextActivities(
        parent=parent or None,
        grouping=(grouping + list(extra_grouping)) or None,
        category=list(category) or None,
    )
    return Context(
        registration=uuid.UUID(str(registration)) if registration else None,
        language=language,
        context_activities=activities,
        extensions=Extensions(extensions) if extensions else None,
        platform="Safar",
    )


def to_dict(statement: TinCanStatement) -> dict:
    """tincan's JSON without `version` (a provider must not set it) and
    without empty properties."""
    data = json.loads(statement.to_json())
    data.pop("version", None)
    context = data.get("context", {})
    activities = context.get("contextActivities", {})
    for key in [k for k, v in activities.items() if not v]:
        activities.pop(key)
    if context and not activities:
        context.pop("contextActivities", None)
    return data


def _statement(*, user, verb, obj, context=None, result=None) -> dict:
    return to_dict(
        TinCanStatement(
            id=uuid.uuid4(),
            actor=actor_for(user),
            verb=_verb(verb),
            object=obj,
            context=context,
            result=result,
            timestamp=timezone.now(),
        )
    )


def _store(statements: list[dict], *, track: str | None) -> list[str]:
    return statements_store(statements, track=track)


def _course_track(course):
    from courses.selectors import course_track

    return course_track(course)


# --- courses -----------------------------------------------------------------


def enrollment_registered(*, enrollment) -> str | None:
    """`registered` for an active enrollment (once per registration)."""
    if enrollment.status == "pending":
        return None
    if Statement.objects.filter(
        registration=enrollment.registration, verb_id=VERBS["registered"]
    ).exists():
        return None
    return _course_statement(enrollment=enrollment, verb="registered")


def _course_statement(*, enrollment, verb: str, result: Result | None = None) -> str:
    """One statement about the enrollment's course itself (registered, completed)."""
    course = enrollment.course.specific
    statement = _statement(
        user=enrollment.user,
        verb=verb,
        obj=_page_activity("course", course),
        context=_context(
            page=course,
            registration=enrollment.registration,
            language=course.locale.language_code,
        ),
        result=result,
    )
    return _store([statement], track=_course_track(course))[0]


def _enrollment_for(user, course):
    from courses.models import Enrollment
    from courses.progress import original_page

    return Enrollment.objects.filter(
        user=user, course=original_page(course), status__in=["active", "completed"]
    ).first()


def lesson_opened(*, request, lesson) -> str | None:
    """`launched` the first time an enrolled learner opens a lesson,
    `experienced` when they come back (at most once per REOPEN_QUIET)."""
    from courses.progress import course_of

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(request, "is_preview", False):
        return None
    course = course_of(lesson)
    enrollment = _enrollment_for(user, course) if course is not None else None
    if enrollment is None:
        return None
    iri = activity_iri("lesson", lesson.translation_key)
    previous = (
        Statement.objects.filter(
            actor_key=actor_key_for(user),
            object_activity_id=iri,
            verb_id__in=[VERBS["launched"], VERBS["experienced"]],
        )
        .order_by("-seq")
        .values_list("stored", flat=True)
        .first()
    )
    if previous is not None and timezone.now() - previous < REOPEN_QUIET:
        return None
    statement = _statement(
        user=user,
        verb="experienced" if previous is not None else "launched",
        obj=_page_activity("lesson", lesson),
        context=_context(
            page=lesson,
            registration=enrollment.registration,
            language=lesson.locale.language_code,
        ),
    )
    return _store([statement], track=_course_track(course))[0]


def lesson_progress_statements(*, log, lesson, previous: tuple) -> list[str]:
    """After `courses.services.lesson_progress_record` saved `log`: `progressed`
    when progress moved, `completed` (lesson) when it completed now, and
    `completed` (module) when that was the module's last lesson."""
    from cms.models import LessonPage, ModulePage
    from courses.models import LessonProgressLog
    from courses.progress import course_of

    before_progress, before_completed = previous
    enrollment = log.enrollment
    course = course_of(lesson)
    track = _course_track(course)
    context = _context(
        page=lesson, registration=enrollment.registration, language=lesson.locale.language_code
    )
    statements = []
    if log.completed_at is not None and before_completed is None:
        statements.append(
            _statement(
                user=log.user,
                verb="completed",
                obj=_page_activity("lesson", lesson),
                context=context,
                result=Result(completion=True, duration=timedelta(seconds=log.time_spent_seconds)),
            )
        )
        module = ModulePage.objects.ancestor_of(lesson).first()
        if module is not None:
            from courses.progress import original_page

            module_lessons = list(
                LessonPage.objects.child_of(original_page(module))
                .live()
                .values_list("pk", flat=True)
            )
            done = LessonProgressLog.objects.filter(
                enrollment=enrollment, lesson_id__in=module_lessons, completed_at__isnull=False
            ).count()
            module_iri = activity_iri("module", module.translation_key)
            if (
                done >= len(module_lessons)
                and not Statement.objects.filter(
                    registration=enrollment.registration,
                    verb_id=VERBS["completed"],
                    object_activity_id=module_iri,
                ).exists()
            ):
                statements.append(
                    _statement(
                        user=log.user,
                        verb="completed",
                        obj=_page_activity("module", module),
                        context=_context(
                            page=module,
                            registration=enrollment.registration,
                            language=module.locale.language_code,
                        ),
                        result=Result(completion=True),
                    )
                )
    elif log.progress > before_progress:
        statements.append(
            _statement(
                user=log.user,
                verb="progressed",
                obj=_page_activity("lesson", lesson),
                context=context,
                result=Result(
                    completion=False,
                    extensions=Extensions({EXT["progress"]: round(log.progress * 100)}),
                ),
            )
        )
    return _store(statements, track=track) if statements else []


def course_completed(*, enrollment, completion) -> str:
    return _course_statement(
        enrollment=enrollment, verb="completed", result=Result(completion=True)
    )


# --- video (xAPI Video Profile) -------------------------------------------------


def played_segments_text(segments) -> str:
    """The Video Profile's played-segments: "0[.]5.2[,]7[.]12"."""
    return "[,]".join(f"{_num(start)}[.]{_num(end)}" for start, end in segments)


def _num(value) -> str:
    return f"{round(float(value), 3):g}"


def _video_lesson(user, video):
    """The lesson (and its enrollment) where the learner watches this video."""
    from cms.models import LessonPage
    from courses.access import pages_using
    from courses.progress import course_of

    lessons = LessonPage.objects.filter(pk__in=pages_using(video).values("pk"))
    for lesson in lessons:
        enrollment = _enrollment_for(user, course_of(lesson))
        if enrollment is not None:
            return lesson, enrollment
    return None, None


def video_statements(
    *, user, video, session, verb: str, segments, position, previous_position, new_session: bool
) -> list[str]:
    """After `media_pipeline.services.video_view_record`: `initialized` for a
    new viewing session, then played / paused / seeked / completed with the
    profile's result extensions (time, time-from/time-to, progress,
    played-segments) and the session id."""
    from courses.progress import course_of

    lesson, enrollment = _video_lesson(user, video)
    duration = float(video.duration_seconds)
    covered = sum(end - start for start, end in session.played_segments)
    extensions = {
        EXT["video_session"]: str(session.session_id),
        EXT["video_length"]: round(duration, 3),
    }
    context = _context(
        page=lesson,
        registration=enrollment.registration if enrollment else None,
        language=(lesson.locale.language_code if lesson is not None else None),
        category=[Activity(id="https://w3id.org/xapi/video")],
        extensions=extensions,
    )
    obj = Activity(
        id=activity_iri("video", video.uuid),
        definition=ActivityDefinition(
            type=ACTIVITY_TYPES["video"], name=LanguageMap({"en-US": video.title})
        ),
    )
    time = float(position) if position is not None else (segments[-1][1] if segments else 0.0)
    result_ext = {
        EXT["video_time"]: round(min(time, duration), 3),
        EXT["video_progress"]: round(min(1.0, covered / duration), 3) if duration else 0,
        EXT["video_segments"]: played_segments_text(session.played_segments),
    }
    statements = []
    if new_session:
        statements.append(_statement(user=user, verb="initialized", obj=obj, context=context))
    if verb == "seeked":
        time_from = segments[-1][1] if segments else float(previous_position or 0)
        result_ext = {
            EXT["video_time_from"]: round(time_from, 3),
            EXT["video_time_to"]: round(min(time, duration), 3),
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
    statements.append(_statement(user=user, verb=verb, obj=obj, context=context, result=result))
    track = _course_track(course_of(lesson)) if lesson is not None else None
    return _store(statements, track=track)


# --- assessments and certificates (wired by their apps) -------------------------


def _interaction(question: dict) -> Activity:
    kind = question.get("interaction_type", "choice")
    definition = ActivityDefinition(
        type=ACTIVITY_TYPES["question"],
        interaction_type=kind,
        name=LanguageMap(question["name"]) if question.get("name") else None,
        correct_responses_pattern=question.get("correct_responses_pattern"),
    )
    if question.get("choices"):
        definition.choices = InteractionComponentList(
            [
                InteractionComponent(id=c["id"], description=LanguageMap(c["description"]))
                for c in question["choices"]
            ]
        )
    return Activity(id=question["question_iri"], definition=definition)


def _graded_result(
    *,
    passed: bool,
    score_raw: float,
    score_min: float,
    score_max: float,
    duration_seconds: int | None = None,
) -> Result:
    """The result of a graded activity (quiz or practical): success, completion,
    the score (scaled to 0–1 when the range is not empty) and the duration."""
    span = score_max - score_min
    return Result(
        success=passed,
        completion=True,
        score=Score(
            raw=score_raw,
            min=score_min,
            max=score_max,
            scaled=round((score_raw - score_min) / span, 4) if span else None,
        ),
        duration=timedelta(seconds=duration_seconds) if duration_seconds else None,
    )


def quiz_attempt_statements(
    *,
    user,
    enrollment,
    quiz_iri: str,
    quiz_name: dict,
    lesson=None,
    score_raw: float,
    score_max: float,
    score_min: float = 0,
    passed: bool,
    responses: list[dict],
    duration_seconds: int | None = None,
) -> list[str]:
    """One attempt at a quiz: `attempted`, one `answered` per question (an
    interaction activity whose parent is the quiz), then `passed` or `failed`
    with the score. `quiz_name` is a language map ({"tg": "..."}); each
    response is {question_iri, interaction_type, name (language map),
    response (xAPI response string, e.g. "a[,]c"), correct (bool), choices
    ([{id, description}]), correct_responses_pattern ([str])}. Call it inside
    the transaction that records the attempt."""
    course = enrollment.course.specific
    language = (lesson or course).locale.language_code
    quiz = Activity(
        id=quiz_iri,
        definition=ActivityDefinition(
            type=ACTIVITY_TYPES["assessment"], name=LanguageMap(quiz_name)
        ),
    )
    parent, grouping = _chain(lesson or course)
    base = _context(
        page=lesson or course,
        registration=enrollment.registration,
        language=language,
        chain=(parent, grouping),
    )
    statements = [_statement(user=user, verb="attempted", obj=quiz, context=base)]
    if lesson is not None:
        grouping = [Activity(id=activity_iri("lesson", lesson.translation_key)), *parent, *grouping]
    else:
        grouping = [Activity(id=activity_iri("course", course.translation_key)), *grouping]
    for item in responses:
        context = Context(
            registration=enrollment.registration,
            language=language,
            platform="Safar",
            context_activities=ContextActivities(parent=[Activity(id=quiz_iri)], grouping=grouping),
        )
        statements.append(
            _statement(
                user=user,
                verb="answered",
                obj=_interaction(item),
                context=context,
                result=Result(response=str(item["response"]), success=bool(item["correct"])),
            )
        )
    statements.append(
        _statement(
            user=user,
            verb="passed" if passed else "failed",
            obj=quiz,
            context=base,
            result=_graded_result(
                passed=passed,
                score_raw=score_raw,
                score_min=score_min,
                score_max=score_max,
                duration_seconds=duration_seconds,
            ),
        )
    )
    return _store(statements, track=_course_track(course))


def practical_assessment_statement(
    *,
    user,
    enrollment,
    assessor,
    practical_iri: str,
    practical_name: dict,
    lesson=None,
    score_raw: float,
    score_max: float,
    score_min: float = 0,
    passed: bool,
) -> str:
    """An assessor's scoring of a practical assessment (a rubric): `passed` or
    `failed` for the practical activity (a performance), with the score, the
    assessor as `context.instructor`. `practical_name` is a language map. Call
    it inside the transaction that records the scoring."""
    course = enrollment.course.specific
    page = lesson or course
    chain = _chain(page)
    if lesson is not None:  # the lesson holding the practical is its parent
        chain = (
            [Activity(id=activity_iri("lesson", lesson.translation_key))],
            [*chain[0], *chain[1]],
        )
    context = _context(
        page=page,
        registration=enrollment.registration,
        language=page.locale.language_code,
        chain=chain,
    )
    context.instructor = actor_for(assessor)
    practical = Activity(
        id=practical_iri,
        definition=ActivityDefinition(
            type=ACTIVITY_TYPES["performance"], name=LanguageMap(practical_name)
        ),
    )
    statement = _statement(
        user=user,
        verb="passed" if passed else "failed",
        obj=practical,
        context=context,
        result=_graded_result(
            passed=passed, score_raw=score_raw, score_min=score_min, score_max=score_max
        ),
    )
    return _store([statement], track=_course_track(course))[0]


def certificate_earned(*, user, enrollment, certificate_iri: str, certificate_name: dict) -> str:
    """`earned` for an issued certificate (call it in the issuing transaction).
    `certificate_iri` is stable, e.g. the public verification URL."""
    course = enrollment.course.specific
    statement = _statement(
        user=user,
        verb="earned",
        obj=Activity(
            id=certificate_iri,
            definition=ActivityDefinition(
                type=ACTIVITY_TYPES["certificate"], name=LanguageMap(certificate_name)
            ),
        ),
        context=_context(
            page=course,
            registration=enrollment.registration,
            language=course.locale.language_code,
            extra_grouping=[Activity(id=activity_iri("course", course.translation_key))],
        ),
    )
    return _store([statement], track=_course_track(course))[0]
