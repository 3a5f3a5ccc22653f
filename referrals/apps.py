from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self):
        # A learner's cases are part of their data export and are anonymised
        # when the account is deleted (accounts imports no other app).
        from accounts.services import ANONYMISERS, EXPORTERS

        from .selectors import cases_export
        from .services import cases_anonymise

        EXPORTERS["referral_cases"] = cases_export
        ANONYMISERS["referral_cases"] = cases_anonymise
