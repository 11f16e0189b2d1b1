from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from proposals.responses import search
from proposals.responses.dashboard import DeadlinesPanel
from proposals.responses.forms import ResponseAdminForm, ResponseNoteAdminForm
from proposals.responses.models import (
    Dossier,
    Office,
    ProgressUpdate,
    Response,
    ResponseNote,
    ResponseState,
)


class HandedOverOnlyPolicy(ModelPermissionPolicy):
    """Answers are opened by handing an item to the City, never created by hand."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Response, HandedOverOnlyPolicy(Response), exact_class=True)


class ResponseViewSet(SnippetViewSet):
    model = Response
    icon = "openquote"
    menu_label = _("City answers")
    base_form_class = ResponseAdminForm
    list_display = ["target_title", "dossier", "state", "office", "due_date", "answered_at"]
    list_filter = ["state", "office", "dossier", "live", "reason"]
    list_export = [
        "target_title",
        "dossier",
        "reason",
        "state",
        "office",
        "handed_at",
        "due_date",
        "answered_at",
        "live",
        "cost",
        "timeframe",
    ]
    export_filename = "risposte-del-comune"
    search_fields = ["target_title", "answer"]
    ordering = ["due_date"]
    inspect_view_enabled = True


class ResponseStateViewSet(SnippetViewSet):
    model = ResponseState
    icon = "tag"
    list_display = ["name", "sort_order", "is_final", "counts_as_accepted"]
    ordering = ["sort_order"]


class OfficeViewSet(SnippetViewSet):
    model = Office
    icon = "group"
    list_display = ["name", "email"]
    search_fields = ["name"]


class DossierViewSet(SnippetViewSet):
    model = Dossier
    icon = "folder-open-inverse"
    list_display = ["title", "decision_reference", "created_at"]
    search_fields = ["title"]


class ResponseNoteViewSet(SnippetViewSet):
    model = ResponseNote
    icon = "comment"
    base_form_class = ResponseNoteAdminForm
    list_display = ["response", "author", "created_at"]
    list_filter = ["response__office"]
    search_fields = ["text"]


class ProgressUpdateViewSet(SnippetViewSet):
    model = ProgressUpdate
    icon = "time"
    list_display = ["response", "date", "percentage", "status"]
    list_filter = ["status", "response__office"]
    list_export = ["response", "date", "percentage", "status", "note"]


class ResponsesGroup(SnippetViewSetGroup):
    items = (
        ResponseViewSet,
        DossierViewSet,
        ProgressUpdateViewSet,
        ResponseNoteViewSet,
        ResponseStateViewSet,
        OfficeViewSet,
    )
    menu_icon = "openquote"
    menu_label = _("City answers")
    menu_name = "city_answers"
    menu_order = 250


register_snippet(ResponsesGroup)


@hooks.register("construct_homepage_panels")
def add_deadlines_panel(request, panels):
    if request.user.has_perm("responses.change_response"):
        panels.append(DeadlinesPanel())


hooks.register("register_search_kind", search.answer_kind)
