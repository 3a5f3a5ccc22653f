from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import StaffProfile, User


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    fk_name = "user"
    extra = 0
    readonly_fields = ("verified_at", "verified_by")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Safar"), {"fields": ("account_type", "phone", "preferred_language")}),
    )
    list_display = ("username", "email", "phone", "account_type", "is_staff")
    list_filter = ("account_type", "is_staff", "is_superuser", "is_active")
    search_fields = ("username", "email", "phone", "first_name", "last_name")
    inlines = [StaffProfileInline]
