"""The certificate PDF (reportlab): one A4-landscape page, the project's Noto
Sans embedded (a subset, so Tajik letters print whatever the reader has), a
QR code (segno) drawn as vector squares, images from the template.

`render_certificate_pdf(data)` takes a plain `PrintData`, so the same code
renders issued certificates and the admin's sample preview."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import segno
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from core.numbers import format_number

FONT_DIR = Path(settings.BASE_DIR) / "lms" / "fonts"
REGULAR, BOLD = "SafarSans", "SafarSans-Bold"
PAGE_W, PAGE_H = landscape(A4)
MARGIN = 42
INK = HexColor("#1b2a3a")
ACCENT = HexColor("#0b6e4f")
MUTED = HexColor("#4a5868")


@cache
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "NotoSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "NotoSans-Bold.ttf")))


@dataclass
class SignatoryPrint:
    name: str
    title: str
    signature: bytes | None = None


@dataclass
class PrintData:
    holder_name: str
    course_title: str
    hours: float
    completed_on: date
    issuer: str
    serial: str
    display_code: str
    verify_url: str
    language: str = "tg"
    expires_on: date | None = None
    background: bytes | None = None
    logo: bytes | None = None
    signatories: list[SignatoryPrint] = field(default_factory=list)
    sample: bool = False
    # "Completed in a session at <place>" (a face-to-face session, blended app).
    session_place: str = ""


def qr_payload(verify_url: str) -> segno.QRCode:
    """The QR code printed on the certificate: the public verification URL."""
    return segno.make(verify_url, error="m", micro=False)


def fit_lines(text: str, font: str, size: float, min_size: float, width: float, max_lines: int = 2):
    """Shrink `text` until it fits `width` on one line; at the smallest size,
    wrap on spaces over up to `max_lines` lines (then shrink further). Never
    returns a line wider than `width`."""
    size = float(size)
    while size > min_size and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return size, [text]
    while True:
        lines = _wrap(text, font, size, width)
        if len(lines) <= max_lines and all(
            pdfmetrics.stringWidth(line, font, size) <= width for line in lines
        ):
            return size, lines
        size -= 0.5
        if size < 6:
            return size, _hard_wrap(text, font, size, width)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if pdfmetrics.stringWidth(candidate, font, size) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _hard_wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines, current = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(current + ch, font, size) > width and current:
            lines.append(current)
            current = ch.lstrip()
        else:
            current += ch
    return lines + ([current] if current else [])


def _centred(c, lines, font, size, y, leading=1.2, colour=INK) -> float:
    c.setFont(font, size)
    c.setFillColor(colour)
    for line in lines:
        c.drawCentredString(PAGE_W / 2, y, line)
        y -= size * leading
    return y


def _draw_qr(c, qr: segno.QRCode, x: float, y: float, size: float) -> None:
    matrix = [list(row) for row in qr.matrix_iter(scale=1, border=0)]
    modules = len(matrix)
    cell = size / modules
    c.setFillColor(Color(1, 1, 1))
    c.rect(x - 4, y - 4, size + 8, size + 8, stroke=0, fill=1)
    c.setFillColor(Color(0, 0, 0))
    path = c.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 1) * cell
        for col_index, dark in enumerate(row):
            if dark:
                path.rect(x + col_index * cell, top, cell, cell)
    c.drawPath(path, stroke=0, fill=1)


def _number(value: float, language: str) -> str:
    """A number as the site writes it in `language` ("2,5" in Tajik and Russian,
    "2.5" in English; no ",0" for whole numbers)."""
    with translation.override(language):
        return format_number(Decimal(str(value)))


def _date(value: date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(value, "j.m.Y")


def render_certificate_pdf(data: PrintData) -> bytes:
    register_fonts()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
    with translation.override(data.language):
        c.setTitle(f"{_('Certificate')} {data.serial}")
        c.setAuthor(data.issuer.splitlines()[0] if data.issuer else "Safar")
        c.setSubject(f"{data.holder_name} — {data.course_title}")
        _draw_page(c, data)
    c.showPage()
    c.save()
    return out.getvalue()


def render_certificates_pdf(datas: list[PrintData], *, title: str = "") -> bytes:
    """Several certificates as one PDF, one A4-landscape page each (a batch to
    print for attendees of a session)."""
    register_fonts()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
    c.setTitle(title or _("Certificates"))
    for data in datas:
        with translation.override(data.language):
            _draw_page(c, data)
        c.showPage()
    c.save()
    return out.getvalue()


def _draw_page(c, data: PrintData) -> None:
    width = PAGE_W - 2 * MARGIN - 40
    if data.background:
        c.drawImage(ImageReader(io.BytesIO(data.background)), 0, 0, PAGE_W, PAGE_H)
    else:
        c.setStrokeColor(ACCENT)
        c.setLineWidth(3)
        c.rect(MARGIN / 2, MARGIN / 2, PAGE_W - MARGIN, PAGE_H - MARGIN)
        c.setLineWidth(0.8)
        c.rect(MARGIN / 2 + 6, MARGIN / 2 + 6, PAGE_W - MARGIN - 12, PAGE_H - MARGIN - 12)
    y = PAGE_H - MARGIN - 10
    if data.logo:
        logo = ImageReader(io.BytesIO(data.logo))
        lw, lh = logo.getSize()
        h = 48
        w = lw * h / lh
        c.drawImage(logo, (PAGE_W - w) / 2, y - h, w, h, mask="auto")
        y -= h + 14
    issuer_lines = [line for line in data.issuer.splitlines() if line.strip()] or [""]
    for line in issuer_lines[:3]:
        size, lines = fit_lines(line.strip(), REGULAR, 11, 7, width, max_lines=1)
        y = _centred(c, lines, REGULAR, size, y, colour=MUTED)
    y -= 30
    heading = _("Certificate").upper()
    y = _centred(c, [heading], BOLD, 34, y, colour=ACCENT) - 10
    y = _centred(c, [_("This certifies that")], REGULAR, 13, y, colour=MUTED) - 10
    size, lines = fit_lines(data.holder_name, BOLD, 32, 16, width, max_lines=2)
    y = _centred(c, lines, BOLD, size, y - size * 0.2) - 6
    y = _centred(c, [_("has completed the course")], REGULAR, 13, y, colour=MUTED) - 6
    size, lines = fit_lines(data.course_title, BOLD, 20, 11, width, max_lines=2)
    y = _centred(c, lines, BOLD, size, y) - 2
    hours = _number(data.hours, data.language)
    details = _("%(hours)s hours of study · completed on %(date)s") % {
        "hours": hours,
        "date": _date(data.completed_on, data.language),
    }
    y = _centred(c, [details], REGULAR, 12, y)
    if data.session_place:
        where = _("Completed in a session at %(place)s") % {"place": data.session_place}
        size, lines = fit_lines(where, REGULAR, 11, 7, width, max_lines=1)
        y = _centred(c, lines, REGULAR, size, y, colour=MUTED)
    if data.expires_on:
        valid = _("Valid until %(date)s") % {"date": _date(data.expires_on, data.language)}
        _centred(c, [valid], BOLD, 12, y, colour=ACCENT)

    # Signatures along the bottom, between the serial block and the QR code.
    qr_size = 92
    sig_left, sig_right = MARGIN + 150, PAGE_W - MARGIN - qr_size - 40
    people = data.signatories[:3]
    if people:
        slot = (sig_right - sig_left) / len(people)
        for i, person in enumerate(people):
            cx = sig_left + slot * (i + 0.5)
            base = MARGIN + 46
            if person.signature:
                image = ImageReader(io.BytesIO(person.signature))
                iw, ih = image.getSize()
                h = 40
                w = min(iw * h / ih, slot - 20)
                c.drawImage(image, cx - w / 2, base + 4, w, h, mask="auto")
            c.setStrokeColor(MUTED)
            c.setLineWidth(0.6)
            c.line(cx - min(slot / 2 - 10, 90), base, cx + min(slot / 2 - 10, 90), base)
            size, lines = fit_lines(person.name, BOLD, 10, 6, slot - 12, max_lines=1)
            c.setFont(BOLD, size)
            c.setFillColor(INK)
            c.drawCentredString(cx, base - 12, lines[0])
            size, lines = fit_lines(person.title, REGULAR, 8.5, 5.5, slot - 12, max_lines=2)
            c.setFont(REGULAR, size)
            c.setFillColor(MUTED)
            for n, line in enumerate(lines):
                c.drawCentredString(cx, base - 23 - n * size * 1.15, line)

    # Serial number and verification code, bottom left; the QR code, bottom right.
    c.setFillColor(INK)
    c.setFont(REGULAR, 8.5)
    left = MARGIN + 6
    c.drawString(left, MARGIN + 40, _("Serial number"))
    c.setFont(BOLD, 10)
    c.drawString(left, MARGIN + 28, data.serial)
    c.setFont(REGULAR, 8.5)
    c.drawString(left, MARGIN + 14, _("Verification code"))
    c.setFont(BOLD, 9)
    c.drawString(left, MARGIN + 3, data.display_code)
    qr_x, qr_y = PAGE_W - MARGIN - qr_size - 4, MARGIN + 8
    _draw_qr(c, qr_payload(data.verify_url), qr_x, qr_y, qr_size)
    c.setFont(REGULAR, 6.5)
    c.setFillColor(MUTED)
    c.drawCentredString(qr_x + qr_size / 2, qr_y - 10, _("Scan to verify"))
    if data.sample:
        c.saveState()
        c.setFillColor(Color(0.8, 0.1, 0.1, alpha=0.25))
        c.setFont(BOLD, 90)
        c.translate(PAGE_W / 2, PAGE_H / 2)
        c.rotate(20)
        c.drawCentredString(0, 0, _("SAMPLE"))
        c.restoreState()
