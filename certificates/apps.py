from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from accounts.services import EXPORTERS

        from .selectors import certificates_export

        EXPORTERS["certificates"] = certificates_export

        # A completed course schedules its certificate once the transaction
        # commits (courses does not import certificates).
        from courses.completion import completed_listener_register

        from .tasks import certificate_issue_schedule

        completed_listener_register(certificate_issue_schedule)
