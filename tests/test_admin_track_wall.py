"""The wall between the tracks inside the Wagtail admin, for every admin route.

The routes come from Django's URL resolver (everything under /admin/). Each
route's keyword arguments are filled with an object of the other track (the
view's model: a page, image, document, video, bank, question, quiz, rubric,
certificate template, or a translation or revision of one), and again with a
missing id. For the author of each track:

- the other track's object answers exactly what a missing id answers (status and
  redirect; GET, and POST for routes that name an object), never a 5xx;
- no response (listings, choosers, searches with `?q=`, reports, APIs, usage and
  history pages, bulk-action confirmations) contains the other track's titles,
  nor its video's UUID or original path.

A route whose arguments cannot be filled fails `test_every_admin_route_is_built`,
so a new admin route cannot be forgotten.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from accounts.models import User
from assessments.models import Question, QuestionBank, Quiz, Rubric
from certificates.demo import load_certificates
from certificates.models import CertificateTemplate
from cms.models import LessonPage, TrackCollection, TrackIndexPage
from cms.track_admin_middleware import _view_model
from courses.tracks import MIGRANT_AUTHORS, MRC_EDITORS, STAFF_AUTHORS, Track
from media_pipeline.models import Video
from tests.assessments.factories import make_bank, make_question, make_quiz, make_rubric
from tests.builders import make_course, make_document, make_image, make_video

pytestmark = pytest.mark.django_db

MISSING = 999_999
TRACKS = (Track.MIGRANT.value, Track.STAFF.value)
OTHER = {Track.MIGRANT.value: Track.STAFF.value, Track.STAFF.value: Track.MIGRANT.value}

# Routes not requested, and why.
SKIPPED = {
    "wagtailadmin_logout": "signs the author out",
    "admin/^.*/$": "the admin's catch-all 404",
    "wagtailadmin_error_test": "Wagtail's deliberate 500 (a test of error reporting)",
}

# Keyword arguments that name an object of a track: (objects, missing) -> value.
OBJECT_KWARGS = {
    "page_id": lambda o, m: MISSING if m else o.lesson.pk,
    "parent_page_id": lambda o, m: MISSING if m else o.lesson.pk,
    "page_to_move_id": lambda o, m: MISSING if m else o.lesson.pk,
    "destination_id": lambda o, m: MISSING if m else o.course.pk,
    "page_pk": lambda o, m: MISSING if m else o.lesson.pk,
    "image_id": lambda o, m: MISSING if m else o.image.pk,
    "document_id": lambda o, m: MISSING if m else o.document.pk,
    "doc_id": lambda o, m: MISSING if m else o.document.pk,
    "quiz_id": lambda o, m: MISSING if m else o.quiz.pk,
    "translation_id": lambda o, m: MISSING if m else o.translation.pk,
    "translation_source_id": lambda o, m: MISSING if m else o.translation.source_id,
}
# Other keyword arguments: a plausible value (the same for both requests).
FILLERS = {
    "revision_id": lambda o: o.revision.pk,
    "revision_id_a": lambda o: "earliest",
    "revision_id_b": lambda o: "latest",
    "action_name": lambda o: "approve",
    "task_state_id": lambda o: 1,
    "workflow_state_id": lambda o: 1,
    "task_id": lambda o: 1,
    "filter_spec": lambda o: "original",
    "mode": lambda o: "default",
    "string_segment_id": lambda o: 1,
    "overridable_segment_id": lambda o: 1,
    "uploaded_file_id": lambda o: 1,
    "session_id": lambda o: 1,
    "cohort_id": lambda o: 1,
    "case_id": lambda o: 1,
    "workflow_pk": lambda o: 1,
    "collection_id": lambda o: o.collection.pk,
    "redirect_id": lambda o: 1,
    "uidb64": lambda o: "MQ",
    "token": lambda o: "set-password",
    "track": lambda o: o.track,
    "content_type_app_name": lambda o: "cms",
    "content_type_model_name": lambda o: "lessonpage",
    "app_name": lambda o: "cms",
    "model_name": lambda o: "contactcard",
}
# Routes whose app_label/model_name are a model: the track models (and pages).
TRACK_MODELS = [QuestionBank, Question, Quiz, Rubric, Video, CertificateTemplate, LessonPage]


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(pattern.url_patterns, route, full)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield route, name or route, pattern.callback


def admin_routes():
    return [r for r in _walk(get_resolver().url_patterns) if r[0].startswith("admin/")]


def _kwarg_names(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route.replace("(?P<", "<"))


def _fill(route: str, values: dict) -> str:
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), route)
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), url)
    return "/" + url.replace("^", "").replace("$", "").replace("\\.", ".")


def _object_of(model, objects):
    if model is None:
        return None
    for obj in objects.all:
        if isinstance(obj, model):
            return obj
    return None


def cases(route, name, callback, objects):
    """[(url for the other track's object, url for a missing one or None, names_object)]"""
    kwargs = _kwarg_names(route)
    if not kwargs:
        return [(_fill(route, {}), None, False)]
    if "app_label" in kwargs and "model_name" in kwargs:
        found = []
        for model in TRACK_MODELS:
            app, model_name = model._meta.app_label, model._meta.model_name
            if "action" not in kwargs:
                values = {"app_label": app, "model_name": model_name}
                found += _object_cases(route, kwargs, values, model, objects)
                continue
            for action in bulk_action_registry.get_bulk_actions_for_model(app, model_name):
                values = {"app_label": app, "model_name": model_name, "action": action.action_type}
                found += _object_cases(route, kwargs, values, model, objects)
        return found
    return _object_cases(route, kwargs, {}, _view_model(callback, name), objects)


def _object_cases(route, kwargs, values, model, objects):
    target = _object_of(model, objects)
    real, missing, names_object = dict(values), dict(values), False
    for kwarg in kwargs:
        if kwarg in values:
            continue
        if kwarg in OBJECT_KWARGS:
            real[kwarg] = OBJECT_KWARGS[kwarg](objects, False)
            missing[kwarg] = OBJECT_KWARGS[kwarg](objects, True)
            names_object = True
        elif kwarg in ("pk", "object_id") and target is not None:
            real[kwarg], missing[kwarg] = target.pk, MISSING
            names_object = True
        elif kwarg in FILLERS:
            real[kwarg] = missing[kwarg] = FILLERS[kwarg](objects)
        elif kwarg in ("pk", "object_id"):
            real[kwarg] = missing[kwarg] = 1  # not an object of a track
        else:
            raise LookupError(f"{route}: no value for {kwarg}")
    if "action" in values and target is not None:
        real_url = _fill(route, real) + f"?id={target.pk}"
        return [
            (real_url, _fill(route, missing) + f"?id={MISSING}", True),
            (_fill(route, real) + "?id=all", None, False),
        ]
    return [(_fill(route, real), _fill(route, missing) if names_object else None, names_object)]


def _track_objects(track: str, author):
    tag = f"Qzx{track}"
    index = TrackIndexPage.objects.get(track=track, locale__language_code="tg")
    course = make_course(index, title=f"Course {tag}", slug=f"course-{track}")
    lesson = LessonPage.objects.descendant_of(course).first()
    revision = lesson.save_revision(user=author)
    collection = TrackCollection.objects.get(track=track).collection
    image = make_image(f"Picture {tag}")
    image.collection = collection
    image.save()
    document = make_document(f"Hand-out {tag}", name=f"handout-{track}.pdf")
    document.collection = collection
    document.save()
    video = make_video(f"Clip {tag}")
    video.track = track
    video.save()
    bank = make_bank(track=track, name=f"Bank {tag}")
    question = make_question(bank=bank, text=f"Question {tag}?")
    quiz = make_quiz([question], track=track, title=f"Quiz {tag}")
    rubric = make_rubric(title=f"Rubric {tag}", track=track)
    template = CertificateTemplate.objects.get(track=track)
    template.name = f"Template {tag}"
    template.save()
    source, _ = TranslationSource.get_or_create_from_instance(quiz)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get_or_create(language_code="ru")[0]
    )
    for obj in (quiz, question, bank, rubric, video, template):
        log(obj, "wagtail.edit", user=author)
    log(lesson, "wagtail.edit", user=author)
    return SimpleNamespace(
        track=track,
        tag=tag,
        secrets=[tag, str(video.uuid), video.original.name],
        course=course,
        lesson=lesson,
        revision=revision,
        collection=collection,
        image=image,
        document=document,
        video=video,
        bank=bank,
        question=question,
        quiz=quiz,
        rubric=rubric,
        template=template,
        translation=translation,
        all=[lesson, image, document, video, bank, question, quiz, rubric, template],
    )


@pytest.fixture
def world(tree):
    load_certificates()
    authors = {
        Track.MIGRANT.value: User.objects.create_user("wall-author-m", is_staff=True),
        Track.STAFF.value: User.objects.create_user("wall-author-s", is_staff=True),
    }
    authors["migrant"].groups.add(Group.objects.get(name=MIGRANT_AUTHORS))
    authors["staff"].groups.add(Group.objects.get(name=STAFF_AUTHORS))
    editor = User.objects.create_user("wall-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=MRC_EDITORS))
    objects = {track: _track_objects(track, authors[track]) for track in TRACKS}
    return SimpleNamespace(authors=authors, editor=editor, objects=objects)


def test_every_admin_route_is_built(world):
    routes = admin_routes()
    assert len(routes) > 200
    problems = []
    for route, name, callback in routes:
        if name in SKIPPED or route in SKIPPED:
            continue
        try:
            built = cases(route, name, callback, world.objects["staff"])
        except LookupError as error:
            problems.append(str(error))
            continue
        for real, missing, _ in built:
            for url in filter(None, (real, missing)):
                if resolve(url.split("?")[0]).func is not callback:
                    problems.append(f"{route}: built {url}, which is another route")
    assert not problems, "\n".join(problems)


def _location(response):
    """Where a redirect goes, ids left out (a redirect to the URL of the id asked
    for tells nothing)."""
    location = re.sub(r"next=[^&]*", "next=…", response.headers.get("Location", ""))
    return re.sub(r"\d+", "N", location)


def _leaks(response, secrets) -> list[str]:
    if response.streaming:
        body = b"".join(response.streaming_content).decode("utf-8", "replace")
    else:
        body = response.content.decode("utf-8", "replace")
    return [s for s in secrets if s in body]


@pytest.mark.parametrize("track", TRACKS)
def test_no_admin_route_shows_the_other_track(world, track):
    """One author against every admin route (one test per author keeps it fast:
    the world is built once per author, not once per route)."""
    from django.test import Client

    client = Client(raise_request_exception=False, headers={"Accept-Language": "en"})
    other = world.objects[OTHER[track]]
    client.force_login(world.authors[track])
    problems = []
    checked = 0
    for route, name, callback in admin_routes():
        if name in SKIPPED or route in SKIPPED:
            continue
        for real_url, missing_url, names_object in cases(route, name, callback, other):
            methods = ("get", "post") if names_object else ("get",)
            urls = [real_url]
            if missing_url is None and "?" not in real_url:
                urls.append(real_url + "?q=Qzx")  # listings: their search too
            for method in methods:
                for url in urls:
                    real = getattr(client, method)(url)
                    checked += 1
                    if real.status_code >= 500:
                        problems.append(f"{method} {url}: {real.status_code}")
                    leaked = _leaks(real, other.secrets)
                    if leaked:
                        problems.append(f"{method} {url}: shows {leaked}")
                    if missing_url is None or url != real_url:
                        continue
                    absent = getattr(client, method)(missing_url)
                    if (real.status_code, _location(real)) != (
                        absent.status_code,
                        _location(absent),
                    ):
                        problems.append(
                            f"{method} {url}: {real.status_code} {_location(real)!r}, "
                            f"a missing id {absent.status_code} {_location(absent)!r}"
                        )
    assert checked > 300
    assert not problems, f"{track} author:\n" + "\n".join(problems)
    other.video.refresh_from_db()
    other.quiz.refresh_from_db()
    assert other.video.title == f"Clip {other.tag}" and other.quiz.title == f"Quiz {other.tag}"


# Listings, choosers, searches and APIs: each author finds their own track's
# objects there (so the wall does not just empty them) and not the other's.
LISTINGS = [
    "/admin/snippets/media_pipeline/video/",
    "/admin/snippets/media_pipeline/video/?q=Clip",
    "/admin/snippets/choose/media_pipeline/video/",
    "/admin/images/",
    "/admin/images/chooser/",
    "/admin/images/chooser/results/?q=Picture",
    "/admin/api/main/images/",
    "/admin/documents/",
    "/admin/documents/chooser/",
    "/admin/api/main/documents/",
    "/admin/snippets/assessments/quiz/",
    "/admin/snippets/assessments/quiz/?q=Quiz",
    "/admin/snippets/choose/assessments/quiz/",
    "/admin/snippets/assessments/question/?q=Question",
    "/admin/snippets/choose/assessments/question/",
    "/admin/snippets/assessments/questionbank/",
    "/admin/snippets/choose/assessments/questionbank/",
    "/admin/snippets/assessments/rubric/",
    "/admin/snippets/choose/assessments/rubric/",
    "/admin/choose-page/search/?q=Course",
    "/admin/reports/site-history/",
    "/admin/localize/reports/translations/",
]


def _body(response) -> str:
    return response.content.decode("utf-8", "replace")


@pytest.mark.parametrize("track", TRACKS)
def test_each_author_lists_their_own_track_only(client, world, track):
    client.force_login(world.authors[track])
    own, other = world.objects[track], world.objects[OTHER[track]]
    problems = []
    for url in LISTINGS:
        response = client.get(url)
        body = _body(response)
        if response.status_code != 200 or own.tag not in body:
            problems.append(f"{url}: {response.status_code}, own track's titles missing")
        if other.tag in body:
            problems.append(f"{url}: shows the other track's titles")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("who", ["editor", "admin"])
def test_mrc_editors_and_administrators_see_both_tracks(client, world, who, admin_user):
    client.force_login(world.editor if who == "editor" else admin_user)
    problems = []
    for url in LISTINGS:
        body = _body(client.get(url))
        for track in TRACKS:
            if world.objects[track].tag not in body:
                problems.append(f"{url}: no {track} titles")
    for track in TRACKS:
        video = world.objects[track].video
        url = f"/admin/snippets/media_pipeline/video/edit/{video.pk}/"
        if client.get(url).status_code != 200:
            problems.append(f"{url}: not editable")
    assert not problems, "\n".join(problems)


def test_an_author_cannot_rename_or_reprocess_the_other_tracks_video(client, world):
    staff_video = world.objects["staff"].video
    client.force_login(world.authors["migrant"])
    edit = client.post(
        f"/admin/snippets/media_pipeline/video/edit/{staff_video.pk}/",
        {"title": "Renamed", "track": "migrant"},
    )
    retry = client.post(f"/admin/media-pipeline/videos/{staff_video.pk}/retry/")
    status = client.get(f"/admin/media-pipeline/videos/{staff_video.pk}/status/")
    assert (edit.status_code, retry.status_code, status.status_code) == (404, 404, 404)
    staff_video.refresh_from_db()
    assert (staff_video.title, staff_video.track) == ("Clip Qzxstaff", "staff")


def test_an_author_files_new_videos_in_their_own_track_only(client, world):
    """The upload form shows the author's track, set and fixed: a forged
    `track=staff` is ignored."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.authors["migrant"])
    form = client.get("/admin/snippets/media_pipeline/video/add/").context["form"]
    assert [value for value, _ in form.fields["track"].choices] == ["migrant"]
    assert form.fields["track"].disabled and form.initial["track"] == "migrant"
    client.post(
        "/admin/snippets/media_pipeline/video/add/",
        {
            "title": "Sneaky",
            "track": "staff",
            "original": SimpleUploadedFile("sneaky.mp4", b"\0" * 64, "video/mp4"),
            "captions-TOTAL_FORMS": "0",
            "captions-INITIAL_FORMS": "0",
            "captions-MIN_NUM_FORMS": "0",
            "captions-MAX_NUM_FORMS": "1000",
        },
    )
    assert not Video.objects.filter(title="Sneaky").exclude(track="migrant").exists()


def test_track_collections_hold_the_authors_permissions(world):
    """Migration cms 0005: one collection per track; each track's authors may
    add, change and choose images and documents there, and not in the root."""
    from wagtail.images.permissions import permission_policy
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    for track in TRACKS:
        author = world.authors[track]
        own = TrackCollection.objects.get(track=track).collection
        other = TrackCollection.objects.get(track=OTHER[track]).collection
        for action in ("add", "change", "choose"):
            allowed = set(permission_policy.collections_user_has_permission_for(author, action))
            assert own in allowed and other not in allowed and root not in allowed
