"""Demo pages: the Tajik home page as the root of Wagtail's default site. Idempotent."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage

HOME_TITLE = "Safar — Маркази захиравии муҳоҷирон"
HOME_INTRO = (
    "<p>Омӯзиши онлайни Маркази захиравии муҳоҷирон: пеш аз сафар ҳуқуқ ва "
    "уҳдадориҳои худро донед, бехатар ва қонунӣ кор кунед.</p>"
)


def _remove_wagtail_welcome_page() -> None:
    """Wagtail's install leaves a plain 'Welcome' page as the site root."""
    for page in Page.objects.filter(depth=2, content_type__model="page"):
        if not page.get_children().exists():
            Site.objects.filter(root_page=page).delete()
            page.delete()


@transaction.atomic
def load_pages() -> HomePage:
    for code in ("tg", "ru", "uz", "en"):
        Locale.objects.get_or_create(language_code=code)
    tg = Locale.objects.get(language_code="tg")
    home = HomePage.objects.filter(locale=tg).first()
    if home is None:
        _remove_wagtail_welcome_page()
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title=HOME_TITLE, slug="home", locale=tg, intro=HOME_INTRO)
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Safar"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Safar"
        site.save()
    return home
