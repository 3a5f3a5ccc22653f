"""Certificates in the Wagtail admin: templates as snippets (with a sample
preview), and the administrators' certificate screens."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.track_admin import TrackScopedViewSetMixin, track_policy_register

from . import admin_views
from .forms import CertificateTemplateForm
from .models import CertificateTemplate

track_policy_register(CertificateTemplate)


class CertificateTemplateViewSet(TrackScopedViewSetMixin, SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "key", "track", "serial_code", "validity_months"]
    edit_handler = ObjectList(CertificateTemplate.panels, base_form_class=CertificateTemplateForm)


register_snippet(CertificateTemplateViewSet)


@hooks.register("register_admin_urls")
def certificate_admin_urls():
    return [
        path("certificates/", admin_views.certificate_list, name="certificates_admin_list"),
        path(
            "certificates/<int:pk>/",
            admin_views.certificate_detail,
            name="certificates_admin_detail",
        ),
        path(
            "certificates/cohorts/<int:cohort_id>.zip",
            admin_views.cohort_zip,
            name="certificates_admin_cohort_zip",
        ),
        path(
            "certificates/templates/<int:pk>/preview.pdf",
            admin_views.template_preview,
            name="certificates_admin_template_preview",
        ),
    ]


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def certificates_menu_item():
    return CertificatesMenuItem(
        _("Certificates"), reverse("certificates_admin_list"), icon_name="tick-inverse", order=255
    )


@hooks.register("register_snippet_listing_buttons")
def preview_button(snippet, user, next_url=None):
    from wagtail.admin.widgets import ListingButton

    if isinstance(snippet, CertificateTemplate):
        yield ListingButton(
            _("Preview a sample PDF"),
            reverse("certificates_admin_template_preview", args=[snippet.pk]),
            priority=5,
        )
