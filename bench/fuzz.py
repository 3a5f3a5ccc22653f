"""`python -m bench fuzz`: malformed requests to every URL pattern, as every role.

Point it at a running site (default: the demo at http://127.0.0.1:8000; `--base`).
It signs in as each demo account (password safar-demo) and, for every pattern
of Django's URL resolver (the same patterns the site serves), sends a bounded
set of bad requests:

- the path with each parameter replaced by a bad value its converter accepts
  (ids too large for any database, 3,000-character strings, odd characters),
- unknown and malformed query parameters (huge page/id, a long search, bad
  ordering),
- a POST of JSON nested 5,000 deep, a POST of JSON with wrong types, and a form
  POST of overlong strings (with the CSRF token, so the view runs).

Sign-out routes and Wagtail's deliberate error page (/admin/failwhale/) are
skipped. It prints

    fuzz_requests   requests sent
    fuzz_5xx        answers 500 or above (target: 0)
    fuzz_5xx_urls   "ROLE METHOD URL -> STATUS" for each, one per line below

Options: --roles anonymous,migrant,... (default: all six), --password,
--concurrency (default 4), --max-routes N (a quick partial run).
The pattern enumeration and the bad values are shared with
tests/lms/test_fuzz.py, which runs them through Django's test client.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin

ROLES = ["anonymous", "migrant", "trainee", "author-migrant", "author-staff", "admin"]
HUGE_ID = "99999999999999999999"
LONG = "x" * 3000
ODD = "%E2%80%AE..%2F%00'%22%3Cb%3E"  # RTL override, ../, NUL, quotes, a tag
NIL_UUID = "00000000-0000-0000-0000-000000000000"
DEEP_JSON = "[" * 5000 + "1" + "]" * 5000
WRONG_TYPES = {
    "id": "x",
    "pk": [],
    "course": {"a": 1},
    "lesson": [[HUGE_ID]],
    "progress": "NaN",
    "time_spent_seconds": -1,
    "answers": "not-a-dict",
    "video": 12,
    "session": {"x": 1},
    "segments": "x",
    "verb": None,
    "event": [],
    "code": 1e300,
    "title": LONG,
    "statementId": NIL_UUID,
}
BAD_QUERY = {
    "q": LONG,
    "p": "-1",
    "page": HUGE_ID,
    "id": HUGE_ID,
    "parent": HUGE_ID,
    "ordering": "__nope",
    "order": "-",
    "format": "nope",
    "locale": "xx",
    "lang": "xx",
    "next": "//evil.example/",
    "unknown_parameter": ODD,
}
BAD_FORM = {
    "title": LONG,
    "name": LONG,
    "identifier": LONG,
    "password": "p" * 5000,
    "id": "x",
    "progress": "nan",
    "code": LONG,
    "email": LONG,
    "phone": LONG,
}
# Each converter's bad values by kind; a kind the converter cannot carry falls
# back to its ordinary value so the pattern's other parameters are still fuzzed.
CONVERTER_VALUES = {
    "IntConverter": {"ordinary": "1", "huge": HUGE_ID, "long": "9" * 400},
    "StringConverter": {"ordinary": "x", "huge": HUGE_ID, "long": LONG, "odd": ODD},
    "SlugConverter": {"ordinary": "x", "huge": HUGE_ID, "long": "s" * 3000},
    "PathConverter": {"ordinary": "x", "huge": HUGE_ID, "long": LONG, "odd": ODD + "/" + ODD},
    "UUIDConverter": {"ordinary": NIL_UUID, "huge": NIL_UUID},
}
REGEX_VALUES = {"ordinary": "1", "huge": HUGE_ID, "long": "9" * 400, "odd": ODD}
KINDS = ["huge", "long", "odd"]
# Sign-out would end the role's session; Wagtail's /admin/failwhale/ raises on
# purpose (it is there to try the admin's 500 page).
SKIP_NAMES = re.compile(r"logout|signout|wagtailadmin_error_test", re.IGNORECASE)


@dataclass(frozen=True)
class Route:
    name: str  # namespace:name, or the pattern when unnamed
    parts: tuple  # the URL patterns from the root to the view

    @property
    def route(self) -> str:
        """The route string Django's ResolverMatch.route gives for this pattern
        (URLResolver._join_route: each part without its leading ^)."""
        from django.utils import translation

        joined = ""
        with translation.override("tg"):
            for part in self.parts:
                text = str(part)
                joined = joined + text.removeprefix("^") if joined else text
        return joined


def routes() -> list[Route]:
    """Every view pattern of the project's URL resolver, depth first."""
    from django.urls import URLResolver, get_resolver

    found = []

    def walk(resolver, parts, namespaces):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                ns = [*namespaces, entry.namespace] if entry.namespace else namespaces
                walk(entry, [*parts, entry.pattern], ns)
            else:
                parts_here = (*parts, entry.pattern)
                name = ":".join([*namespaces, entry.name]) if entry.name else None
                found.append(Route(name or "".join(str(p) for p in parts_here), parts_here))

    walk(get_resolver(), [], [])
    return [route for route in found if not SKIP_NAMES.search(route.name)]


def _group_end(regex: str, start: int) -> int:
    """Index just past the group opening at `start` (balanced parentheses)."""
    depth, i = 0, start
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(regex)


def _group_value(group: str, kind: str) -> str:
    """A value the group's own regex takes: the bad value for `kind` (as a path
    segment if need be), else an ordinary one, else the first alternative."""
    value = REGEX_VALUES.get(kind, REGEX_VALUES["ordinary"])
    body = re.sub(r"^\(\?P<[^>]+>", "(", group)
    alternatives = re.fullmatch(r"\(([\w|-]+)\)", body)
    candidates = [value, value + "/", REGEX_VALUES["ordinary"], REGEX_VALUES["ordinary"] + "/"]
    candidates.append(NIL_UUID)  # a uuid-shaped lookup (the API's certificates)
    if alternatives:
        candidates.append(alternatives.group(1).split("|")[0])
    for candidate in candidates:
        try:
            if re.fullmatch(body, candidate):
                return candidate
        except re.error:
            break
    return value


def _regex_path(regex: str, kind: str) -> str:
    """A path for a re_path() pattern: named groups get the value for `kind`,
    the rest of the regex is read as literal text."""
    out, i = [], 0
    while i < len(regex):
        capturing = regex.startswith("(", i) and regex[i + 1 : i + 2] != "?"
        if regex.startswith("(?P<", i) or capturing:
            end = _group_end(regex, i)
            out.append(_group_value(regex[i:end], kind))
            i = end
            continue
        if regex.startswith(("(?!", "(?=", "(?<!", "(?<="), i):  # a lookaround matches no text
            i = _group_end(regex, i)
            continue
        if regex.startswith("(?:", i):  # an optional group: leave it out
            end = _group_end(regex, i)
            i = end + (1 if end < len(regex) and regex[end] in "?*" else 0)
            continue
        char = regex[i]
        if char == "\\" and i + 1 < len(regex):
            out.append(regex[i + 1])
            i += 2
            continue
        if char in "^$":
            i += 1
            continue
        if char in "?*+" and out:
            i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _route_path(part, kind: str) -> str | None:
    from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

    if isinstance(part, LocalePrefixPattern):
        return "tg/"
    if isinstance(part, RoutePattern):
        text = str(part)
        for name, converter in part.converters.items():
            values = CONVERTER_VALUES.get(type(converter).__name__, {"ordinary": "x"})
            value = values.get(kind, values["ordinary"])
            if not re.fullmatch(converter.regex, value):
                value = values["ordinary"]
            text = re.sub(rf"<(?:[^:>]+:)?{re.escape(name)}>", lambda _m, v=value: v, text)
        return text
    if isinstance(part, RegexPattern):
        return _regex_path(part._regex, kind)
    return None


def route_url(route: Route, kind: str) -> str | None:
    """`route`'s path with its parameters filled with values of `kind`, or None
    when no such path resolves back to this very route."""
    from django.urls import Resolver404, resolve
    from django.utils import translation

    pieces = [_route_path(part, kind) for part in route.parts]
    if any(piece is None for piece in pieces):
        return None
    path = "/" + "".join(pieces)
    with translation.override("tg"):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    return path if match.route == route.route else None


def fuzz_requests(route: Route) -> list[tuple[str, str, str | dict | None, str | None]]:
    """(method, url, body, content type) for one route: bounded, at most
    len(KINDS) + 4 requests."""
    urls = []
    for kind in KINDS:
        url = route_url(route, kind)
        if url is not None and url not in urls:
            urls.append(url)
    if not urls:
        ordinary = route_url(route, "ordinary")
        if ordinary is None:
            return []
        urls.append(ordinary)
    target = urls[0]
    found = [("GET", url, None, None) for url in urls]
    found.append(("GET", target, BAD_QUERY, None))
    found.append(("POST", target, DEEP_JSON, "application/json"))
    found.append(("POST", target, json.dumps(WRONG_TYPES), "application/json"))
    found.append(("POST", target, BAD_FORM, None))
    return found


# --- Against a running site -------------------------------------------------------


class Session:
    """One role's HTTP session (requests), signed in through the sign-in page."""

    def __init__(self, base: str, role: str, password: str):
        import requests

        self.base = base.rstrip("/")
        self.http = requests.Session()
        self.role = role
        if role != "anonymous":
            self._sign_in(role, password)

    def _sign_in(self, username: str, password: str) -> None:
        login = f"{self.base}/tg/accounts/login/"
        self.http.get(login, timeout=60)
        response = self.http.post(
            login,
            data={
                "identifier": username,
                "password": password,
                "csrfmiddlewaretoken": self.http.cookies.get("csrftoken", ""),
            },
            headers={"Referer": login},
            allow_redirects=False,
            timeout=60,
        )
        if response.status_code != 302:
            raise SystemExit(f"Could not sign in as {username}: HTTP {response.status_code}")

    def send(self, method: str, url: str, body, content_type) -> int:
        token = self.http.cookies.get("csrftoken", "")
        headers = {"X-CSRFToken": token, "Referer": self.base + "/", "Accept-Language": "en"}
        kwargs = {"headers": headers, "allow_redirects": False, "timeout": 120}
        if method == "GET":
            kwargs["params"] = body
        elif content_type:
            headers["Content-Type"] = content_type
            kwargs["data"] = body.encode() if isinstance(body, str) else body
        else:
            kwargs["data"] = {**body, "csrfmiddlewaretoken": token}
        try:
            url = urljoin(self.base + "/", url.lstrip("/"))
            return self.http.request(method, url, **kwargs).status_code
        except Exception:  # noqa: BLE001  (a dropped connection counts as a server failure)
            return 599


def run(argv: list[str]) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench fuzz")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--password", default="safar-demo")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--max-routes", type=int, default=0)
    args = parser.parse_args(argv)

    all_routes = routes()
    if args.max_routes:
        all_routes = all_routes[: args.max_routes]
    plan = [(route, request) for route in all_routes for request in fuzz_requests(route)]
    roles = [role.strip() for role in args.roles.split(",") if role.strip()]
    sessions = [Session(args.base, role, args.password) for role in roles]  # sign in first

    failures, lock = [], threading.Lock()
    sent = 0

    def one(session, request):
        method, url, body, content_type = request
        status = session.send(method, url, body, content_type)
        if status >= 500:
            line = f"{session.role} {method} {url[:160]} -> {status}"
            with lock:
                failures.append(line)
            print(line, file=sys.stderr, flush=True)  # as found: a long run shows progress

    for session in sessions:  # one role at a time: its session is shared by the threads
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            list(pool.map(lambda item, s=session: one(s, item[1]), plan))
        sent += len(plan)
    return {
        "fuzz_routes": len(all_routes),
        "fuzz_roles": len(sessions),
        "fuzz_requests": sent,
        "fuzz_5xx": len(failures),
        "fuzz_5xx_urls": "\n" + "\n".join(sorted(failures)) if failures else "",
    }
