import nh3
from django import forms
from django.utils.translation import gettext_lazy as _

from cms.converters import MAX_ID
from events.models import RegistrationQuestion

CITY_WIDE = "citta"

ANSWER_FIELDS = {
    RegistrationQuestion.Kind.SHORT_TEXT: lambda: forms.CharField(max_length=200),
    RegistrationQuestion.Kind.LONG_TEXT: lambda: forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    ),
    RegistrationQuestion.Kind.YES_NO: lambda: forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect
    ),
}


class RegistrationForm(forms.Form):
    """Name, email, the event's own questions and consent to the privacy terms."""

    name = forms.CharField(label=_("First and last name"), max_length=150)
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("We will send you a link to confirm your registration."),
    )

    def __init__(self, *args, event, user=None, **kwargs):
        self.event = event
        self.questions = list(event.questions.all())
        if user is not None and user.is_authenticated:
            kwargs.setdefault("initial", {"name": user.get_full_name(), "email": user.email})
        super().__init__(*args, **kwargs)
        for question in self.questions:
            field = ANSWER_FIELDS[question.kind]()
            field.label = question.label
            field.help_text = question.help_text
            field.required = question.required
            self.fields[self.question_field_name(question)] = field
        self.fields["consent"] = forms.BooleanField(
            label=_("I have read the privacy terms above and accept them"), required=True
        )
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    @staticmethod
    def question_field_name(question):
        return f"question_{question.pk}"

    def clean_name(self):
        return clean_text(self.cleaned_data["name"])

    def answers(self):
        """The answers as stored: each with the question's wording at the time."""
        answers = []
        for question in self.questions:
            value = self.cleaned_data.get(self.question_field_name(question))
            if value:
                answers.append({"question": question.label, "answer": clean_text(value)})
        return answers


def clean_text(value):
    """Plain text only: markup is removed, not escaped twice later."""
    return nh3.clean(value, tags=set()).strip()


class CheckinSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or check-in code"), max_length=150, required=False)


class EventFilterForm(forms.Form):
    """The listing's filters: a value that is not valid is left out, so the list still shows."""

    municipio = forms.RegexField(regex=rf"^({CITY_WIDE}|[1-9][0-9]?)\Z", required=False)
    mese = forms.DateField(input_formats=["%Y-%m"], required=False)

    def valid_filters(self):
        self.is_valid()
        return {
            "municipio": self.cleaned_data.get("municipio", ""),
            "month": self.cleaned_data.get("mese"),
        }


class ResendForm(forms.Form):
    event = forms.IntegerField(min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    email = forms.EmailField(label=_("Email"))
