from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from accounts.services import EXPORTERS

        from .selectors import certificates_export

        EXPORTERS["certificates"] = certificates_export
