"""The wall between the tracks, where Wagtail serves pages and documents."""

from django.http import Http404
from wagtail import hooks

from .access import can_see_used_object, can_view_page, is_editor


@hooks.register("before_serve_page")
def track_wall_for_pages(page, request, serve_args, serve_kwargs):
    """Staff-track pages answer 404 to anyone who may not see that track."""
    if not can_view_page(request.user, page):
        raise Http404


@hooks.register("before_serve_document")
def track_wall_for_documents(document, request):
    """A hand-out used only on pages the user may not see is 404 (one used on no
    page at all is served, as Wagtail does)."""
    if can_see_used_object(request.user, document, drafts_too=is_editor(request.user)) is False:
        raise Http404
