"""What "Save this course for offline" puts on the phone (issue 17): the
course's pages (course, modules, lessons — the HTML the server serves this
learner), the images at the widths a phone shows, each video's chosen
rendition (240p or sound only) with its captions and poster, the lessons'
audio files, and the static files the pages use; each with its size in bytes
where the server knows it (pages: an estimate). The page's script picks the
image width the phone shows and adds up the sizes of the learner's choice.

Quizzes without a time limit are answered offline too: the script starts
(or resumes) their attempts while saving and keeps each attempt's page.

Only for a learner enrolled in a course they may see: a staff-track course is
not found for a migrant, so nothing of it can reach a migrant's phone."""

from __future__ import annotations

import os

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from assessments.selectors import lesson_quiz, quiz_state
from cms.api_content import lesson_blocks
from cms.selectors import course_outline

from .progress import enrollment_for

PAGE_BYTES = 24_000  # a lesson page's HTML, about (the server does not know it before rendering)
STATIC_FILES = (
    "css/safar.css",
    "fonts/NotoSans-Regular.woff2",
    "fonts/NotoSans-Bold.woff2",
    "safar/offline.js",
    "safar/offline-save.js",
    "media_pipeline/player.js",
    "media_pipeline/player.css",
    "assessments/quiz.css",
    "assessments/quiz.js",
)


def _static_entry(name: str) -> dict | None:
    path = finders.find(name)
    if not path:
        return None
    return {"url": static(name), "bytes": os.path.getsize(path)}


def _video_files(player: dict) -> dict:
    """The player's files per choice: the lowest MP4 rung (240p where there is
    one) or the sound-only file; captions and the small poster for both."""
    mp4 = sorted(player.get("sources") or [], key=lambda s: s.get("size") or 0)
    small = next((s for s in mp4 if s.get("key") == "240p"), mp4[0] if mp4 else None)
    audio = player.get("audio")
    common = [{"url": c["url"], "bytes": 2_000} for c in player.get("captions") or []]
    if player.get("poster_url"):
        common.append({"url": player["poster_url"], "bytes": 20_000})
    video = {"url": small["url"], "bytes": small.get("size") or 0} if small else None
    sound = {"url": audio["url"], "bytes": audio.get("size") or 0} if audio else video
    return {"uuid": player["uuid"], "240p": video or sound, "audio": sound, "common": common}


def _offline_quiz(lesson, user, enrollment) -> dict | None:
    """The lesson's quiz, if it can be answered offline: no time limit (an
    exam's clock needs the server) and not passed yet. The page's script
    starts (or resumes) its attempt while saving, keeps the attempt's page,
    and the hand-in is queued as a `submit` item."""
    found = lesson_quiz(lesson)
    if found is None or enrollment is None:
        return None
    quiz = found["quiz"]
    if quiz.time_limit_minutes:
        return None
    state = quiz_state(user=user, quiz=quiz, enrollment=enrollment)
    if state.passed or (state.attempts_left == 0 and state.open_attempt is None):
        return None
    return {
        "lesson": lesson.pk,
        "start": reverse("assessments:start", kwargs={"page_id": lesson.pk}),
    }


def offline_manifest(*, course, user) -> dict:
    """The files of `course` to save for `user` (who may see it and is
    enrolled: the caller checks), by choice; and the quizzes to answer
    offline."""
    outline = course_outline(course)
    enrollment = enrollment_for(user=user, course=course)
    quizzes: list[dict] = []
    pages = [{"url": course.url, "bytes": PAGE_BYTES}]
    pages += [{"url": m.page.url, "bytes": PAGE_BYTES} for m in outline.modules]
    files: list[dict] = []
    videos: list[dict] = []
    for lesson in outline.lessons:
        lesson = lesson.specific
        pages.append({"url": lesson.url, "bytes": PAGE_BYTES, "lesson": lesson.pk})
        quiz = _offline_quiz(lesson, user, enrollment)
        if quiz is not None:
            quizzes.append(quiz)
        for block in lesson_blocks(lesson, user=user):
            if block["type"] == "image":
                files.append(
                    {
                        "renditions": [
                            {"url": r["url"], "bytes": r["bytes"] or 0, "width": r["width"]}
                            for r in block.get("renditions", [])
                        ]
                    }
                )
            elif block["type"] == "video":
                videos.append(_video_files(block["player"]))
            elif block["type"] == "audio" and block.get("file"):
                file = block["file"]
                files.append({"renditions": [{"url": file["url"], "bytes": file["bytes"] or 0}]})
    statics = [e for e in map(_static_entry, STATIC_FILES) if e]
    return {
        "course": course.pk,
        "title": course.title,
        "pages": pages,
        "static": statics,
        "images": files,
        "videos": videos,
        "quizzes": quizzes,
    }
