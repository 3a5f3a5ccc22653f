"""Public verification pages (/verify/...), the learner's PDF download, and the
Open Badges documents (credential, issuer profile, keys, status lists).

The verify pages have no language prefix: they follow the reader's language
(cookie or browser), and `?lang=xx` switches it. No JavaScript, one small CSS
file, a few KB in all."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.http import client_ip

from . import codes, openbadges, selectors, throttle

ISSUER_NAME = (
    "Migrant Resource Centre — Ministry of Labour, Migration and Employment of Population "
    "of the Republic of Tajikistan"
)
LANGUAGE_CHOICES = [("tg", "Тоҷикӣ"), ("ru", "Русский"), ("uz", "Oʻzbekcha"), ("en", "English")]


def _language(request) -> str:
    wanted = request.GET.get("lang", "")
    if wanted in dict(settings.LANGUAGES):
        translation.activate(wanted)
        request.LANGUAGE_CODE = wanted
    return translation.get_language()


def _page(request, template, context, status=200):
    language = _language(request)
    context.update(
        {
            "language": language,
            "languages": LANGUAGE_CHOICES,
            "here": request.path,
        }
    )
    response = render(request, template, context, status=status)
    response.headers["Content-Language"] = language
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _too_many(request):
    response = _page(
        request,
        "certificates/verify.html",
        {"state": "throttled", "typed": ""},
        status=429,
    )
    response.headers["Retry-After"] = str(throttle.WINDOW_SECONDS)
    return response


@require_GET
def verify_form(request):
    """/verify/ : a box for the code. Submitting goes to /verify/<code>."""
    typed = request.GET.get("code", "").strip()
    if typed:
        code = codes.normalise(typed)
        if codes.is_well_formed(code):
            url = reverse("certificates:verify", kwargs={"code": code})
            if request.GET.get("lang") in dict(settings.LANGUAGES):
                url += f"?lang={request.GET['lang']}"
            return HttpResponseRedirect(url)
        if not throttle.allow(ip=client_ip(request)):
            return _too_many(request)
        return _page(
            request, "certificates/verify.html", {"state": "malformed", "typed": typed[:40]}, 400
        )
    return _page(request, "certificates/verify.html", {"state": "form", "typed": ""})


@require_GET
def verify(request, code: str):
    """/verify/<code> (what the QR code opens): valid, revoked, expired or unknown."""
    if not throttle.allow(ip=client_ip(request)):
        return _too_many(request)
    found, certificate = selectors.certificate_by_code(code)
    if certificate is None:
        status = 400 if found == "malformed" else 404
        return _page(
            request,
            "certificates/verify.html",
            {"state": found, "typed": code[:40]},
            status=status,
        )
    return _page(
        request,
        "certificates/verify.html",
        {
            "state": certificate.state,
            "typed": certificate.display_code,
            "certificate": certificate,
            "holder": selectors.masked_name(certificate.holder_name),
            "replacement": selectors.replacement_of(certificate),
            "issuer": certificate.template.issuer_in(certificate.language),
            "credential_url": reverse("certificates:credential", kwargs={"code": certificate.code}),
        },
    )


@require_GET
def credential(request, code: str):
    """The Open Badges 3.0 credential as JSON: the VC-JWT and its content."""
    if not throttle.allow(ip=client_ip(request)):
        return HttpResponse(_("Too many requests. Wait a minute."), status=429)
    found, certificate = selectors.certificate_by_code(code)
    if certificate is None or not certificate.credential_jwt:
        raise Http404
    import jwt

    payload = jwt.decode(certificate.credential_jwt, options={"verify_signature": False})
    for claim in ("iss", "sub", "jti", "nbf", "exp"):
        payload.pop(claim, None)
    response = JsonResponse(
        {
            "format": "vc+jwt",
            "credential": certificate.credential_jwt,
            "verifiableCredential": payload,
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{certificate.serial}-openbadge.json"'
    )
    return response


@require_GET
def status_list(request, number: int):
    """A Bitstring Status List (revocation) as a signed VC-JWT, at a stable URL."""
    if not selectors.status_list_exists(number):
        raise Http404
    token = openbadges.status_list_jwt(number=number, revoked_bits=selectors.revoked_bits(number))
    response = HttpResponse(token, content_type="application/vc+jwt")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def issuer_profile(request):
    """The issuer's Open Badges Profile, pointing at its public keys."""
    document = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": openbadges.issuer_id(),
        "type": ["Profile"],
        "name": ISSUER_NAME,
        "url": settings.SITE_URL,
        "publicKeys": openbadges.site_url(reverse("certificates:jwks")),
    }
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json"
    )


@require_GET
def jwks(request):
    """Every public key that signed Safar credentials (current and retired)."""
    return JsonResponse(openbadges.jwks())


@login_required
@require_GET
def download(request, certificate_uuid):
    """The PDF, for its holder (or an MRC administrator); 404 for anyone else."""
    certificate = selectors.certificate_for_download(
        user=request.user, certificate_uuid=certificate_uuid
    )
    if certificate is None or not certificate.pdf:
        raise Http404
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"{certificate.serial}.pdf",
        content_type="application/pdf",
    )
