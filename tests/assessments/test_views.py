"""The learner's pages (plain forms, no JavaScript needed), the autosave
endpoint, every bad input of the issue (a clear 4xx, nothing recorded), the
assessor's page, and the author views (item analysis, CSV, course report)."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group

from assessments import services
from assessments.models import Attempt, PracticalAssessment
from assessments.selectors import attempt_versions
from core.tracks import MIGRANT_AUTHORS, STAFF_AUTHORS
from courses.models import Enrollment
from tests.assessments.conftest import lesson_of
from tests.assessments.factories import make_question, make_quiz, make_rubric
from tests.builders import make_course

pytestmark = pytest.mark.django_db


def start(client, lesson):
    return client.post(f"/tg/learn/lessons/{lesson.pk}/quiz/start/")


def the_attempt():
    return Attempt.objects.get()


def keyed(attempt, right=True):
    versions = attempt_versions(attempt)
    return {
        f"q{p}": next(c["id"] for c in versions[e["version"]]["choices"] if c["correct"] == right)
        for p, e in enumerate(attempt.questions, start=1)
    }


def test_the_lesson_shows_the_quiz_and_starts_it(client, people, quiz_course):
    client.force_login(people.migrant)
    html = client.get(quiz_course.lesson.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    box = soup.select_one(".quiz-box")
    assert "50%" in box.text and box.select_one("form button")
    response = start(client, quiz_course.lesson)
    attempt = the_attempt()
    assert response.status_code == 302 and str(attempt.uuid) in response["Location"]


def test_pass_in_the_browser_without_javascript(client, people, quiz_course):
    client.force_login(people.migrant)
    start(client, quiz_course.lesson)
    attempt = the_attempt()
    url = f"/tg/learn/attempts/{attempt.uuid}/"
    page = client.get(url)
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    assert len(soup.select("fieldset.question")) == 2
    assert soup.find("script", src=True)["src"].endswith("quiz.js")
    assert soup.find(attrs={"style": True}) is None
    assert not [s for s in soup.find_all("script") if not s.get("src")]
    response = client.post(url, {"shown": "1,2", "action": "submit", **keyed(attempt)})
    assert response.status_code == 302 and response["Location"].endswith("/result/")
    result = client.get(response["Location"])
    assert result.status_code == 200
    text = BeautifulSoup(result.content, "html.parser").select_one(".result").text
    assert "100%" in text
    assert the_attempt().passed is True
    # Double submit (a retried request): same result, nothing changes.
    again = client.post(url, {"shown": "1,2", "action": "submit", **keyed(attempt, right=False)})
    assert again.status_code == 302 and the_attempt().percent == 100.0


def test_fail_and_one_question_per_page(client, people, quiz_course):
    client.force_login(people.migrant)
    start(client, quiz_course.lesson)
    attempt = the_attempt()
    url = f"/tg/learn/attempts/{attempt.uuid}/"
    page = BeautifulSoup(client.get(url + "?q=1").content, "html.parser")
    assert len(page.select("fieldset.question")) == 1
    wrong = keyed(attempt, right=False)
    nxt = client.post(url, {"shown": "1", "action": "next", "q1": wrong["q1"]})
    assert nxt["Location"].endswith("?q=2")
    assert the_attempt().answers == {"1": wrong["q1"]}
    client.post(url, {"shown": "2", "action": "submit", "q2": wrong["q2"]})
    attempt = the_attempt()
    assert attempt.passed is False and attempt.percent == 0.0
    html = client.get(f"/en/learn/attempts/{attempt.uuid}/result/").content.decode()
    assert "Not passed" in BeautifulSoup(html, "html.parser").select_one(".result").text


def test_correct_answers_never_reach_the_browser_before_submission(client, people, quiz_course):
    client.force_login(people.migrant)
    start(client, quiz_course.lesson)
    attempt = the_attempt()
    versions = attempt_versions(attempt)
    html = client.get(f"/tg/learn/attempts/{attempt.uuid}/").content.decode()
    assert "correct" not in html.lower()
    soup = BeautifulSoup(html, "html.parser")
    for entry in attempt.questions:
        for choice in versions[entry["version"]]["choices"]:
            radio = soup.find("input", attrs={"value": choice["id"]})
            # Right and wrong choices look exactly alike.
            assert sorted(radio.attrs) == ["name", "type", "value"]
    # The result of the open attempt is not shown (redirect back to the form).
    response = client.get(f"/tg/learn/attempts/{attempt.uuid}/result/")
    assert response.status_code == 302


def test_matching_and_ordering_do_not_leak_the_key(client, people, tree, questions):
    quiz = make_quiz([questions.matching, questions.ordering])
    course = make_course(
        tree.migrant,
        title="Kinds",
        slug="kinds",
        body=[{"type": "quiz", "value": {"quiz": quiz.pk, "role": "lesson"}}],
    )
    Enrollment.objects.create(user=people.migrant, course=course, source="self")
    client.force_login(people.migrant)
    start(client, lesson_of(course))
    attempt = the_attempt()
    soup = BeautifulSoup(client.get(f"/tg/learn/attempts/{attempt.uuid}/").content, "html.parser")
    matching = soup.select_one("#q1") if attempt.questions[0]["order"].get("partners") else None
    matching = matching or soup.select_one("#q2")
    # Each item's select lists the partners in a shuffled order shared by all items.
    selects = matching.select("select")
    options = [[o["value"] for o in s.select("option")][1:] for s in selects]
    assert options[0] == options[1]
    # Answer both fully through the form and submit.
    versions = attempt_versions(attempt)
    post = {"shown": "1,2", "action": "submit"}
    for position, entry in enumerate(attempt.questions, start=1):
        data = versions[entry["version"]]
        for place, choice in enumerate(data["choices"], start=1):
            value = choice["id"] if data["kind"] == "matching" else str(place)
            post[f"q{position}-{choice['id']}"] = value
    client.post(f"/tg/learn/attempts/{attempt.uuid}/", post)
    assert the_attempt().percent == 100.0


def test_bad_input_is_a_clear_4xx_and_records_nothing(client, people, quiz_course):
    client.force_login(people.migrant)
    start(client, quiz_course.lesson)
    attempt = the_attempt()
    url = f"/tg/learn/attempts/{attempt.uuid}/"
    right = keyed(attempt)
    foreign = str(next(iter(make_question().choices)).id)
    cases = {
        "unknown choice id": {"shown": "1", "q1": "no-such-choice"},
        "choice from another question": {"shown": "1", "q1": right["q2"]},
        "choice of a question not in the quiz": {"shown": "1", "q1": foreign},
        "malformed: no shown field": {"q1": right["q1"]},
        "malformed: shown out of range": {"shown": "1,7", "q1": right["q1"]},
        "malformed: shown not numbers": {"shown": "one", "q1": right["q1"]},
    }
    for case, payload in cases.items():
        for target in (url, f"{url}autosave/"):
            response = client.post(target, {"action": "submit", **payload})
            assert response.status_code == 400, (case, target)
            assert response.content, case
    attempt.refresh_from_db()
    assert attempt.answers == {} and attempt.status == Attempt.Status.IN_PROGRESS
    en_autosave = f"/en/learn/attempts/{attempt.uuid}/autosave/"
    error = client.post(en_autosave, cases["unknown choice id"]).json()["error"]
    assert "does not belong" in error


def test_another_learners_attempt_is_404(client, people, quiz_course):
    client.force_login(people.migrant)
    start(client, quiz_course.lesson)
    attempt = the_attempt()
    client.force_login(people.other)
    url = f"/tg/learn/attempts/{attempt.uuid}/"
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"shown": "1,2", "action": "submit", **keyed(attempt)}).status_code == 404
    )
    assert client.post(f"{url}autosave/", {"shown": "1", **keyed(attempt)}).status_code == 404
    assert client.get(f"{url}result/").status_code == 404
    attempt.refresh_from_db()
    assert attempt.answers == {} and attempt.status == Attempt.Status.IN_PROGRESS


def test_submitting_after_the_time_limit(client, people, quiz_course):
    quiz_course.quiz.time_limit_minutes = 5
    quiz_course.quiz.save()
    client.force_login(people.migrant)
    start(client, quiz_course.lesson)
    attempt = the_attempt()
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=attempt.started_at - timedelta(minutes=7),
        deadline=attempt.deadline - timedelta(minutes=7),
    )
    url = f"/tg/learn/attempts/{attempt.uuid}/"
    response = client.post(url, {"shown": "1,2", "action": "submit", **keyed(attempt)})
    assert response.status_code == 409
    assert "time limit" in response.content.decode().lower() or response.content
    attempt.refresh_from_db()
    assert attempt.late and attempt.percent == 0.0 and attempt.answers == {}
    autosave = client.post(f"{url}autosave/", {"shown": "1", **keyed(attempt)})
    assert autosave.status_code == 409


def test_a_new_attempt_beyond_the_limit(client, people, quiz_course):
    quiz_course.quiz.max_attempts = 1
    quiz_course.quiz.save()
    client.force_login(people.migrant)
    start(client, quiz_course.lesson)
    attempt = the_attempt()
    client.post(f"/tg/learn/attempts/{attempt.uuid}/", {"shown": "1,2", "action": "submit"})
    response = start(client, quiz_course.lesson)
    assert response.status_code == 403
    assert Attempt.objects.count() == 1


def test_staff_track_quiz_is_404_for_a_migrant(client, people, tree):
    exam = make_quiz(track="staff")
    course = make_course(
        tree.staff,
        title="Trainer",
        slug="trainer",
        body=[{"type": "quiz", "value": {"quiz": exam.pk, "role": "final"}}],
    )
    Enrollment.objects.create(user=people.staff, course=course, source="approval")
    lesson = lesson_of(course)
    client.force_login(people.migrant)
    assert start(client, lesson).status_code == 404
    assert client.post("/tg/learn/lessons/999999/quiz/start/").status_code == 404
    # The trainee's own attempt is not reachable by the migrant either.
    trainee_attempt = services.attempt_start(user=people.staff, lesson=lesson)
    assert client.get(f"/tg/learn/attempts/{trainee_attempt.uuid}/").status_code == 404
    assert Attempt.objects.count() == 1
    client.force_login(people.staff)
    assert start(client, lesson).status_code == 302


def test_autosave(client, people, quiz_course):
    client.force_login(people.migrant)
    start(client, quiz_course.lesson)
    attempt = the_attempt()
    right = keyed(attempt)
    response = client.post(
        f"/tg/learn/attempts/{attempt.uuid}/autosave/", {"shown": "1,2", "q1": right["q1"]}
    )
    assert response.status_code == 200 and response.json() == {"saved": 1}
    assert the_attempt().answers == {"1": right["q1"]}


@pytest.fixture
def trainer(tree, people):
    rubric = make_rubric()
    course = make_course(
        tree.staff,
        title="Trainer",
        slug="trainer",
        body=[{"type": "practical", "value": {"rubric": rubric.pk}}],
    )
    enrollment = Enrollment.objects.create(user=people.staff, course=course, source="approval")
    return rubric, course, enrollment


def test_assessor_scores_on_a_phone_page(client, people, trainer):
    rubric, _course, enrollment = trainer
    client.force_login(people.admin)
    listing = client.get("/tg/learn/practical/")
    assert listing.status_code == 200 and "staff1" in listing.content.decode()
    url = f"/tg/learn/practical/{enrollment.pk}/{rubric.pk}/"
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert len(page.select("fieldset.question")) == 2
    criteria = [str(b.id) for b in rubric.criteria]
    missing = client.post(url, {"session": "Khujand", f"c-{criteria[0]}": "2"})
    assert missing.status_code == 400 and not PracticalAssessment.objects.exists()
    done = client.post(
        url, {"session": "Khujand, 12 May", f"c-{criteria[0]}": "2", f"c-{criteria[1]}": "1"}
    )
    assert done.status_code == 200
    record = PracticalAssessment.objects.get()
    assert record.passed and record.total == 3 and record.assessor == people.admin


def test_practical_pages_are_404_for_non_assessors(client, people, trainer):
    rubric, _course, enrollment = trainer
    for user in (people.migrant, people.staff):
        client.force_login(user)
        assert client.get("/tg/learn/practical/").status_code == 404
        url = f"/tg/learn/practical/{enrollment.pk}/{rubric.pk}/"
        assert client.post(url, {"session": "x"}).status_code == 404
    assessor = people.other
    assessor.groups.add(Group.objects.get(name="MRC assessors"))
    client.force_login(assessor)
    assert client.get("/tg/learn/practical/").status_code == 200
    assert not PracticalAssessment.objects.exists()


def test_author_views_by_track(client, people, quiz_course):
    client.force_login(people.migrant)
    start(client, quiz_course.lesson)
    attempt = the_attempt()
    client.post(
        f"/tg/learn/attempts/{attempt.uuid}/",
        {"shown": "1,2", "action": "submit", **keyed(attempt)},
    )
    migrant_author = people.other
    migrant_author.is_staff = True
    migrant_author.save()
    migrant_author.groups.add(Group.objects.get(name=MIGRANT_AUTHORS))
    staff_author = Enrollment.objects.none().model.user.field.related_model.objects.create_user(
        "author-s", password="x-pass-2027", is_staff=True
    )
    staff_author.groups.add(Group.objects.get(name=STAFF_AUTHORS))
    quiz_id, course_id = quiz_course.quiz.pk, quiz_course.course.pk
    urls = [
        f"/admin/assessments/quiz/{quiz_id}/analysis/",
        f"/admin/assessments/quiz/{quiz_id}/attempts.csv",
        f"/admin/assessments/course/{course_id}/",
    ]
    client.force_login(migrant_author)
    for url in urls:
        assert client.get(url).status_code == 200, url
    csv = client.get(urls[1]).content.decode()
    assert csv.splitlines()[0].startswith("attempt,learner")
    assert "migrant1" in csv and ",100.0,True," in csv
    analysis = client.get(urls[0]).content.decode()
    assert "First?" in analysis
    client.force_login(staff_author)
    for url in urls:
        assert client.get(url).status_code == 404, url
    staff_quiz = make_quiz(track="staff")
    assert client.get(f"/admin/assessments/quiz/{staff_quiz.pk}/analysis/").status_code == 200


def test_the_api_start_answer_submit(client, people, quiz_course):
    client.force_login(people.migrant)
    started = client.post(
        "/api/v1/attempts/", {"lesson": quiz_course.lesson.pk}, content_type="application/json"
    )
    assert started.status_code == 201
    body = started.json()
    assert "correct" not in started.content.decode().lower()
    assert body["results"] == [] and body["passed"] is None
    assert {tuple(c) for q in body["questions"] for c in q["choices"]} == {("id", "text")}
    attempt = the_attempt()
    right = {k[1:]: v for k, v in keyed(attempt).items()}
    url = f"/api/v1/attempts/{attempt.uuid}/"
    bad = client.post(url + "answer/", {"answers": {"1": "nope"}}, content_type="application/json")
    assert bad.status_code == 400 and "does not belong" in bad.json()["error"]["message"]
    malformed = client.post(url + "answer/", {"answers": [1]}, content_type="application/json")
    assert malformed.status_code == 400
    saved = client.post(
        url + "answer/", {"answers": {"1": right["1"]}}, content_type="application/json"
    )
    assert saved.status_code == 200 and saved.json()["questions"][0]["response"] == right["1"]
    done = client.post(
        url + "submit/", {"answers": {"2": right["2"]}}, content_type="application/json"
    )
    assert done.status_code == 200 and done.json()["passed"] is True
    assert [r["correct"] for r in done.json()["results"]] == [True, True]
    again = client.post(url + "submit/", {}, content_type="application/json")
    assert again.json()["percent"] == 100.0
    client.force_login(people.other)
    assert client.get(url).status_code == 404
    assert client.post(url + "submit/", {}, content_type="application/json").status_code == 404


def test_authors_edit_assessments_in_the_admin(admin_client, quiz_course):
    for model in ("questionbank", "question", "quiz", "rubric"):
        assert admin_client.get(f"/admin/snippets/assessments/{model}/").status_code == 200
        assert admin_client.get(f"/admin/snippets/assessments/{model}/add/").status_code == 200
    quiz = quiz_course.quiz
    assert admin_client.get(f"/admin/snippets/assessments/quiz/edit/{quiz.pk}/").status_code == 200
    edit = admin_client.get(f"/admin/pages/{quiz_course.course.pk}/edit/").content.decode()
    assert f"/admin/assessments/course/{quiz_course.course.pk}/" in edit


def test_authors_see_only_their_tracks_assessments_in_the_admin(client, people, quiz_course):
    author = people.other
    author.is_staff = True
    author.save()
    author.groups.add(Group.objects.get(name=MIGRANT_AUTHORS))
    staff_quiz = make_quiz(track="staff", title="Trainer exam")
    rubric = make_rubric()
    client.force_login(author)
    listing = client.get("/admin/snippets/assessments/quiz/").content.decode()
    assert quiz_course.quiz.title in listing and "Trainer exam" not in listing
    own = client.get(f"/admin/snippets/assessments/quiz/edit/{quiz_course.quiz.pk}/")
    assert own.status_code == 200
    assert client.get(f"/admin/snippets/assessments/quiz/edit/{staff_quiz.pk}/").status_code == 404
    assert client.get(f"/admin/snippets/assessments/rubric/edit/{rubric.pk}/").status_code == 404
    question = quiz_course.q1
    edit = client.get(f"/admin/snippets/assessments/question/edit/{question.pk}/")
    assert edit.status_code == 200


def test_an_invalid_ordering_keeps_every_answer_and_shows_the_error_on_the_form(
    client, people, tree, questions
):
    quiz = make_quiz([questions.single, questions.ordering])
    course = make_course(
        tree.migrant,
        title="Order",
        slug="order",
        body=[{"type": "quiz", "value": {"quiz": quiz.pk, "role": "lesson"}}],
    )
    Enrollment.objects.create(user=people.migrant, course=course, source="self")
    client.force_login(people.migrant)
    start(client, lesson_of(course))
    attempt = the_attempt()
    versions = attempt_versions(attempt)
    single, ordering = (versions[e["version"]] for e in attempt.questions)
    picked = single["choices"][1]["id"]
    items = [c["id"] for c in ordering["choices"]]
    post = {"shown": "1,2", "action": "submit", "q1": picked}
    post |= {f"q2-{items[0]}": "1", f"q2-{items[1]}": "1", f"q2-{items[2]}": "3"}  # place 1 twice
    response = client.post(f"/en/learn/attempts/{attempt.uuid}/", post)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("form.quiz-form")
    assert "different place" in form.select_one("[role=alert]").text
    assert "different place" in soup.select_one("#q2 .form-errors").text
    assert soup.select_one(f"#q1 input[value='{picked}']").has_attr("checked")
    chosen = {
        s["name"]: s.select_one("option[selected]")["value"] for s in soup.select("#q2 select")
    }
    assert chosen == {f"q2-{items[0]}": "1", f"q2-{items[1]}": "1", f"q2-{items[2]}": "3"}
    assert the_attempt().status == Attempt.Status.IN_PROGRESS and the_attempt().answers == {}


def test_a_quiz_follows_the_pages_language(client, people, quiz_course):
    """Started in Russian, opened under the English interface: the questions are
    in English (same choices, same order, the saved answer kept)."""
    from wagtail.models import Locale

    from assessments.models import Question

    for language, suffix in (("ru", "ru"), ("en", "en")):
        for question in (quiz_course.q1, quiz_course.q2):
            Question.objects.create(
                locale=Locale.objects.get(language_code=language),
                translation_key=question.translation_key,
                bank=question.bank,
                kind=question.kind,
                text=f"{question.text} [{suffix}]",
                choices=question.choices.raw_data,
            )
    client.force_login(people.migrant)
    client.post(f"/ru/learn/lessons/{quiz_course.lesson.pk}/quiz/start/")
    attempt = the_attempt()
    url = f"/ru/learn/attempts/{attempt.uuid}/"
    legends = [lg.text for lg in BeautifulSoup(client.get(url).content, "html.parser")("legend")]
    assert all("[ru]" in text for text in legends)
    answer = keyed(attempt)["q1"]
    client.post(url, {"shown": "1", "action": "save", "q1": answer})
    page = BeautifulSoup(client.get(url.replace("/ru/", "/en/")).content, "html.parser")
    legends = [lg.text for lg in page("legend")]
    assert len(legends) == 2 and all("[en]" in text for text in legends)
    assert page.find("input", attrs={"value": answer}).has_attr("checked")
    assert the_attempt().language == "en" and the_attempt().answers == {"1": answer}


def test_a_time_limit_shows_the_time_left_without_javascript(client, people, quiz_course):
    quiz_course.quiz.time_limit_minutes = 20
    quiz_course.quiz.save()
    client.force_login(people.migrant)
    start(client, quiz_course.lesson)
    attempt = the_attempt()
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=attempt.started_at + timedelta(minutes=20)
    )
    page = BeautifulSoup(client.get(f"/en/learn/attempts/{attempt.uuid}/").content, "html.parser")
    timer = page.select_one(".time-left")
    assert "Time left: 20 minutes" in timer.text
    assert "UTC+05" in timer.text  # Dushanbe time, said so
    assert 1140 < int(timer["data-seconds-left"]) <= 1200
