"""The wall between the tracks, for every route that serves course content.

The routes come from Django's URL resolver: every route must be listed either in
CONTENT_ROUTES (with a way to build its URL for a staff-track object) or in
NOT_CONTENT_ROUTES (with the reason). A new route that is in neither fails
`test_every_route_is_classified`, so it cannot be forgotten.

For each role × content route, a role that may not see the staff track must get
exactly what it gets for an object that does not exist (404, or the same login
redirect/403 for anonymous), so nothing leaks; a role that may see it must not.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accounts.models import StaffProfile, User
from cms.demo import load_site
from cms.models import LessonPage, ModulePage
from core.tracks import MIGRANT_AUTHORS, STAFF_AUTHORS, Track
from courses.models import Enrollment
from tests.assessments.factories import make_quiz
from tests.builders import make_course, make_document, make_image, make_video

pytestmark = pytest.mark.django_db

MISSING = 999_999

# name -> (method, url builder(objects, missing: bool) -> str, payload builder)
CONTENT_ROUTES = {
    "wagtail_serve:track": ("get", lambda o, m: "/tg/no-such-track/" if m else o.staff_index.url),
    "wagtail_serve:course": ("get", lambda o, m: "/tg/nope/nope/" if m else o.course.url),
    "wagtail_serve:module": ("get", lambda o, m: "/tg/n/n/n/" if m else o.module.url),
    "wagtail_serve:lesson": ("get", lambda o, m: "/tg/n/n/n/n/" if m else o.lesson.url),
    "courses:enroll": (
        "post",
        lambda o, m: f"/tg/learn/courses/{MISSING if m else o.course.pk}/enroll/",
    ),
    "courses:resume": (
        "get",
        lambda o, m: f"/tg/learn/courses/{MISSING if m else o.course.pk}/resume/",
    ),
    "courses:progress": (
        "post",
        lambda o, m: f"/tg/learn/lessons/{MISSING if m else o.lesson.pk}/progress/",
    ),
    "assessments:start": (
        "post",
        lambda o, m: f"/tg/learn/lessons/{MISSING if m else o.lesson.pk}/quiz/start/",
    ),
    "api:attempt-list": ("post", lambda o, m: "/api/v1/attempts/"),
    "api:course-detail": ("get", lambda o, m: f"/api/v1/courses/{MISSING if m else o.course.pk}/"),
    "api:lesson-detail": ("get", lambda o, m: f"/api/v1/lessons/{MISSING if m else o.lesson.pk}/"),
    "api:enrollment-list": ("post", lambda o, m: "/api/v1/enrollments/"),
    "api:progress-list": ("post", lambda o, m: "/api/v1/progress/"),
    "wagtaildocs_serve": (
        "get",
        lambda o, m: f"/documents/{MISSING if m else o.document.pk}/{o.document.filename}",
    ),
    "media_pipeline:output": (
        "get",
        lambda o, m: f"/media-pipeline/v/{o.missing_uuid if m else o.video.uuid}/o/h264_240p",
    ),
    "media_pipeline:download": (
        "get",
        lambda o, m: (
            f"/media-pipeline/v/{o.missing_uuid if m else o.video.uuid}/download/h264_240p"
        ),
    ),
    "media_pipeline:hls": (
        "get",
        lambda o, m: f"/media-pipeline/v/{o.missing_uuid if m else o.video.uuid}/hls/master.m3u8",
    ),
    "media_pipeline:caption": (
        "get",
        lambda o, m: f"/media-pipeline/v/{o.missing_uuid if m else o.video.uuid}/captions/tg.vtt",
    ),
    "media_pipeline:preview": (
        "get",
        lambda o, m: f"/media-pipeline/preview/{o.missing_uuid if m else o.video.uuid}/",
    ),
    "api:video-event-list": ("post", lambda o, m: "/api/v1/video-events/"),
    "media:image": (
        "get",
        lambda o, m: "/media/images/missing.fill-1x1.png" if m else o.rendition_url,
    ),
    "media:video-output": (
        "get",
        lambda o, m: f"/media/videos/outputs/{o.missing_uuid if m else o.video.uuid}/run1/240p.mp4",
    ),
}

# Behind the editors' sign-in for every object, existing or not (no learner
# route): the same redirect for all, so nothing about the track leaks.
EDITOR_ONLY_ROUTES = {"media_pipeline:preview"}

PAYLOADS = {
    "courses:progress": lambda o, m: {"progress": "1"},
    "api:enrollment-list": lambda o, m: {"course": MISSING if m else o.course.pk},
    "api:attempt-list": lambda o, m: {"lesson": MISSING if m else o.lesson.pk},
    "api:progress-list": lambda o, m: {"lesson": MISSING if m else o.lesson.pk, "progress": 1},
    "api:video-event-list": lambda o, m: {
        "video": str(o.missing_uuid if m else o.video.uuid),
        "event": "played",
        "session": "11111111-1111-1111-1111-111111111111",
        "segments": [[0, 1]],
        "position": 1,
    },
}

NOT_CONTENT_ROUTES = {
    "healthz": "health check",
    "service_worker": "the offline service worker's script, the same for everyone",
    "webmanifest": "the web app manifest, the same for everyone",
    "courses:offline_files": "the files of a course to save offline: 404 unless the caller is "
    "enrolled in it and may see its track (tests/lms/test_offline.py)",
    "sitemap": "lists public pages only (tested below)",
    "[admin]": "Wagtail and Django admin: editors only, with Wagtail's own page permissions",
    "wagtaildocs_authenticate_with_password": "Wagtail's password form, no content",
    "api-schema": "the API's description",
    "api:api-root": "the API's index",
    "api-docs": "the API's documentation page",
    "api:token-obtain": "signing in: no content",
    "api:token-list": "the caller's own tokens only (tests/api/test_tokens.py)",
    "api:token-detail": "the caller's own tokens only, 404 for others (tests/api/test_tokens.py)",
    "api:me": "the caller's own account",
    "api:my-data": "the caller's own data export",
    "api:sync": "the caller's own records; an item for a lesson of a track they may not see "
    "is refused on its own (tests/api/test_sync.py)",
    "api:certificate-list": "the caller's own certificates only (tests/api/test_journey.py)",
    "api:certificate-detail": "the caller's own certificates only, 404 for others",
    "api:certificate-pdf": "the caller's own certificates only, 404 for others",
    "api:course-list": "lists visible courses only (tested below)",
    "api:enrollment-detail": "the learner's own enrollments only (tests/courses)",
    "set_language": "language switch",
    "accounts:*": "the learner's own account",
    "courses:my_courses": "the learner's own enrollments only",
    "api:attempt-detail": "the learner's own attempts only, 404 for others (tests/assessments)",
    "api:attempt-answer": "the learner's own attempts only, 404 for others (tests/assessments)",
    "api:attempt-submit": "the learner's own attempts only, 404 for others (tests/assessments)",
    "assessments:attempt": "the learner's own attempts only, 404 for others (tests/assessments)",
    "assessments:autosave": "the learner's own attempts only, 404 for others (tests/assessments)",
    "assessments:result": "the learner's own attempts only, 404 for others (tests/assessments)",
    "assessments:practical_list": "assessors only (a permission), 404 for others",
    "assessments:practical_score": "assessors only (a permission), 404 for others",
    "wagtailcore_authenticate_with_password": "Wagtail's password form, no content",
    "wagtailcore_login": "Wagtail's login redirect, no content",
    "certificates:verify_form": "public verify box, no track content",
    "certificates:verify": "public by unguessable code, shows a masked name and no track content",
    "certificates:credential": "public by code: the signed credential the verify page embeds",
    "certificates:status_list": "public revocation bitstring, no personal data or content",
    "certificates:issuer": "the issuer's public profile",
    "certificates:jwks": "the issuer's public keys",
    "certificates:download": "the holder's own certificate (or an MRC administrator's); "
    "another learner or another track gets 404 (tests/certificates/test_views.py)",
    "xapi:*": "LRS, Basic-auth clients with per-track read scopes, tested in tests/xapi",
    "referrals:directory": "the public directory of organisations, no track content",
    "referrals:ask": "asking for a referral: a form, no track content",
    "referrals:my_cases": "the learner's own referral cases only",
    "referrals:my_case": "the learner's own referral case, 404 for others (tests/referrals)",
    "blended:*": "face-to-face sessions belong to migrant-track courses only (the service "
    "refuses others and the migrants' pages list only them); trainer pages are for verified "
    "staff, 404 for anyone else and for another trainer's session (tests/blended)",
    "search:search": "searches only the tracks the visitor may see (test_search_by_role below "
    "and tests/cms/test_search.py)",
}

ROLES = [
    "anonymous",
    "migrant",
    "unverified_staff",
    "verified_staff",
    "migrant_author",
    "staff_author",
    "admin",
]
MAY_SEE_STAFF_TRACK = {"verified_staff", "staff_author", "admin"}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith(("admin/", "django-admin/")):
                yield route, "[admin]"
                continue
            namespace = pattern.namespace
            for sub_route, name in _walk(pattern.url_patterns, route):
                yield sub_route, f"{namespace}:{name}" if namespace and ":" not in name else name
        elif isinstance(pattern, URLPattern):
            yield route, pattern.name or "?"


def _classified(name: str) -> bool:
    if name in NOT_CONTENT_ROUTES or name in CONTENT_ROUTES:
        return True
    if name.split(":")[0] + ":*" in NOT_CONTENT_ROUTES:
        return True
    return any(key.startswith(name + ":") for key in CONTENT_ROUTES)


def test_every_route_is_classified():
    routes = list(_walk(get_resolver().url_patterns))
    assert len(routes) > 30
    unclassified = sorted({name for _, name in routes if not _classified(name)})
    assert not unclassified, f"Classify these routes in tests/test_track_wall.py: {unclassified}"


def _user(username, **fields):
    return User.objects.create_user(username, password="wall-pass-2027", **fields)


@pytest.fixture
def world(db, settings):
    from django.contrib.auth.models import Group

    _home, tracks = load_site()
    staff_index = tracks[Track.STAFF]
    migrant_index = tracks[Track.MIGRANT]
    video = make_video("Staff-only clip")
    image = make_image("Staff-only picture")
    rendition = image.get_rendition("fill-320x160")
    document = make_document("Trainer hand-out", name="trainer-handout.pdf")
    body = [
        {"type": "text", "value": "<p>Trainer notes</p>"},
        {"type": "image", "value": {"image": image.pk, "alt": "A trainer", "caption": ""}},
        {"type": "video", "value": {"video": video.pk, "caption": ""}},
        {
            "type": "document",
            "value": {"document": document.pk, "title": "Hand-out", "description": ""},
        },
    ]
    body.append(
        {"type": "quiz", "value": {"quiz": make_quiz(track=Track.STAFF).pk, "role": "final"}}
    )
    course = make_course(staff_index, title="Trainer course", slug="trainer", body=body)
    migrant_course = make_course(migrant_index, title="Orientation", slug="orientation")
    admin = User.objects.create_superuser("wall-admin", "a@example.org", "wall-pass-2027")
    users = {
        "anonymous": None,
        "migrant": _user("wall-migrant"),
        "unverified_staff": _user("wall-unverified", account_type="staff"),
        "verified_staff": _user("wall-staff", account_type="staff"),
        "migrant_author": _user("wall-author-m", is_staff=True),
        "staff_author": _user("wall-author-s", is_staff=True),
        "admin": admin,
    }
    StaffProfile.objects.create(user=users["unverified_staff"], organisation="MS", position="X")
    StaffProfile.objects.create(
        user=users["verified_staff"],
        organisation="MS",
        position="X",
        verified_at=timezone.now(),
        verified_by=admin,
    )
    users["migrant_author"].groups.add(Group.objects.get(name=MIGRANT_AUTHORS))
    users["staff_author"].groups.add(Group.objects.get(name=STAFF_AUTHORS))
    output = Path(settings.MEDIA_ROOT) / "videos" / "outputs" / str(video.uuid) / "run1"
    output.mkdir(parents=True)
    (output / "240p.mp4").write_bytes(b"\0" * 64)
    for role in MAY_SEE_STAFF_TRACK:  # so that "resume" has somewhere to go
        Enrollment.objects.create(user=users[role], course=course, source="approval")
    import uuid

    return SimpleNamespace(
        staff_index=staff_index,
        course=course,
        module=ModulePage.objects.child_of(course).first(),
        lesson=LessonPage.objects.descendant_of(course).first(),
        migrant_course=migrant_course,
        document=document,
        video=video,
        missing_uuid=uuid.UUID(int=7),
        rendition_url=rendition.url,
        users=users,
    )


def _request(client, route, objects, missing):
    method, build = CONTENT_ROUTES[route]
    url = build(objects, missing)
    payload = PAYLOADS.get(route, lambda o, m: None)(objects, missing)
    if method == "get":
        return client.get(url)
    if route.startswith("api:"):
        return client.post(url, payload, content_type="application/json")
    return client.post(url, payload or {})


def _location(response):
    return re.sub(r"next=[^&]*", "next=…", response.headers.get("Location", ""))


@pytest.mark.parametrize("role", ROLES)
def test_staff_track_content_by_role(client, world, role, settings):
    """One role against every content route (one test per role keeps the suite
    fast: the world is built once per role, not once per route)."""
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    problems = []
    for route in sorted(CONTENT_ROUTES):
        if route.startswith("media:") and not settings.SERVE_MEDIA:
            continue  # S3 storage: no /media/ route; files come signed from the bucket
        real = _request(client, route, world, missing=False)
        absent = _request(client, route, world, missing=True)
        if role in MAY_SEE_STAFF_TRACK:
            # Video files exist only once transcoded, so 404 is right for them here.
            if real.status_code == 404 and not route.startswith("media_pipeline:"):
                problems.append(f"{route}: 404, but {role} may see the staff track")
        elif (
            real.status_code != absent.status_code
            or _location(real) != _location(absent)
            or real.status_code not in (302, 400, 401, 403, 404)
        ):
            problems.append(
                f"{route}: {real.status_code} {_location(real)!r} for the staff object, "
                f"{absent.status_code} {_location(absent)!r} for a missing one"
            )
        elif (
            real.status_code == 302
            and "/accounts/login/" in _location(real)
            and route not in EDITOR_ONLY_ROUTES
        ):
            # One rule for everyone who may not see it: 404, never "sign in first".
            problems.append(f"{route}: a sign-in redirect for the staff object, not 404")
    assert not problems, f"{role}:\n" + "\n".join(problems)

    titles = [c["title"] for c in client.get("/api/v1/courses/").json()["results"]]
    assert "Orientation" in titles
    assert ("Trainer course" in titles) == (role in MAY_SEE_STAFF_TRACK)


def test_search_by_role(client, world):
    """The search results (titles and snippets) hold the staff course, module
    and lesson only for the roles that may see the staff track."""
    for role in ROLES:
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        html = client.get("/tg/search/", {"q": "Trainer"}).content.decode()
        found = "Trainer course: lesson 1.1" in html
        assert found == (role in MAY_SEE_STAFF_TRACK), role
        orientation = client.get("/tg/search/", {"q": "Orientation"}).content.decode()
        assert "Orientation: lesson 1.1" in orientation, role


def test_sitemap_lists_the_orientation_track_only(client, world):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert world.migrant_course.url in sitemap
    assert world.course.url not in sitemap
    assert world.staff_index.url not in sitemap


def test_no_enrollment_was_written_for_anyone_who_may_not_see(client, world):
    Enrollment.objects.filter(course=world.course).delete()
    for role in ROLES:
        if role in MAY_SEE_STAFF_TRACK or world.users[role] is None:
            continue
        client.force_login(world.users[role])
        client.post(f"/tg/learn/courses/{world.course.pk}/enroll/")
        client.post("/api/v1/enrollments/", {"course": world.course.pk})
    assert not Enrollment.objects.filter(course=world.course).exists()
