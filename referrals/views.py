"""The public service directory, /<lang>/services/ (no sign-in, no JavaScript);
asking for a referral (/<lang>/services/ask/) and the migrant's own requests
(/<lang>/services/my/). Thin: forms validate, services write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import throttle

from . import services
from .exceptions import ReferralError
from .forms import CaseRequestForm, DirectoryFilterForm
from .models import Case
from .selectors import case_of, cases_of, directory, organisation_in_language

THROTTLE_SCOPE = "referral"


def directory_view(request):
    form = DirectoryFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(
            request, "referrals/directory.html", {"form": form, "entries": []}, status=400
        )
    filters = form.cleaned_data if form.is_bound else {}
    entries = directory(
        language=get_language(),
        region=filters.get("region", ""),
        district=filters.get("district", ""),
        service=filters.get("service", ""),
    )
    return render(request, "referrals/directory.html", {"form": form, "entries": entries})


@require_http_methods(["GET", "POST"])
def case_request_view(request):
    """Ask for a referral: signed in, or with a phone number and consent. At most
    SAFAR_LOGIN_MAX_FAILURES requests per person (account or phone) and five
    times that per address in SAFAR_LOGIN_LOCKOUT_SECONDS (accounts.throttle),
    and MAX_OPEN_CASES open requests per person."""
    signed_in = request.user.is_authenticated
    form = CaseRequestForm(request.POST or None, anonymous=not signed_in)
    template = "referrals/ask.html"
    if request.method != "POST":
        return render(request, template, {"form": form})
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    data = form.cleaned_data
    identifier = request.user.username if signed_in else data["phone"]
    if throttle.is_locked_out(request, identifier=identifier, scope=THROTTLE_SCOPE):
        form.add_error(None, _("Too many requests. Wait a few minutes and try again."))
        return render(request, template, {"form": form}, status=429)
    try:
        case = services.case_request(
            user=request.user if signed_in else None,
            phone=data.get("phone", ""),
            consent_given=bool(data.get("consent")),
            topic=data["topic"],
            details=data["details"],
            region=data["region"],
            district=data["district"],
            gender=data.get("gender", ""),
            language=get_language(),
        )
    except ReferralError as exc:
        form.add_error(None, str(exc))
        return render(request, template, {"form": form}, status=exc.status)
    throttle.register_failure(request, identifier=identifier, scope=THROTTLE_SCOPE)  # counts
    messages.success(
        request,
        _("Your request no. %(number)s is sent. A counsellor will contact you.")
        % {"number": case.pk},
    )
    if signed_in:
        return redirect("referrals:my_case", case_id=case.pk)
    return render(request, "referrals/ask_sent.html", {"case": case})


@login_required
def my_cases(request):
    return render(request, "referrals/my_cases.html", {"cases": cases_of(user=request.user)})


STEPS = [Case.Status.NEW, Case.Status.IN_PROGRESS, Case.Status.REFERRED, Case.Status.CLOSED]


@login_required
def my_case(request, case_id: int):
    case = case_of(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    language = get_language()
    reached = STEPS.index(case.status)
    referred = case.referrals.exists()
    steps = [
        {"label": step.label, "done": i <= reached, "current": i == reached}
        for i, step in enumerate(STEPS)
        if step != Case.Status.REFERRED or referred or reached < STEPS.index(step)
    ]
    referrals = [
        {"referral": r, "org": organisation_in_language(r.organisation, language)}
        for r in case.referrals.all()
    ]
    return render(
        request,
        "referrals/my_case.html",
        {"case": case, "steps": steps, "referrals": referrals},
    )
