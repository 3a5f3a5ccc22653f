"""`python -m bench sync`: the offline batch endpoint (POST /api/v1/sync/) under load.

Point it at a running site on the database that DATABASE_URL names (the demo
loaded: `manage.py migrate && manage.py demo_load`), e.g. a gunicorn on
127.0.0.1:8160. It signs in as the demo migrant with a token, enrolls in the
migrant courses it sees, and then sends --batches (40) batches of 100 mixed
items, as a phone that was offline for a while sends them:

    progress  the course's lessons, progress rising in steps (0.1 .. 1.0)
    video     player events (played / paused / completed) with watched
              segments, one viewing session per batch, on the demo videos
    answers   answers saved for an attempt started online before the batch
    submit    that attempt submitted (graded by the server), one per batch

Every item has a new client id. It prints:

    sync_items_per_s    items applied per second, over all batches
    sync_batch_p95_ms   the p95 of one batch's round trip
    sync_batch_median_ms
    sync_refused        items refused (should be 0)

Videos the demo queued for transcoding and no worker has transcoded yet are
given what a transcode leaves that a viewing needs (ready, 12 s), as
tests/test_demo_journey.py does, so that video items are applied, not refused.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import time
import uuid
from datetime import UTC, datetime
from urllib.parse import urlparse

from .xapi import percentile


class Api:
    def __init__(self, base: str):
        url = urlparse(base)
        self.prefix = url.path.rstrip("/")
        self.conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=120)
        self.headers = {"Content-Type": "application/json"}

    def call(self, method: str, path: str, body=None, ok=(200, 201)):
        payload = json.dumps(body) if body is not None else None
        self.conn.request(method, self.prefix + path, body=payload, headers=self.headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status not in ok:
            raise RuntimeError(f"{method} {path}: HTTP {response.status} {data[:300]!r}")
        return json.loads(data) if data else None


def _item(kind: str, **data) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "kind": kind,
        "at": datetime.now(UTC).isoformat(),
        "data": data,
    }


def _ready_videos() -> list[str]:
    from media_pipeline.models import Video

    Video.objects.filter(duration_seconds__isnull=True).update(
        status=Video.Status.READY, duration_seconds=12.0, progress=100
    )
    return [str(v) for v in Video.objects.values_list("uuid", flat=True)]


def _quiz_lessons(api: Api, lessons: list[int]) -> list[int]:
    found = []
    for pk in lessons:
        blocks = api.call("GET", f"/lessons/{pk}/")["blocks"]
        if any(b.get("type") == "quiz" for b in blocks):
            found.append(pk)
    return found


def _answer_for(question: dict):
    choices = [c["id"] for c in question.get("choices") or []]
    if question["kind"] == "multiple":
        return choices[:1]
    if question["kind"] == "true_false":
        return "true"
    if question["kind"] == "single" and choices:
        return choices[0]
    if question["kind"] == "matching":
        return {c: p["id"] for c, p in zip(choices, question.get("partners") or [], strict=False)}
    if question["kind"] == "ordering":
        return choices
    return "1"


def run(argv: list[str]) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench sync")
    parser.add_argument("--base", default="http://127.0.0.1:8160/api/v1")
    parser.add_argument("--identifier", default="migrant")
    parser.add_argument("--password", default="safar-demo")
    parser.add_argument("--batches", type=int, default=40)
    args = parser.parse_args(argv)
    rng = random.Random(17)

    videos = _ready_videos()
    api = Api(args.base)
    token = api.call(
        "POST",
        "/auth/token/",
        {"identifier": args.identifier, "password": args.password, "device": "bench"},
    )
    api.headers["Authorization"] = f"Token {token['token']}"
    lessons: list[int] = []
    for course in api.call("GET", "/courses/?track=migrant")["results"]:
        api.call("POST", "/enrollments/", {"course": course["id"]}, ok=(201, 400, 409))
        outline = api.call("GET", f"/courses/{course['id']}/")
        lessons += [lesson["id"] for m in outline["modules"] for lesson in m["lessons"]]
    if not lessons:
        raise RuntimeError("the demo migrant sees no lesson: run manage.py demo_load first")
    quizzes = _quiz_lessons(api, lessons)
    # Off the clock: keep the videos the migrant may watch (those of the
    # migrant track's lessons), as the phone only has those.
    probe = [_item("video", video=v, session=str(uuid.uuid4()), verb="played") for v in videos]
    outcomes = api.call("POST", "/sync/", {"items": probe})["results"] if probe else []
    videos = [v for v, r in zip(videos, outcomes, strict=True) if r["status"] == "applied"]

    times, items, refused, codes = [], 0, 0, {}
    for number in range(args.batches):
        batch = []
        # Off the clock: the attempt a phone starts online before it goes offline.
        attempt = None
        while quizzes and attempt is None:
            # A quiz whose attempts are used up (403) is left out from then on.
            lesson = rng.choice(quizzes)
            started = api.call(
                "POST", "/attempts/", {"lesson": lesson}, ok=(200, 201, 400, 403, 409)
            )
            if started and "uuid" in started:
                attempt = started
            else:
                quizzes.remove(lesson)
        step = min(1.0, 0.1 * (number % 10 + 1))
        session = str(uuid.uuid4())
        video = rng.choice(videos) if videos else None
        questions = attempt["questions"] if attempt else []
        answers = max(0, min(15, len(questions) * 3))
        videos_n = 25 if video else 0
        progress_n = 100 - videos_n - answers - (1 if attempt else 0)
        for i in range(progress_n):
            batch.append(
                _item(
                    "progress",
                    lesson=lessons[i % len(lessons)],
                    progress=step,
                    time_spent_seconds=rng.randrange(5, 120),
                )
            )
        for i in range(videos_n):
            verb = "completed" if i == videos_n - 1 else ("played", "paused")[i % 2]
            start = (i * 0.5) % 12
            batch.append(
                _item(
                    "video",
                    video=video,
                    session=session,
                    verb=verb,
                    segments=[[start, min(12.0, start + 0.5)]],
                    position=start,
                )
            )
        for i in range(answers):
            question = questions[i % len(questions)]
            batch.append(
                _item(
                    "answers",
                    attempt=attempt["uuid"],
                    answers={str(question["position"]): _answer_for(question)},
                )
            )
        if attempt:
            batch.append(_item("submit", attempt=attempt["uuid"]))
        began = time.perf_counter()
        results = api.call("POST", "/sync/", {"items": batch})["results"]
        times.append(time.perf_counter() - began)
        items += len(batch)
        refused += sum(1 for r in results if r["status"] == "refused")
        for r in results:
            if r["status"] == "refused":
                codes[r.get("code", "?")] = codes.get(r.get("code", "?"), 0) + 1
    return {
        "sync_items_per_s": items / sum(times),
        "sync_batch_p95_ms": percentile([t * 1000 for t in times], 0.95),
        "sync_batch_median_ms": statistics.median(times) * 1000,
        "sync_batches": args.batches,
        "sync_refused": refused,
        **{f"sync_refused_{code}": n for code, n in sorted(codes.items())},
    }
