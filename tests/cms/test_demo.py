"""The demo content `make demo` loads: a real orientation course and a trainer
course, translated, with checklists, contact cards, a video and pictures."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Revision

from assessments.demo import load_assessments
from assessments.models import Quiz, Rubric
from assessments.selectors import course_quizzes
from cms.demo import load_pages
from cms.models import CoursePage, LessonPage, ModulePage
from cms.tree import course_final_assessment, course_track
from core.tracks import Track

pytestmark = pytest.mark.django_db


def test_the_demo_courses(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_pages()
    tg = Locale.objects.get(language_code="tg")
    orientation = CoursePage.objects.get(slug="pre-departure-orientation", locale=tg)
    trainer = CoursePage.objects.get(slug="certified-pre-departure-trainer", locale=tg)
    assert course_track(orientation) == Track.MIGRANT
    assert course_track(trainer) == Track.STAFF

    modules = ModulePage.objects.child_of(orientation)
    lessons = LessonPage.objects.descendant_of(orientation)
    assert modules.count() >= 6 and lessons.count() >= 15
    for module in modules:
        kinds = {
            b.block_type for lesson in LessonPage.objects.child_of(module) for b in lesson.body
        }
        assert "checklist" in kinds or "contact" in kinds, module
    assert {c.card.email for c in orientation.contacts.all()} >= {"info@mrc-tajikistan.org"}
    assert course_final_assessment(trainer) is None  # chosen by load_assessments()

    for course in (orientation, trainer):
        kinds = {
            b.block_type for lesson in LessonPage.objects.descendant_of(course) for b in lesson.body
        }
        assert {"video", "image", "checklist", "contact", "quiz"} <= kinds
        for code in ("ru", "en", "uz"):
            translated = course.get_translation(Locale.objects.get(language_code=code))
            assert translated.live
            assert LessonPage.objects.descendant_of(translated).live().count() == (
                LessonPage.objects.descendant_of(course).count()
            )
    uz = Locale.objects.get(language_code="uz")
    uz_orientation = orientation.get_translation(uz)
    assert uz_orientation.title == "Safarga tayyorgarlik: chet elda xavfsiz ishlash"
    # The Uzbek lesson with a contact card: the lesson and the card in Uzbek, no note.
    who_to_call = LessonPage.objects.get(slug="who-to-call", locale=uz)
    soup = BeautifulSoup(admin_client.get(who_to_call.url).content, "html.parser")
    assert soup.select_one(".notice.untranslated") is None
    assert "Siz aybdor emassiz" in soup.text
    assert "Tojikistondagi militsiya" in soup.text and "102" in soup.text

    # The benchmark lesson: Tajik text, an image and a video, on every language's page.
    lesson = LessonPage.objects.get(slug="why-prepare", locale=tg)
    assert [b.block_type for b in lesson.body][:3] == ["text", "video", "image"]
    for page in [lesson, *lesson.get_translations()]:
        response = admin_client.get(page.url)
        assert response.status_code == 200, page.url
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one(".block-image img[srcset]")
        assert soup.select_one(
            ".lesson-body figure video, .lesson-body .video-player, .video-pending"
        )
    html = admin_client.get(lesson.url).content.decode()
    assert "муҳоҷир" in html and "Борбад" in html

    # The assessments: pre-test, lesson quiz and post-test; exam and rubric.
    with django_capture_on_commit_callbacks(execute=True):
        load_assessments()
    final = course_final_assessment(trainer)
    assert Quiz.objects.get(pk=final["quiz_id"]).key == "trainer-certification"
    assert [Rubric.objects.get(pk=p["rubric_id"]).key for p in final["practical"]] == [
        "trainer-practical"
    ]
    roles = {
        role: [q.key for q in quizzes] for role, quizzes in course_quizzes(orientation).items()
    }
    assert roles == {
        "pre": ["orientation-pre"],
        "lesson": ["orientation-documents"],
        "final": ["orientation-final"],
    }
    assert [b.block_type for b in lesson.body][:1] == ["text"]  # the page object read before
    lesson.refresh_from_db()
    assert lesson.body[0].block_type == "quiz"
    # The Uzbek pages carry the Uzbek quizzes, and show them.
    uz_quizzes = {
        block.value["role"]: (block.value["quiz"].key, block.value["quiz"].locale_id)
        for uz_lesson in LessonPage.objects.descendant_of(uz_orientation)
        for block in uz_lesson.body
        if block.block_type == "quiz"
    }
    assert uz_quizzes == {
        "pre": ("orientation-pre", uz.pk),
        "lesson": ("orientation-documents", uz.pk),
        "final": ("orientation-final", uz.pk),
    }
    uz_lesson = lesson.get_translation(uz)
    assert "Kirish testi" in admin_client.get(uz_lesson.url).content.decode()
    uz_exam = LessonPage.objects.get(slug="trainer-final-exam", locale=uz)
    html = admin_client.get(uz_exam.url).content.decode()
    assert "Trenerning sertifikatlash imtihoni" in html and "Kuzatiladigan mashgʻulot" in html

    # Running it again changes nothing.
    counts = (CoursePage.objects.count(), LessonPage.objects.count(), Revision.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        load_pages()
        load_assessments()
    assert (
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        Revision.objects.count(),
    ) == counts
