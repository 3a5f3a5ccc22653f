"""Track rules that live in courses: prerequisites, completion inputs."""

import pytest
from wagtail.models import Locale

from cms.models import CoursePage, CoursePrerequisite, DestinationCountry, LessonPage
from cms.selectors import course_countries
from cms.tree import course_final_assessment, course_lessons, course_prerequisites
from tests.assessments.factories import make_quiz

pytestmark = pytest.mark.django_db


def _course(index, slug, body=None):
    course = index.add_child(instance=CoursePage(title=slug, slug=slug, summary="s"))
    from cms.models import ModulePage

    module = course.add_child(instance=ModulePage(title="M", slug="m"))
    module.add_child(instance=LessonPage(title="L", slug="l", body=body or []))
    return course


def test_prerequisites_are_shown_in_the_course_language(tree):
    first = _course(tree.migrant, "first")
    second = _course(tree.migrant, "second")
    CoursePrerequisite.objects.create(page=second, prerequisite=first)
    assert course_prerequisites(second) == [first]
    ru = Locale.objects.get(language_code="ru")
    ru_first = first.copy_for_translation(ru, copy_parents=True)
    ru_second = second.copy_for_translation(ru, copy_parents=True)
    assert [p.pk for p in course_prerequisites(ru_second)] == [ru_first.pk]


def _course_form(course, prerequisite):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    return nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": "s",
            "estimated_minutes": "60",
            "completion_rule": "lessons_and_final",
            "certificate_template": "",
            "contacts": inline_formset([]),
            "prerequisites": inline_formset([{"prerequisite": prerequisite.pk}]),
            "comments": inline_formset([]),
        }
    )


def test_a_prerequisite_must_be_in_the_same_track(admin_client, tree):
    from django.urls import reverse

    course = _course(tree.migrant, "mc")
    same, other = _course(tree.migrant, "mc2"), _course(tree.staff, "sc")
    url = reverse("wagtailadmin_pages:edit", args=[course.pk])
    refused = admin_client.post(url, _course_form(course, other))
    assert refused.status_code == 200
    errors = refused.context["form"].formsets["prerequisites"].errors
    assert errors[0]["prerequisite"]  # "A prerequisite must be in the same track."
    assert not CoursePrerequisite.objects.filter(page=course).exists()
    accepted = admin_client.post(url, _course_form(course, same))
    assert accepted.status_code == 302
    draft = CoursePage.objects.get(pk=course.pk).get_latest_revision_as_object()
    assert [p.prerequisite_id for p in draft.prerequisites.all()] == [same.pk]


def test_completion_inputs(tree):
    quiz = make_quiz()
    course = _course(
        tree.migrant, "c", body=[{"type": "quiz", "value": {"quiz": quiz.pk, "role": "final"}}]
    )
    assert course_lessons(course).count() == 1
    final = course_final_assessment(course)
    assert final["quiz_id"] == quiz.pk and final["practical"] == []
    lesson_quiz = [{"type": "quiz", "value": {"quiz": quiz.pk, "role": "lesson"}}]
    assert course_final_assessment(_course(tree.migrant, "lesson-quiz", body=lesson_quiz)) is None
    assert course_final_assessment(_course(tree.migrant, "no-quiz")) is None


def test_countries_are_shown_in_the_course_language(tree):
    tg = Locale.objects.get(language_code="tg")
    ru = Locale.objects.get(language_code="ru")
    korea = DestinationCountry.objects.create(locale=tg, code="KR", name="Ҷумҳурии Корея")
    DestinationCountry.objects.create(
        locale=ru, code="KR", name="Республика Корея", translation_key=korea.translation_key
    )
    course = _course(tree.migrant, "c")
    course.destination_countries.set([korea])
    course.save()
    ru_course = course.copy_for_translation(ru, copy_parents=True)
    assert [c.name for c in course_countries(course)] == ["Ҷумҳурии Корея"]
    assert [c.name for c in course_countries(ru_course)] == ["Республика Корея"]
