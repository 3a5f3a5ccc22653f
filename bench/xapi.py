"""`python -m bench xapi`: the Learning Record Store under load.

Point it at a running site (default: the demo at http://127.0.0.1:8000 with the
demo client demo-lrs / demo-lrs-secret). Load data first, e.g. one million
generated statements:

    python manage.py xapi_bulk_load --count 1000000

(`--load N` does that from here, in this process, on the database that
DATABASE_URL names, and prints xapi_load_s). Then it prints:

    xapi_post_stmts_per_s  one client POSTing batches of 100 generated
                           statements for --seconds (20) seconds
    xapi_get_p95_ms_latest      GET the latest 100
    xapi_get_p95_ms_verb        ... filtered by verb
    xapi_get_p95_ms_agent       ... by agent
    xapi_get_p95_ms_activity    ... by activity
    xapi_get_p95_ms_statementid one statement by id
    xapi_get_p95_ms             the worst of the five

Targets (PostgreSQL, one gunicorn worker): >= 3000 statements/s and every GET
p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import random
import statistics
import time
from urllib.parse import urlencode, urlparse


class Client:
    def __init__(self, base: str, key: str, secret: str):
        url = urlparse(base)
        self.prefix = url.path.rstrip("/")
        self.conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=120)
        token = base64.b64encode(f"{key}:{secret}".encode()).decode()
        self.headers = {
            "Authorization": f"Basic {token}",
            "X-Experience-API-Version": "1.0.3",
            "Content-Type": "application/json",
        }

    def request(self, method: str, path: str, params=None, body=None):
        query = ("?" + urlencode(params)) if params else ""
        self.conn.request(method, self.prefix + path + query, body=body, headers=self.headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status >= 300:
            raise RuntimeError(f"{method} {path}{query}: HTTP {response.status} {data[:300]!r}")
        return data


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run(argv: list[str]) -> dict:
    from xapi import generate

    parser = argparse.ArgumentParser(prog="python -m bench xapi")
    parser.add_argument("--base", default="http://127.0.0.1:8000/xapi")
    parser.add_argument("--key", default="demo-lrs")
    parser.add_argument("--secret", default="demo-lrs-secret")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--gets", type=int, default=100, help="requests per GET query")
    parser.add_argument("--pool", type=int, default=800, help="batches generated ahead")
    parser.add_argument("--load", type=int, default=0, help="bulk-load N statements first")
    args = parser.parse_args(argv)
    results: dict = {}
    if args.load:
        from django.core.management import call_command

        began = time.monotonic()
        call_command("xapi_bulk_load", count=args.load)
        results["xapi_load_s"] = time.monotonic() - began

    client = Client(args.base, args.key, args.secret)
    # Unseeded: every run POSTs new statement ids (a seeded generator would
    # re-send ids an earlier run stored, which the LRS answers without inserting).
    rng = random.Random()
    # The client has its statements ready, as a platform sending what it
    # recorded has: generating and encoding them (about 4 ms a batch here) is
    # done before the clock starts, so the figure is the LRS's. A pool of
    # batches is generated and, should the LRS outrun it, topped up off the clock.
    pool = [json.dumps([generate.statement(rng) for _ in range(100)]) for _ in range(args.pool)]
    batches = 0
    spent = 0.0
    while spent < args.seconds:
        if batches and batches % len(pool) == 0:
            pool = [json.dumps([generate.statement(rng) for _ in range(100)]) for _ in pool]
        body = pool[batches % len(pool)]
        started = time.monotonic()
        client.request("POST", "/statements", body=body)
        spent += time.monotonic() - started
        batches += 1
    results["xapi_post_stmts_per_s"] = batches * 100 / spent

    latest = json.loads(client.request("GET", "/statements", {"limit": 100}))["statements"]
    ids = [s["id"] for s in latest] or ["00000000-0000-4000-8000-000000000000"]
    queries = {
        "latest": lambda: {"limit": 100},
        "verb": lambda: {"verb": rng.choice(generate.VERBS), "limit": 100},
        "agent": lambda: {
            "agent": json.dumps(generate.learner(rng.randrange(generate.LEARNERS))),
            "limit": 100,
        },
        "activity": lambda: {
            "activity": generate.lesson_iri(
                rng.randrange(generate.COURSES),
                rng.randrange(generate.MODULES_PER_COURSE),
                rng.randrange(generate.LESSONS_PER_MODULE),
            ),
            "limit": 100,
        },
        "statementid": lambda: {"statementId": rng.choice(ids)},
    }
    worst = 0.0
    for name, params in queries.items():
        for _ in range(3):  # warm-up
            client.request("GET", "/statements", params())
        times = []
        for _ in range(args.gets):
            started = time.perf_counter()
            client.request("GET", "/statements", params())
            times.append((time.perf_counter() - started) * 1000)
        p95 = percentile(times, 0.95)
        results[f"xapi_get_p95_ms_{name}"] = p95
        results[f"xapi_get_median_ms_{name}"] = statistics.median(times)
        worst = max(worst, p95)
    results["xapi_get_p95_ms"] = worst
    return results
