from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.phone import normalize_phone

from .consent import referral_consent_text
from .exceptions import NoContact, UnknownOrganisation
from .models import (
    Case,
    CaseGender,
    CaseRegion,
    CounsellingMode,
    DirectoryRegion,
    Organisation,
    ServiceType,
)
from .selectors import referable_organisations


class DirectoryFilterForm(forms.Form):
    """The directory's filters (a plain GET form). An unknown region or service
    is a form error (400), not an empty list."""

    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All regions"))] + DirectoryRegion.choices,
    )
    district = forms.CharField(label=_("District or city"), required=False, max_length=100)
    service = forms.ChoiceField(
        label=_("Service"), required=False, choices=[("", _("All services"))] + ServiceType.choices
    )


# --- Referral cases -------------------------------------------------------------


class CaseRequestForm(forms.Form):
    """A migrant asks for a referral. Signed in, the account is the contact;
    otherwise a phone number and consent to its use are required (the view
    builds the form with `anonymous=True`)."""

    topic = forms.ChoiceField(
        label=_("What do you need help with?"),
        choices=[("", _("— choose —"))] + ServiceType.choices,
    )
    details = forms.CharField(
        label=_("Tell us more (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few words are enough. Do not write passport or bank numbers."),
    )
    region = forms.ChoiceField(
        label=_("Where are you now?"), choices=[("", _("— choose —"))] + CaseRegion.choices
    )
    district = forms.CharField(
        label=_("District or city"),
        required=False,
        max_length=100,
        help_text=_("So that we refer you to help near you."),
    )
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        required=False,
        choices=[("", _("I prefer not to say"))] + CaseGender.choices,
        help_text=_("Only counted, so that the centre knows whom it helps."),
    )
    phone = forms.CharField(
        label=_("Your phone number"),
        required=False,
        max_length=30,
        help_text=_("A counsellor calls you or sends an SMS. For example: 93 123 45 67."),
    )
    consent = forms.BooleanField(required=False)

    def __init__(self, *args, anonymous: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.anonymous = anonymous
        if anonymous:
            self.fields["consent"].label = referral_consent_text()
        else:
            del self.fields["phone"]
            del self.fields["consent"]
            del self.fields["gender"]  # from the profile

    def clean_phone(self):
        raw = self.cleaned_data.get("phone", "")
        return normalize_phone(raw) if raw.strip() else ""

    def clean(self):
        data = super().clean()
        if not self.anonymous or "phone" in self.errors:
            return data
        if not data.get("phone"):
            self.add_error(None, forms.ValidationError(NoContact.default, code="no_contact"))
        elif not data.get("consent"):
            self.add_error(
                "consent",
                _("Tick this box to agree, or sign in: without it we cannot keep your number."),
            )
        return data


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + Case.Status.choices
    )
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("All"))] + ServiceType.choices
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All"))] + CaseRegion.choices
    )


class CounsellingForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How"), choices=CounsellingMode.choices, widget=forms.RadioSelect
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=ServiceType.choices)
    notes = forms.CharField(
        label=_("Outcome"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReferralForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("— choose —"),
        error_messages={"invalid_choice": UnknownOrganisation.default},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = referable_organisations()


class CaseReportForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To (included)"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def clean(self):
        data = super().clean()
        for name in ("date_from", "date_to"):
            day = data.get(name)
            if day is not None and not 2020 <= day.year <= 2100:
                self.add_error(name, _("Choose a date between 2020 and 2100."))
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period is after its end."))
        return data
