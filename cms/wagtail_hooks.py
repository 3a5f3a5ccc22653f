from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ContactCard, DestinationCountry


@hooks.register("insert_global_admin_js")
def csp_safe_widget_initialisers():
    """Run the admin widget initialisers that Wagtail would put in inline scripts."""
    return format_html('<script src="{}" defer></script>', static("cms/admin-csp.js"))


class ContactCardViewSet(SnippetViewSet):
    model = ContactCard
    icon = "mail"
    menu_label = _("Contact cards")
    list_display = ["name", "kind", "phone", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name"]


class DestinationCountryViewSet(SnippetViewSet):
    model = DestinationCountry
    icon = "site"
    menu_label = _("Destination countries")
    list_display = ["name", "code", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class CourseContentViewSetGroup(SnippetViewSetGroup):
    items = (ContactCardViewSet, DestinationCountryViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Course content")
    menu_order = 250


register_snippet(CourseContentViewSetGroup)
