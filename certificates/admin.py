"""Issued certificates in the Django admin (/django-admin/certificates/): read
only. Revoking and re-issuing happen in the Wagtail admin (Certificates), through
certificates.services, with a reason and an audit record; nothing is deleted."""

from django.contrib import admin

from .models import Certificate, CertificateEvent


class CertificateEventInline(admin.TabularInline):
    model = CertificateEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "actor", "reason", "at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("serial", "holder_name", "course_title", "issued_at", "status", "is_current")
    list_filter = ("track", "status", "is_current")
    search_fields = ("serial", "code", "holder_name")
    inlines = [CertificateEventInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
