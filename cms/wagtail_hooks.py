from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def csp_safe_widget_initialisers():
    """Run the admin widget initialisers that Wagtail would put in inline scripts."""
    return format_html('<script src="{}" defer></script>', static("cms/admin-csp.js"))
