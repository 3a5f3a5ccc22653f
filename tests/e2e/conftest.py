"""Browser journeys: pytest + Playwright for Python on Debian's Chromium, against
a live server (pytest-django's `live_server`) with the demo loaded and a real
Celery worker (the suite's `celery_worker`), so videos are really transcoded and
certificates really issued.

- Chromium: `/usr/bin/chromium`. When it is missing, the set-up installs
  Debian's package (`apt-get`, as root) in CI (`CI` or `SAFAR_REQUIRE_WORKER=1`);
  elsewhere the journeys are skipped with the reason.
- Every step saves a screenshot, `var/e2e-screenshots/<journey>/NN-step.png`
  (the folder is printed), and runs axe-core (vendored, `vendor/axe.min.js`):
  no serious or critical violation is allowed.
- Learners use a phone viewport (360×740), authors and administrators a desk
  (1280×800).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).with_name("vendor") / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "e2e-screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]
PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 800}
PASSWORD = "safar-demo"


def _in_ci() -> bool:
    return bool(os.environ.get("CI")) or os.environ.get("SAFAR_REQUIRE_WORKER") == "1"


def _chromium_installed() -> str | None:
    """None when Chromium is there (installed now if need be), else why not."""
    if Path(CHROMIUM).exists():
        return None
    if not _in_ci():
        return f"{CHROMIUM} is missing (`make browser` installs it)"
    if os.geteuid() != 0:
        pytest.fail(f"{CHROMIUM} is missing and the journeys cannot install it without root")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, timeout=600)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env, timeout=1200
    )
    return None


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """Chromium for this module's journeys only.

    Playwright's sync API leaves an event loop running on this thread while it
    is open. Django then keeps this thread's database connections per context
    (asgiref's Local), not per thread: the code between browser steps, and
    pytest-django's set-up and flush of each test, get a new DatabaseWrapper
    without the serialized migration data (`_test_serialized_contents`). So
    the browser is closed after the journeys (the tests that follow in this
    process, the real worker's among them, get their usual connection back),
    and the serialized data is carried over to the connections opened while
    it runs, so that serialized rollback restores them as for any test."""
    problem = _chromium_installed()
    if problem:
        pytest.skip(problem)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    # The tests' own database reads are plain synchronous code between steps.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            for alias, contents in serialized.items():
                connections[alias]._test_serialized_contents = contents
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
                for connection in connections.all(initialized_only=True):
                    connection.close()  # the loop's own connections
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def site(live_server, celery_worker, settings, django_capture_on_commit_callbacks):
    """The demo in the live server's database, served by `live_server`, with the
    worker transcoding its videos (the live server and the worker share storage)."""
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page

    from tests.builders import use_the_workers_storage

    if Page.get_first_root_node() is None:  # flushed by an earlier journey
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    use_the_workers_storage(settings)
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    call_command("demo_load", verbosity=0)
    return live_server


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


@dataclass
class Journey:
    """One person in one browser context: every step is a screenshot and an
    axe-core check."""

    name: str
    page: object
    base: str
    folder: Path
    step_number: int = 0
    violations: list = field(default_factory=list)
    axe: bool = True
    # With JavaScript off, `page.evaluate` never returns: axe-core runs on a
    # copy of the page's DOM in a twin page that has JavaScript (its scripts
    # left out, so the copy stays the no-JS page).
    axe_page: object = None

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.base + path

    def goto(self, path: str, step: str | None = None, *, check_axe: bool | None = None):
        response = self.page.goto(self.url(path))
        self.step(step or path, check_axe=check_axe)
        return response

    def step(self, label: str, *, check_axe: bool | None = None) -> Path:
        self.page.wait_for_load_state("load")
        self.step_number += 1
        shot = self.folder / f"{self.step_number:02d}-{_slug(label)}.png"
        self.page.screenshot(path=str(shot), full_page=True)
        if self.axe if check_axe is None else check_axe:
            self.check_axe(label)
        return shot

    def check_axe(self, label: str) -> None:
        """axe-core on the page as it is: serious and critical violations fail
        the journey (collected, reported together at the end)."""
        page = self.page
        if self.axe_page is not None:
            html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.S | re.I)
            html = re.sub(r"</?noscript>", "", html, flags=re.I)
            html = re.sub(r"<head([^>]*)>", rf'<head\1><base href="{page.url}">', html, count=1)
            self.axe_page.set_content(html, wait_until="load")
            page = self.axe_page
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            """async () => {
                // Colours mid-animation (Wagtail's messages fade in) are not the
                // page's: wait for finite animations to end (2 s at most).
                const ending = document.getAnimations()
                  .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                  .map(a => a.finished.catch(() => null));
                await Promise.race([Promise.all(ending),
                                    new Promise(done => setTimeout(done, 2000))]);
                const r = await axe.run(document, {resultTypes: ['violations']});
                return r.violations
                  .filter(v => v.impact === 'serious' || v.impact === 'critical')
                  .map(v => ({id: v.id, impact: v.impact, help: v.help,
                              nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
            }"""
        )
        for violation in result:
            self.violations.append({"step": label, "url": self.page.url, **violation})

    def assert_accessible(self) -> None:
        assert not self.violations, "axe-core (serious/critical):\n" + json.dumps(
            self.violations, ensure_ascii=False, indent=1
        )


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, for `journey`'s teardown."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def journey(browser, site, request):
    """`journey(name, viewport=PHONE, javascript=True)` → a Journey in a fresh
    browser context; its screenshots folder is printed."""
    contexts = []
    journeys = []

    def start(name: str, *, viewport=PHONE, javascript: bool = True, locale: str = "tg"):
        folder = SCREENSHOTS / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        print(f"\n[e2e] {request.node.name}: screenshots in {folder}")
        context = browser.new_context(
            viewport=viewport,
            java_script_enabled=javascript,
            locale=locale,
            accept_downloads=True,
            device_scale_factor=1,
            is_mobile=viewport == PHONE,
            has_touch=viewport == PHONE,
        )
        context.set_default_timeout(30_000)
        contexts.append(context)
        j = Journey(name=name, page=context.new_page(), base=site.url, folder=folder)
        if not javascript:
            twin = browser.new_context(
                viewport=viewport, locale=locale, device_scale_factor=1,
                is_mobile=viewport == PHONE, has_touch=viewport == PHONE,
            )  # fmt: skip
            contexts.append(twin)
            j.axe_page = twin.new_page()
        journeys.append(j)
        return j

    yield start
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:  # where each person was
        for j in journeys:
            shot = j.folder / f"{j.step_number + 1:02d}-failed-here.png"
            try:
                j.page.screenshot(path=str(shot), full_page=True)
                print(f"[e2e] failed: {shot} ({j.page.url})")
            except Exception as exc:  # noqa: BLE001  (a closed page: nothing to show)
                print(f"[e2e] failed: no screenshot for {j.name}: {exc}")
    for context in contexts:
        context.close()
