from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from proposals.admin_actions import (
    CloseReportsHideBulkAction,
    CloseReportsKeepBulkAction,
    HideBulkAction,
    RestoreBulkAction,
    SendToCityBulkAction,
)
from proposals.models import Comment, ConsultationPage, Phase, Proposal, Report


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
        "status",
        "support_count",
        "published_at",
        "threshold_reached_at",
        "sent_to_city_at",
        "withdrawn_at",
    ]
    export_filename = "proposte"
    ordering = ["-created_at"]
    panels = ["title", "body", "theme", "status"]


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
        "position",
        "is_official",
        "is_hidden",
        "created_at",
        "deleted_at",
    ]
    export_filename = "commenti"
    ordering = ["-created_at"]
    panels = ["body", "position", "is_hidden"]


class ReportViewSet(SnippetViewSet):
    model = Report
    icon = "warning"
    menu_label = _("Reports")
    list_display = ["__str__", "reason", "created_at", "reviewed_at"]
    list_filter = ["reason", "reviewed_at"]
    search_fields = ["note"]
    list_export = ["id", "reason", "target", "note", "created_at", "reviewed_at"]
    export_filename = "segnalazioni"
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
