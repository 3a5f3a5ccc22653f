"""Sign-up, sign-in, profile, data export and deletion, password reset (e-mail
or SMS). Thin: forms validate, services write."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import services, throttle
from .backends import find_user
from .exceptions import ResetCodeInvalid
from .forms import (
    DeleteAccountForm,
    ProfileForm,
    SignInForm,
    SignUpForm,
    SmsResetConfirmForm,
    SmsResetStartForm,
    StaffSignUpForm,
    organisation_label,
)
from .models import User
from .phone import normalize_phone


def _next_url(request, default=None):
    """Where to go after signing in: a safe ?next=, else the home page in the
    language the learner was reading (not the browser's language)."""
    default = default or f"/{get_language()}/"
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _register(request, form_class, template, *, staff: bool):
    form = form_class(request.POST or None)
    if request.method == "POST" and throttle.signup_refused(request):
        form.add_error(
            None,
            _("Too many accounts were opened from this connection. Try again in an hour."),
        )
        return render(request, template, {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.user_register(
            email=data["email"],
            phone=data["phone"],
            password=data["password1"],
            full_name=data["full_name"],
            gender=data["gender"],
            birth_year=data["birth_year"],
            region=data["region"],
            district=data["district"],
            destination=data["destination"],
            preferred_language=get_language(),
            consent_given=data["consent"],
            organisation=data.get("organisation", "") if staff else "",
            position=data.get("position", "") if staff else "",
        )
        throttle.register_signup(request)
        login(request, user, backend="accounts.backends.IdentifierBackend")
        if staff:
            messages.info(
                request,
                _(
                    "Welcome! The Migrant Resource Centre will confirm your organisation; "
                    "the trainer courses open after that."
                ),
            )
            return redirect(_next_url(request, reverse("accounts:profile")))
        messages.success(
            request,
            _("Welcome! Your account is ready. Choose a course below and enroll to start."),
        )
        return redirect(_next_url(request))  # the home page: the courses, in their language
    return render(request, template, {"form": form})


@require_http_methods(["GET", "POST"])
def signup(request):
    return _register(request, SignUpForm, "accounts/signup.html", staff=False)


@require_http_methods(["GET", "POST"])
def signup_staff(request):
    return _register(request, StaffSignUpForm, "accounts/signup_staff.html", staff=True)


@require_http_methods(["GET", "POST"])
def signin(request):
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        # The backend refuses a locked-out identifier or address, and Django's
        # sign-in signals count failures (accounts/signals.py).
        user = authenticate(
            request,
            username=form.cleaned_data["identifier"],
            password=form.cleaned_data["password"],
        )
        if user is not None:
            login(request, user)
            return redirect(_next_url(request))
        if getattr(request, "safar_locked_out", False):
            form.add_error(None, throttle.locked_out_message())
            status = 429
        else:
            form.add_error(None, _("The phone, e-mail or password is not right."))
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=status,
    )


@require_POST
def signout(request):
    logout(request)
    response = redirect(f"/{get_language()}/")
    # Nothing of this learner stays on the phone: the offline copies (Cache API),
    # the queue and the service worker go (issue 17; offline.js also clears them
    # when it sees another user, for browsers without this header).
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    learner_profile = getattr(request.user, "learner_profile", None)
    form = ProfileForm(request.POST or None, instance=learner_profile)
    if request.method == "POST" and learner_profile is not None and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form if learner_profile else None,
            "staff_profile": getattr(request.user, "staff_profile", None),
            "organisation": organisation_label(
                getattr(getattr(request.user, "staff_profile", None), "organisation", "")
            ),
            "consent": request.user.consents.first(),
        },
    )


@login_required
def export(request):
    data = services.account_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="safar-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.check_password(form.cleaned_data["password"]):
            services.account_delete(user=request.user)
            logout(request)
            messages.info(request, _("Your account and personal data are deleted."))
            return redirect("/")
        form.add_error("password", _("The password is not right."))
    return render(request, "accounts/delete.html", {"form": form})


@require_http_methods(["GET", "POST"])
def sms_reset_start(request):
    form = SmsResetStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        user = User.objects.filter(phone=phone, is_active=True).first()
        if user is not None and not throttle.is_locked_out(request, identifier=phone, scope="sms"):
            throttle.register_failure(request, identifier=phone, scope="sms")  # counts sends
            services.password_reset_sms_start(user=user)
        # The same answer whether or not the number has an account.
        return redirect(reverse("accounts:sms_reset_confirm") + f"?phone={phone}")
    return render(request, "accounts/sms_reset_start.html", {"form": form})


@require_http_methods(["GET", "POST"])
def sms_reset_confirm(request):
    form = SmsResetConfirmForm(request.POST or None, initial={"phone": request.GET.get("phone")})
    if request.method == "POST" and form.is_valid():
        try:
            phone = normalize_phone(form.cleaned_data["phone"])
        except Exception:  # noqa: BLE001  (forged hidden field)
            phone = ""
        user = find_user(phone) if phone else None
        try:
            if user is None:
                raise ResetCodeInvalid(_("This code has expired. Ask for a new one."))
            services.password_reset_sms_confirm(
                user=user,
                code=form.cleaned_data["code"],
                new_password=form.cleaned_data["new_password"],
            )
        except ResetCodeInvalid as exc:
            form.add_error("code", str(exc))
        else:
            messages.success(request, _("Your password is changed. Sign in with it."))
            return redirect("accounts:login")
    return render(request, "accounts/sms_reset_confirm.html", {"form": form})


class EmailPasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self):
        # The link is built from SAFAR_SITE_URL, never from the request's Host header.
        return {"site_url": settings.SITE_URL}


class EmailPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
