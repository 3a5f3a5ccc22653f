"""The site's plumbing: pages, security headers, upload limits, sitemap, demo."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page

from accounts.demo import DEMO_PASSWORD, load_accounts
from cms.demo import load_pages, load_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    """The site skeleton (home and track pages in every language), without the
    demo courses: what these tests look at."""
    return load_site()[0]


def test_home_page_renders_in_tajik_with_our_font(client, home):
    response = client.get("/tg/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="tg">' in html
    assert "муҳоҷирон" in html
    assert "fonts/NotoSans-Regular" in html


def test_strict_content_security_policy_on_pages(client, home, settings):
    policy = client.get("/tg/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    for name in ("script-src", "style-src", "font-src", "media-src", "default-src"):
        assert "'self'" in directives[name]
        assert "unsafe-inline" not in directives[name]
        # No other origin, but for media on S3-compatible storage (the bucket).
        sources = set(directives[name].split()) - set(settings.MEDIA_ORIGINS)
        assert not any("http" in source for source in sources)
    for name in ("script-src", "style-src", "font-src"):
        assert not set(directives[name].split()) & set(settings.MEDIA_ORIGINS)


def test_admin_allows_inline_styles_but_never_inline_scripts(client, home):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert "'unsafe-inline'" in directives["style-src"]
    assert directives["script-src"] == "'self'"


def test_oversized_upload_is_refused_before_it_is_read(client):
    response = client.generic("POST", "/admin/login/", data=b"x", CONTENT_LENGTH=str(3 * 1024**3))
    assert response.status_code == 413
    assert "2048" in response.content.decode()  # the limit, in the visitor's language


def test_sitemap_lists_the_home_page(client, home):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert b"<urlset" in response.content


@pytest.mark.once  # the demo content: CI's first pass only (tests/conftest.py)
def test_demo_load_is_idempotent():
    load_accounts()
    load_pages()
    users, pages = get_user_model().objects.count(), Page.objects.count()
    load_accounts()
    load_pages()
    assert (get_user_model().objects.count(), Page.objects.count()) == (users, pages)


def test_demo_accounts_can_sign_in(client):
    accounts = load_accounts()
    assert set(accounts) == {"admin", "author-migrant", "author-staff", "migrant", "trainee"}
    assert accounts["admin"].is_superuser
    assert accounts["trainee"].is_verified_staff
    assert not accounts["migrant"].is_verified_staff
    for username in accounts:
        assert client.login(username=username, password=DEMO_PASSWORD), username


def test_api_schema_generates(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"openapi" in response.content


@pytest.mark.parametrize(
    "path", ["/api/v1/no-such-thing/", "/admin/no-such-thing/", "/media/nope.mp4", "/xapi/nope/"]
)
def test_unlocalised_paths_answer_404_not_a_language_redirect(admin_client, path):
    assert admin_client.get(path).status_code == 404


def test_unprefixed_page_urls_still_redirect_to_the_default_language(home):
    from django.test import Client

    response = Client().get("/")  # a browser that states no language
    assert response.status_code == 302
    assert response["Location"] == "/tg/"


def test_pages_are_compressed_for_slow_links(client, home):
    response = client.get("/tg/", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"


def test_the_site_and_the_sitemap_follow_safar_site_url(client, tree, settings):
    """Every absolute URL comes from SAFAR_SITE_URL: the Wagtail Site takes its
    hostname and port (after every migrate, and in the demo), so the sitemap lists
    reachable URLs: every live translation, with hreflang alternates, and no
    trainer-track page."""
    from xml.etree import ElementTree

    from wagtail.models import Site

    from cms.site import site_follow_url

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}

    settings.SITE_URL = "http://learn.example.org:8160"
    site_follow_url()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("learn.example.org", 8160)
    xml = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own)
    locations = [loc.text for loc in xml.iterfind("s:url/s:loc", ns)]
    base = "http://learn.example.org:8160"
    for language in ("tg", "ru", "en"):
        assert f"{base}/{language}/" in locations
        assert tree.migrant.get_translation(
            Locale.objects.get(language_code=language)
        ).full_url in (locations)
    assert all(location.startswith(base + "/") for location in locations)
    assert not any(tree.staff.slug in location for location in locations)
    home = next(u for u in xml.iterfind("s:url", ns) if u.find("s:loc", ns).text == f"{base}/tg/")
    alternates = {a.get("hreflang"): a.get("href") for a in home.iterfind("x:link", ns)}
    assert alternates["ru"] == f"{base}/ru/" and alternates["tg"] == f"{base}/tg/"
    settings.SITE_URL = "https://safar.mrc.tj"
    site_follow_url()
    assert Site.objects.get(is_default_site=True).root_url == "https://safar.mrc.tj"


def test_demo_serve_sets_the_site_url_from_its_port(monkeypatch):
    """`PORT=8123 make demo`: the web server and the worker get
    SAFAR_SITE_URL=http://127.0.0.1:8123 (the certificate's QR code follows it)."""
    import subprocess

    from django.core.management import call_command
    from wagtail.models import Site

    from lms.management.commands import demo_serve

    load_site()
    started = []

    class Process:
        def __init__(self, args, env, **kwargs):
            started.append(env)

        def poll(self):
            return 0

        def send_signal(self, signal):
            pass

        def wait(self, timeout=None):
            pass

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.delenv("SAFAR_SITE_URL", raising=False)
    monkeypatch.setattr(subprocess, "Popen", Process)
    monkeypatch.setattr(demo_serve.Command, "_wait_until_healthy", interrupted)
    call_command("demo_serve", port=8123)
    assert [env["SAFAR_SITE_URL"] for env in started] == ["http://127.0.0.1:8123"] * 2
    assert Site.objects.get(is_default_site=True).port == 8123
