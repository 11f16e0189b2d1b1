from wagtail.admin.forms import WagtailAdminModelForm


class ResponseAdminForm(WagtailAdminModelForm):
    """The "notify again" tick is a choice made for each correction, so it starts unticked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "notify_again" in self.fields:
            self.initial["notify_again"] = False


class ResponseNoteAdminForm(WagtailAdminModelForm):
    def save(self, commit=True):
        if self.instance.author_id is None and self.for_user is not None:
            self.instance.author = self.for_user
        return super().save(commit=commit)
