"""Error pages (400, 403, 404, 500, CSRF failure) have the site's look, speak
the visitor's language and offer a way back."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.lms.error_urls")]


def trigger(kind, language, client):
    if kind == 404:
        return client.get(f"/{language}/no-such-page/")
    if kind == "csrf":
        strict = Client(enforce_csrf_checks=True)
        return strict.post(f"/{language}/accounts/login/", {"identifier": "x", "password": "y"})
    client.raise_request_exception = False
    return client.get(f"/{language}/fail/{kind}/")


@pytest.mark.parametrize("kind", [400, 403, 404, 500, "csrf"])
@pytest.mark.parametrize("language", ["tg", "ru"])
def test_error_pages_look_like_the_site_in_the_visitors_language(client, tree, kind, language):
    response = trigger(kind, language, client)
    assert response.status_code == (403 if kind == "csrf" else kind)
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == language
    assert page.find("link", rel="stylesheet", href=lambda h: h and "safar" in h)
    assert page.select_one(".site-header") and page.select_one(".site-footer")
    heading = page.h1.text
    assert heading and not heading.isascii()  # Tajik or Russian, not English
    assert page.select_one(f".error-ways a[href='/{language}/']")
