"""Bad input to the Wagtail admin answers 400/404 (or the right page), never a
5xx, and changes nothing (cms/admin_input.py, the snippets' search).

Generated from Django's URL resolver: every admin route of each kind below ×
each bad shape of its input × each role that authors (the author of the
migrant track, the author of the staff track, a superuser):

- a snippet's "add" form POSTed without its formsets' and StreamFields' hidden
  counters (empty, or fields only);
- a chooser's "create" step POSTed empty;
- a chooser's "chosen/<pk>/" with a pk that is not an id; its (and the page
  chooser's) "chosen-multiple" with `?id=` values that are not ids, or too large;
- the page chooser's external link without its URL, or with a bad one;
- the redirects import (upload, confirm) without its file or hidden fields, or
  with forged ones;
- each snippet listing searched (`?q=`, which on SQLite once asked the search
  index for a column it has not) and paged past either end (`?p=-1`, `?p=abc`).

Django's test client raises a view's exception instead of answering 500, so a
failing route fails its case with the exception.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signing import Signer
from wagtail.models import Locale

from accounts.models import User
from cms.models import ContactCard, DestinationCountry
from courses.tracks import MIGRANT_AUTHORS, STAFF_AUTHORS
from tests.builders import make_card
from tests.test_admin_track_wall import admin_routes

pytestmark = pytest.mark.django_db

ROLES = ("migrant-author", "staff-author", "superuser")

# Tables a request may write without changing any data: sessions, the search
# index and the admin's logs and edit locks.
NOT_DATA = (
    "sessions",
    "wagtailsearch",
    "admin.logentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.revision",
    "wagtailadmin.editingsession",
)

NOT_IDS = ("abc", "1.5", "-", " ")
EMPTY_FORM: dict = {}
FIELDS_ONLY = {"name": "", "title": "", "track": "nowhere", "code": ""}  # no counters, invalid
SEARCHES = ("?q=Borbad", "?q=name", "?q=zz&p=-1", "?p=-1", "?p=abc", "?p=99999", "?q=%00")


def sign(value: str) -> str:
    return Signer().sign(value)


def _shapes(name: str, route: str):
    """(method, path suffix or full URL, body) for each bad shape of one route."""
    url = "/" + route
    if name.endswith(":add") and "/snippets/" in route:
        return [("post", url, EMPTY_FORM), ("post", url, FIELDS_ONLY)]
    if name.endswith(":create") and "chooser" in name:
        return [("post", url, EMPTY_FORM), ("post", url, FIELDS_ONLY)]
    if name.endswith(":chosen") and "<str:pk>" in route:
        return [("get", url.replace("<str:pk>", bad), None) for bad in NOT_IDS]
    if name.endswith("chosen_multiple"):
        return [
            ("get", url, {"id": ["abc"]}),
            ("get", url, {"id": ["1", "x"]}),
            ("get", url, {"id": [""]}),
            ("get", url, {"id": ["99999999999999999999"]}),  # more than a database id holds
        ]
    if name == "wagtailadmin_choose_page_external_link":
        return [
            ("post", url, EMPTY_FORM),
            ("post", url, {"external-link-chooser-url": ""}),
            ("post", url, {"external-link-chooser-url": "::"}),
            ("post", url, {"external-link-chooser-link_text": "x"}),
        ]
    if name == "wagtailredirects:start_import":
        return [
            ("post", url, EMPTY_FORM),
            ("post", url, {"import_file": "not a file"}),
            ("post", url, {"import_file": SimpleUploadedFile("r.csv", b"\xff\xfe\x00,,\n")}),
        ]
    if name == "wagtailredirects:process_import":
        return [
            ("post", url, EMPTY_FORM),
            ("post", url, {"import_file_name": "x.csv"}),
            ("post", url, {"import_file_name": "x.csv", "input_format": "0"}),
            ("post", url, {"import_file_name": "x:forged", "input_format": "0:forged"}),
        ]
    if re.fullmatch(r"wagtailsnippets_\w+:list(_results)?", name):
        return [("get", url + search, None) for search in SEARCHES]
    return []


def _cases():
    cases = []
    for route, name, _callback in admin_routes():
        for number, (method, url, body) in enumerate(_shapes(name, route)):
            for role in ROLES:
                cases.append(pytest.param(method, url, body, role, id=f"{name}-{number}-{role}"))
    return cases


CASES = _cases()


def test_every_kind_of_route_has_cases():
    names = {case.id.rsplit("-", 2)[0] for case in CASES}
    for expected in (
        "wagtailsnippets_cms_contactcard:list",
        "wagtailsnippets_cms_destinationcountry:list_results",
        "wagtailsnippets_assessments_question:add",
        "wagtailsnippetchoosers_cms_contactcard:create",
        "wagtailimages_chooser:chosen",
        "wagtailadmin_choose_page_chosen_multiple",
        "wagtailadmin_choose_page_external_link",
        "wagtailredirects:start_import",
        "wagtailredirects:process_import",
    ):
        assert expected in names


def _user(role: str) -> User:
    if role == "superuser":
        return User.objects.create_superuser("bad-input-root", "root@example.org", "x")
    user = User.objects.create_user(f"bad-input-{role}", is_staff=True)
    group = MIGRANT_AUTHORS if role == "migrant-author" else STAFF_AUTHORS
    user.groups.add(Group.objects.get(name=group))
    return user


def _data_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.managed and not label.startswith(NOT_DATA):
            counts[label] = model._default_manager.count()
    return counts


@pytest.fixture
def content():
    tg = Locale.objects.get(language_code="tg")
    make_card(name="Borbad Centre", locale=tg)
    make_card(name="Ferry Hotline", kind=ContactCard.Kind.HOTLINE, locale=tg)
    DestinationCountry.objects.create(name="Russia", code="RU", locale=tg)


@pytest.mark.parametrize(("method", "url", "body", "role"), CASES)
def test_bad_admin_input_is_a_4xx_and_changes_nothing(client, content, method, url, body, role):
    client.force_login(_user(role))
    before = _data_counts()
    response = getattr(client, method)(url, body) if body is not None else client.get(url)
    assert response.status_code < 500, (url, body, response.status_code)
    assert _data_counts() == before


def test_the_snippet_listings_search_finds_what_they_list(admin_client, content):
    """The search that answered 500 finds the card and the country by name."""
    cards = admin_client.get("/admin/snippets/cms/contactcard/?q=Borbad")
    assert cards.status_code == 200
    assert "Borbad Centre" in cards.content.decode()
    assert "Ferry Hotline" not in cards.content.decode()
    countries = admin_client.get("/admin/snippets/cms/destinationcountry/?q=Russ")
    assert countries.status_code == 200
    assert "Russia" in countries.content.decode()
    assert (
        "Russia"
        not in admin_client.get("/admin/snippets/cms/destinationcountry/?q=Kazakh").content.decode()
    )


def test_a_redirects_import_still_goes_through(admin_client):
    """The checks let Wagtail's own upload-then-confirm through, once."""
    from wagtail.contrib.redirects.models import Redirect

    upload = SimpleUploadedFile(
        "redirects.csv", b"from,to\n/old-course/,https://example.org/new-course/\n"
    )
    confirm = admin_client.post("/admin/redirects/import/", {"import_file": upload})
    assert confirm.status_code == 200
    hidden = dict(
        re.findall(
            r'name="(import_file_name|input_format)" value="([^"]+)"', confirm.content.decode()
        )
    )
    assert set(hidden) == {"import_file_name", "input_format"}
    form = {**hidden, "from_index": "0", "to_index": "1", "site": "", "permanent": "on"}
    done = admin_client.post("/admin/redirects/import/process/", form)
    assert done.status_code < 400, done.content.decode()[:3000]
    assert Redirect.objects.filter(old_path="/old-course").exists()
    again = admin_client.post("/admin/redirects/import/process/", form)
    assert again.status_code == 400
    assert Redirect.objects.count() == 1
