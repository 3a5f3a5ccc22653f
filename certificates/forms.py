"""The template snippet's admin form: images are normalised with Pillow as
they are saved (background, logo, each signatory's signature)."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .images import SIGNATURE_MAX, normalise_background, normalise_mark
from .models import CERTIFICATE_LANGUAGES


def _uploaded(value) -> bool:
    return isinstance(value, UploadedFile)


class CertificateTemplateForm(WagtailAdminModelForm):
    def clean_background(self):
        value = self.cleaned_data.get("background")
        return normalise_background(value) if _uploaded(value) else value

    def clean_logo(self):
        value = self.cleaned_data.get("logo")
        return normalise_mark(value) if _uploaded(value) else value

    def clean_languages(self):
        known = {code for code, _label in CERTIFICATE_LANGUAGES}
        codes = [c.strip() for c in self.cleaned_data["languages"].split(",") if c.strip()]
        unknown = [c for c in codes if c not in known]
        if not codes or unknown:
            raise forms.ValidationError(
                _("Use language codes from: tg, ru, uz, en (comma-separated).")
            )
        return ",".join(codes)

    def clean(self):
        cleaned = super().clean()
        for form in self.formsets.get("signatories", {}).forms if self.formsets else []:
            if not form.is_valid():
                continue
            value = form.cleaned_data.get("signature")
            if _uploaded(value):
                try:
                    form.cleaned_data["signature"] = normalise_mark(value, max_size=SIGNATURE_MAX)
                except forms.ValidationError as exc:
                    form.add_error("signature", exc)
        return cleaned
