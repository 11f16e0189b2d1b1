"""The consultation's admin form: territorial scope as one select, phases that must not overlap."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from proposals.phases import PhaseKind, validate_phases_do_not_overlap
from proposals.scope import scope_choices, scope_from_key, scope_key


class ConsultationPageForm(WagtailAdminPageForm):
    scope_key = forms.ChoiceField(label=_("Territorial scope"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "scope_key" in self.fields:
            self.fields["scope_key"].choices = [("", _("City-wide")), *scope_choices()]
            self.fields["scope_key"].initial = scope_key(self.instance.scope)

    def clean(self):
        cleaned_data = super().clean()
        phases_formset = self.formsets.get("phases")
        if phases_formset is not None and phases_formset.is_valid():
            phases = [
                _PhaseDraft(form.cleaned_data)
                for form in phases_formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            try:
                validate_phases_do_not_overlap(phases)
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned_data

    def save(self, commit=True):
        if "scope_key" in self.cleaned_data:
            scope = scope_from_key(self.cleaned_data["scope_key"])
            self.instance.scope = scope
            if scope is None:
                self.instance.scope_content_type = None
                self.instance.scope_object_id = None
        return super().save(commit=commit)


class _PhaseDraft:
    """A phase as typed in the form, before it is saved."""

    def __init__(self, data):
        self.start, self.end = data.get("start"), data.get("end")
        self.title = data.get("title") or PhaseKind(data["kind"]).label

    def __str__(self):
        return str(self.title)
