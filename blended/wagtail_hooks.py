from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Place, Session


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Places")
    list_display = ["name", "kind", "region", "district"]
    list_filter = ["kind", "region"]
    # No `search_fields`: the model is indexed (see cms.wagtail_hooks.ContactCardViewSet).


class SessionViewSet(SnippetViewSet):
    """MRC administrators see and manage every trainer's sessions."""

    model = Session
    icon = "date"
    menu_label = _("Sessions")
    list_display = ["__str__", "trainer", "status", "capacity"]
    list_filter = ["status", "language"]


class BlendedGroup(SnippetViewSetGroup):
    items = (SessionViewSet, PlaceViewSet)
    menu_icon = "group"
    menu_label = _("Face-to-face sessions")
    menu_order = 270


register_snippet(BlendedGroup)
