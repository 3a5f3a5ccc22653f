"""Robustness of the API (issue 17): schemathesis generates requests for every
operation of the live OpenAPI schema (/api/v1/schema/, loaded from the WSGI
application itself, no server), signed in as the demo migrant with a token,
on the demo data, and checks every response: no 5xx, the status code is one
the schema documents for that operation, the content type is the documented
one, and the body matches the documented schema (the one error body,
core/api_errors.py, on every 4xx).

Bounded: SAFAR_SCHEMATHESIS_EXAMPLES examples per operation and mode (10 by default),
derandomized, not shrunk (a failure is reported as found), no deadline. The module is run in
one CI configuration only (tests/conftest.py ONCE_MODULES)."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.cache import cache
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import User
from accounts.tokens import api_token_create
from lms.wsgi import application
from media_pipeline.models import Video

EXAMPLES = int(os.environ.get("SAFAR_SCHEMATHESIS_EXAMPLES", "10"))


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_load", verbosity=0)
    Video.objects.update(status=Video.Status.READY, duration_seconds=12.0, progress=100)


def _call(case):
    # A fresh token for each request: a generated DELETE of auth/tokens/{id}/
    # may revoke the one before. The per-user and per-address throttles are
    # emptied too (the shared cache), so that a long run is not all 429s.
    cache.clear()
    _, key = api_token_create(user=User.objects.get(username="migrant"), name="schemathesis")
    case.call_and_validate(
        # Identity: the site gzips longer bodies, which the in-process WSGI
        # transport would hand to the checks undecoded (an HTTP client decodes).
        headers={"Authorization": f"Token {key}", "Accept-Encoding": "identity"},
        checks=[not_a_server_error, status_code_conformance, content_type_conformance,
                response_schema_conformance],
    )  # fmt: skip


@pytest.fixture
def keep_connection():
    """Requests go through the WSGI application in this process, inside the
    test's transaction: keep Django from closing the connection at the end of
    each one (as its test client does)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_every_operation_conforms_to_the_schema(demo, keep_connection):
    """One test over all operations (schemathesis's lazy pytest loader does
    not run under pytest 9: it sets the node's `_nodeid`), each operation with
    valid (positive) and invalid (negative) generated requests; every failure
    is collected, then reported together."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    failures, operations = {}, 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            test = settings(
                max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                phases=[Phase.explicit, Phase.generate],  # the first failure, unshrunk
                suppress_health_check=list(HealthCheck),
            )(given(case=operation.as_strategy(generation_mode=mode))(_call))  # fmt: skip
            try:
                test()
            except Unsatisfiable:
                continue  # no invalid request exists (an operation without input)
            except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 (reported below)
                failures[f"{operation.label} ({mode.value})"] = error
    assert operations >= 15
    assert not failures, "\n\n".join(f"{label}: {error}" for label, error in failures.items())
