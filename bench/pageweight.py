"""`python -m bench pageweight`: what a migrant's phone downloads for one lesson.

Starts nothing itself: point it at a running site (default: the demo at
http://127.0.0.1:8000). It signs in as the demo migrant, then loads the Tajik
version of a demo lesson that has text, an image and a video block in headless
Chromium with a cold cache on an emulated 2G link (250 kbit/s down, 50 kbit/s
up, 300 ms round trip) and prints:

    lesson_bytes     every response except the video file itself, as transferred
    lesson_requests  how many requests that took
    lesson_fcp_ms    first contentful paint
    lesson_load_ms   the load event

Targets: lesson_bytes <= 60000 and lesson_fcp_ms <= 3000.
"""

from __future__ import annotations

import argparse
import re

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LINK_2G = {
    "offline": False,
    "latency": 300,  # ms, round trip
    "downloadThroughput": 250_000 / 8,  # bytes/s
    "uploadThroughput": 50_000 / 8,
}
VIDEO_FILE = re.compile(r"\.(mp4|m4a|m4s|ts|m3u8|webm|aac)(\?|$)", re.I)


def demo_lesson_path() -> str:
    """The Tajik demo lesson with text, an image and a video (looked up in the
    project's database, so this default needs the bench to run beside the demo)."""
    from wagtail.models import Locale

    from cms.models import LessonPage

    tajik = Locale.objects.get(language_code="tg")
    for lesson in LessonPage.objects.live().filter(locale=tajik).order_by("path"):
        kinds = {block.block_type for block in lesson.body}
        if {"text", "image", "video"} <= kinds:
            return lesson.url
    raise SystemExit("No Tajik lesson with text, an image and a video: run `make demo` first.")


def sign_in(context, base: str, username: str, password: str) -> None:
    login_url = f"{base}/tg/accounts/login/"
    page = context.request.get(login_url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text())
    if token is None:
        raise SystemExit(f"No sign-in form at {login_url}")
    response = context.request.post(
        login_url,
        form={
            "csrfmiddlewaretoken": token.group(1),
            "identifier": username,
            "password": password,
        },
        headers={"Referer": login_url},
        max_redirects=0,
    )
    if response.status != 302:
        raise SystemExit(f"Signing in as {username} failed (HTTP {response.status}).")


def measure(base: str, path: str, username: str, password: str) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
        sign_in(context, base, username, password)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", LINK_2G)
        urls: dict[str, str] = {}
        sizes: dict[str, int] = {}
        cdp.on(
            "Network.requestWillBeSent",
            lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
        )
        page.goto(base + path, wait_until="load", timeout=180_000)
        page.wait_for_timeout(500)
        timing = page.evaluate(
            """() => {
                const nav = performance.getEntriesByType('navigation')[0];
                const fcp = performance.getEntriesByName('first-contentful-paint')[0];
                return {load: nav.loadEventEnd, fcp: fcp ? fcp.startTime : -1};
            }"""
        )
        browser.close()
    counted = {
        rid: n
        for rid, n in sizes.items()
        if not VIDEO_FILE.search(urls.get(rid, "")) and not urls.get(rid, "").startswith("data:")
    }
    return {
        "lesson_bytes": sum(counted.values()),
        "lesson_requests": len(counted),
        "lesson_fcp_ms": round(timing["fcp"]),
        "lesson_load_ms": round(timing["load"]),
    }


def run(argv: list[str]) -> dict:
    parser = argparse.ArgumentParser(
        prog="python -m bench pageweight",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--base", default="http://127.0.0.1:8000", help="the running site")
    parser.add_argument("--path", help="lesson path (default: the Tajik demo lesson)")
    parser.add_argument("--username", default="migrant")
    parser.add_argument("--password", default="safar-demo")
    args = parser.parse_args(argv)
    path = args.path or demo_lesson_path()
    figures = measure(args.base.rstrip("/"), path, args.username, args.password)
    within = figures["lesson_bytes"] <= 60_000 and 0 <= figures["lesson_fcp_ms"] <= 3_000
    return {"lesson_path": path, **figures, "pageweight_within_target": within}
