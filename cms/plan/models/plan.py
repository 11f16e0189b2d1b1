"""The Strategic Plan of the Metropolitan City: overview, platforms, projects, zones."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.plan.blocks import AgendaActionBlock, ProcessPhaseBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


def live_children(page, model):
    return model.objects.child_of(page).live().public()


class StrategicPlanPage(Page):
    """The plan's overview: the process phases, the platforms, the projects, monitoring."""

    intro = models.TextField(_("introduction"), blank=True)
    phases = StreamField(
        [("phase", ProcessPhaseBlock())], verbose_name=_("process phases"), blank=True
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    monitoring = RichTextField(
        _("monitoring and yearly update"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("How the plan is monitored and updated every year"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("phases"),
        FieldPanel("body"),
        FieldPanel("monitoring"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("phases"),
        index.SearchField("body"),
        index.SearchField("monitoring"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = [
        "plan.PlatformPage",
        "plan.StrategicProjectPage",
        "plan.ZoneIndexPage",
        "plan.AtlasPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("strategic plan")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["platforms"] = live_children(self, PlatformPage)
        context["strategic_projects"] = live_children(self, StrategicProjectPage).select_related(
            "platform"
        )
        context["zone_indexes"] = live_children(self, ZoneIndexPage)
        return context


class PlatformPage(Page):
    """One of the six project platforms, e.g. "Milano metropoli facile"."""

    aim = models.CharField(
        _("aim"), max_length=200, help_text=_("e.g. Semplificare procedure e accesso ai servizi")
    )
    objective = models.TextField(_("objective"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("aim"),
        FieldPanel("objective"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("aim"),
        index.SearchField("objective"),
        index.SearchField("body"),
    ]
    parent_page_types = ["plan.StrategicPlanPage"]
    subpage_types = ["plan.StrategicProjectPage"]

    class Meta:
        verbose_name = _("project platform")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["projects"] = (
            StrategicProjectPage.objects.live()
            .public()
            .filter(platform=self)
            .order_by("project_type", "number", "title")
        )
        return context


class StrategicProjectPage(Page):
    """A strategic project (one of the ten) or an operational project of a platform."""

    class ProjectType(models.TextChoices):
        STRATEGIC = "strategic", _("Strategic project")
        OPERATIONAL = "operational", _("Operational project")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        SUSPENDED = "suspended", _("Suspended")

    project_type = models.CharField(
        _("type"), max_length=20, choices=ProjectType.choices, default=ProjectType.STRATEGIC
    )
    number = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("The project's number in the plan, e.g. 1 for RE.MIX"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    responsible_office = models.CharField(_("responsible office"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    platform = models.ForeignKey(
        "plan.PlatformPage",
        verbose_name=_("platform"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        help_text=_("Projects placed under a platform page take that platform automatically."),
    )
    zones = ParentalManyToManyField(
        "plan.ZonePage", verbose_name=_("zones"), blank=True, related_name="strategic_projects"
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("project_type"),
                FieldPanel("number"),
                FieldPanel("status"),
                FieldPanel("responsible_office"),
                FieldPanel("platform"),
                FieldPanel("zones", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Project data"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("updates", label=_("Updates over time")),
        InlinePanel("related_pages", label=_("Related events and consultations")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("responsible_office"),
        index.FilterField("status"),
        index.FilterField("project_type"),
    ]
    parent_page_types = ["plan.StrategicPlanPage", "plan.PlatformPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("strategic or operational project")
        indexes = [models.Index(fields=["project_type", "number"])]

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        if parent and parent.specific_class is PlatformPage:
            self.platform_id = parent.pk
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["zones"] = self.zones.live().public().order_by("path")
        context["related"] = [
            item.page for item in self.related_pages.select_related("page") if item.page.live
        ]
        context["regeneration_projects"] = (
            self.regeneration_projects.live().public().select_related("municipality")
        )
        return context


class StrategicProjectUpdate(Orderable):
    """A dated step in the life of a project, shown newest first."""

    page = ParentalKey(StrategicProjectPage, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)

    panels = [FieldPanel("date"), FieldPanel("title"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("update")
        verbose_name_plural = _("updates")


class RelatedPage(Orderable):
    """A page elsewhere on the site (an event, a consultation) related to a project."""

    source = ParentalKey(
        StrategicProjectPage, on_delete=models.CASCADE, related_name="related_pages"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")


class ZoneIndexPage(RoutablePageMixin, Page):
    """The "Zone omogenee" and Milano, with a map of the zones."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["plan.StrategicPlanPage"]
    subpage_types = ["plan.ZonePage"]
    max_count = 1

    class Meta:
        verbose_name = _("zones index")

    def get_context(self, request, *args, **kwargs):
        from cms.plan.zones import zones_with_counts

        context = super().get_context(request, *args, **kwargs)
        context["zones"] = zones_with_counts(self)
        return context

    @path("geojson/", name="geojson")
    def geojson(self, request):
        from cms.plan.zones import zones_geojson_response

        return zones_geojson_response(self, request)


class ZonePage(Page):
    """A "Zona omogenea" (or Milano) and its territorial agenda."""

    vocation = models.CharField(
        _("future vocation"),
        max_length=200,
        help_text=_("e.g. Un territorio in rete, attrattivo e vocato all'innovazione"),
    )
    context_text = RichTextField(
        _("context"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("The current economic, social and territorial state of the zone"),
    )
    vocation_text = RichTextField(
        _("future vocation explained"), blank=True, features=RICH_TEXT_FEATURES
    )
    agenda = StreamField(
        [("action", AgendaActionBlock())],
        verbose_name=_("projects and actions of the agenda"),
        blank=True,
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Centre of the zone on the map (WGS84)"),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("vocation"),
        FieldPanel("context_text"),
        FieldPanel("vocation_text"),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Position on the map")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("vocation"),
        index.SearchField("context_text"),
        index.SearchField("vocation_text"),
        index.SearchField("agenda"),
    ]
    parent_page_types = ["plan.ZoneIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="plan_zone_point_complete",
            )
        ]

    def get_context(self, request, *args, **kwargs):
        from cms.plan.models.atlas import RegenerationProjectPage

        context = super().get_context(request, *args, **kwargs)
        context["municipalities"] = self.municipalities.all()
        context["strategic_projects"] = self.strategic_projects.live().public()
        context["regeneration_projects"] = (
            RegenerationProjectPage.objects.live()
            .public()
            .filter(municipality__zone=self)
            .select_related("municipality", "kind", "localisation", "action_ambit")
            .order_by("title")
        )
        return context
