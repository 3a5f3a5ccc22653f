from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def staff_verification_urls():
    return [
        path(
            "staff-verification/",
            admin_views.staff_verification,
            name="accounts_staff_verification",
        ),
        path(
            "staff-verification/<int:pk>/",
            admin_views.staff_verify,
            name="accounts_staff_verify",
        ),
    ]


class StaffVerificationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_settings_menu_item")
def staff_verification_menu_item():
    return StaffVerificationMenuItem(
        _("Staff verification"),
        reverse("accounts_staff_verification"),
        icon_name="user",
        order=100,
    )
