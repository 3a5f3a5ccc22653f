"""Keep authors out of the other track's pages in the Wagtail admin.

Wagtail filters the page listings to the pages a user may explore, but its
explorer still shows any page's header (title, status, breadcrumbs) when its
URL is typed in, because a track author's explorable root is the tree root
(their permissions sit on a track index in every language). This guard answers
404 instead, for every page that is neither below one of the user's permitted
pages nor above one.

wagtail-localize's "Translate" and "Sync translations" views check only the
global submit-translation permission; the guard also requires that the user may
edit the page. Installed by CmsConfig.ready(); tested in tests/cms/."""

from django.http import Http404
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView


def page_explorable(user, page_id: int) -> bool:
    if user.is_superuser:
        return True
    return PagePermissionPolicy().explorable_instances(user).filter(pk=page_id).exists()


def install() -> None:
    if getattr(ExplorableIndexView, "_safar_guarded", False):
        return
    original_get = ExplorableIndexView.get

    def get(self, request, parent_page_id=None):
        if parent_page_id and not page_explorable(request.user, parent_page_id):
            raise Http404
        return original_get(self, request, parent_page_id)

    ExplorableIndexView.get = get
    ExplorableIndexView._safar_guarded = True

    def _editable_only(view_class, page_of):
        original_get_object = view_class.get_object

        def get_object(self):
            obj = original_get_object(self)
            page = page_of(obj)
            if page is not None and not page.permissions_for_user(self.request.user).can_edit():
                raise Http404
            return obj

        view_class.get_object = get_object

    _editable_only(SubmitPageTranslationView, lambda page: page)
    _editable_only(
        UpdateTranslationsView,
        lambda source: (
            source.get_source_instance()
            if issubclass(source.specific_content_type.model_class(), Page)
            else None
        ),
    )
