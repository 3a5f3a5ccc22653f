"""Forwarding to an external LRS that is down, then back: nothing lost,
nothing sent twice; 409/204 for an id the other side has counts as delivered."""

import base64
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from xapi import forwarding, services
from xapi.models import ForwardEndpoint, OutboxEntry, Statement
from xapi.tasks import retry_countdown

from .conftest import statement

pytestmark = pytest.mark.django_db


class FakeLRS:
    """A local LRS on 127.0.0.1 (a random port) that can be switched down."""

    def __init__(self):
        self.down = True
        self.received: list[str] = []  # statement ids, each time one is accepted
        self.bodies: list[dict] = []  # the statements accepted, as sent
        self.requests = 0
        self.auth = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status, body=b""):
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):  # noqa: N802
                fake.requests += 1
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.auth.append(self.headers.get("Authorization"))
                if fake.down:
                    return self._reply(503)
                ids = [s["id"] for s in body]
                if any(i in fake.received for i in ids):
                    return self._reply(409)
                fake.received.extend(ids)
                fake.bodies.extend(body)
                return self._reply(200, json.dumps(ids).encode())

            def do_PUT(self):  # noqa: N802
                fake.requests += 1
                self.rfile.read(int(self.headers["Content-Length"]))
                if fake.down:
                    return self._reply(503)
                sid = parse_qs(urlparse(self.path).query)["statementId"][0]
                if sid in fake.received:
                    return self._reply(409)
                fake.received.append(sid)
                return self._reply(204)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/xapi/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_lrs():
    fake = FakeLRS()
    yield fake
    fake.close()


@pytest.fixture
def endpoint(fake_lrs):
    return ForwardEndpoint.objects.create(
        name="Ministry LRS",
        url=fake_lrs.url,
        username="k",
        password="s",
        tracks=["migrant"],
        include_unscoped=True,
    )


def store(n):
    return services.statements_store([statement() for _ in range(n)])


def test_outage_then_recovery_loses_nothing_and_sends_nothing_twice(fake_lrs, endpoint):
    forwarding.BATCH_SIZE, saved = 100, forwarding.BATCH_SIZE
    ids = store(150)
    assert OutboxEntry.objects.filter(endpoint=endpoint).count() == 150
    with pytest.raises(forwarding.DeliveryError):
        forwarding.forward_all(endpoint=endpoint)
    endpoint.refresh_from_db()
    assert "503" in endpoint.last_error
    assert forwarding.backlog(endpoint) == 150
    assert fake_lrs.received == []
    # more statements arrive while it is down; a second try fails too
    ids += store(30)
    with pytest.raises(forwarding.DeliveryError):
        forwarding.forward_all(endpoint=endpoint)
    assert forwarding.backlog(endpoint) == 180
    fake_lrs.down = False
    assert forwarding.forward_all(endpoint=endpoint) == 180
    assert sorted(fake_lrs.received) == sorted(ids)
    assert len(fake_lrs.received) == len(set(fake_lrs.received))
    assert forwarding.backlog(endpoint) == 0
    endpoint.refresh_from_db()
    assert endpoint.last_success_at is not None
    expected = "Basic " + base64.b64encode(b"k:s").decode()
    assert set(fake_lrs.auth) == {expected}
    forwarding.BATCH_SIZE = saved


def test_an_id_the_other_side_has_counts_as_delivered(fake_lrs, endpoint):
    fake_lrs.down = False
    ids = store(3)
    fake_lrs.received.append(ids[1])  # e.g. sent before a crash, not yet marked
    assert forwarding.forward_all(endpoint=endpoint) == 3
    assert sorted(fake_lrs.received) == sorted(ids)
    assert forwarding.backlog(endpoint) == 0


def test_unreachable_endpoint_keeps_the_backlog(endpoint):
    endpoint.url = "http://127.0.0.1:9/xapi/"  # nothing listens on the discard port
    endpoint.save()
    store(2)
    with pytest.raises(forwarding.DeliveryError):
        forwarding.forward_batch(endpoint=endpoint)
    endpoint.refresh_from_db()
    assert endpoint.last_error and forwarding.backlog(endpoint) == 2
    assert OutboxEntry.objects.filter(attempts=1).count() == 2


def test_tracks_decide_what_is_forwarded(fake_lrs, endpoint):
    services.statements_store([statement()], track="staff")
    [migrant] = services.statements_store([statement()], track="migrant")
    [unscoped] = services.statements_store([statement()])
    queued = set(OutboxEntry.objects.values_list("statement__statement_id", flat=True))
    assert {str(i) for i in queued} == {migrant, unscoped}


def test_replay_a_time_range(fake_lrs, endpoint):
    fake_lrs.down = False
    ids = store(4)
    forwarding.forward_all(endpoint=endpoint)
    assert forwarding.backlog(endpoint) == 0
    now = timezone.now()
    count = services.forward_replay(
        endpoint=endpoint, since=now - timedelta(hours=1), until=now + timedelta(seconds=1)
    )
    assert count == 4 and forwarding.backlog(endpoint) == 4
    fake_lrs.received.clear()
    forwarding.forward_all(endpoint=endpoint)
    assert sorted(fake_lrs.received) == sorted(ids)
    assert (
        services.forward_replay(
            endpoint=endpoint, since=now + timedelta(hours=1), until=now + timedelta(hours=2)
        )
        == 0
    )


def test_backoff_grows_and_is_capped():
    assert retry_countdown(0) <= 10
    assert 40 <= retry_countdown(3) <= 80
    assert retry_countdown(30) <= 3600


def test_admin_shows_backlog_and_replays(admin_client, fake_lrs, endpoint):
    store(2)
    listing = admin_client.get("/django-admin/xapi/forwardendpoint/")
    assert listing.status_code == 200
    assert "Ministry LRS" in listing.content.decode()
    page = admin_client.get(f"/django-admin/xapi/forwardendpoint/{endpoint.pk}/change/")
    assert page.status_code == 200 and "Replay a time range" in page.content.decode()
    url = f"/django-admin/xapi/forwardendpoint/{endpoint.pk}/replay/"
    bad = admin_client.post(url, {"since": "2026-01-02 00:00", "until": "2026-01-01 00:00"})
    assert bad.status_code == 200 and "must come after" in bad.content.decode()
    OutboxEntry.objects.all().delete()
    ok = admin_client.post(url, {"since": "2000-01-01 00:00", "until": "2999-01-01 00:00"})
    assert ok.status_code == 302
    assert forwarding.backlog(endpoint) == Statement.objects.count() == 2


def test_admin_is_for_superusers_only(client, django_user_model, endpoint):
    staff = django_user_model.objects.create_user("editor", password="pw-x-12345", is_staff=True)
    client.force_login(staff)
    assert client.get("/django-admin/xapi/forwardendpoint/").status_code == 403


def test_admin_creates_a_client_with_a_hashed_secret(admin_client):
    from xapi.models import LRSClient

    response = admin_client.post(
        "/django-admin/xapi/lrsclient/add/",
        {
            "name": "Ministry",
            "key": "ministry",
            "secret": "a-long-secret-1",
            "scope": "read",
            "tracks": ["migrant"],
            "xapi_version": "1.0.3",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client = LRSClient.objects.get(key="ministry")
    assert client.secret_hash != "a-long-secret-1" and client.check_secret("a-long-secret-1")
    assert client.tracks == ["migrant"] and client.xapi_version == "1.0.3"
    missing = admin_client.post(
        "/django-admin/xapi/lrsclient/add/",
        {"name": "X", "key": "x", "scope": "read", "is_active": "on"},
    )
    assert missing.status_code == 200 and "needs a secret" in missing.content.decode()


def test_admin_keeps_the_endpoint_secret_when_left_empty(admin_client, endpoint):
    url = f"/django-admin/xapi/forwardendpoint/{endpoint.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert 'value="s"' not in page  # the secret is never sent back to the browser
    response = admin_client.post(
        url,
        {
            "name": "Renamed",
            "url": endpoint.url,
            "username": "k",
            "password": "",
            "version": "1.0.3",
            "tracks": ["migrant"],
            "xapi_version": "1.0.3",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    endpoint.refresh_from_db()
    assert endpoint.name == "Renamed" and endpoint.password == "s"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_retries_until_the_lrs_is_back(celery_worker, fake_lrs):
    """Through Celery: the task fails while the LRS is down, retries with
    backoff, and delivers everything once it is back."""
    import time

    endpoint = ForwardEndpoint.objects.create(
        name="Ministry LRS", url=fake_lrs.url, tracks=["migrant"], include_unscoped=True
    )
    ids = services.statements_store([statement() for _ in range(5)])  # commits: task queued
    deadline = time.monotonic() + 60
    while fake_lrs.requests == 0 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert fake_lrs.requests >= 1, "the worker never tried"
    assert forwarding.backlog(endpoint) == 5
    fake_lrs.down = False
    deadline = time.monotonic() + 90
    while forwarding.backlog(endpoint) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert forwarding.backlog(endpoint) == 0
    assert sorted(fake_lrs.received) == sorted(ids)


def test_beat_runs_the_safety_net_every_few_minutes():
    from lms.celery import app

    entry = app.conf.beat_schedule["xapi-forward-all"]
    assert entry["task"] == "xapi.tasks.statements_forward_all"
    assert entry["task"] in app.tasks
    assert timedelta(minutes=1) <= entry["schedule"] <= timedelta(minutes=10)


def test_the_safety_net_delivers_a_backlog_no_task_was_queued_for(fake_lrs, endpoint, monkeypatch):
    from xapi import tasks

    idle = ForwardEndpoint.objects.create(name="Idle", url=fake_lrs.url, tracks=["migrant"])
    fake_lrs.down = False
    ids = store(4)  # the test's transaction never commits: no delivery was queued
    OutboxEntry.objects.filter(endpoint=idle).delete()
    started = []

    def run_now(endpoint_id):
        started.append(endpoint_id)
        return tasks.statements_forward.run(endpoint_id)

    monkeypatch.setattr(tasks.statements_forward, "delay", run_now)
    assert tasks.statements_forward_all() == 1
    assert started == [endpoint.pk]  # only endpoints with a backlog
    assert sorted(fake_lrs.received) == sorted(ids)
    assert forwarding.backlog(endpoint) == 0
    assert tasks.statements_forward_all() == 0


def test_demo_serve_runs_the_worker_with_an_embedded_beat(monkeypatch):
    from django.core.management import CommandError, call_command

    from lms.management.commands import demo_serve

    started = []

    class Stopped:
        def __init__(self, args, **kwargs):
            started.append(args)

        def poll(self):
            return 1

        def wait(self, timeout=None):
            return 1

    monkeypatch.setattr(demo_serve.subprocess, "Popen", Stopped)
    with pytest.raises(CommandError):
        call_command("demo_serve", port=1)
    worker = next(args for args in started if "worker" in args)
    assert "--beat" in worker
    assert worker[worker.index("--schedule") + 1].endswith("beat-schedule")


CONTEXT_AGENT = {
    "objectType": "contextAgent",
    "agent": {"objectType": "Agent", "mbox": "mailto:coach@example.org"},
    "relevantTypes": ["http://example.org/types/coach"],
}
CONTEXT_GROUP = {
    "objectType": "contextGroup",
    "group": {"objectType": "Group", "mbox": "mailto:team@example.org"},
}


def _store_2_0(**overrides):
    body = statement(
        context={"contextAgents": [CONTEXT_AGENT], "contextGroups": [CONTEXT_GROUP]},
        **overrides,
    )
    [sid] = services.statements_store([body], version="2.0.0")
    return sid


def test_a_1_0_3_endpoint_gets_2_0_content_converted(fake_lrs, endpoint):
    from xapi.downgrade import extension_iris
    from xapi.validation import statement as validate

    fake_lrs.down = False
    assert endpoint.version == "1.0.3" and endpoint.convert_v2
    sid = _store_2_0(timestamp="2026-11-26T10:00:00.123456789+05:00")
    inner = statement(context={"contextAgents": [CONTEXT_AGENT]})
    [sub] = services.statements_store(
        [statement(object={"objectType": "SubStatement", **inner})], version="2.0.0"
    )
    assert Statement.objects.get(statement_id=sid).data["version"] == "2.0.0"
    assert forwarding.forward_all(endpoint=endpoint) == 2
    sent = {s["id"]: s for s in fake_lrs.bodies}
    iris = extension_iris()
    converted = sent[sid]
    assert converted["version"] == "1.0.3"
    assert "contextAgents" not in converted["context"]
    assert converted["context"]["extensions"] == {
        iris["contextAgents"]: [CONTEXT_AGENT],
        iris["contextGroups"]: [CONTEXT_GROUP],
    }
    assert converted["timestamp"] == "2026-11-26T10:00:00.123+05:00"
    assert len(converted["stored"].split(".")[1].rstrip("Z")) <= 3
    sub_context = sent[sub]["object"]["context"]
    assert sub_context["extensions"] == {iris["contextAgents"]: [CONTEXT_AGENT]}
    # what is sent is a valid 1.0.3 statement
    for body in sent.values():
        validate(body, version="1.0.3")
    # the LRS keeps its own copy as it was stored
    assert "contextAgents" in Statement.objects.get(statement_id=sid).data["context"]


def test_a_1_0_3_endpoint_set_to_refuse_keeps_2_0_content_back(fake_lrs, endpoint):
    fake_lrs.down = False
    endpoint.convert_v2 = False
    endpoint.save()
    kept = _store_2_0()
    [plain] = services.statements_store([statement()], version="2.0.0")
    assert forwarding.forward_all(endpoint=endpoint) == 1
    assert fake_lrs.received == [plain]
    # the other one stays in the outbox, refused, with the reason shown
    entry = OutboxEntry.objects.get(endpoint=endpoint)
    assert str(Statement.objects.get(seq=entry.statement_id).statement_id) == kept
    assert entry.attempts >= forwarding.MAX_ATTEMPTS
    endpoint.refresh_from_db()
    assert kept in endpoint.last_error and "contextAgents" in endpoint.last_error
    assert forwarding.forward_all(endpoint=endpoint) == 0
    assert fake_lrs.received == [plain]


def test_a_2_0_endpoint_gets_the_statement_as_stored(fake_lrs, endpoint):
    fake_lrs.down = False
    endpoint.version = "2.0.0"
    endpoint.save()
    sid = _store_2_0()
    assert forwarding.forward_all(endpoint=endpoint) == 1
    [sent] = fake_lrs.bodies
    assert sent == Statement.objects.get(statement_id=sid).data


def test_a_signed_statement_is_never_restructured(fake_lrs, endpoint):
    from xapi import downgrade

    signed = {
        **statement(context={"contextAgents": [CONTEXT_AGENT]}),
        "attachments": [{"usageType": "http://adlnet.gov/expapi/attachments/signature"}],
    }
    with pytest.raises(downgrade.NotConvertible, match="signed"):
        downgrade.to_103(signed)
