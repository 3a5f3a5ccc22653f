from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ForwardEndpoint, LRSClient

TRACK_FORM_CHOICES = [("migrant", _("Migrant (orientation)")), ("staff", _("Staff (trainer)"))]


class LRSClientForm(forms.ModelForm):
    secret = forms.CharField(
        label=_("Secret"),
        required=False,
        min_length=12,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "At least 12 characters. Stored only as a hash: write it down now. "
            "Leave empty to keep the current secret."
        ),
    )
    tracks = forms.MultipleChoiceField(
        label=_("Tracks it may read"),
        choices=TRACK_FORM_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Statements about learners of these tracks. A client allowed both tracks also "
            "reads statements that belong to no track."
        ),
    )

    class Meta:
        model = LRSClient
        fields = ["name", "key", "secret", "scope", "tracks", "xapi_version", "is_active"]

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and not cleaned.get("secret"):
            self.add_error("secret", _("A new client needs a secret."))
        return cleaned

    def save(self, commit=True):
        client = super().save(commit=False)
        if self.cleaned_data.get("secret"):
            client.set_secret(self.cleaned_data["secret"])
        if commit:
            client.save()
        return client


class ForwardEndpointForm(forms.ModelForm):
    tracks = forms.MultipleChoiceField(
        label=_("Tracks"),
        choices=TRACK_FORM_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Forward the statements about learners of these tracks."),
    )
    url = forms.URLField(
        label=_("LRS endpoint URL"),
        assume_scheme="https",
        help_text=_("The xAPI endpoint, e.g. https://lrs.example.org/xapi/"),
    )
    password = forms.CharField(
        label=_("Secret (password)"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the current secret."),
    )

    class Meta:
        model = ForwardEndpoint
        fields = [
            "name",
            "url",
            "username",
            "password",
            "version",
            "tracks",
            "include_unscoped",
            "convert_v2",
            "is_active",
        ]

    def save(self, commit=True):
        endpoint = super().save(commit=False)
        if not self.cleaned_data.get("password") and endpoint.pk:
            endpoint.password = ForwardEndpoint.objects.get(pk=endpoint.pk).password
        if commit:
            endpoint.save()
        return endpoint


class ReplayForm(forms.Form):
    since = forms.DateTimeField(
        label=_("From"), help_text=_("Stored at or after this time, e.g. 2026-11-01 00:00")
    )
    until = forms.DateTimeField(label=_("Until"), help_text=_("Stored before this time."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("since") and cleaned.get("until") and cleaned["until"] <= cleaned["since"]:
            raise forms.ValidationError(_("The end of the range must come after its start."))
        return cleaned
