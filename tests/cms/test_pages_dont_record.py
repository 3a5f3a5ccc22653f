"""Pages describe, they don't record: rendering a lesson's context writes
nothing; opening it is recorded by the courses app's before_serve_page hook."""

import pytest
from django.test import RequestFactory

from cms.models import LessonPage
from courses import services as courses
from tests.builders import make_course, make_people
from xapi.api import VERBS
from xapi.models import Statement

pytestmark = pytest.mark.django_db


def test_get_context_writes_nothing_and_serving_records_the_opening(client, tree):
    course = make_course(tree.migrant, title="Safe", slug="safe")
    learner = make_people().migrant
    courses.enrollment_create(user=learner, course=course)
    lesson = LessonPage.objects.descendant_of(course).get()
    Statement.objects.all().delete()
    request = RequestFactory().get(lesson.url)
    request.user = learner
    lesson.get_context(request)
    assert not Statement.objects.exists()
    client.force_login(learner)
    assert client.get(lesson.url).status_code == 200
    assert list(Statement.objects.values_list("verb_id", flat=True)) == [VERBS["launched"]]
