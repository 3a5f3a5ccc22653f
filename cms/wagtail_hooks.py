from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, track_admin, track_admin_views, video_admin  # noqa: F401 (video_admin registers the Videos snippet)
from .models import ContactCard, DestinationCountry


@hooks.register("insert_global_admin_js")
def csp_safe_widget_initialisers():
    """Run the admin widget initialisers that Wagtail would put in inline scripts."""
    return format_html('<script src="{}" defer></script>', static("cms/admin-csp.js"))


@hooks.register("insert_global_admin_js")
def accessibility_mends_js():
    """Names for the chooser dialog and the translation editor's upload field."""
    return format_html(
        '<script src="{}" data-dialog-name="{}" data-po-upload="{}" defer></script>',
        static("cms/admin-a11y.js"),
        _("Choose an item"),
        _("Upload a translated PO file"),
    )


@hooks.register("insert_global_admin_css")
def accessibility_mends_css():
    """Readable headings in wagtail-localize's translation editor."""
    return format_html('<link rel="stylesheet" href="{}">', static("cms/admin-a11y.css"))


@hooks.register("construct_page_chooser_queryset")
def page_chooser_own_tracks(pages, request):
    """The page chooser (browse and search) lists no page of another track."""
    return track_admin.visible_to(pages, request.user)


@hooks.register("construct_admin_api", order=100)
def admin_api_own_tracks(router):
    """The admin API's images and documents: the user's tracks only (after
    Wagtail's own endpoints are registered, hence the order)."""
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    for name, base in (("images", ImagesAdminAPIViewSet), ("documents", DocumentsAdminAPIViewSet)):
        router.register_endpoint(name, track_admin_views.api_viewset(base))


class ContactCardViewSet(SnippetViewSet):
    model = ContactCard
    icon = "mail"
    menu_label = _("Contact cards")
    list_display = ["name", "kind", "phone", "locale"]
    list_filter = ["kind", "locale"]
    # No `search_fields` here: the model is indexed (its own search_fields), and
    # naming fields makes Wagtail's SQLite search ask its index for a column it
    # has not ("no such column: name", a 500 for any ?q=).


class DestinationCountryViewSet(SnippetViewSet):
    model = DestinationCountry
    icon = "site"
    menu_label = _("Destination countries")
    list_display = ["name", "code", "locale"]
    list_filter = ["locale"]
    # The model's own search_fields (see ContactCardViewSet).


class CourseContentViewSetGroup(SnippetViewSetGroup):
    items = (ContactCardViewSet, DestinationCountryViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Course content")
    menu_order = 250


register_snippet(CourseContentViewSetGroup)


@hooks.register("register_admin_urls")
def knowledge_admin_urls():
    return [
        path("knowledge-review/", admin_views.knowledge_review, name="cms_knowledge_review"),
        path(
            "unanswered-searches/",
            admin_views.unanswered_searches,
            name="cms_unanswered_searches",
        ),
    ]


@hooks.register("register_reports_menu_item")
def knowledge_review_menu_item():
    return MenuItem(
        _("Knowledge base: due for review"),
        reverse("cms_knowledge_review"),
        name="knowledge-review",
        icon_name="date",
        order=20,
    )


@hooks.register("register_reports_menu_item")
def unanswered_searches_menu_item():
    return MenuItem(
        _("Searches that found nothing"),
        reverse("cms_unanswered_searches"),
        name="unanswered-searches",
        icon_name="search",
        order=21,
    )


@hooks.register("before_edit_page", order=-1)
def translation_review(request, page):
    """Before wagtail-localize's editor: *Submit to MRC review* for a synced
    translation, and no publishing while strings are untranslated."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from . import translation_review as review

    if request.method != "POST":
        return None
    translation = review.synced_translation_of(page)
    if translation is None:
        return None
    back = redirect("wagtailadmin_pages:edit", page.pk)
    if "safar-submit-translation" in request.POST:
        try:
            review.translation_submit_for_review(
                translation=translation, page=page, user=request.user
            )
        except review.TranslationIncomplete as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("The translation '%(title)s' is submitted to MRC review.")
                % {"title": page.get_admin_display_title()},
            )
        return back
    if request.POST.get("action") == "publish":
        try:
            review.translation_check_complete(translation)
        except review.TranslationIncomplete as exc:
            messages.error(request, str(exc))
            return back
    return None
