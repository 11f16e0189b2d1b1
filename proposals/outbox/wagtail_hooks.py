"""The outbox in the Wagtail admin, read-only: staff see what is pending or failed, and why."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from proposals.outbox.models import Message


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Only deliveries change the outbox: nobody adds, edits or deletes a row by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


class MessageViewSet(ModelViewSet):
    model = Message
    icon = "mail"
    menu_label = _("Outbox")
    add_to_settings_menu = True
    list_display = ["key", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["key"]
    inspect_view_enabled = True
    exclude_form_fields = []

    @cached_property
    def permission_policy(self):
        return ReadOnlyPolicy(self.model)


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return MessageViewSet("outbox")
