"""Django admin (/django-admin/) for the MRC administrators: LRS clients and
forwarding endpoints (backlog, last error, replay of a time range). Superusers
only: credentials and data flows leaving Safar are not for other staff."""

from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from . import services
from .forms import ForwardEndpointForm, LRSClientForm, ReplayForm
from .forwarding import MAX_ATTEMPTS
from .models import ForwardEndpoint, LRSClient


class SuperuserOnly:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    has_add_permission = has_module_permission

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    has_delete_permission = has_change_permission


@admin.register(LRSClient)
class LRSClientAdmin(SuperuserOnly, admin.ModelAdmin):
    form = LRSClientForm
    list_display = ["name", "key", "scope", "tracks", "xapi_version", "is_active"]
    search_fields = ["name", "key"]


@admin.register(ForwardEndpoint)
class ForwardEndpointAdmin(SuperuserOnly, admin.ModelAdmin):
    form = ForwardEndpointForm
    list_display = [
        "name",
        "url",
        "version",
        "is_active",
        "backlog",
        "last_success_at",
        "last_error_short",
    ]
    readonly_fields = ["backlog", "stuck", "last_error", "last_error_at", "last_success_at"]

    @admin.display(description=_("backlog"))
    def backlog(self, obj):
        return obj.outbox.count()

    @admin.display(description=_("refused too often"))
    def stuck(self, obj):
        return obj.outbox.filter(attempts__gte=MAX_ATTEMPTS).count()

    @admin.display(description=_("last error"))
    def last_error_short(self, obj):
        return (obj.last_error or "")[:80]

    def get_urls(self):
        return [
            path(
                "<int:pk>/replay/",
                self.admin_site.admin_view(self.replay_view),
                name="xapi_forwardendpoint_replay",
            ),
        ] + super().get_urls()

    def replay_view(self, request, pk):
        if not self.has_change_permission(request):
            return redirect("admin:index")
        endpoint = get_object_or_404(ForwardEndpoint, pk=pk)
        form = ReplayForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            count = services.forward_replay(
                endpoint=endpoint,
                since=form.cleaned_data["since"],
                until=form.cleaned_data["until"],
            )
            self.message_user(
                request,
                _("%(count)d statements queued again for %(name)s.")
                % {"count": count, "name": endpoint.name},
                messages.SUCCESS,
            )
            return redirect(reverse("admin:xapi_forwardendpoint_change", args=[endpoint.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Replay statements to %(name)s") % {"name": endpoint.name},
            "form": form,
            "endpoint": endpoint,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "xapi/admin/replay.html", context)
