"""Referral cases in the Wagtail admin (menu "Referral cases"), for counsellors
with the permission referrals.view_case (the "MRC counsellors" group): the list
with filters, a case (every opening is logged and the log is shown on it),
counselling, referral and closing (referrals.change_case). Anyone else gets 404
for every case URL, existing or not. The counts-only report (Reports ›
Referral cases, referrals.view_case_report), also as CSV."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import reports, services
from .exceptions import ReferralError
from .forms import CaseFilterForm, CaseReportForm, CounsellingForm, ReferralForm
from .selectors import (
    CASE_CHANGE_PERMISSION,
    CASE_PERMISSION,
    REPORT_PERMISSION,
    case_for_counsellor,
    cases_for_counsellor,
)

PER_PAGE = 50


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise Http404


def case_list(request):
    _require(request, CASE_PERMISSION)
    form = CaseFilterForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    filters = form.cleaned_data if form.is_bound and valid else {}
    rows = cases_for_counsellor(
        status=filters.get("status", ""),
        topic=filters.get("topic", ""),
        region=filters.get("region", ""),
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "referrals/admin/cases.html",
        {
            "form": form,
            "page": page if valid else None,
            "query": query.urlencode(),
            "header_title": _("Referral cases"),
            "page_title": _("Referral cases"),
        },
        status=200 if valid else 400,
    )


def _case(request, case_id: int):
    case = case_for_counsellor(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    return case


def _detail(request, case, *, counselling=None, referral=None, error="", status=200):
    services.case_open(case=case, user=request.user)
    may_change = request.user.has_perm(CASE_CHANGE_PERMISSION)
    profile = getattr(case.user, "learner_profile", None) if case.user_id else None
    return TemplateResponse(
        request,
        "referrals/admin/case.html",
        {
            "case": case,
            "profile": profile,
            "may_change": may_change and case.status != case.Status.CLOSED,
            "counselling_form": counselling or CounsellingForm(initial={"topic": case.topic}),
            "referral_form": referral or ReferralForm(),
            "error": error,
            "accesses": case.accesses.select_related("user").all(),
            "header_title": _("Referral case no. %(number)s") % {"number": case.pk},
            "page_title": _("Referral case no. %(number)s") % {"number": case.pk},
        },
        status=status,
    )


def case_detail(request, case_id: int):
    _require(request, CASE_PERMISSION)
    return _detail(request, _case(request, case_id))


def _change(request, case_id: int):
    _require(request, CASE_PERMISSION)
    _require(request, CASE_CHANGE_PERMISSION)
    return _case(request, case_id)


@require_POST
def case_counselling(request, case_id: int):
    case = _change(request, case_id)
    form = CounsellingForm(request.POST)
    if not form.is_valid():
        return _detail(request, case, counselling=form, status=400)
    try:
        services.counselling_record(case=case, counsellor=request.user, **form.cleaned_data)
    except ReferralError as exc:
        return _detail(request, _case(request, case_id), error=str(exc), status=exc.status)
    messages.success(request, _("The counselling session is recorded."))
    return redirect("referrals_case", case_id=case.pk)


@require_POST
def case_refer(request, case_id: int):
    case = _change(request, case_id)
    form = ReferralForm(request.POST)
    if not form.is_valid():
        return _detail(request, case, referral=form, status=400)
    try:
        services.referral_make(
            case=case,
            counsellor=request.user,
            organisation_id=form.cleaned_data["organisation"].pk,
            note=form.cleaned_data["note"],
        )
    except ReferralError as exc:
        return _detail(request, _case(request, case_id), error=str(exc), status=exc.status)
    messages.success(request, _("The referral is recorded and the person is told by SMS."))
    return redirect("referrals_case", case_id=case.pk)


@require_POST
def case_close(request, case_id: int):
    case = _change(request, case_id)
    try:
        services.case_close(case=case, closed_by=request.user)
    except ReferralError as exc:
        return _detail(request, _case(request, case_id), error=str(exc), status=exc.status)
    messages.success(request, _("The case is closed."))
    return redirect("referrals_case", case_id=case.pk)


def _report_form(request) -> CaseReportForm:
    if any(key in request.GET for key in ("date_from", "date_to")):
        return CaseReportForm(request.GET)
    today = timezone.localdate()
    return CaseReportForm(
        {"date_from": today.replace(month=1, day=1).isoformat(), "date_to": today.isoformat()}
    )


def case_report(request):
    _require(request, REPORT_PERMISSION)
    form = _report_form(request)
    result = None
    if form.is_valid():
        result = reports.case_report(
            date_from=form.cleaned_data["date_from"], date_to=form.cleaned_data["date_to"]
        )
        if request.GET.get("format") == "csv":
            return _csv(result)
    query = request.GET.copy()
    query["format"] = "csv"
    title = _("Referral cases: counts")
    return TemplateResponse(
        request,
        "referrals/admin/report.html",
        {
            "form": form,
            "report": result,
            "csv_query": query.urlencode(),
            "suppress_below": reports.SUPPRESS_BELOW,
            "header_title": title,
            "page_title": title,
        },
        status=200 if form.is_valid() else 400,
    )


def _csv(result) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # a BOM, so that Excel reads UTF-8 (Cyrillic)
    writer = csv.writer(response)
    writer.writerow([_("Section"), _("Value"), _("Measure"), _("People")])
    for row in reports.report_rows(result):
        writer.writerow(row)
    name = f"safar-referrals-{result.date_from.isoformat()}-{result.date_to.isoformat()}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
