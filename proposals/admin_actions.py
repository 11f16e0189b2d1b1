"""Moderation bulk actions in the Wagtail admin: hide, show again, close reports, send to City."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from proposals import services
from proposals.models import Comment, Proposal, Report


class ModerationBulkAction(SnippetBulkAction):
    template_name = "proposals/admin/confirm_bulk_action.html"
    confirmation = ""

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission(self.request.user, "change")

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_title": self.display_name,
            "confirmation": self.confirmation,
        }

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d item updated.", "%(count)d items updated.", num_parent_objects
        ) % {"count": num_parent_objects}


class HideBulkAction(ModerationBulkAction):
    display_name = _("Hide")
    action_type = "hide"
    aria_label = _("Hide the selected items from the public")
    confirmation = _("The selected items will be hidden from the public.")
    models = [Proposal, Comment]

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for obj in objects:
            services.hide(obj)
        return len(objects), 0


class RestoreBulkAction(ModerationBulkAction):
    display_name = _("Show again")
    action_type = "restore"
    aria_label = _("Show the selected items to the public again")
    confirmation = _("The selected items will be visible to the public again.")
    models = [Proposal, Comment]

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for obj in objects:
            services.restore(obj, user)
        return len(objects), 0


class SendToCityBulkAction(ModerationBulkAction):
    display_name = _("Send to the City")
    action_type = "send_to_city"
    aria_label = _("Send the selected proposals to the City for an answer")
    confirmation = _("The selected proposals will be sent to the City for a formal answer.")
    models = [Proposal]

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        sent = sum(services.send_to_city(user, proposal) for proposal in objects)
        return sent, 0


class CloseReportsKeepBulkAction(ModerationBulkAction):
    display_name = _("Mark reviewed, keep visible")
    action_type = "reviewed_keep"
    aria_label = _("Close the selected reports and keep the items visible")
    confirmation = _("The reports will be closed and the reported items shown to the public.")
    models = [Report]

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return services.close_reports(objects, user, keep_hidden=False), 0


class CloseReportsHideBulkAction(ModerationBulkAction):
    display_name = _("Mark reviewed, hide")
    action_type = "reviewed_hide"
    aria_label = _("Close the selected reports and hide the items")
    confirmation = _("The reports will be closed and the reported items hidden from the public.")
    models = [Report]

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return services.close_reports(objects, user, keep_hidden=True), 0
