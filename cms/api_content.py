"""A lesson's body as structured JSON, for apps and the offline copy: one dict
per block, `{"type": ..., ...}`. Text is the rich text as HTML with links
resolved (authors can only use the editor's few features, and Wagtail's rich
text keeps no script); images come as WebP renditions with their sizes; videos
as the player gets them (renditions with byte sizes, HLS, captions, poster,
audio-only)."""

from __future__ import annotations

from wagtail.rich_text import expand_db_html

from media_pipeline.selectors import video_player_context

IMAGE_WIDTHS = (320, 640, 960)


def _html(value) -> str:
    source = getattr(value, "source", value)
    return expand_db_html(str(source or ""))


def _image(value) -> dict | None:
    image = value.get("image")
    if image is None:
        return None
    renditions = []
    for width in IMAGE_WIDTHS:
        rendition = image.get_rendition(f"width-{width}|format-webp")
        renditions.append(
            {
                "url": rendition.url,
                "width": rendition.width,
                "height": rendition.height,
                "bytes": _rendition_bytes(rendition),
            }
        )
    return {"alt": value.get("alt", ""), "caption": value.get("caption", ""),
            "renditions": renditions}  # fmt: skip


def _rendition_bytes(rendition) -> int | None:
    try:
        return rendition.file.size
    except (OSError, ValueError):
        return None


def _document(document) -> dict | None:
    if document is None:
        return None
    try:
        size = document.file.size
    except (OSError, ValueError):
        size = None
    return {"title": document.title, "url": document.url, "bytes": size}


def _contact(card) -> dict | None:
    if card is None:
        return None
    card = card.localized
    return {
        "kind": card.kind,
        "name": card.name,
        "address": card.address,
        "phone": card.phone,
        "email": card.email,
        "website": card.website,
        "hours": card.hours,
        "note": card.note,
    }


def _block(block, *, user) -> dict | None:
    kind, value = block.block_type, block.value
    if kind == "text":
        return {"html": _html(value)}
    if kind == "heading":
        return {"text": value["text"], "level": value["level"]}
    if kind == "image":
        return _image(value)
    if kind == "video":
        player = video_player_context(value.get("video"), user=user)
        return {"caption": value.get("caption", ""), "player": player} if player else None
    if kind == "audio":
        return {"title": value["title"], "file": _document(value.get("audio")),
                "transcript_html": _html(value.get("transcript"))}  # fmt: skip
    if kind == "document":
        return {"title": value.get("title") or "", "description": value.get("description", ""),
                "file": _document(value.get("document"))}  # fmt: skip
    if kind == "callout":
        return {"kind": value["kind"], "title": value.get("title", ""),
                "html": _html(value["text"])}  # fmt: skip
    if kind == "checklist":
        return {"title": value["title"], "items": list(value["items"])}
    if kind == "contact":
        return _contact(value)
    if kind == "faq":
        return {"title": value.get("title", ""),
                "items": [{"question": i["question"], "answer_html": _html(i["answer"])}
                          for i in value["items"]]}  # fmt: skip
    if kind == "quiz":
        quiz = value.get("quiz")
        if quiz is None:
            return None
        quiz = quiz.localized
        return {"quiz": quiz.pk, "title": quiz.title, "role": value.get("role", "lesson")}
    if kind == "practical":
        rubric = value.get("rubric")
        return {"rubric": rubric.pk, "title": rubric.localized.title} if rubric else None
    if kind == "article":
        article = value.get("article")
        if article is None or not article.live:
            return None
        article = article.specific.localized
        return {"title": article.title, "url": article.url, "note": value.get("note", "")}
    return None  # a block type this version does not describe


def lesson_blocks(lesson, *, user) -> list[dict]:
    """The lesson's blocks in order; a block whose content is missing (a video
    not ready, a deleted image) is left out, as the page leaves it out."""
    found = []
    for block in lesson.body:
        data = _block(block, user=user)
        if data is not None:
            found.append({"type": block.block_type, "id": block.id, **data})
    return found
