import secrets

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Membership, Plenary, Recommendation
from .voting import Choice

MAX_POOL_FILE = 5 * 1024 * 1024


class PoolImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file of the pool"),
        help_text=_("UTF-8 text, comma separated, with the header described above; at most 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_POOL_FILE:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class SelectionForm(forms.Form):
    seed = forms.IntegerField(
        label=_("Published seed"),
        min_value=1,
        max_value=2**31 - 1,
        help_text=_(
            "Publish it before the draw (for example the numbers of a public lottery): the same "
            "pool, quotas and seed always give the same assembly."
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"seed": secrets.randbelow(2**31 - 2) + 1})
        super().__init__(*args, **kwargs)


class RegisterForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plenary, **kwargs):
        super().__init__(*args, **kwargs)
        memberships = Membership.objects.filter(cycle=plenary.cycle, active=True)
        self.fields["present"].queryset = memberships.select_related("person").order_by(
            "role", "person__last_name", "person__first_name"
        )
        self.fields["present"].label_from_instance = lambda m: (
            f"{m.person.full_name} · {m.get_role_display()}"
        )


class SubstituteForm(forms.Form):
    substitute = forms.ModelChoiceField(
        label=_("Substitute who takes the vote"),
        queryset=Membership.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, ranked, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["substitute"]
        field.queryset = Membership.objects.filter(pk__in=[m.pk for m in ranked])
        if ranked:
            field.initial = ranked[0].pk


class OpenVoteForm(forms.Form):
    plenary = forms.ModelChoiceField(
        label=_("Plenary of the vote"), queryset=Plenary.objects.none()
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        plenaries = Plenary.objects.filter(cycle=cycle)
        self.fields["plenary"].queryset = plenaries
        final = plenaries.filter(is_final=True).first()
        if final:
            self.fields["plenary"].initial = final.pk


class BallotForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=Choice.LABELS, widget=forms.RadioSelect
    )


class HandOverForm(forms.Form):
    """The operator picks the member standing at the kiosk among those who can vote now."""

    membership = forms.ModelChoiceField(
        label=_("Member at the kiosk"),
        queryset=Membership.objects.none(),
        error_messages={
            "required": _("Choose the member standing at the kiosk."),
            "invalid_choice": _(
                "This member cannot vote on this item: not checked in with a vote at this "
                "plenary, or already voted."
            ),
        },
    )

    def __init__(self, *args, voters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = voters


class ThematicGroupForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        coordinators = list(cleaned.get("coordinators") or [])
        members = set(cleaned.get("members") or [])
        if len(coordinators) > 2:
            self.add_error("coordinators", _("A thematic group has two coordinators."))
        if any(c not in members for c in coordinators):
            self.add_error("coordinators", _("Coordinators must be members of the group."))
        cycle = cleaned.get("cycle")
        if cycle and any(m.cycle_id != cycle.pk for m in members):
            self.add_error("members", _("Members must belong to the group's cycle."))
        return cleaned


class RecommendationAdminForm(WagtailAdminModelForm):
    """Opening and closing a vote are the vote's own actions: the form only marks an item
    ready for the vote, and shows the status of one being voted or voted as it is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        before_the_vote = [Recommendation.Status.DRAFT, Recommendation.Status.READY]
        if self.instance.status in before_the_vote:
            status.choices = [c for c in status.choices if c[0] in before_the_vote]
        else:
            status.disabled = True
