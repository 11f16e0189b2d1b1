from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.plan import search
from cms.plan.models import (
    ActionAmbit,
    ActorType,
    AtlasPage,
    CriticalIssueAmbit,
    InterventionKind,
    Localisation,
    Municipality,
    Scale,
    StrategicPlanPage,
)
from cms.search import SEARCH_KINDS_HOOK


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    list_display = ["name", "zone", "latitude", "longitude"]
    list_filter = ["zone"]
    list_export = ["name", "slug", "zone", "latitude", "longitude"]
    search_fields = ["name"]
    ordering = ["name"]


def vocabulary_viewset(vocabulary, icon, extra_columns=()):
    return type(
        f"{vocabulary.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": vocabulary,
            "icon": icon,
            "list_display": ["name", "slug", *extra_columns, "sort_order"],
            "list_export": ["name", "slug", "description", *extra_columns, "sort_order"],
            "search_fields": ["name"],
            "ordering": ["sort_order", "name"],
        },
    )


class AtlasViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Regeneration atlas")
    menu_icon = "site"
    menu_order = 310
    items = (
        MunicipalityViewSet,
        vocabulary_viewset(InterventionKind, "tag", ["has_area"]),
        vocabulary_viewset(Localisation, "tag"),
        vocabulary_viewset(ActionAmbit, "tag"),
        vocabulary_viewset(CriticalIssueAmbit, "tag"),
        vocabulary_viewset(Scale, "tag"),
        vocabulary_viewset(ActorType, "group"),
    )


register_snippet(AtlasViewSetGroup)


@hooks.register("register_home_section")
def regeneration_home_section(request):
    atlas = AtlasPage.objects.live().public().first()
    if atlas is None:
        return None
    latest = atlas.projects().select_related("municipality").order_by("-first_published_at")
    return {
        "template": "plan/home_section.html",
        "order": 40,
        "atlas": atlas,
        "plan": StrategicPlanPage.objects.live().public().first(),
        "projects": list(latest[:3]),
    }


hooks.register(SEARCH_KINDS_HOOK, search.atlas_project_kind)
