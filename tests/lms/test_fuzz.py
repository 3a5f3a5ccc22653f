"""Every URL pattern × every kind of bad value answers below 500.

Generated from Django's URL resolver with the same patterns and bad values as
`python -m bench fuzz` (bench/fuzz.py): each parameter replaced by an id too
large for any database, a 3,000-character string or odd characters; and, per
pattern, malformed query parameters, JSON nested 5,000 deep, JSON of the wrong
types and a form of overlong strings. Run as the administrator, who reaches the
most views. The site's own routes get every kind; the ~420 routes of the Wagtail
and Django admins (their own views, slow to render) get the huge id in each
path parameter, the class of input that broke them; the bench sends them
everything, as every role, against a live site."""

import json

import pytest

from bench.fuzz import BAD_FORM, BAD_QUERY, DEEP_JSON, KINDS, WRONG_TYPES, route_url, routes

pytestmark = pytest.mark.django_db


ADMIN_PREFIXES = ("admin/", "django-admin/")


def _cases():
    cases = []
    for route in routes():
        admin = route.route.startswith(ADMIN_PREFIXES)
        if admin and "<" not in route.route and "(?P<" not in route.route:
            continue  # no parameter: nothing of ours to put in its path
        seen = set()
        for kind in ["huge"] if admin else KINDS:
            url = route_url(route, kind)
            if url is not None and url not in seen:
                seen.add(url)
                cases.append(pytest.param(url, kind, id=f"{route.name}-{kind}"))
        first = next(iter(seen), None) or route_url(route, "ordinary")
        if first is not None and not admin:
            cases.append(pytest.param(first, "bodies", id=f"{route.name}-bodies"))
    return cases


CASES = _cases()


def test_the_cases_cover_the_url_patterns():
    """Every pattern but one (DRF's format-suffix root) yields URLs; here, every
    site route and every admin route with a parameter."""
    covered = {case.id.rsplit("-", 1)[0] for case in CASES}
    expected = [
        route.name
        for route in routes()
        if not route.route.startswith(ADMIN_PREFIXES) or "<" in route.route or "(?P<" in route.route
    ]
    missing = [name for name in expected if name not in covered]
    assert len(missing) <= 1, missing


@pytest.mark.parametrize(("url", "kind"), CASES)
def test_bad_input_never_answers_5xx(client, admin_user, url, kind):
    client.force_login(admin_user)
    if kind == "bodies":
        answers = [
            client.get(url, BAD_QUERY),
            client.post(url, DEEP_JSON, content_type="application/json"),
            client.post(url, json.dumps(WRONG_TYPES), content_type="application/json"),
            client.post(url, BAD_FORM),
        ]
    else:
        answers = [client.get(url)]
    statuses = [answer.status_code for answer in answers]
    assert all(status < 500 for status in statuses), (url, statuses)
