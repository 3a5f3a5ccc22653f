"""Generated statements for the benchmark and the bulk loader: learners,
lessons and verbs from fixed pools, so the benchmark can ask for an agent, an
activity or a verb it knows has statements."""

from __future__ import annotations

import random
import uuid

from django.conf import settings

VERBS = [
    "http://adlnet.gov/expapi/verbs/experienced",
    "http://adlnet.gov/expapi/verbs/launched",
    "http://adlnet.gov/expapi/verbs/progressed",
    "http://adlnet.gov/expapi/verbs/completed",
    "http://adlnet.gov/expapi/verbs/answered",
    "http://adlnet.gov/expapi/verbs/passed",
    "http://adlnet.gov/expapi/verbs/failed",
    "https://w3id.org/xapi/video/verbs/played",
    "https://w3id.org/xapi/video/verbs/paused",
    "http://adlnet.gov/expapi/verbs/registered",
]
LEARNERS = 20_000
COURSES = 20
MODULES_PER_COURSE = 8
LESSONS_PER_MODULE = 4


def learner(i: int) -> dict:
    return {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL, "name": f"bench-learner-{i}"},
    }


def lesson_iri(course: int, module: int, lesson: int) -> str:
    return f"{settings.SITE_URL}/xapi/activities/lesson/bench-{course}-{module}-{lesson}"


def registration(i: int, course: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench-{i}-{course}"))


def statement(rng: random.Random) -> dict:
    i = rng.randrange(LEARNERS)
    course = rng.randrange(COURSES)
    module = rng.randrange(MODULES_PER_COURSE)
    lesson = rng.randrange(LESSONS_PER_MODULE)
    base = f"{settings.SITE_URL}/xapi/activities"
    return {
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "actor": learner(i),
        "verb": {"id": rng.choice(VERBS)},
        "object": {
            "objectType": "Activity",
            "id": lesson_iri(course, module, lesson),
            "definition": {
                "type": "http://adlnet.gov/expapi/activities/lesson",
                "name": {"tg": f"Дарси {module + 1}.{lesson + 1}"},
            },
        },
        "result": {"completion": rng.random() < 0.5, "duration": f"PT{rng.randrange(1, 900)}S"},
        "context": {
            "registration": registration(i, course),
            "language": "tg",
            "platform": "Safar",
            "contextActivities": {
                "parent": [{"id": f"{base}/module/bench-{course}-{module}"}],
                "grouping": [
                    {"id": f"{base}/course/bench-{course}"},
                    {"id": f"{base}/track/migrant"},
                ],
            },
        },
    }
