"""Printable papers of a session: the attendance sheet (A4 portrait, the
project's Noto Sans from certificates/pdf.py, so Tajik letters print) and the
attendees' certificates as one merged PDF (certificates.pdf)."""

from __future__ import annotations

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from certificates.pdf import BOLD, REGULAR, fit_lines, register_fonts, render_certificates_pdf
from certificates.selectors import print_data_for

W, H = A4
MARGIN = 36
INK = HexColor("#1b2a3a")
MUTED = HexColor("#4a5868")
ROW = 24


def _columns():
    return [
        ("#", 22),
        (_("Full name"), 150),
        (_("Gender"), 44),
        (_("Born"), 40),
        (_("District"), 70),
        (_("Phone"), 70),
        (_("Consent"), 46),
        (_("Present"), 40),
        (_("Quiz %"), 39),
    ]


PRESENT_COLUMN = 7


def _tick(c, x, y):
    """A tick drawn with lines (the embedded font subset has no ✓)."""
    c.saveState()
    c.setStrokeColor(INK)
    c.setLineWidth(1.6)
    path = c.beginPath()
    path.moveTo(x, y + 4)
    path.lineTo(x + 3.5, y)
    path.lineTo(x + 10, y + 9)
    c.drawPath(path, stroke=1, fill=0)
    c.restoreState()


def _cell(c, text, x, y, width, font=REGULAR, size=8.5):
    size, lines = fit_lines(str(text or ""), font, size, 5.5, width - 4, max_lines=1)
    c.setFont(font, size)
    c.drawString(x + 2, y, lines[0] if lines else "")


def attendance_sheet_pdf(*, session, registrations, language: str) -> bytes:
    register_fonts()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, pageCompression=1)
    with translation.override(language):
        c.setTitle(_("Attendance sheet"))
        columns = _columns()
        rows = list(registrations)
        # Empty lines for people who come without registering.
        blank = max(5, min(15, session.capacity - len(rows)))
        entries = rows + [None] * blank
        page = 1
        y = _header(c, session, page)
        for number, registration in enumerate(entries, start=1):
            if y < MARGIN + ROW * 2:
                _footer(c, session)
                c.showPage()
                page += 1
                y = _header(c, session, page)
            x = MARGIN
            c.setFillColor(INK)
            values = [str(number), "", "", "", "", "", "", "", ""]
            attendance = None
            if registration is not None:
                attendance = getattr(registration, "attendance", None)
                values = [
                    str(number),
                    registration.name,
                    registration.get_gender_display() if registration.gender else "",
                    str(registration.birth_year or ""),
                    registration.district,
                    registration.phone or (registration.user.phone if registration.user else ""),
                    registration.get_consent_display(),
                    "",
                    ""
                    if attendance is None or attendance.quiz_score is None
                    else str(attendance.quiz_score),
                ]
            for index, ((_title, width), value) in enumerate(zip(columns, values, strict=True)):
                _cell(c, value, x, y - ROW + 8, width)
                if index == PRESENT_COLUMN and attendance is not None:
                    _tick(c, x + width / 2 - 5, y - ROW + 7)
                x += width
            c.setStrokeColor(MUTED)
            c.setLineWidth(0.4)
            c.line(MARGIN, y - ROW, W - MARGIN, y - ROW)
            y -= ROW
        _footer(c, session)
        c.showPage()
    c.save()
    return out.getvalue()


def _header(c, session, page: int) -> float:
    place = session.place
    starts = timezone.localtime(session.starts_at)
    ends = timezone.localtime(session.ends_at)
    y = H - MARGIN
    c.setFillColor(INK)
    c.setFont(BOLD, 15)
    c.drawString(MARGIN, y - 14, _("Attendance sheet"))
    c.setFont(REGULAR, 8.5)
    c.drawRightString(W - MARGIN, y - 12, _("Page %(number)s") % {"number": page})
    y -= 34
    width = W - 2 * MARGIN
    trainer = session.trainer.get_full_name() or session.trainer.username
    for label, value in [
        (_("Course"), session.course.title),
        (
            _("Place"),
            f"{place.name} ({place.get_kind_display()}), {place.address}, "
            f"{place.district}, {place.get_region_display()}",
        ),
        (_("Date and time"), f"{starts:%d.%m.%Y} {starts:%H:%M}–{ends:%H:%M} (Asia/Dushanbe)"),
        (_("Trainer"), trainer),
    ]:
        text = f"{label}: {value}"
        size, lines = fit_lines(text, REGULAR, 10, 6.5, width, max_lines=1)
        c.setFont(REGULAR, size)
        c.drawString(MARGIN, y, lines[0])
        y -= 14
    y -= 6
    c.setFont(BOLD, 8.5)
    x = MARGIN
    for title, width in _columns():
        _cell(c, title, x, y - 12, width, font=BOLD)
        x += width
    c.setStrokeColor(INK)
    c.setLineWidth(0.8)
    c.line(MARGIN, y - 18, W - MARGIN, y - 18)
    return y - 18


def _footer(c, session) -> None:
    c.setFont(REGULAR, 8)
    c.setFillColor(MUTED)
    line = _("Trainer's signature") + ": ______________________"
    c.drawString(MARGIN, MARGIN, line)
    stamp = _("Printed %(date)s · Safar") % {
        "date": timezone.localtime().strftime("%d.%m.%Y %H:%M")
    }
    c.drawRightString(W - MARGIN, MARGIN, stamp)


def certificates_batch_pdf(certificates) -> bytes:
    """The attendees' certificates, one A4 page each, as one PDF."""
    return render_certificates_pdf([print_data_for(c) for c in certificates])
