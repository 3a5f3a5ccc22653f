"""Captions: WebVTT as uploaded, or SubRip (.srt) converted to WebVTT. Validated
cue by cue, so a broken file is refused at upload with a message that says where."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

MAX_CAPTION_BYTES = 2 * 1024 * 1024
_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[.,](\d{3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s+(.*))?$")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str
    settings: str = ""


def _seconds(h, m, s, ms) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def _timestamp(value: float) -> str:
    millis = int(round(value * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or Windows Cyrillic (cp1251,
    which many Russian and Tajik subtitle tools still write)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def parse_cues(text: str) -> list[Cue]:
    """Cues of a WebVTT or SRT text; ValidationError naming the first bad line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    is_vtt = lines[0].lstrip("\ufeff").startswith("WEBVTT")
    cues: list[Cue] = []
    index = 1 if is_vtt else 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        if is_vtt and line.startswith(("NOTE", "STYLE", "REGION")):
            while index < len(lines) and lines[index].strip():
                index += 1
            continue
        first = index
        timing = _TIMING.match(line)
        if not timing and index + 1 < len(lines):
            # A cue identifier (SRT's number) on the line before the timing.
            index += 1
            timing = _TIMING.match(lines[index])
        if not timing:
            raise ValidationError(
                _(
                    "Line %(line)d of the caption file is not a caption timing "
                    "(00:00:01.000 --> 00:00:04.000)."
                )
                % {"line": first + 1}
            )
        groups = timing.groups()
        start, end = _seconds(*groups[0:4]), _seconds(*groups[4:8])
        if end <= start:
            raise ValidationError(
                _("Line %(line)d of the caption file ends before it starts.") % {"line": index + 1}
            )
        index += 1
        body = []
        while index < len(lines) and lines[index].strip():
            body.append(lines[index])
            index += 1
        cues.append(Cue(start, end, "\n".join(body), (groups[8] or "") if is_vtt else ""))
    if not cues:
        raise ValidationError(_("The caption file contains no captions."))
    return cues


def to_webvtt(cues: list[Cue]) -> str:
    blocks = ["WEBVTT"]
    for cue in cues:
        timing = f"{_timestamp(cue.start)} --> {_timestamp(cue.end)}"
        if cue.settings:
            timing += f" {cue.settings}"
        text = cue.text.replace("-->", "\u2192")
        blocks.append(f"{timing}\n{text}" if text else timing)
    return "\n\n".join(blocks) + "\n"


def caption_file_normalize(uploaded) -> ContentFile:
    """The uploaded caption file as validated UTF-8 WebVTT (a new .vtt file)."""
    name = PurePath(getattr(uploaded, "name", "") or "captions").name
    if PurePath(name).suffix.lower() not in {".vtt", ".srt"}:
        raise ValidationError(
            {"file": _("Upload captions as a WebVTT (.vtt) or SubRip (.srt) file.")}
        )
    if uploaded.size > MAX_CAPTION_BYTES:
        raise ValidationError({"file": _("The caption file is larger than 2 MB.")})
    uploaded.seek(0)
    data = uploaded.read()
    try:
        cues = parse_cues(decode_text(data))
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    return ContentFile(to_webvtt(cues).encode("utf-8"), name=f"{PurePath(name).stem}.vtt")
