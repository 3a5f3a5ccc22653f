"""Every lesson block: its own template, icon, description and preview, and plain
server-side HTML (no scripts, no inline styles) that suits a small phone."""

import re

import pytest
from bs4 import BeautifulSoup

from cms.blocks import LessonStreamBlock
from cms.models import LessonPage
from tests.assessments.factories import make_quiz
from tests.builders import extra_scripts

from .conftest import make_card, make_course, make_document, make_image, make_video

pytestmark = pytest.mark.django_db

BLOCK_NAMES = {
    "text",
    "heading",
    "image",
    "video",
    "audio",
    "document",
    "callout",
    "checklist",
    "contact",
    "faq",
    "quiz",
    "practical",
    "article",
}


def test_the_stream_has_every_block_and_each_is_documented():
    stream = LessonStreamBlock()
    assert set(stream.child_blocks) == BLOCK_NAMES
    for name, block in stream.child_blocks.items():
        assert block.meta.template, name
        assert block.meta.icon and block.meta.icon != "placeholder", name
        assert block.meta.description, name
        assert block.meta.label, name


@pytest.fixture
def full_lesson(tree):
    image = make_image()
    card = make_card(hours="Mon–Fri")
    body = [
        {"type": "text", "value": "<p>Ҳуҷҷатҳоро <b>санҷед</b>.</p>"},
        {"type": "heading", "value": {"text": "Documents to take", "level": "h2"}},
        {"type": "image", "value": {"image": image.pk, "alt": "A passport", "caption": "Cap"}},
        {"type": "video", "value": {"video": make_video().pk, "caption": "Welcome"}},
        {
            "type": "audio",
            "value": {
                "audio": make_document("Talk", "talk.mp3", b"ID3").pk,
                "title": "Listen",
                "transcript": "<p>Words</p>",
            },
        },
        {
            "type": "document",
            "value": {"document": make_document().pk, "title": "", "description": "One page"},
        },
        {
            "type": "callout",
            "value": {"kind": "warning", "title": "Careful", "text": "<p>Keep it.</p>"},
        },
        {"type": "checklist", "value": {"title": "Take", "items": ["Passport", "Migration card"]}},
        {"type": "contact", "value": card.pk},
        {
            "type": "faq",
            "value": {
                "title": "Questions",
                "items": [{"question": "Contract?", "answer": "<p>Always.</p>"}],
            },
        },
        {
            "type": "quiz",
            "value": {"quiz": make_quiz(pass_mark=80).pk, "role": "final"},
        },
    ]
    course = make_course(tree.migrant, body=body)
    return LessonPage.objects.descendant_of(course).get()


def test_every_block_renders_as_plain_html(client, full_lesson):
    response = client.get(full_lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    body = soup.select_one(".lesson-body")

    assert body.select_one(".block-text b").text == "санҷед"
    assert body.select_one("h2.block-heading").text == "Documents to take"

    img = body.select_one(".block-image img")
    assert img["alt"] == "A passport" and img["loading"] == "lazy"
    widths = re.findall(r" (\d+)w(?:,|$)", img["srcset"])  # not digits of a signed S3 URL
    assert widths == ["320", "640", "960"]
    assert "webp" in img["src"] and img.get("sizes")
    assert body.select_one(".block-image figcaption").text == "Cap"

    assert body.select_one("figure.video-player, .block-video") is not None
    assert "Welcome" in body.text

    audio = body.select_one(".block-audio audio")
    assert audio["preload"] == "none" and audio["src"].endswith(".mp3")
    assert body.select_one(".block-audio details summary")

    download = body.select_one(".block-document a")
    assert download.text == "Hand-out" and download.has_attr("download")
    assert "PDF" in body.select_one(".block-document").text

    callout = body.select_one("aside.callout.callout-warning")
    assert "Careful" in callout.text and "Keep it." in callout.text

    boxes = body.select(".checklist li label input[type=checkbox]")
    assert len(boxes) == 2
    assert [s.text for s in body.select(".checklist li span")] == ["Passport", "Migration card"]

    contact = body.select_one(".contact.contact-mrc")
    assert contact.select_one("a[href^='tel:']")["href"] == "tel:+992000000000"
    assert contact.select_one("a[href^='mailto:']").text == "info@mrc-tajikistan.org"

    details = body.select_one(".faq details")
    assert details.summary.text == "Contract?" and "Always." in details.text

    assert "80%" in body.select_one(".quiz-box").text

    # Nothing that needs JavaScript or breaks the strict CSP.
    assert extra_scripts(str(soup)) == []
    assert soup.find(attrs={"style": True}) is None
    assert soup.find("style") is None


def test_blocks_render_without_a_page_too():
    """Block templates read their own value only (also used by previews)."""
    stream = LessonStreamBlock()
    value = stream.to_python(
        [{"type": "checklist", "value": {"title": "T", "items": ["a"]}}]
        + [{"type": "callout", "value": {"kind": "rule", "title": "", "text": "<p>x</p>"}}]
    )
    html = value.render_as_block()
    assert "checklist" in html and "callout-rule" in html


def test_every_block_has_a_preview_that_renders(tree):
    make_image()
    make_card()
    make_document()
    make_video()
    stream = LessonStreamBlock()
    for name, block in stream.child_blocks.items():
        value = block.get_preview_value()
        assert value not in (None, "", {}), name
        html = block.render(value, context={"request": None})
        assert html.strip(), name


def test_block_preview_in_the_admin_uses_the_site_stylesheet(admin_client, tree):
    make_card()
    stream = LessonPage._meta.get_field("body").stream_block
    for name in ("checklist", "callout", "contact"):
        block_id = stream.child_blocks[name].definition_prefix
        response = admin_client.get("/admin/block-preview/", {"id": block_id})
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "css/safar.css" in html, name
