from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Destination, Gender, Region

from .models import Place, Registration
from .selectors import migrant_courses


class SessionForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=None, empty_label=None)
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.all())
    day = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    starts = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends = forms.TimeField(
        label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=500, initial=25)
    quiz_required = forms.BooleanField(label=_("The course asks for a paper quiz"), required=False)
    pass_mark = forms.IntegerField(
        label=_("Pass mark of the quiz (%)"), min_value=1, max_value=100, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = migrant_courses()

    def clean(self):
        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            data["starts_at"] = timezone.make_aware(datetime.combine(day, starts))
            data["ends_at"] = timezone.make_aware(datetime.combine(day, ends))
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("ends", _("The session must end after it starts."))
        if data.get("quiz_required") and not data.get("pass_mark"):
            self.add_error("pass_mark", _("Give the pass mark of the paper quiz."))
        return data


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=150)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=20, required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    birth_year = forms.IntegerField(label=_("Year of birth"))
    district = forms.CharField(label=_("District or city"), max_length=100)
    destination = forms.ChoiceField(label=_("Intended destination"), choices=Destination.choices)
    consent = forms.ChoiceField(
        label=_("Consent given"),
        choices=Registration.Consent.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "The person agreed that the centre keeps these details: on screen or on paper."
        ),
    )

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        this_year = timezone.localdate().year
        if not this_year - 100 <= year <= this_year - 14:
            raise forms.ValidationError(
                _("Enter a year of birth between %(low)s and %(high)s.")
                % {"low": this_year - 100, "high": this_year - 14}
            )
        return year


class UpcomingFilterForm(forms.Form):
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All languages")), *settings.LANGUAGES], required=False
    )
    day = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_day(self):
        day = self.cleaned_data.get("day")
        if day and not timezone.localdate() - timedelta(days=1) <= day:
            raise forms.ValidationError(_("Choose today or a later date."))
        return day
