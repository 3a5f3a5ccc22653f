"""Pages of face-to-face sessions, /<lang>/sessions/ (plain HTML, no JavaScript
needed; the trainer's session page adds a small script for offline marks).

Trainer pages (/sessions/trainer/...) answer 404 to anyone who is not verified
ministry staff, and a session of another trainer is a 404 like a missing one."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from certificates.pdf import qr_payload
from core.parsers import loads

from . import qr, selectors, services
from .exceptions import BlendedError
from .forms import SessionForm, UpcomingFilterForm, WalkInForm
from .models import Registration, Session
from .pdf import attendance_sheet_pdf, certificates_batch_pdf

MAX_SYNC_BODY = 256 * 1024


def _trainer(request):
    if not selectors.may_see_trainer_pages(request.user):
        raise Http404
    return request.user


def _own_session(request, pk) -> Session:
    trainer = _trainer(request)
    session = selectors.trainer_session(trainer, pk)
    if session is None:
        raise Http404
    return session


def _fail(request, error: BlendedError):
    messages.error(request, str(error.message))


# --- Trainer pages ------------------------------------------------------------


@require_GET
def trainer_sessions(request):
    trainer = _trainer(request)
    return render(
        request,
        "blended/trainer_sessions.html",
        {
            "sessions": selectors.trainer_sessions(trainer),
            "certificate": selectors.trainer_certificate(trainer),
        },
    )


def session_create(request):
    trainer = _trainer(request)
    certificate = selectors.trainer_certificate(trainer)
    form = SessionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = services.session_create(
                    trainer=trainer,
                    course=data["course"],
                    place=data["place"],
                    starts_at=data["starts_at"],
                    ends_at=data["ends_at"],
                    language=data["language"],
                    capacity=data["capacity"],
                    quiz_required=data["quiz_required"],
                    pass_mark=data.get("pass_mark"),
                )
            except BlendedError as error:
                form.add_error(None, str(error.message))
                status = error.status
            else:
                messages.success(request, _("The session is planned."))
                return redirect("blended:trainer_session", pk=session.pk)
        else:
            status = 400
    return render(
        request,
        "blended/session_form.html",
        {"form": form, "certificate": certificate},
        status=status,
    )


@require_GET
def trainer_session(request, pk):
    session = _own_session(request, pk)
    registrations = selectors.session_registrations(session)
    today = timezone.localdate() == session.local_date
    return render(
        request,
        "blended/trainer_session.html",
        {
            "session": session,
            "registrations": registrations,
            "taken": len(registrations),
            "today": today,
            "certified": selectors.is_certified_trainer(request.user),
            "certificates": len(selectors.session_certificates(session)),
            "sync_url": reverse("blended:marks_sync"),
        },
    )


@require_POST
def session_start(request, pk):
    session = _own_session(request, pk)
    try:
        services.session_start(session=session, trainer=request.user)
    except BlendedError as error:
        _fail(request, error)
    else:
        messages.success(request, _("The session has started."))
    return redirect("blended:trainer_session", pk=session.pk)


@require_POST
def session_cancel(request, pk):
    session = _own_session(request, pk)
    try:
        services.session_cancel(session=session, trainer=request.user)
    except BlendedError as error:
        _fail(request, error)
    else:
        messages.success(request, _("The session is cancelled."))
    return redirect("blended:trainer_session", pk=session.pk)


def _registration_ids(values) -> list[int]:
    ids = []
    for value in values:
        if str(value).isdigit() and len(str(value)) < 18:
            ids.append(int(value))
    return ids


@require_POST
def attendance_mark(request, pk):
    """The list's checkboxes (without JavaScript): each checked registration
    of this session is marked present."""
    session = _own_session(request, pk)
    ids = _registration_ids(request.POST.getlist("present"))
    registrations = Registration.objects.filter(session=session, pk__in=ids)
    marked = 0
    for registration in registrations:
        try:
            _attendance, created = services.attendance_mark(
                trainer=request.user, registration=registration
            )
        except BlendedError as error:
            _fail(request, error)
            break
        marked += created
    if marked:
        messages.success(request, _("%(count)s marked present.") % {"count": marked})
    elif not ids:
        messages.error(request, _("Tick the people who are here, then save."))
    return redirect("blended:trainer_session", pk=session.pk)


@require_POST
def quiz_scores(request, pk):
    session = _own_session(request, pk)
    saved = 0
    for registration in Registration.objects.filter(session=session, attendance__isnull=False):
        value = request.POST.get(f"score-{registration.pk}", "").strip()
        if value == "":
            continue
        try:
            services.quiz_score_record(trainer=request.user, registration=registration, score=value)
        except BlendedError as error:
            messages.error(request, f"{registration.name}: {error.message}")
        else:
            saved += 1
    if saved:
        messages.success(request, _("%(count)s scores saved.") % {"count": saved})
    return redirect("blended:trainer_session", pk=session.pk)


def walk_in(request, pk):
    session = _own_session(request, pk)
    form = WalkInForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                registration = services.registration_walk_in(
                    session=session, trainer=request.user, **form.cleaned_data
                )
            except BlendedError as error:
                form.add_error(None, str(error.message))
                status = error.status
            else:
                messages.success(
                    request, _("%(name)s is registered.") % {"name": registration.name}
                )
                return redirect("blended:trainer_session", pk=session.pk)
        else:
            status = 400
    return render(
        request, "blended/walk_in.html", {"session": session, "form": form}, status=status
    )


@require_GET
def session_qr(request, pk):
    """The code attendees scan, renewed every minute (the page reloads)."""
    session = _own_session(request, pk)
    now = timezone.now()
    opens, closes = qr.qr_window(session)
    context = {"session": session, "opens": opens, "closes": closes, "refresh": 60}
    if session.status == Session.Status.CANCELLED:
        context["problem"] = _("This session was cancelled.")
    elif not selectors.is_certified_trainer(request.user):
        context["problem"] = str(services.NotCertified.default_message)
    elif not opens <= now <= closes:
        context["problem"] = _("The code is shown only during the session.")
    else:
        token = qr.qr_token(session)
        url = settings.SITE_URL + reverse("blended:scan", kwargs={"token": token})
        context["url"] = url
        context["svg"] = qr_payload(url).svg_inline(scale=6, border=2, dark="#000")
    response = render(request, "blended/session_qr.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def attendance_sheet(request, pk):
    session = _own_session(request, pk)
    pdf = attendance_sheet_pdf(
        session=session,
        registrations=selectors.session_registrations(session),
        language=get_language(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="attendance-{session.pk}.pdf"'
    return response


@require_GET
def certificates_batch(request, pk):
    session = _own_session(request, pk)
    certificates = selectors.session_certificates(session)
    if not certificates:
        messages.error(request, _("No attendee of this session has a certificate yet."))
        return redirect("blended:trainer_session", pk=session.pk)
    response = HttpResponse(certificates_batch_pdf(certificates), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificates-{session.pk}.pdf"'
    return response


@require_POST
def marks_sync(request):
    """Marks taken on the trainer's phone, maybe offline, sent as JSON
    {"marks": [{"id": uuid, "registration": id, "at": ISO time}, ...]}
    (CSRF token in the X-CSRFToken header, the trainer's signed-in session).
    Each mark is answered on its own."""
    trainer = _trainer(request)
    if len(request.body) > MAX_SYNC_BODY:
        return JsonResponse({"error": _("Too many marks at once.")}, status=400)
    try:
        data = loads(request.body or b"null")  # the API's size and depth limits
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": _("The body is not JSON.")}, status=400)
    marks = data.get("marks") if isinstance(data, dict) else None
    if not isinstance(marks, list):
        return JsonResponse({"error": _('Send {"marks": [...]}.')}, status=400)
    if len(marks) > services.MAX_SYNC_MARKS:
        return JsonResponse({"error": _("Too many marks at once.")}, status=400)
    return JsonResponse({"results": services.marks_sync(trainer=trainer, marks=marks)})


# --- Migrants ---------------------------------------------------------------------


@require_GET
def upcoming(request):
    form = UpcomingFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "blended/upcoming.html", {"form": form, "sessions": []}, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    sessions = selectors.upcoming_sessions(
        region=filters.get("region", ""),
        language=filters.get("language", ""),
        day=filters.get("day"),
    )
    return render(request, "blended/upcoming.html", {"form": form, "sessions": sessions[:100]})


@require_GET
def session_detail(request, pk):
    session = selectors.visible_session(pk)
    if session is None:
        raise Http404
    return render(
        request,
        "blended/session_detail.html",
        {
            "session": session,
            "registration": selectors.registration_of(user=request.user, session=session),
            "taken": selectors.seats_taken(session),
        },
    )


@login_required
@require_POST
def register(request, pk):
    session = selectors.visible_session(pk)
    if session is None:
        raise Http404
    try:
        services.registration_online(session=session, user=request.user)
    except BlendedError as error:
        _fail(request, error)
    else:
        messages.success(request, _("You are registered. We will remind you the day before."))
    return redirect("blended:session", pk=session.pk)


@login_required
@require_GET
def my_sessions(request):
    return render(
        request,
        "blended/my_sessions.html",
        {"registrations": selectors.my_registrations(request.user)},
    )


@login_required
def scan(request, token):
    """What the QR code opens: a signed-in learner confirms they are here."""
    if request.method == "POST":
        try:
            attendance = services.attendance_by_qr(token=token, user=request.user)
        except BlendedError as error:
            return render(
                request, "blended/scan.html", {"error": error.message}, status=error.status
            )
        return render(request, "blended/scan.html", {"attendance": attendance})
    try:
        session = qr.qr_session(token)
    except BlendedError as error:
        return render(request, "blended/scan.html", {"error": error.message}, status=error.status)
    return render(request, "blended/scan.html", {"token": token, "session": session})


@require_GET
def report(request):
    if not request.user.is_authenticated or not request.user.has_perm("courses.view_reports"):
        raise Http404
    return render(request, "blended/report.html", selectors.report_counts())
