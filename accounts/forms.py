from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .consent import consent_text
from .models import Destination, Gender, LearnerProfile, Region, User
from .passwords import validate_password_size
from .phone import normalize_phone

CHOOSE = ("", _("— choose —"))

ORGANISATIONS = [
    CHOOSE,
    ("Migration Service", _("Migration Service")),
    ("Pre-departure orientation centre", _("District pre-departure orientation centre")),
    ("State Agency for Employment Abroad", _("State Agency for Employment Abroad")),
    ("Agency of Labour and Employment", _("Agency of Labour and Employment of Population")),
    ("Ministry of Labour, Migration and Employment", _("Ministry of Labour (central office)")),
    ("Local government (hukumat)", _("Local government (hukumat)")),
    ("Other", _("Other government body")),
]


def split_contact(value: str) -> tuple[str, str]:
    """'+992…' or 'name@example.org' -> (email, phone), validated and normalised."""
    text = (value or "").strip()
    if "@" in text:
        validate_email(text)
        if User.objects.annotate(e=Lower("email")).filter(e=text.lower()).exists():
            raise ValidationError(_("An account with this e-mail already exists. Sign in."))
        return text, ""
    phone = normalize_phone(text)
    if User.objects.filter(phone=phone).exists():
        raise ValidationError(_("An account with this phone number already exists. Sign in."))
    return "", phone


class SignUpForm(forms.Form):
    contact = forms.CharField(
        label=_("Phone number or e-mail"),
        max_length=254,
        help_text=_("You sign in with it, and we use it only to help you reset your password."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        validators=[validate_password_size],
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        validators=[validate_password_size],
    )
    full_name = forms.CharField(
        label=_("Full name as in your passport"),
        max_length=150,
        help_text=_("Your certificate shows this name, so write it exactly as in the passport."),
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=Gender.choices,
        widget=forms.RadioSelect,
        help_text=_("The centre reports how many women and men it reaches."),
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        help_text=_("Only the year: the centre reports learners by age group."),
    )
    region = forms.ChoiceField(
        label=_("Region"),
        choices=[CHOOSE, *Region.choices],  # no pre-selection: it would skew the reports
        help_text=_("To plan sessions and help close to where you live."),
    )
    district = forms.CharField(label=_("District or city"), max_length=100)
    destination = forms.ChoiceField(
        label=_("Where do you plan to work?"),
        choices=[CHOOSE, *Destination.choices],
        help_text=_("We suggest the courses for that country."),
    )
    consent = forms.BooleanField(label=_("I agree to the processing of my personal data"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_text = consent_text()

    def clean_contact(self):
        email, phone = split_contact(self.cleaned_data["contact"])
        self.cleaned_data["email"], self.cleaned_data["phone"] = email, phone
        return self.cleaned_data["contact"]

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 3:
            raise ValidationError(_("Write your full name: given name and family name."))
        return name

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        this_year = timezone.now().year
        if not this_year - 90 <= year <= this_year - 14:
            raise ValidationError(
                _("Enter a year between %(low)d and %(high)d.")
                % {"low": this_year - 90, "high": this_year - 14}
            )
        return year

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            probe = User(username=cleaned.get("email") or cleaned.get("phone") or "")
            try:
                password_validation.validate_password(p1, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class StaffSignUpForm(SignUpForm):
    organisation = forms.ChoiceField(label=_("Organisation"), choices=ORGANISATIONS)
    position = forms.CharField(label=_("Position"), max_length=200)
    # Consent comes last, after everything it is about.
    field_order = [
        *(name for name in SignUpForm.base_fields if name != "consent"),
        "organisation",
        "position",
        "consent",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].label = _("Country you mostly work on")

    def clean_organisation(self):
        value = self.cleaned_data["organisation"]
        if not value:
            raise ValidationError(_("Choose your organisation."))
        return value


def organisation_label(value: str) -> str:
    """An organisation as the reader's language names it (stored by its key)."""
    return str(dict(ORGANISATIONS).get(value, value)) if value else ""


class SignInForm(forms.Form):
    identifier = forms.CharField(
        label=_("Phone number, e-mail or username"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        validators=[validate_password_size],
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = LearnerProfile
        fields = ["full_name", "gender", "birth_year", "region", "district", "destination"]
        widgets = {"gender": forms.RadioSelect}


class SmsResetStartForm(forms.Form):
    phone = forms.CharField(label=_("Your phone number"), max_length=32)

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])


class SmsResetConfirmForm(forms.Form):
    phone = forms.CharField(widget=forms.HiddenInput)
    code = forms.RegexField(
        label=_("Code from the SMS"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("The code has six digits.")},
    )
    new_password = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        validators=[validate_password_size],
    )

    def clean_new_password(self):
        password = self.cleaned_data["new_password"]
        password_validation.validate_password(password)
        return password


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        validators=[validate_password_size],
    )
