from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import ConsentRecord, LearnerProfile, StaffProfile, User


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    fk_name = "user"
    extra = 0
    readonly_fields = ("verified_at", "verified_by")


class LearnerProfileInline(admin.StackedInline):
    model = LearnerProfile
    extra = 0


class ConsentInline(admin.TabularInline):
    model = ConsentRecord
    extra = 0
    can_delete = False
    readonly_fields = ("version", "language", "given_at", "withdrawn_at")
    exclude = ("text",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Safar"), {"fields": ("account_type", "phone", "preferred_language")}),
    )
    list_display = ("username", "email", "phone", "account_type", "is_staff")
    list_filter = ("account_type", "is_staff", "is_superuser", "is_active")
    search_fields = ("username", "email", "phone", "first_name", "last_name")
    inlines = [LearnerProfileInline, StaffProfileInline, ConsentInline]


class VerifiedFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [("no", _("Waiting for verification")), ("yes", _("Verified"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(verified_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(verified_at__isnull=False)
        return queryset


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    """Where MRC administrators verify ministry staff (Django admin,
    /django-admin/accounts/staffprofile/?verified=no)."""

    list_display = ("user", "full_name", "organisation", "position", "verified_at", "verified_by")
    list_filter = (VerifiedFilter, "organisation")
    search_fields = ("user__username", "user__email", "user__phone", "organisation", "position")
    readonly_fields = ("verified_at", "verified_by")
    actions = ["verify", "unverify"]

    @admin.display(description=_("full name"))
    def full_name(self, obj):
        profile = getattr(obj.user, "learner_profile", None)
        return profile.full_name if profile else ""

    @admin.action(description=_("Verify the selected staff members"))
    def verify(self, request, queryset):
        for profile in queryset:
            services.staff_verify(profile=profile, verified_by=request.user)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%d staff member verified.", "%d staff members verified.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Withdraw verification"))
    def unverify(self, request, queryset):
        for profile in queryset:
            services.staff_unverify(profile=profile)
        self.message_user(request, _("Verification withdrawn."), messages.WARNING)
