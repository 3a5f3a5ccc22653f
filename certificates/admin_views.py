"""Certificates in the Wagtail admin (menu "Certificates"), for MRC
administrators (permission certificates.revoke_certificate): find a
certificate, revoke or re-issue it with a reason, download a cohort's PDFs as
one ZIP, preview a template as a sample PDF."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.access import can_see_track, visible_courses
from courses.models import Cohort

from . import codes, selectors, services
from .exceptions import CertificatesError
from .models import Certificate, CertificateTemplate

PERMISSION = "certificates.revoke_certificate"


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (kept in the audit trail)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        min_length=3,
        max_length=1000,
    )


class ReissueForm(RevokeForm):
    holder_name = forms.CharField(
        label=gettext_lazy("Name to print (leave as it is to keep it)"),
        max_length=services.MAX_NAME_LENGTH,
        min_length=2,
    )


def certificate_list(request):
    _check(request)
    query = request.GET.get("q", "").strip()
    certificates = Certificate.objects.select_related("course").order_by("-issued_at")
    if query:
        code = codes.normalise(query)
        certificates = certificates.filter(
            Q(code=code) | Q(serial__icontains=query) | Q(holder_name__icontains=query)
        )
    visible = [c for c in certificates[:200] if can_see_track(request.user, c.track)]
    cohorts = Cohort.objects.filter(course__in=visible_courses(request.user)).order_by(
        "-start_date"
    )
    return TemplateResponse(
        request,
        "certificates/admin/list.html",
        {
            "certificates": visible[:100],
            "query": query,
            "cohorts": cohorts,
            "header_title": _("Certificates"),
        },
    )


def _certificate(request, pk) -> Certificate:
    certificate = get_object_or_404(Certificate.objects.select_related("course"), pk=pk)
    if not can_see_track(request.user, certificate.track):
        raise Http404
    return certificate


def certificate_detail(request, pk):
    _check(request)
    certificate = _certificate(request, pk)
    revoke_form = RevokeForm(prefix="revoke")
    reissue_form = ReissueForm(prefix="reissue", initial={"holder_name": certificate.holder_name})
    if request.method == "POST":
        action = request.POST.get("action")
        form = (
            RevokeForm(request.POST, prefix="revoke")
            if action == "revoke"
            else ReissueForm(request.POST, prefix="reissue")
        )
        if form.is_valid():
            try:
                if action == "revoke":
                    services.certificate_revoke(
                        certificate=certificate,
                        actor=request.user,
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, _("The certificate is revoked."))
                    return redirect("certificates_admin_detail", pk=certificate.pk)
                new = services.certificate_reissue(
                    certificate=certificate,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                    holder_name=form.cleaned_data["holder_name"],
                )
                messages.success(
                    request, _("A new certificate was issued: %(serial)s.") % {"serial": new.serial}
                )
                return redirect("certificates_admin_detail", pk=new.pk)
            except CertificatesError as exc:
                form.add_error(None, str(exc))
        if action == "revoke":
            revoke_form = form
        else:
            reissue_form = form
    return TemplateResponse(
        request,
        "certificates/admin/detail.html",
        {
            "certificate": certificate,
            "events": certificate.events.select_related("actor"),
            "replacement": selectors.replacement_of(certificate),
            "revoke_form": revoke_form,
            "reissue_form": reissue_form,
            "header_title": certificate.serial,
        },
        status=400 if request.method == "POST" else 200,
    )


def cohort_zip(request, cohort_id):
    _check(request)
    cohort = get_object_or_404(Cohort, pk=cohort_id, course__in=visible_courses(request.user))
    data = selectors.cohort_zip(cohort)
    response = HttpResponse(data, content_type="application/zip")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="certificates-cohort-{cohort.pk}.zip"'
    )
    return response


def template_preview(request, pk):
    """A sample certificate rendered from the template (nothing recorded)."""
    if not (
        request.user.has_perm("certificates.change_certificatetemplate")
        or request.user.has_perm(PERMISSION)
    ):
        raise PermissionDenied
    template = get_object_or_404(CertificateTemplate, pk=pk)
    if not can_see_track(request.user, template.track):
        raise Http404
    language = request.GET.get("lang")
    if language not in template.language_list():
        language = None
    pdf = services.template_sample_pdf(template=template, language=language)
    from io import BytesIO

    return FileResponse(
        BytesIO(pdf), content_type="application/pdf", filename=f"sample-{template.key}.pdf"
    )
