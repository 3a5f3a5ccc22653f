"""Error pages with the site's look, in the visitor's language, with a way back
(Django's handler400/403/404/500 and CSRF_FAILURE_VIEW point here). Each renders
lms/templates/error.html; the 500 page falls back to a self-contained template
if even that fails, so an error page never raises an error of its own."""

from __future__ import annotations

import logging

from django.http import JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from core.api_errors import error_body

logger = logging.getLogger(__name__)


API_PREFIX = "/api/"
API_CODES = {400: "bad_request", 403: "permission_denied", 404: "not_found", 500: "server_error"}


def _error(request, status: int, title: str, message: str):
    if request.path.startswith(API_PREFIX):
        # The API's one error body (core/api_errors.py), for URLs that no API
        # view answered (an unknown path, a CSRF failure, an error page).
        body = error_body(status, API_CODES.get(status, "error"), f"{title}. {message}")
        return JsonResponse(body, status=status)
    return render(
        request,
        "error.html",
        {"status": status, "title": title, "message": message},
        status=status,
    )


def bad_request(request, exception=None):
    return _error(
        request,
        400,
        _("The request could not be understood"),
        _("Something in the address or the form was not as expected. Go back and try again."),
    )


def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        _("Not allowed"),
        _("You cannot open this page with your account."),
    )


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        _("Page not found"),
        _("There is no page at this address. It may have moved, or the link may be mistyped."),
    )


def server_error(request):
    try:
        return _error(
            request,
            500,
            _("Something went wrong on our side"),
            _("The error is recorded and we will fix it. Please try again in a few minutes."),
        )
    except Exception:  # the page itself must never fail
        logger.exception("The 500 page could not be rendered with the site's look")
        from django.http import HttpResponseServerError

        return HttpResponseServerError(loader.get_template("500_plain.html").render())


def csrf_failure(request, reason=""):
    return _error(
        request,
        403,
        _("This form has expired"),
        _(
            "For your safety, forms work only for a while and only with cookies allowed. "
            "Go back, reload the page and send the form again: nothing was saved."
        ),
    )
