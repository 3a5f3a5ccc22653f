from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Organisation
from .selectors import CASE_PERMISSION, REPORT_PERMISSION


class OrganisationViewSet(SnippetViewSet):
    """MRC staff keep the directory (Wagtail admin › Service directory)."""

    model = Organisation
    icon = "group"
    menu_label = _("Service directory")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "region", "phone", "checked_on", "locale"]
    list_filter = ["region", "locale"]
    # No `search_fields`: the model is indexed (see cms.wagtail_hooks.ContactCardViewSet).


register_snippet(OrganisationViewSet)


@hooks.register("register_admin_urls")
def case_admin_urls():
    return [
        path("referral-cases/", admin_views.case_list, name="referrals_cases"),
        path("referral-cases/<int:case_id>/", admin_views.case_detail, name="referrals_case"),
        path(
            "referral-cases/<int:case_id>/counselling/",
            admin_views.case_counselling,
            name="referrals_case_counselling",
        ),
        path(
            "referral-cases/<int:case_id>/refer/",
            admin_views.case_refer,
            name="referrals_case_refer",
        ),
        path(
            "referral-cases/<int:case_id>/close/",
            admin_views.case_close,
            name="referrals_case_close",
        ),
        path("referral-report/", admin_views.case_report, name="referrals_report"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def cases_menu_item():
    return PermissionMenuItem(
        _("Referral cases"),
        reverse("referrals_cases"),
        name="referral-cases",
        icon_name="help",
        order=255,
        permission=CASE_PERMISSION,
    )


@hooks.register("register_reports_menu_item")
def report_menu_item():
    return PermissionMenuItem(
        _("Referral cases"),
        reverse("referrals_report"),
        name="referral-report",
        icon_name="table",
        order=20,
        permission=REPORT_PERMISSION,
    )
