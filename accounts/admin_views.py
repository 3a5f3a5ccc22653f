"""Staff verification in the Wagtail admin (Settings › Staff verification)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .models import StaffProfile

PERMISSION = "accounts.verify_staff"


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def staff_verification(request):
    _check(request)
    return TemplateResponse(
        request,
        "accounts/admin/staff_verification.html",
        {
            "awaiting": selectors.staff_awaiting_verification(),
            "verified": selectors.staff_recently_verified(),
            "header_title": _("Staff verification"),
        },
    )


@require_POST
def staff_verify(request, pk):
    _check(request)
    profile = get_object_or_404(StaffProfile, pk=pk)
    if request.POST.get("decision") == "withdraw":
        services.staff_unverify(profile=profile)
        messages.warning(request, _("Verification withdrawn for %(user)s.") % {"user": profile})
    else:
        services.staff_verify(profile=profile, verified_by=request.user)
        messages.success(request, _("%(user)s is verified.") % {"user": profile})
    return redirect("accounts_staff_verification")
