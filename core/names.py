"""The centre's name, one wording per language for the whole platform: the
site's footer, the verify page and the certificates' issuer (the demo
templates) all use these two strings."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

CENTRE = _("Migrant Resource Centre")
MINISTRY = _(
    "Ministry of Labour, Migration and Employment of Population of the Republic of Tajikistan"
)


def issuer_text(language: str) -> str:
    """The centre and its ministry on two lines, in `language`."""
    with translation.override(language):
        return f"{CENTRE}\n{MINISTRY}"
