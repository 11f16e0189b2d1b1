from django import forms
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import User


class SignupExtraForm(forms.Form):
    """Fields that allauth's sign-up form adds to email and password."""

    nickname = forms.CharField(
        label=_("Public nickname"),
        max_length=40,
        help_text=_("Shown next to your contributions instead of your name."),
    )
    privacy = forms.BooleanField(
        label=_("I have read the privacy notice and agree to the processing of my data"),
        error_messages={"required": _("You must accept the privacy notice to sign up.")},
    )

    def signup(self, request, user):
        user.nickname = self.cleaned_data["nickname"]
        user.save(update_fields=["nickname"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "nickname", "municipio", "notification_frequency"]
        widgets = {"notification_frequency": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nickname"].required = True
        self.fields["municipio"].empty_label = _("Not in Milan / rather not say")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)
    confirm = forms.BooleanField(
        label=_("I understand that my account will be deleted and cannot be recovered"),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
