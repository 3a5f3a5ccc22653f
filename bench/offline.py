"""`python -m bench offline`: what "Save this course for offline" costs on a
slow phone link (issue 17).

Starts nothing itself: point it at a running site (default: the demo at
http://127.0.0.1:8000). Signs in as the demo migrant (enrolling them in the
Tajik demo orientation course if need be), opens the course page in headless
Chromium on an emulated 2G link (250 kbit/s down, 50 kbit/s up, 300 ms round
trip, bench/pageweight.py's) and saves the course for offline twice, with the
sound-only and with the 240p choice (removing it in between), and prints:

    offline_course_bytes_audio / _240p   bytes transferred while saving
    offline_course_s_audio / _240p       seconds from the click to "saved"
    offline_sw_bytes                     the service worker, its page script
                                         and the manifest, as transferred

The service worker is blocked in this browser, so that every download goes
through the page, where the link is emulated and counted (with the worker,
the same requests pass through it unchanged)."""

from __future__ import annotations

import argparse
import gzip
import re
import time
import urllib.request

from .pageweight import CHROMIUM, CHROMIUM_ARGS, LINK_2G, sign_in


def demo_course_path() -> str:
    from wagtail.models import Locale

    from cms.models import CoursePage

    tajik = Locale.objects.get(language_code="tg")
    course = CoursePage.objects.filter(slug="pre-departure-orientation", locale=tajik).first()
    if course is None:
        raise SystemExit("No demo orientation course: run `make demo` first.")
    return course.url


def served_bytes(url: str) -> tuple[int, int]:
    """A response's body as a browser transfers it (gzip when the server
    does), and its size uncompressed."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (our own site)
        body = response.read()
    return len(body), len(gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body)


def _save(page, cdp, choice: str) -> tuple[int, float]:
    sizes: dict[str, int] = {}
    listener = lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"]))  # noqa: E731
    cdp.on("Network.loadingFinished", listener)
    page.check(f"input[name=offline-choice][value='{choice}']")
    started = time.monotonic()
    page.click("[data-offline-save]")
    page.locator("[data-offline-remove]").wait_for(state="visible", timeout=1_800_000)
    seconds = time.monotonic() - started
    cdp.remove_listener("Network.loadingFinished", listener)
    page.click("[data-offline-remove]")
    page.locator("[data-offline-save]").wait_for(state="visible")
    return sum(sizes.values()), seconds


def measure(base: str, path: str, username: str, password: str) -> dict:
    from playwright.sync_api import sync_playwright

    figures = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, is_mobile=True, service_workers="block"
        )
        sign_in(context, base, username, password)
        page = context.new_page()
        page.goto(base + path, wait_until="load")
        enroll = page.locator("#enrollment form button[type=submit]")
        if enroll.count():
            enroll.click()
            page.goto(base + path, wait_until="load")
        page.locator("[data-offline-course]").wait_for(state="visible")
        page.locator("[data-offline-save]:not([disabled])").wait_for()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", LINK_2G)
        for choice in ("audio", "240p"):
            data, seconds = _save(page, cdp, choice)
            figures[f"offline_course_bytes_{choice}"] = data
            figures[f"offline_course_s_{choice}"] = round(seconds, 1)
        script = re.search(r'src="([^"]*safar/offline\.js)"', page.content())
        browser.close()
    urls = ("/sw.js", script.group(1) if script else "/static/safar/offline.js")
    sizes = [served_bytes(base + u) for u in urls]
    figures["offline_sw_bytes"] = sum(sent for sent, _ in sizes)
    figures["offline_sw_bytes_uncompressed"] = sum(raw for _, raw in sizes)
    figures["offline_manifest_bytes"] = served_bytes(base + "/manifest.webmanifest")[0]
    return figures


def run(argv: list[str]) -> dict:
    parser = argparse.ArgumentParser(
        prog="python -m bench offline",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--base", default="http://127.0.0.1:8000", help="the running site")
    parser.add_argument("--path", help="course path (default: the Tajik demo orientation)")
    parser.add_argument("--username", default="migrant")
    parser.add_argument("--password", default="safar-demo")
    args = parser.parse_args(argv)
    path = args.path or demo_course_path()
    return {
        "course_path": path,
        **measure(args.base.rstrip("/"), path, args.username, args.password),
    }
