"""What was recorded offline, applied when the connection comes back
(`POST /api/v1/sync/`, issue 17). Each item carries an id the client made and
the client's time; items are applied one by one, each in its own transaction,
through the same services the pages and the API call:

- `progress` (lesson progress): progress never goes down, and the completion
  time is the earliest one reported (courses.services.lesson_progress_record);
- `video` (a player report): segments merge as they do online;
- `answers` / `submit` (a quiz attempt started online, perhaps answered
  offline): the answers as the API takes them, or the quiz form's fields as
  the offline page kept them (`form`, read like the page's POST); the
  attempt is graded once, by the server, with the questions and quiz version
  it was started with (assessments.services); a second submission is refused.

An item for a course or lesson the learner may not see, another learner's
attempt or video, or one that does not validate is refused on its own, with a
reason; the rest are applied. An id already seen answers its first outcome
again ("duplicate"), so a batch sent twice changes nothing."""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from assessments import services as assessments
from assessments.exceptions import AssessmentsError
from assessments.forms import answers_from_post, shown_positions
from assessments.selectors import attempt_for_learner, attempt_questions_public
from cms.models import LessonPage
from media_pipeline import selectors as videos
from media_pipeline.exceptions import VideoEventError

from . import services
from .exceptions import CoursesError
from .models import SyncItem

KINDS = ("progress", "video", "answers", "submit")
MAX_ITEMS = 200


class Refused(Exception):
    def __init__(self, code: str, message: str, status: int = 400):
        super().__init__(message)
        self.code, self.message, self.status = code, str(message), status


def _not_found(what: str) -> Refused:
    return Refused("not_found", what, 404)


def _progress(user, data, at) -> dict:
    lesson = LessonPage.objects.filter(pk=data["lesson"]).first()
    if lesson is None:
        raise _not_found(_("No such lesson."))
    log = services.lesson_progress_record(
        user=user,
        lesson=lesson,
        progress=data["progress"],
        time_spent_seconds=data.get("time_spent_seconds", 0),
        at=at,
    )
    return {
        "lesson": lesson.pk,
        "progress": log.progress,
        "completed_at": log.completed_at.isoformat() if log.completed_at else None,
    }


def _video(user, data, at) -> dict:
    video = videos.video_get_by_uuid(data["video"])
    if video is None or not videos.can_user_view_video(user, video):
        raise _not_found(_("No such video."))
    log = services.video_view_record(
        user=user,
        video=video,
        session_id=data["session"],
        verb=data["verb"],
        segments=data.get("segments", []),
        position=data.get("position"),
    )
    return {"watched_fraction": log.watched_fraction, "completed": log.completed_at is not None}


def _attempt(user, data):
    attempt = attempt_for_learner(user=user, uuid=data["attempt"])
    if attempt is None:
        raise _not_found(_("No such attempt."))
    return attempt


def _given_answers(attempt, data) -> dict | None:
    """The item's answers: as the API takes them, or the quiz form's fields
    as the page kept them offline (read by the same code as the page's POST)."""
    if "form" not in data:
        return data.get("answers")
    post = QueryDict(mutable=True)
    for name, value in data["form"]:
        post.appendlist(name, value)
    questions = attempt_questions_public(attempt)
    return answers_from_post(post, questions, shown_positions(post, len(questions)))


def _answers(user, data, at) -> dict:
    attempt = _attempt(user, data)
    attempt = assessments.attempt_answer_save(
        attempt=attempt, user=user, answers=_given_answers(attempt, data)
    )
    return {"attempt": str(attempt.uuid), "answered": len(attempt.answers)}


def _submit(user, data, at) -> dict:
    attempt = _attempt(user, data)
    result = assessments.attempt_submit(
        attempt=attempt, user=user, answers=_given_answers(attempt, data)
    )
    attempt = result.attempt
    return {"attempt": str(attempt.uuid), "percent": attempt.percent, "passed": attempt.passed}


APPLY = {"progress": _progress, "video": _video, "answers": _answers, "submit": _submit}


def sync_item_apply(*, user, client_id, kind: str, at, data: dict) -> dict:
    """Apply one validated item once; its outcome (also for a repeat)."""
    seen = SyncItem.objects.filter(user=user, client_id=client_id).first()
    if seen is not None:
        return {**seen.outcome, "id": str(client_id), "status": "duplicate"}
    try:
        with transaction.atomic():
            outcome = {"status": "applied", "result": APPLY[kind](user, data, at)}
            SyncItem.objects.create(
                user=user, client_id=client_id, kind=kind, client_time=at, outcome=outcome
            )
    except IntegrityError:
        # The same id in a parallel request: its outcome is the one.
        seen = SyncItem.objects.get(user=user, client_id=client_id)
        return {**seen.outcome, "id": str(client_id), "status": "duplicate"}
    except Refused as exc:
        outcome = refused(exc.code, exc.message)
    except (CoursesError, AssessmentsError) as exc:
        code = "not_found" if exc.status == 404 else _snake(type(exc).__name__)
        outcome = refused(code, str(exc))
    except VideoEventError as exc:
        outcome = refused(exc.code, str(exc.message))
    # A refusal is not remembered: the same item sent again is tried again
    # (the learner may have enrolled meanwhile).
    return {**outcome, "id": str(client_id)}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def refused(code: str, reason: str) -> dict:
    return {"status": "refused", "code": code, "reason": reason}
