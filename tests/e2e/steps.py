"""What people do in the browser, as steps shared by the journeys."""

from __future__ import annotations

import re
import time

import pytest

from .conftest import PASSWORD, Journey

SIGNUP = {
    "full_name": "Фаррух Назаров",
    "birth_year": "1997",
    "district": "Бохтар",
}


def sign_up(j: Journey, contact: str, *, staff: bool = False, language: str = "tg") -> None:
    form = f"/{language}/accounts/signup/staff/" if staff else f"/{language}/accounts/signup/"
    j.goto(form, "sign-up form")
    page = j.page
    page.fill("input[name=contact]", contact)
    page.fill("input[name=password1]", PASSWORD + "-9x")
    page.fill("input[name=password2]", PASSWORD + "-9x")
    for name, value in SIGNUP.items():
        page.fill(f"input[name={name}]", value)
    page.check("input[name=gender][value=male]")
    page.select_option("select[name=region]", index=1)
    page.select_option("select[name=destination]", index=1)
    if staff:
        page.select_option("select[name=organisation]", index=1)
        page.fill("input[name=position]", "Нозир")
    page.check("input[name=consent]")
    j.step("sign-up filled, consent ticked")
    page.click("form:has(input[name=contact]) button[type=submit]")  # not the header's search
    j.step("after sign-up")


def sign_in(j: Journey, username: str, password: str = PASSWORD, *, admin: bool = False) -> None:
    if admin:
        j.goto("/admin/login/", "admin sign-in")
        j.page.fill("input[name=username]", username)
        j.page.fill("input[name=password]", password)
        j.page.click("form button[type=submit]")
        j.step("admin dashboard")
        return
    j.goto("/tg/accounts/login/", "sign-in")
    j.page.fill("input[name=identifier]", username)
    j.page.fill("input[name=password]", password)
    j.page.click("form:has(input[name=password]) button[type=submit]")
    j.step("signed in")


def latest_attempt(user):
    from assessments.models import Attempt

    return Attempt.objects.filter(user=user).order_by("-pk").first()


def answer_quiz(j: Journey, user, *, right: bool = True) -> None:
    """On an attempt page: answer every question (right, from the attempt's own
    questions), page by page if the quiz shows one question per page, and hand in."""
    from assessments.grading import correct_answer
    from assessments.selectors import attempt_versions

    page = j.page
    attempt = latest_attempt(user)
    versions = attempt_versions(attempt)
    for position, entry in enumerate(attempt.questions, start=1):
        data = versions[entry["version"]]
        field = f"q{position}"
        if not page.locator(f"[name^='{field}']").count():
            page.click("button[name=action][value=next]")
        answer = correct_answer(data) if right else None
        kind = data["kind"]
        if answer is None:
            continue
        if kind in ("single", "true_false"):
            page.check(f"input[name={field}][value='{answer}']")
        elif kind == "multiple":
            for choice in answer:
                page.check(f"input[name={field}][value='{choice}']")
        elif kind == "matching":
            for item, partner in answer.items():
                page.select_option(f"select[name='{field}-{item}']", str(partner))
        elif kind == "ordering":
            for place, item in enumerate(answer, start=1):
                page.select_option(f"select[name='{field}-{item}']", str(place))
        else:
            page.fill(f"input[name={field}]", str(answer))
    j.step("quiz answered")
    page.click("button[name=action][value=submit]")
    j.step("quiz result")


def take_quiz_on_lesson(j: Journey, user) -> bool:
    """Start the lesson's quiz if it offers one, answer it right; False if none."""
    start = j.page.locator("form[action$='/quiz/start/'] button[type=submit]")
    if not start.count():
        return False
    start.first.click()
    j.step("quiz started")
    answer_quiz(j, user)
    return True


def watch_video_with_player(j: Journey) -> dict:
    """Play the lesson's video through the player to the end (muted, fast) and
    return what the browser saw: the rendition, captions, quality choices."""
    page = j.page
    video = page.locator("video").first
    video.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => !document.querySelector('[data-player-tools]')?.hidden", timeout=10_000
    )
    seen = page.evaluate(
        """() => { const v = document.querySelector('video');
            return {sources: [...v.querySelectorAll('source')].map(s => s.src),
                    tracks: [...v.textTracks].map(t => t.language),
                    qualities: [...document.querySelectorAll('[data-quality-select] option')]
                               .map(o => o.value),
                    // every control of the player's tools, as tall as a thumb
                    targets: [...document.querySelectorAll(
                                 '[data-player-tools] label, [data-player-tools] select')]
                               .map(e => Math.round(e.getBoundingClientRect().height))}; }"""
    )
    select = page.locator("[data-quality-select]")
    before = page.evaluate("() => document.querySelector('video').currentSrc")
    if len(seen["qualities"]) > 1:  # another choice than the default one
        select.select_option(seen["qualities"][-1])
    page.evaluate(
        """async () => { const v = document.querySelector('video');
            v.muted = true; await v.play(); v.playbackRate = 4; }"""
    )
    page.wait_for_function("() => document.querySelector('video').readyState >= 2", timeout=20_000)
    seen["after_switch"] = page.evaluate("() => document.querySelector('video').currentSrc")
    seen["before_switch"] = before
    page.evaluate(
        """() => { const v = document.querySelector('video');
            [...v.textTracks].forEach((t, i) => t.mode = i === 0 ? 'showing' : 'hidden'); }"""
    )
    j.step("video playing, captions on")
    page.wait_for_function("() => document.querySelector('video').ended", timeout=60_000)
    page.wait_for_timeout(1500)  # the player's last report
    j.step("video watched")
    return seen


def finish_lesson(j: Journey) -> None:
    j.page.click("form[action$='/progress/'] button[type=submit]")
    j.step("lesson finished")


def lesson_id(j: Journey) -> int | None:
    action = j.page.locator("form[action$='/progress/']")
    if not action.count():
        return None
    match = re.search(r"/lessons/(\d+)/progress/", action.first.get_attribute("action"))
    return int(match.group(1)) if match else None


def wait_until(check, timeout=60, what="condition"):
    """The value of `check()` once it is truthy (polled every half second), or
    the journey fails after `timeout` seconds saying what it waited for."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")
