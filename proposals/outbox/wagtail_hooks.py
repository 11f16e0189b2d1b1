"""The outbox in the Wagtail admin, read-only: staff see what is pending or failed, and why."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from proposals.outbox.models import Message


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Only deliveries change the outbox: nobody adds, edits or deletes a row by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


register_permission_policy(Message, ReadOnlyPolicy(Message), exact_class=True)


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


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return MessageViewSet("outbox")
