"""Forms citizens fill in. Everything they write is cleaned here, on the server."""

from django import forms
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from proposals import conf
from proposals.attachments import RejectedUpload, TooManyPixels, checked_file
from proposals.models import Comment, Proposal, ProposalAttachment, Report
from proposals.sanitize import clean_html, clean_text, text_of
from proposals.scope import scope_choices, scope_from_key, scope_key

BODY_MIN_CHARS = 30
BODY_MAX_CHARS = 5000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp,.pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def checked_attachment(upload):
    """An unsaved ProposalAttachment holding what `upload` proved to be: a PDF that parses or
    an image that decodes, re-encoded. The uploaded name is kept only as the title."""
    limit = conf.get("PROPOSALS_ATTACHMENT_MAX_BYTES")
    if upload.size > limit:
        raise forms.ValidationError(
            _("“%(name)s” is too large: the limit is %(limit)s.")
            % {"name": upload.name, "limit": filesizeformat(limit)}
        )
    try:
        checked = checked_file(upload)
    except TooManyPixels:
        raise forms.ValidationError(
            _("“%(name)s” has too many pixels: reduce it to at most %(count)s megapixels.")
            % {"name": upload.name, "count": conf.get("PROPOSALS_ATTACHMENT_MAX_PIXELS") // 10**6}
        ) from None
    except RejectedUpload:
        raise forms.ValidationError(
            _("“%(name)s” is not a JPEG, PNG or WebP image or a PDF document that can be read.")
            % {"name": upload.name}
        ) from None
    return ProposalAttachment(
        # Saving the row stores the content under a name of the site's (attachment_path).
        file=ContentFile(checked.content, name="upload"),
        title=clean_text(upload.name)[:150] or str(_("Attachment")),
        kind=checked.kind,
        content_type=checked.content_type,
        size=len(checked.content),
    )


class ProposalForm(forms.ModelForm):
    scope_key = forms.ChoiceField(label=_("Municipio"), required=False)
    attachments = MultipleFileField(
        label=_("Images and PDF documents"),
        required=False,
        help_text=_("Optional. JPEG, PNG, WebP or PDF, up to %(size)s each.")
        % {"size": filesizeformat(conf.get("PROPOSALS_ATTACHMENT_MAX_BYTES"))},
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Proposal
        fields = ["title", "body", "theme", "latitude", "longitude"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "latitude": forms.NumberInput(attrs={"step": "0.000001"}),
            "longitude": forms.NumberInput(attrs={"step": "0.000001"}),
        }
        help_texts = {
            "body": _("Explain the problem and your idea. Leave an empty line between paragraphs."),
            "latitude": _("Optional: where your proposal applies. Pick it on the map or type it."),
        }

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["theme"].queryset = consultation.themes.all()
        self.fields["theme"].required = consultation.themes.exists()
        choices = scope_choices()
        if choices:
            self.fields["scope_key"].choices = [("", _("The whole city")), *choices]
            self.fields["scope_key"].initial = scope_key(self.instance.scope)
        else:
            del self.fields["scope_key"]

    def clean_title(self):
        title = clean_text(self.cleaned_data["title"])
        if len(title) < 5:
            raise forms.ValidationError(_("Write a title of at least 5 characters."))
        return title

    def clean_body(self):
        body = clean_html(self.cleaned_data["body"])
        length = len(text_of(body))
        if length < BODY_MIN_CHARS:
            raise forms.ValidationError(
                _("Describe your proposal in at least %(count)s characters.")
                % {"count": BODY_MIN_CHARS}
            )
        if length > BODY_MAX_CHARS:
            raise forms.ValidationError(
                _("Keep your proposal within %(count)s characters (now %(length)s).")
                % {"count": BODY_MAX_CHARS, "length": length}
            )
        return body

    def clean_attachments(self):
        uploads = self.cleaned_data.get("attachments") or []
        existing = self.instance.attachments.count() if self.instance.pk else 0
        if existing + len(uploads) > conf.get("PROPOSALS_ATTACHMENTS_PER_PROPOSAL"):
            raise forms.ValidationError(
                _("A proposal can have at most %(count)s attachments.")
                % {"count": conf.get("PROPOSALS_ATTACHMENTS_PER_PROPOSAL")}
            )
        return [checked_attachment(upload) for upload in uploads]

    def clean(self):
        cleaned_data = super().clean()
        has_latitude = cleaned_data.get("latitude") is not None
        if has_latitude != (cleaned_data.get("longitude") is not None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        return cleaned_data

    def proposal_data(self):
        data = {field: self.cleaned_data.get(field) for field in self.Meta.fields}
        if "scope_key" in self.fields:
            scope = scope_from_key(self.cleaned_data.get("scope_key"))
            data["scope_content_type_id"] = None
            data["scope_object_id"] = None
            if scope is not None:
                from django.contrib.contenttypes.models import ContentType

                data["scope_content_type_id"] = ContentType.objects.get_for_model(scope).pk
                data["scope_object_id"] = scope.pk
        return data


class CommentForm(forms.ModelForm):
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Comment
        fields = ["body", "position"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 4}),
            "position": forms.RadioSelect,
        }

    def clean_body(self):
        body = clean_html(self.cleaned_data["body"], tags={"p", "br", "a"})
        length = len(text_of(body))
        if not length:
            raise forms.ValidationError(_("Write your comment."))
        if length > 2000:
            raise forms.ValidationError(
                _("Keep your comment within 2000 characters (now %(length)s).") % {"length": length}
            )
        return body


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["reason", "note"]
        widgets = {"reason": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.label = _("Why are you reporting it?")
        reason.choices = Report.Reason.choices  # a radio group: no blank option, none preselected

    def clean_note(self):
        return clean_text(self.cleaned_data["note"])[:1000]


SORTS = {
    "recent": _("Most recent"),
    "supported": _("Most supported"),
    "commented": _("Most commented"),
    "random": _("Random"),
}


class ProposalFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False)
    scope = forms.ChoiceField(label=_("Municipio"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            ("published", _("Open for support")),
            ("threshold", _("Threshold reached")),
            ("withdrawn", _("Withdrawn")),
        ],
    )
    mine = forms.BooleanField(label=_("My proposals"), required=False)
    supported = forms.BooleanField(label=_("Proposals I support"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=list(SORTS.items()))

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = consultation.themes.all()
        self.fields["theme"].empty_label = _("All themes")
        self.fields["scope"].choices = [("", _("All")), *scope_choices()]
        if len(self.fields["scope"].choices) == 1:
            del self.fields["scope"]
        for name in self.SELECTS:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] = "form-select"

    SELECTS = ["theme", "scope", "status", "sort"]

    def select_fields(self):
        return [self[name] for name in self.SELECTS if name in self.fields]
