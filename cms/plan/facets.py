"""Faceted filtering of the regeneration atlas, shared by the list, the map and the exports.

Facets combine with AND; the values ticked within one facet combine with OR. Counts come from one
aggregate query per facet, so the number of queries does not depend on the number of projects.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cms.cache import until_site_changes
from cms.plan.models import (
    ActionAmbit,
    ActorType,
    CriticalIssueAmbit,
    InterventionKind,
    Localisation,
    Municipality,
    ProjectPhase,
    RegenerationProjectPage,
    Scale,
    ZonePage,
)

PROJECTS_PER_PAGE = 12


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    lookup: str

    def options(self, projects):
        """(value in the URL, label, key in the database) for every term of the facet."""
        raise NotImplementedError


@dataclass(frozen=True)
class VocabularyFacet(Facet):
    model: type = None

    def options(self, projects):
        return [(term.slug, term.name, term.pk) for term in self.model.objects.all()]


@dataclass(frozen=True)
class ZoneFacet(Facet):
    def options(self, projects):
        zones = ZonePage.objects.live().public().order_by("path").only("pk", "slug", "title")
        return [(zone.slug, zone.title, zone.pk) for zone in zones]


@dataclass(frozen=True)
class MunicipalityFacet(Facet):
    def options(self, projects):
        """Only the municipalities that have projects in this atlas."""
        municipalities = Municipality.objects.filter(pk__in=projects.values("municipality"))
        return [(m.slug, m.name, m.pk) for m in municipalities.only("slug", "name")]


@dataclass(frozen=True)
class PhaseStatusFacet(Facet):
    def options(self, projects):
        return [(value, label, value) for value, label in ProjectPhase.Status.choices]


FACETS = [
    ZoneFacet("zone", _("Zone"), "municipality__zone"),
    MunicipalityFacet("municipality", _("Municipality"), "municipality"),
    VocabularyFacet("kind", _("Kind of intervention"), "kind", InterventionKind),
    VocabularyFacet("localisation", _("Localisation"), "localisation", Localisation),
    VocabularyFacet("ambit", _("Prevailing ambit of action"), "action_ambit", ActionAmbit),
    VocabularyFacet("critical", _("Critical-issue ambits"), "critical_ambits", CriticalIssueAmbit),
    VocabularyFacet("scale", _("Scale"), "scale", Scale),
    VocabularyFacet("actor", _("Actors involved"), "actors__actor_type", ActorType),
    PhaseStatusFacet("phase", _("Phase status"), "phases__status"),
]


@dataclass
class FacetState:
    facet: Facet
    options: list
    selected_keys: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    @property
    def choices(self):
        return [
            {
                "value": value,
                "label": label,
                "count": self.counts.get(key, 0),
                "checked": key in self.selected_keys,
                "id": f"facet-{self.facet.param}-{index}",
            }
            for index, (value, label, key) in enumerate(self.options)
        ]

    @property
    def selected_labels(self):
        return [label for _value, label, key in self.options if key in self.selected_keys]


class AtlasFilter:
    """Reads the facets from a query string and filters the atlas's projects."""

    def __init__(self, projects, query):
        self.projects = projects
        self.states = []
        self.ignored = []
        for facet in FACETS:
            options = facet.options(projects)
            keys_by_value = {value: key for value, _label, key in options}
            requested = query.getlist(facet.param)
            self.ignored += [value for value in requested if value not in keys_by_value]
            selected = [keys_by_value[value] for value in requested if value in keys_by_value]
            self.states.append(FacetState(facet, options, selected))

    @property
    def active(self):
        return [state for state in self.states if state.selected_keys]

    def queryset(self, excluding=None):
        projects = self.projects
        for state in self.active:
            if state.facet is excluding:
                continue
            matching = RegenerationProjectPage.objects.filter(
                **{f"{state.facet.lookup}__in": state.selected_keys}
            )
            projects = projects.filter(pk__in=matching.values("pk"))
        return projects

    def term_counts(self):
        """For each facet, how many projects each term would give with the other facets kept."""
        return [self._counts_for(state.facet) for state in self.states]

    def _counts_for(self, facet):
        rows = (
            self.queryset(excluding=facet)
            .order_by()
            .values(facet.lookup)
            .annotate(total=Count("pk", distinct=True))
        )
        return {row[facet.lookup]: row["total"] for row in rows}

    def count_terms(self, request):
        """The counts change only when a project is published: computed once per change."""
        counts = until_site_changes(request, "atlas-counts", self.term_counts)
        for state, state_counts in zip(self.states, counts, strict=True):
            state.counts = state_counts


def filtered_projects(atlas, query):
    return AtlasFilter(atlas.projects(), query)


def atlas_listing(atlas, request):
    atlas_filter = filtered_projects(atlas, request.GET)
    atlas_filter.count_terms(request)
    projects = (
        atlas_filter.queryset()
        .select_related("municipality__zone", "localisation", "kind", "action_ambit", "scale")
        .prefetch_related("phases")
        .order_by("title")
    )
    page_obj = Paginator(projects, PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    suffix = f"?{encoded}" if encoded else ""
    return {
        "facets": atlas_filter.states,
        "active_facets": atlas_filter.active,
        "ignored_filters": atlas_filter.ignored,
        "page_obj": page_obj,
        "geojson_url": atlas.get_url(request)
        + atlas.reverse_subpage("geojson").lstrip("/")
        + suffix,
        "csv_url": atlas.get_url(request) + atlas.reverse_subpage("csv").lstrip("/") + suffix,
    }
