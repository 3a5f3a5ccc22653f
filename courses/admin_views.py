"""Reports in the Wagtail admin (Reports › Learners and courses), for users with the permission
courses.view_reports: a page per track with a period and an optional course, and
the same report as CSV (`?format=csv`). The figures come from courses.reports."""

import csv
import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.tracks import Track

from . import reports
from .access import can_see_track, visible_courses
from .approvals import enrollment_requests_decided, enrollment_requests_pending

PERMISSION = "courses.view_reports"
# The years a period may cover (the platform has no records before it started).
FIRST_YEAR, LAST_YEAR = 2020, 2100

BUILDERS = {Track.MIGRANT.value: reports.migrant_report, Track.STAFF.value: reports.staff_report}


def _check(request, track: str) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    if track not in BUILDERS or not can_see_track(request.user, track):
        raise Http404


class ReportForm(forms.Form):
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=gettext_lazy("To (included)"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All courses of the track"),
    )

    def __init__(self, *args, track: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = reports.report_courses(track)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        for name in ("date_from", "date_to"):
            day = data.get(name)
            if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
                self.add_error(
                    name,
                    _("Choose a date between %(first)s and %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period is after its end."))
        return data


def _form(request, track: str) -> ReportForm:
    if any(key in request.GET for key in ("date_from", "date_to", "course")):
        return ReportForm(request.GET, track=track)
    today = timezone.localdate()
    initial = {"date_from": today.replace(month=1, day=1).isoformat(), "date_to": today.isoformat()}
    return ReportForm(initial, track=track)


def report_index(request):
    _check(request, Track.MIGRANT.value)
    return redirect("courses_reports", track=Track.MIGRANT.value)


def report(request, track: str):
    _check(request, track)
    form = _form(request, track)
    result = None
    if form.is_valid():
        result = BUILDERS[track](
            date_from=form.cleaned_data["date_from"],
            date_to=form.cleaned_data["date_to"],
            course=form.cleaned_data["course"],
        )
        if request.GET.get("format") == "csv":
            return _csv(result)
    tabs = [
        {"track": value, "label": label, "current": value == track}
        for value, label in Track.choices
        if can_see_track(request.user, value)
    ]
    title = _("Reports: %(track)s") % {"track": Track(track).label}
    return TemplateResponse(
        request,
        "courses/admin/report.html",
        {
            "form": form,
            "report": result,
            "tabs": tabs,
            "track": track,
            "csv_query": _csv_query(request),
            "header_title": title,
            "page_title": title,
        },
        status=200 if form.is_valid() else 400,
    )


def _csv_query(request) -> str:
    query = request.GET.copy()
    query["format"] = "csv"
    return query.urlencode()


def _csv(result: reports.Report) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # a BOM, so that Excel reads UTF-8 (Cyrillic)
    writer = csv.writer(response)
    writer.writerow([_("Section"), _("Dimension"), _("Value"), _("Measure"), _("Number")])
    for row in reports.report_rows(result):
        writer.writerow(["" if cell is None else cell for cell in row])
    name = f"safar-report-{result.track}-{_iso(result.date_from)}-{_iso(result.date_to)}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _iso(day: datetime.date) -> str:
    return day.isoformat()


# Requests to join a trainer course (Settings › Enrollment requests), for users
# with the permission courses.approve_enrollment.
APPROVE_PERMISSION = "courses.approve_enrollment"


def _check_approver(request) -> None:
    if not request.user.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied


def enrollment_requests(request):
    _check_approver(request)
    return TemplateResponse(
        request,
        "courses/admin/enrollment_requests.html",
        {
            "pending": enrollment_requests_pending(approver=request.user),
            "decided": enrollment_requests_decided(approver=request.user),
            "header_title": _("Enrollment requests"),
        },
    )


@require_POST
def enrollment_request_decide(request, pk: int):
    from .exceptions import CoursesError
    from .models import Enrollment
    from .services import enrollment_approve, enrollment_refuse

    _check_approver(request)
    decision = request.POST.get("decision")
    if decision not in ("approve", "refuse"):
        return HttpResponseBadRequest(_("Choose to approve or to refuse the request."))
    # Waiting requests, and refused ones (an administrator may change their mind),
    # of the tracks the approver may see; anything else is 404.
    enrollment = get_object_or_404(
        Enrollment.objects.filter(
            status__in=[Enrollment.Status.PENDING, Enrollment.Status.REFUSED],
            course__in=visible_courses(request.user),
        ).select_related("user", "user__learner_profile", "course"),
        pk=pk,
    )
    name = _person(enrollment.user)
    try:
        if decision == "approve":
            enrollment_approve(enrollment=enrollment, approved_by=request.user)
            messages.success(
                request,
                _("%(name)s may now take %(course)s.")
                % {"name": name, "course": enrollment.course.title},
            )
        else:
            enrollment_refuse(enrollment=enrollment, refused_by=request.user)
            messages.warning(
                request,
                _("The request of %(name)s to join %(course)s is refused.")
                % {"name": name, "course": enrollment.course.title},
            )
    except CoursesError as exc:
        messages.error(request, f"{name}: {exc}")
    return redirect("courses_enrollment_requests")


def _person(user) -> str:
    profile = getattr(user, "learner_profile", None)
    return (profile.full_name if profile else "") or user.get_full_name() or user.username
