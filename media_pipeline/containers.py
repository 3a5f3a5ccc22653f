"""Which container an upload is, decided from its own first bytes (never from its
name), and the allow-list of containers the pipeline opens.

ffmpeg's demuxers can read other files: an HLS playlist or a concat/ffconcat
script names files (or URLs) to open, an image2 pattern opens a sequence of
neighbours. So an upload is only ever opened with its container forced to the
one its magic number says (`-f <demuxer>`), handed over as an open file with
no protocol allowed that could open another (see `PROTOCOL_WHITELIST`), and
anything not on the short list below is refused with a message an author
understands.

No Django models here, so the benchmark can use it as is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .exceptions import (
    EmptyFileError,
    ImageFileError,
    NotAVideoError,
    PlaylistFileError,
    SubtitleFileError,
)

HEAD_BYTES = 4096


@dataclass(frozen=True)
class Container:
    name: str  # what we call it (stored in error details and logs)
    demuxer: str  # ffmpeg's input format, forced with -f / av.open(format=)
    # The demuxer's own options that keep it inside the file (mov: no external
    # data references).
    options: tuple[tuple[str, str], ...] = ()


MOV = Container("mp4/mov", "mov", (("enable_drefs", "0"), ("use_absolute_path", "0")))
ALLOWED = {
    "mp4": MOV,
    "3gp": Container("3gp", "mov", MOV.options),
    "m4a": Container("m4a", "mov", MOV.options),
    "matroska": Container("matroska/webm", "matroska"),
    "avi": Container("avi", "avi"),
    "mpegts": Container("mpeg-ts", "mpegts"),
    "ogg": Container("ogg", "ogg"),
    "flv": Container("flv", "flv"),
    "wav": Container("wav", "wav"),
    "mp3": Container("mp3", "mp3"),
}

# Protocols: none that opens a path or a URL. The upload (a private copy in the
# job's scratch folder, see scratch.py) is handed over already open: to ffmpeg
# as a file descriptor (`-fd N -i fd:`), to PyAV as a file object. So no
# `file:` (another local path), `http`, `concat`, `hls`, `subfile`... can be
# opened, whatever a demuxer finds inside the file.
PROTOCOL_WHITELIST = "fd"

_MP4_BOXES = {b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"II*\x00",  # TIFF
    b"MM\x00*",
    b"\x00\x00\x01\x00",  # ICO
    b"qoif",
    b"\x00\x00\x00\x0cjP  ",  # JPEG 2000
)
_SUBTITLE_START = re.compile(
    rb"\A\s*(WEBVTT|\[Script Info\]|<SAMI|<\?xml[^>]*>\s*<tt|<tt[\s>]|\{\d+\}\{\d+\}|"
    rb"\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->)",
    re.IGNORECASE,
)
_CONCAT_LINE = re.compile(rb"^\s*(ffconcat\b|file\s+\S)", re.IGNORECASE | re.MULTILINE)
_PLAYLIST_LINE = re.compile(
    rb"^\s*(#EXTM3U|#EXTINF|#EXT-X-|\[playlist\]|<\?wpl|<asx|<smil|File\d+=)",
    re.IGNORECASE | re.MULTILINE,
)


def _is_text(head: bytes) -> bool:
    if not head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end
            return False
    return b"\x00" not in head


def _mpegts(head: bytes) -> bool:
    for packet, offset in ((188, 0), (192, 4), (204, 0)):
        marks = [offset + packet * i for i in range(3)]
        if len(head) > marks[-1] and all(head[m] == 0x47 for m in marks):
            return True
    return False


def _mp3(head: bytes) -> bool:
    if head.startswith(b"ID3") and len(head) >= 10 and head[3] < 0xFF:
        return True
    # An MPEG audio frame header: 11 sync bits, layer III, a valid bitrate.
    return (
        len(head) >= 4
        and head[0] == 0xFF
        and (head[1] & 0xE6) == 0xE2
        and (head[2] & 0xF0) not in (0x00, 0xF0)
    )


def sniff(head: bytes) -> str | None:
    """The ALLOWED key for these first bytes of a file, or None."""
    if len(head) >= 8 and head[4:8] in _MP4_BOXES:
        brand = head[8:12] if head[4:8] == b"ftyp" else b""
        if brand.startswith((b"3gp", b"3g2")):
            return "3gp"
        if brand in (b"M4A ", b"M4B "):
            return "m4a"
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "matroska"
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return "avi"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"FLV\x01"):
        return "flv"
    if _mpegts(head):
        return "mpegts"
    if _mp3(head):
        return "mp3"
    return None


def detect(path: Path) -> Container:
    """The allowed container of the file at `path`, from its first bytes, or an
    author-readable MediaInputError saying what it is instead."""
    with Path(path).open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head:
        raise EmptyFileError()
    key = sniff(head)
    if key is not None:
        return ALLOWED[key]
    text = head.lstrip(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark
    if head.startswith(_IMAGE_MAGIC) or (head.startswith(b"RIFF") and head[8:12] == b"WEBP"):
        raise ImageFileError(detail="image signature")
    if _is_text(text):
        if _SUBTITLE_START.match(text):
            raise SubtitleFileError(detail="subtitle text")
        if _CONCAT_LINE.search(text):
            raise PlaylistFileError(detail="concat script")
        if _PLAYLIST_LINE.search(text) or text.lstrip().startswith(b"#"):
            raise PlaylistFileError(detail="playlist")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines and all(re.match(rb"^([a-z][a-z0-9+.-]*:|/|\.{0,2}/|\w:\\)", x) for x in lines):
            raise PlaylistFileError(detail="list of paths or URLs")
    raise NotAVideoError(detail=f"unknown signature {head[:16].hex()}")


def open_options(container: Container) -> dict[str, str]:
    """Options for opening the upload (ffmpeg input options, PyAV's options=)."""
    return {"protocol_whitelist": PROTOCOL_WHITELIST, **dict(container.options)}
