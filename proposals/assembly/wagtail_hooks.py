from django import forms
from django.urls import include, path, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, search
from .forms import RecommendationAdminForm, ThematicGroupForm
from .models import (
    AnnualReport,
    Assembly,
    Cycle,
    Membership,
    Plenary,
    PoolPerson,
    Quota,
    Recommendation,
    ThematicGroup,
)

admin_urls = [
    path("", admin_views.IndexView.as_view(), name="index"),
    path("cicli/<proposals_id:pk>/", admin_views.CycleDashboardView.as_view(), name="cycle"),
    path(
        "cicli/<proposals_id:pk>/importa/", admin_views.PoolImportView.as_view(), name="pool_import"
    ),
    path(
        "cicli/<proposals_id:pk>/sorteggio/", admin_views.SelectionView.as_view(), name="selection"
    ),
    path(
        "cicli/<proposals_id:pk>/calendario/", admin_views.CalendarView.as_view(), name="calendar"
    ),
    path(
        "cicli/<proposals_id:pk>/inviti/", admin_views.InvitationsView.as_view(), name="invitations"
    ),
    path("sorteggi/<proposals_id:pk>/", admin_views.RunView.as_view(), name="run"),
    path(
        "plenarie/<proposals_id:pk>/presenze/", admin_views.RegisterView.as_view(), name="register"
    ),
    path(
        "iscrizioni/<proposals_id:pk>/sostituto/",
        admin_views.SubstituteView.as_view(),
        name="substitute",
    ),
    path("voti/<proposals_id:pk>/", admin_views.VoteView.as_view(), name="vote"),
    path(
        "report/<proposals_id:pk>/consegna/",
        admin_views.DeliverReportView.as_view(),
        name="deliver",
    ),
]


@hooks.register("register_admin_urls")
def register_assembly_admin_urls():
    return [path("assemblea/", include((admin_urls, "assembly_admin")))]


class AssemblyViewSet(ModelViewSet):
    name = "assembly_assembly"
    model = Assembly
    icon = "group"
    menu_label = _("Assemblies")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    form_fields = ["name", "slug", "description"]


class CycleViewSet(ModelViewSet):
    name = "assembly_cycle"
    model = Cycle
    icon = "date"
    menu_label = _("Yearly cycles")
    list_display = ["__str__", "year", "members_wanted", "substitutes_wanted"]
    list_filter = ["assembly"]
    form_fields = ["assembly", "year", "members_wanted", "substitutes_wanted"]


class PoolPersonViewSet(ModelViewSet):
    name = "assembly_pool"
    model = PoolPerson
    icon = "user"
    menu_label = _("Pool")
    list_display = ["external_id", "last_name", "first_name", "age_band", "gender", "municipio"]
    list_filter = ["cycle", "age_band", "gender", "nationality_group", "consents_to_publication"]
    search_fields = ["external_id", "last_name", "first_name", "email"]
    list_export = [
        "external_id",
        "first_name",
        "last_name",
        "email",
        "age_band",
        "gender",
        "municipio",
        "nationality_group",
        "education",
        "employment",
        "consents_to_publication",
    ]
    exclude_form_fields = []


class QuotaViewSet(ModelViewSet):
    name = "assembly_quota"
    model = Quota
    icon = "list-ul"
    menu_label = _("Quotas")
    list_display = [
        "feature",
        "value",
        "minimum",
        "maximum",
        "high_dropout",
        "substitute_minimum",
        "substitute_maximum",
    ]
    list_filter = ["cycle", "feature", "high_dropout"]
    list_export = list_display
    form_fields = ["cycle", *list_display]


class DrawnOnlyPolicy(ModelPermissionPolicy):
    """Memberships come from the draw and substitutions, never from a blank form."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Membership, DrawnOnlyPolicy(Membership))


class MembershipViewSet(ModelViewSet):
    name = "assembly_membership"
    model = Membership
    icon = "user"
    menu_label = _("Members and substitutes")
    list_display = ["person", "role", "priority", "active", "stepped_in_at", "user"]
    list_filter = ["cycle", "role", "active"]
    search_fields = ["person__last_name", "person__first_name"]
    list_export = ["person", "role", "priority", "active", "lapsed_at", "stepped_in_at"]
    form_fields = ["user", "priority"]


class ThematicGroupViewSet(ModelViewSet):
    name = "assembly_group"
    model = ThematicGroup
    icon = "folder-open-inverse"
    menu_label = _("Thematic groups")
    list_display = ["name", "cycle", "pac_actions"]
    list_filter = ["cycle"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("cycle"),
            FieldPanel("name"),
            FieldPanel("mandate"),
            FieldPanel("pac_actions"),
            FieldPanel("members", widget=forms.CheckboxSelectMultiple),
            FieldPanel("coordinators", widget=forms.CheckboxSelectMultiple),
            FieldPanel("facilitators"),
            FieldPanel("technical_referents"),
        ],
        base_form_class=ThematicGroupForm,
    )


class PlenaryViewSet(ModelViewSet):
    name = "assembly_plenary"
    model = Plenary
    icon = "date"
    menu_label = _("Plenary sessions")
    list_display = ["date", "cycle", "location", "is_final"]
    list_filter = ["cycle"]
    form_fields = ["cycle", "date", "location", "agenda", "is_final"]


class RecommendationViewSet(SnippetViewSet):
    model = Recommendation
    icon = "doc-full"
    menu_label = _("Recommendations")
    list_display = ["title", "kind", "group", "pac_action", "status"]
    list_filter = ["cycle", "kind", "status", "group"]
    search_fields = ["title"]
    list_export = ["title", "kind", "group", "pac_action", "status"]
    edit_handler = ObjectList(
        [
            FieldPanel("cycle"),
            FieldPanel("group"),
            FieldPanel("kind"),
            FieldPanel("title"),
            FieldPanel("pac_action"),
            FieldPanel("body"),
            FieldPanel("status"),
        ],
        base_form_class=RecommendationAdminForm,
    )


class AnnualReportViewSet(SnippetViewSet):
    model = AnnualReport
    icon = "doc-full-inverse"
    menu_label = _("Annual reports")
    list_display = ["__str__", "delivered_at"]
    panels = [
        FieldPanel("cycle"),
        FieldPanel("introduction"),
        FieldPanel("pac_positions"),
        InlinePanel("handover_notes", label=_("Hand-over notes of the groups")),
        FieldPanel("delivered_at", read_only=True),
    ]


class PermissionMenuItem(MenuItem):
    """Shown only to the people the back office lets in."""

    def is_shown(self, request):
        return request.user.has_perm("assembly.manage_assembly")


class AssemblyViewSetGroup(ViewSetGroup):
    menu_label = _("Citizens' assembly")
    menu_icon = "group"
    menu_order = 310
    items = (
        AssemblyViewSet,
        CycleViewSet,
        PoolPersonViewSet,
        QuotaViewSet,
        MembershipViewSet,
        ThematicGroupViewSet,
        PlenaryViewSet,
        RecommendationViewSet,
        AnnualReportViewSet,
    )

    def get_submenu_items(self):
        dashboard = PermissionMenuItem(
            _("Dashboard"), reverse_lazy("assembly_admin:index"), icon_name="home", order=0
        )
        return [dashboard, *super().get_submenu_items()]


register_snippet(AssemblyViewSetGroup)


@hooks.register("register_home_section")
def assembly_home_section(request):
    """The assembly's next plenary and latest published votes on the home page."""
    assembly = Assembly.objects.order_by("pk").first()
    if assembly is None:
        return None
    cycle = assembly.current_cycle()
    return {
        "template": "assembly/home_section.html",
        "order": 40,
        "assembly": assembly,
        "next_plenary": cycle.plenaries.filter(date__gte=timezone.localdate()).first()
        if cycle
        else None,
        "closed_items": list(
            cycle.recommendations.filter(status=Recommendation.Status.CLOSED).select_related(
                "tally"
            )[:3]
        )
        if cycle
        else [],
    }


hooks.register("register_search_kind", search.recommendation_kind)
