from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.plan.models import (
    ActionAmbit,
    ActorType,
    CriticalIssueAmbit,
    InterventionKind,
    Localisation,
    Municipality,
    Scale,
)


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
