from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.search_text import has_words

from .search import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("Type at most %(limit_value)d characters: a few words are enough."),
        },
    )

    def clean_q(self):
        query = self.cleaned_data["q"]
        if not has_words(query):
            raise ValidationError(_("Type a word to search for (letters or numbers)."))
        return query
