"""`manage.py demo_serve` keeps the site up when its worker dies (issue 13, item
5): the worker's main process is killed, /healthz still answers, a new worker
starts; Ctrl-C then stops everything."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, _database_url


def _free_port() -> int:
    """A port the system has just handed out, so free now (bind to port 0)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found |= {int(p) for p in (task / "children").read_text().split()}
    return found


def _workers(pid: int) -> set[int]:
    """demo_serve's celery worker main processes."""
    found = set()
    for child in _children(pid):
        with contextlib.suppress(OSError):
            if b"celery" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.add(child)
    return found


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:  # noqa: S310 (localhost)
            return response.status == 200
    except OSError:
        return False


def _wait(condition, timeout: float, what: str, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    tail = log.read_text()[-3000:] if log else ""
    pytest.fail(f"timed out waiting for {what}\n{tail}")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_demo_serve_restarts_a_worker_that_dies_and_the_site_stays_up(tmp_path):
    from django.db import connection

    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",  # its "running" line reaches the log at once
    }
    log = open(tmp_path / "demo.log", "w")  # noqa: SIM115  (closed below)
    demo = subprocess.Popen(
        [sys.executable, "manage.py", "demo_serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,  # its web server and worker: one group, killed below
    )  # fmt: skip
    health = f"http://127.0.0.1:{port}/healthz"
    try:
        # Until it prints that it runs, demo_serve is still starting, and a worker
        # dying then ends it (a start that fails): wait for the line, not for the
        # site alone.
        _wait(lambda: "Press Ctrl-C" in (tmp_path / "demo.log").read_text(), 90, "the site")
        assert _healthy(health)
        first = _wait(lambda: _workers(demo.pid), 30, "the worker")
        os.kill(next(iter(first)), signal.SIGKILL)

        second = _wait(
            lambda: _workers(demo.pid) - first, 30, "a new worker", tmp_path / "demo.log"
        )
        assert demo.poll() is None, (tmp_path / "demo.log").read_text()[-3000:]
        assert _healthy(health)
        time.sleep(2)
        assert _workers(demo.pid) == second  # the new one stays up
        assert "starting a new one" in (tmp_path / "demo.log").read_text()
    finally:
        if demo.poll() is None:
            demo.send_signal(signal.SIGINT)
        try:
            demo.wait(timeout=40)
        except subprocess.TimeoutExpired:
            demo.kill()
            demo.wait()
        log.close()
        still_up = _healthy(health)
        # Whatever demo_serve left running (its worker would go on taking this
        # test process's queued tasks, in later tests and later runs) goes too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(demo.pid, signal.SIGKILL)
    assert not still_up, "the site still answers after demo_serve ended"
