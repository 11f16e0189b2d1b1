from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from proposals import search
from proposals.admin_actions import (
    CloseReportsHideBulkAction,
    CloseReportsKeepBulkAction,
    HideBulkAction,
    RestoreBulkAction,
    SendToCityBulkAction,
)
from proposals.admin_views import LocalTimeSnippetIndexView, ProposalDeleteView, ProposalEditView
from proposals.models import Comment, ConsultationPage, Phase, Proposal, Report


class WrittenByThePublicPolicy(ModelPermissionPolicy):
    """Proposals, comments and reports are written by the public, never added (or copied) by
    staff in the admin: the form has no author and could only fail."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Proposal, WrittenByThePublicPolicy(Proposal))
register_permission_policy(Comment, WrittenByThePublicPolicy(Comment))
register_permission_policy(Report, WrittenByThePublicPolicy(Report))


class ProposalViewSet(SnippetViewSet):
    model = Proposal
    icon = "openquote"
    menu_label = _("Proposals")
    list_display = ["title", "consultation", "status", "support_count", "published_at"]
    list_filter = ["status", "consultation"]
    search_fields = ["title", "body"]
    list_export = [
        "id",
        "title",
        "consultation",
        "theme",
        "get_status_display",
        "support_count",
        "published_at",
        "threshold_reached_at",
        "sent_to_city_at",
        "withdrawn_at",
    ]
    export_headings = {"get_status_display": _("Status")}
    export_filename = "proposte"
    index_view_class = LocalTimeSnippetIndexView
    edit_view_class = ProposalEditView
    delete_view_class = ProposalDeleteView
    copy_view_enabled = False
    ordering = ["-created_at"]
    panels = ["title", "body", "theme", "status"]

    def get_queryset(self, request):
        return Proposal.objects.exclude(status=Proposal.Status.DRAFT)


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    list_display = ["__str__", "consultation", "proposal", "position", "is_hidden", "created_at"]
    list_filter = ["is_hidden", "is_official", "position", "consultation"]
    search_fields = ["body"]
    list_export = [
        "id",
        "consultation",
        "proposal",
        "get_position_display",
        "is_official",
        "is_hidden",
        "created_at",
        "deleted_at",
    ]
    export_headings = {"get_position_display": _("Position")}
    export_filename = "commenti"
    index_view_class = LocalTimeSnippetIndexView
    copy_view_enabled = False
    ordering = ["-created_at"]
    panels = ["body", "position", "is_hidden"]


class ReportViewSet(SnippetViewSet):
    model = Report
    icon = "warning"
    menu_label = pgettext_lazy("moderation", "Reports")
    list_display = ["__str__", "reason", "created_at", "reviewed_at"]
    list_filter = ["reason", "reviewed_at"]
    search_fields = ["note"]
    list_export = ["id", "get_reason_display", "target", "note", "created_at", "reviewed_at"]
    export_headings = {"get_reason_display": _("Reason")}
    export_filename = "segnalazioni"
    index_view_class = LocalTimeSnippetIndexView
    copy_view_enabled = False
    ordering = ["reviewed_at", "-created_at"]
    panels = ["reason", "note"]


class ParticipationGroup(SnippetViewSetGroup):
    items = (ProposalViewSet, CommentViewSet, ReportViewSet)
    menu_icon = "group"
    menu_label = _("Participation")
    menu_name = "participation"
    menu_order = 250


register_snippet(ParticipationGroup)

for action in (
    HideBulkAction,
    RestoreBulkAction,
    SendToCityBulkAction,
    CloseReportsKeepBulkAction,
    CloseReportsHideBulkAction,
):
    hooks.register("register_bulk_action", action)


@hooks.register("register_home_section")
def open_consultations_section(request):
    now = timezone.now()
    open_ids = Phase.objects.filter(start__lte=now, end__gt=now).values("page_id")
    consultations = list(
        ConsultationPage.objects.live()
        .public()
        .filter(pk__in=open_ids)
        .prefetch_related("phases")
        .order_by("-first_published_at")[:6]
    )
    return {"template": "proposals/home_section.html", "order": 20, "consultations": consultations}


hooks.register("register_search_kind", search.consultation_kind)
hooks.register("register_search_kind", search.proposal_kind)
