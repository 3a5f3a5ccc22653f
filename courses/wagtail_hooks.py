"""The wall between the tracks, where Wagtail serves pages and documents; the
reports screen in the admin (Reports › Learners and courses)."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.models import LessonPage

from . import admin_views, statements
from .access import can_see_used_object, can_view_page, is_editor


@hooks.register("before_serve_page")
def track_wall_for_pages(page, request, serve_args, serve_kwargs):
    """Staff-track pages answer 404 to anyone who may not see that track; a
    lesson an enrolled learner opens is recorded here (pages describe, they
    don't record: `LessonPage.get_context` writes nothing)."""
    if not can_view_page(request.user, page):
        raise Http404
    if request.method == "GET" and isinstance(page.specific, LessonPage):
        statements.lesson_opened(user=request.user, lesson=page.specific)


@hooks.register("before_serve_document")
def track_wall_for_documents(document, request):
    """A hand-out used only on pages the user may not see is 404 (one used on no
    page at all is served, as Wagtail does)."""
    if can_see_used_object(request.user, document, drafts_too=is_editor(request.user)) is False:
        raise Http404


@hooks.register("register_admin_urls")
def report_admin_urls():
    return [
        # Not under Wagtail's own reports/ prefix (locked pages, site history...).
        path("learner-reports/", admin_views.report_index, name="courses_reports_index"),
        path("learner-reports/<slug:track>/", admin_views.report, name="courses_reports"),
    ]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_reports_menu_item")
def reports_menu_item():
    """In Wagtail's Reports menu, first."""
    return ReportsMenuItem(
        _("Learners and courses"),
        reverse("courses_reports_index"),
        name="learners-and-courses",
        icon_name="table",
        order=10,
    )


@hooks.register("register_admin_urls")
def enrollment_request_admin_urls():
    return [
        path(
            "enrollment-requests/",
            admin_views.enrollment_requests,
            name="courses_enrollment_requests",
        ),
        path(
            "enrollment-requests/<int:pk>/",
            admin_views.enrollment_request_decide,
            name="courses_enrollment_request_decide",
        ),
    ]


class EnrollmentRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.APPROVE_PERMISSION)


@hooks.register("register_settings_menu_item")
def enrollment_requests_menu_item():
    """Next to Settings › Staff verification, where the same people work."""
    return EnrollmentRequestsMenuItem(
        _("Enrollment requests"),
        reverse("courses_enrollment_requests"),
        name="enrollment-requests",
        icon_name="tasks",
        order=101,
    )
