"""The RE.MIX regeneration atlas: municipalities, regeneration projects and their monitoring."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.plan.blocks import MeasurementBlock
from cms.plan.geo import validate_area
from cms.plan.models.plan import RelatedPageBase, visible_related_pages


def latitude_field(**kwargs):
    return models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        **kwargs,
    )


def longitude_field(**kwargs):
    return models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        **kwargs,
    )


class Municipality(index.Indexed, models.Model):
    """A municipality (Comune) of the Metropolitan City, in one of the zones."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    zone = models.ForeignKey(
        "plan.ZonePage",
        verbose_name=_("zone"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="municipalities",
    )
    latitude = latitude_field(help_text=_("Centre of the municipality (WGS84)"))
    longitude = longitude_field()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("zone"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class AtlasPage(RoutablePageMixin, Page):
    """The regeneration atlas: a filterable list and map, with open data downloads."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "plan.StrategicPlanPage"]
    subpage_types = ["plan.RegenerationProjectPage"]

    class Meta:
        verbose_name = _("regeneration atlas")

    def projects(self):
        """The atlas's live, public projects: the only ones shown or exported."""
        return RegenerationProjectPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        from cms.plan.facets import atlas_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(atlas_listing(self, request))
        return context

    @path("geojson/", name="geojson")
    def geojson(self, request):
        from cms.plan.exports import geojson_response

        return geojson_response(self, request)

    @path("csv/", name="csv")
    def csv(self, request):
        from cms.plan.exports import csv_response

        return csv_response(self, request)


class RegenerationProjectPage(Page):
    """A regeneration project of the RE.MIX catalogue."""

    intro = models.TextField(_("summary"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="regeneration_projects",
    )
    localisation = models.ForeignKey(
        "plan.Localisation",
        verbose_name=_("localisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    action_ambit = models.ForeignKey(
        "plan.ActionAmbit",
        verbose_name=_("prevailing ambit of action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    critical_ambits = ParentalManyToManyField(
        "plan.CriticalIssueAmbit",
        verbose_name=_("critical-issue ambits"),
        blank=True,
        related_name="projects",
    )
    scale = models.ForeignKey(
        "plan.Scale",
        verbose_name=_("scale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    kind = models.ForeignKey(
        "plan.InterventionKind",
        verbose_name=_("kind of intervention"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    strategic_project = models.ForeignKey(
        "plan.StrategicProjectPage",
        verbose_name=_("strategic project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="regeneration_projects",
        help_text=_("The strategic project of the plan this project belongs to, e.g. RE.MIX"),
    )
    latitude = latitude_field(null=True, blank=True, help_text=_("Location point (WGS84)"))
    longitude = longitude_field(null=True, blank=True)
    area_geojson = models.TextField(
        _("area (GeoJSON)"),
        blank=True,
        validators=[validate_area],
        help_text=_(
            "A GeoJSON Polygon or MultiPolygon geometry with [longitude, latitude] coordinates "
            "(WGS84). Required for works, empty for actions."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("localisation"),
                FieldPanel("action_ambit"),
                FieldPanel("critical_ambits", widget=forms.CheckboxSelectMultiple),
                FieldPanel("scale"),
                FieldPanel("strategic_project"),
            ],
            heading=_("Taxonomy"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("area_geojson"),
            ],
            heading=_("Location"),
        ),
        FieldPanel("body"),
        InlinePanel("phases", label=_("Phases")),
        InlinePanel("actors", label=_("Actors involved")),
        InlinePanel("indicators", label=_("Indicators (KPI)")),
        InlinePanel("related_pages", label=_("Related events and consultations")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
        index.FilterField("municipality"),
    ]
    parent_page_types = ["plan.AtlasPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("regeneration project")
        verbose_name_plural = _("regeneration projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="plan_regeneration_point_complete",
            )
        ]

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or none.")})
        if self.kind and self.kind.has_area and not self.area_geojson:
            raise ValidationError({"area_geojson": _("Works need an area.")})
        if self.kind and not self.kind.has_area and self.area_geojson:
            raise ValidationError({"area_geojson": _("Actions have no area: leave it empty.")})

    @property
    def zone(self):
        return self.municipality.zone

    def get_context(self, request, *args, **kwargs):
        from cms.plan.exports import project_feature

        context = super().get_context(request, *args, **kwargs)
        context["feature"] = project_feature(self, request)
        context["atlas"] = self.get_parent()
        context["related"] = visible_related_pages(self)
        return context


class ProjectPhase(Orderable):
    """A phase of a project (the seed's "FASE I/II/III") with its status."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    page = ParentalKey(RegenerationProjectPage, on_delete=models.CASCADE, related_name="phases")
    label = models.CharField(_("label"), max_length=40, help_text=_("e.g. FASE I"))
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True
    )

    panels = [FieldPanel("label"), FieldPanel("description"), FieldPanel("status")]

    class Meta(Orderable.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self):
        return self.label


class ProjectActor(Orderable):
    """An actor involved in a project, e.g. Fondazione Cariplo (private)."""

    page = ParentalKey(RegenerationProjectPage, on_delete=models.CASCADE, related_name="actors")
    name = models.CharField(_("name"), max_length=200)
    actor_type = models.ForeignKey(
        "plan.ActorType", verbose_name=_("actor type"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("actor_type"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def __str__(self):
        return self.name


class Indicator(Orderable):
    """A key performance indicator with baseline, target and dated measurements."""

    page = ParentalKey(RegenerationProjectPage, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("e.g. m², users per year, %"))
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(
        _("target year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    measurements = StreamField(
        [("measurement", MeasurementBlock())], verbose_name=_("measurements"), blank=True
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel(
            [
                FieldPanel("unit"),
                FieldPanel("baseline"),
                FieldPanel("target"),
                FieldPanel("target_year"),
            ]
        ),
        FieldPanel("measurements"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    @property
    def latest(self):
        """The most recent measurement's value dict, or None."""
        values = [block.value for block in self.measurements]
        return max(values, key=lambda value: value["date"]) if values else None

    @property
    def progress_percent(self):
        """How far the latest value has moved from baseline towards target, 0-100."""
        latest = self.latest
        if latest is None or self.target == self.baseline:
            return None
        share = (latest["value"] - self.baseline) / (self.target - self.baseline)
        return max(0, min(100, round(share * 100)))


class RegenerationRelatedPage(RelatedPageBase):
    source = ParentalKey(
        RegenerationProjectPage, on_delete=models.CASCADE, related_name="related_pages"
    )
