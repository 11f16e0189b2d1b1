from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    """The site search box; Django's CharField refuses NUL characters, which no backend takes."""

    q = forms.CharField(label=_("What are you looking for?"), max_length=200, required=False)

    def clean_q(self):
        # Quotes mean nothing to a plain-text search, and the SQLite backend (modelsearch) puts
        # each word between quotes without escaping those inside it.
        return self.cleaned_data["q"].replace('"', " ").strip()

    def query(self):
        """The words to look for, or "" when there are none or they are not valid."""
        return self.cleaned_data["q"] if self.is_valid() else ""
