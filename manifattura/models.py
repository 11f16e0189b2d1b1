"""Page types of the Manifattura Milano mini-site.

The mini-site is a Wagtail section of the City's site, not a second Site: a ManifatturaHomePage
under the City home whose pages all extend `manifattura/base.html`, which swaps the City's header,
menu and footer for the programme's own brand (set on the mini-site home) and a menu built from the
mini-site home's children marked "show in menus". One site means one login, one search, one
sitemap and shared legal pages, while visitors see a distinct programme site.
"""

from datetime import timedelta
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import DocumentListBlock
from proposals import outbox

from .blocks import ManifatturaStreamBlock
from .calendar import deadline_response
from .feeds import NewsAtomFeed, NewsRssFeed

PAGE_SIZE = 12


class MinisiteMixin:
    """Gives every mini-site page its home, brand and own navigation (see the mini-site templates)."""

    def get_minisite_home(self):
        if isinstance(self, ManifatturaHomePage):
            return self
        return ManifatturaHomePage.objects.ancestor_of(self).live().first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_minisite_home()
        context["minisite"] = home
        context["minisite_nav"] = list(home.get_children().live().in_menu()) if home else []
        return context


class ManifatturaHomePage(MinisiteMixin, Page):
    brand_title = models.CharField(_("brand title"), max_length=60, default="Manifattura Milano")
    brand_tagline = models.CharField(
        _("brand tagline"),
        max_length=120,
        blank=True,
        default="Manifattura digitale e nuovo artigianato",
    )
    intro = models.TextField(_("aim of the programme"), blank=True)
    objectives = RichTextField(
        _("objectives"), blank=True, features=["bold", "italic", "ul", "link"]
    )
    body = StreamField(ManifatturaStreamBlock(), verbose_name=_("body"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    footer_text = models.TextField(_("footer text"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("objectives"),
        FieldPanel("body"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("brand_title"),
                FieldPanel("brand_tagline"),
                FieldPanel("contact_email"),
                FieldPanel("footer_text"),
            ],
            heading=_("Mini-site brand and footer"),
        ),
        *Page.settings_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = [
        "proposals.ConsultationIndexPage",
        "manifattura.AreaPage",
        "manifattura.PrinciplePage",
        "manifattura.NewsIndexPage",
        "manifattura.CompanyCaseIndexPage",
        "manifattura.CallIndexPage",
        "manifattura.SpaceIndexPage",
        "manifattura.ManifatturaFormPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("Manifattura Milano home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        call_index = CallIndexPage.objects.child_of(self).live().first()
        context["areas"] = AreaPage.objects.child_of(self).live().order_by("path")
        context["principles"] = PrinciplePage.objects.child_of(self).live().order_by("path")
        context["latest_news"] = latest_news(self)[:3]
        context["news_index"] = NewsIndexPage.objects.child_of(self).live().first()
        context["call_index"] = call_index
        context["open_calls"] = call_index.open_calls()[:3] if call_index else []
        return context


def latest_news(home):
    return (
        NewsPage.objects.descendant_of(home)
        .live()
        .select_related("area")
        .order_by("-date", "-first_published_at")
    )


class ProgrammeTopicPage(MinisiteMixin, Page):
    """Shared shape of the areas of intervention and the method principles."""

    intro = models.TextField(_("summary"))
    body = StreamField(ManifatturaStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["manifattura.ManifatturaHomePage"]
    subpage_types = []

    class Meta:
        abstract = True


class AreaPage(ProgrammeTopicPage):
    """One of the six areas of intervention of the programme."""

    template = "manifattura/topic_page.html"

    class Meta:
        verbose_name = _("area of intervention")
        verbose_name_plural = _("areas of intervention")


class PrinciplePage(ProgrammeTopicPage):
    """One of the three method principles of the programme."""

    template = "manifattura/topic_page.html"

    class Meta:
        verbose_name = _("method principle")
        verbose_name_plural = _("method principles")


class IndexPage(MinisiteMixin, Page):
    """Shared shape of the mini-site listings: one per mini-site, children of one type."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["manifattura.ManifatturaHomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def paginate(self, request, queryset):
        return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# News ------------------------------------------------------------------------------------------


class NewsIndexPage(RoutablePageMixin, IndexPage):
    subpage_types = ["manifattura.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    def news(self):
        return (
            NewsPage.objects.child_of(self)
            .live()
            .select_related("area")
            .prefetch_related("tags")
            .order_by("-date", "-first_published_at")
        )

    def get_context(self, request, *args, **kwargs):
        from .forms import NewsFilterForm  # the filter forms import these models

        context = super().get_context(request, *args, **kwargs)
        form = NewsFilterForm(request.GET or None, index=self)
        context["filter_form"] = form
        context["page_obj"] = self.paginate(request, form.filter(self.news()))
        return context

    @path("")
    def listing(self, request):
        return self.render(request)

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return NewsAtomFeed(self)(request)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "manifattura.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(MinisiteMixin, Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    author = models.CharField(
        _("author"), max_length=120, help_text=_("The person or office who wrote the article")
    )
    area = models.ForeignKey(
        "manifattura.AreaPage",
        verbose_name=_("area of intervention"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    intro = models.TextField(_("summary"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("image alternative text"), max_length=250, blank=True)
    body = StreamField(ManifatturaStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("area"),
        FieldPanel("tags"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["manifattura.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")


# Company cases ---------------------------------------------------------------------------------


class Sector(models.TextChoices):
    DIGITAL_FABRICATION = "digital_fabrication", _("Digital fabrication and 3D printing")
    DESIGN = "design", _("Design and furniture")
    FASHION = "fashion", _("Fashion and textiles")
    FOOD = "food", _("Food")
    ELECTRONICS = "electronics", _("Electronics and robotics")
    CRAFTS = "crafts", _("Artistic crafts")
    MECHANICS = "mechanics", _("Mechanics and mechatronics")
    OTHER = "other", _("Other")


class CompanySize(models.TextChoices):
    MICRO = "micro", _("Micro (fewer than 10 people)")
    SMALL = "small", _("Small (10 to 49 people)")
    MEDIUM = "medium", _("Medium (50 to 249 people)")
    LARGE = "large", _("Large (250 people or more)")


class CompanyCaseIndexPage(IndexPage):
    subpage_types = ["manifattura.CompanyCasePage"]

    class Meta:
        verbose_name = _("company cases index")

    def cases(self):
        return (
            CompanyCasePage.objects.child_of(self)
            .live()
            .select_related("municipio")
            .order_by("company_name")
        )

    def get_context(self, request, *args, **kwargs):
        from .forms import CompanyCaseFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = CompanyCaseFilterForm(request.GET or None)
        context["filter_form"] = form
        context["page_obj"] = self.paginate(request, form.filter(self.cases()))
        return context


class CompanyCasePage(MinisiteMixin, Page):
    company_name = models.CharField(_("company name"), max_length=160)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    municipio = models.ForeignKey(
        "cms.Municipio",
        verbose_name=_("Municipio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    size = models.CharField(_("size"), max_length=10, choices=CompanySize.choices)
    products = models.TextField(_("what they make"))
    website = models.URLField(_("website"), blank=True)
    quote = models.TextField(_("quote"), blank=True)
    quote_author = models.CharField(_("quote author"), max_length=160, blank=True)
    body = StreamField(ManifatturaStreamBlock(), verbose_name=_("story"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("company_name"),
                FieldRowPanel([FieldPanel("sector"), FieldPanel("size")]),
                FieldPanel("municipio"),
                FieldPanel("products"),
                FieldPanel("website"),
            ],
            heading=_("The company"),
        ),
        MultiFieldPanel([FieldPanel("quote"), FieldPanel("quote_author")], heading=_("Quote")),
        InlinePanel("gallery_images", label=_("Images")),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("company_name"),
        index.SearchField("products"),
        index.SearchField("body"),
        index.FilterField("sector"),
    ]
    parent_page_types = ["manifattura.CompanyCaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("company case")
        verbose_name_plural = _("company cases")


class CompanyCaseImage(Orderable):
    page = ParentalKey(CompanyCasePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("alternative text"), max_length=250, blank=True)
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


# Calls -----------------------------------------------------------------------------------------


class CallStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSING_SOON = "closing_soon", _("Closing soon")
    CLOSED = "closed", _("Closed")


class CallType(models.TextChoices):
    SPACE_ASSIGNMENT = "space_assignment", _("Space assignment")
    INVESTMENT_SUPPORT = "investment_support", _("Investment support")
    TRAINING = "training", _("Training")
    RESEARCH = "research", _("Research and innovation")
    OTHER = "other", _("Other opportunity")


DEFAULT_CLOSING_SOON_DAYS = 7


def call_status(opens_at, closes_at, now, closing_soon_days):
    """Upcoming before opening; open from the opening instant; closed from the closing instant."""
    if now < opens_at:
        return CallStatus.UPCOMING
    if now >= closes_at:
        return CallStatus.CLOSED
    if now >= closes_at - timedelta(days=closing_soon_days):
        return CallStatus.CLOSING_SOON
    return CallStatus.OPEN


STATUS_RANK = {
    CallStatus.CLOSING_SOON: 0,
    CallStatus.OPEN: 0,
    CallStatus.UPCOMING: 1,
    CallStatus.CLOSED: 2,
}


def with_call_status(queryset, now=None, closing_soon_days=DEFAULT_CLOSING_SOON_DAYS):
    """Annotate `status` (same rule as `call_status`) and order: open calls first, by deadline."""
    now = now or timezone.now()
    soon = now + timedelta(days=closing_soon_days)
    status = Case(
        When(opens_at__gt=now, then=Value(CallStatus.UPCOMING.value)),
        When(closes_at__lte=now, then=Value(CallStatus.CLOSED.value)),
        When(closes_at__lte=soon, then=Value(CallStatus.CLOSING_SOON.value)),
        default=Value(CallStatus.OPEN.value),
        output_field=models.CharField(),
    )
    rank = Case(
        *(When(current_status=key.value, then=Value(value)) for key, value in STATUS_RANK.items()),
        output_field=models.IntegerField(),
    )
    return queryset.annotate(current_status=status, status_rank=rank).order_by(
        "status_rank",
        Case(When(status_rank=0, then=F("closes_at"))).asc(nulls_last=True),
        Case(When(status_rank=1, then=F("opens_at"))).asc(nulls_last=True),
        Case(When(status_rank=2, then=F("closes_at"))).desc(nulls_last=True),
        "pk",
    )


class CallIndexPage(IndexPage):
    closing_soon_days = models.PositiveSmallIntegerField(
        _("days of 'closing soon'"),
        default=DEFAULT_CLOSING_SOON_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("A call is shown as closing soon this many days before its deadline"),
    )

    content_panels = [*IndexPage.content_panels, FieldPanel("closing_soon_days")]
    subpage_types = ["manifattura.CallPage"]

    class Meta:
        verbose_name = _("calls index")

    def calls(self, now=None):
        return with_call_status(CallPage.objects.child_of(self).live(), now, self.closing_soon_days)

    def open_calls(self):
        open_statuses = [CallStatus.OPEN.value, CallStatus.CLOSING_SOON.value]
        return self.calls().filter(current_status__in=open_statuses)

    def get_context(self, request, *args, **kwargs):
        from .forms import CallFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = CallFilterForm(request.GET or None)
        context["filter_form"] = form
        context["page_obj"] = self.paginate(request, form.filter(self.calls()))
        return context


class CallPage(RoutablePageMixin, MinisiteMixin, Page):
    call_type = models.CharField(_("type"), max_length=30, choices=CallType.choices)
    intro = models.TextField(_("summary"))
    budget = models.DecimalField(
        _("budget (euro)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    eligibility = RichTextField(_("who may apply"), features=["bold", "italic", "ul", "ol", "link"])
    how_to_apply = RichTextField(
        _("how to apply"), features=["bold", "italic", "ul", "ol", "link", "document-link"]
    )
    application_url = models.URLField(_("application link"), blank=True)
    documents = StreamField(
        [("documents", DocumentListBlock())], verbose_name=_("documents"), blank=True
    )
    body = StreamField(ManifatturaStreamBlock(), verbose_name=_("details"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("call_type"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Dates")),
        FieldPanel("budget"),
        FieldPanel("eligibility"),
        FieldPanel("how_to_apply"),
        FieldPanel("application_url"),
        FieldPanel("documents"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("eligibility"),
        index.SearchField("body"),
        index.FilterField("call_type"),
    ]
    parent_page_types = ["manifattura.CallIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="manifattura_call_closes_after_opening",
            )
        ]

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The call must close after it opens.")})

    @cached_property
    def closing_soon_days(self):
        parent = CallIndexPage.objects.parent_of(self).first()
        return parent.closing_soon_days if parent else DEFAULT_CLOSING_SOON_DAYS

    @property
    def status(self):
        """The annotated status in listings (one query for all), computed on a single page."""
        annotated = self.__dict__.get("current_status")
        if annotated:
            return CallStatus(annotated)
        return call_status(self.opens_at, self.closes_at, timezone.now(), self.closing_soon_days)

    @property
    def is_open(self):
        return self.status in (CallStatus.OPEN, CallStatus.CLOSING_SOON)

    @path("")
    def detail(self, request):
        return self.render(request)

    @path("ics/", name="ics")
    def deadline_ics(self, request):
        return deadline_response(self, request)

    @property
    def ics_url(self):
        return self.url + self.reverse_subpage("ics")


# Spaces and makers ----------------------------------------------------------------------------


class Service(index.Indexed, models.Model):
    """A service a space offers (3D printing, coworking, incubation...): a shared vocabulary."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("space service")
        verbose_name_plural = _("space services")

    def __str__(self):
        return self.name


class SpaceKind(models.TextChoices):
    FABLAB = "fablab", _("FabLab")
    MAKERSPACE = "makerspace", _("Makerspace")
    INCUBATOR = "incubator", _("Incubator or accelerator")
    CITY_SPACE = "city_space", _("City space")


class SpaceIndexPage(IndexPage):
    subpage_types = ["manifattura.SpacePage"]

    class Meta:
        verbose_name = _("spaces directory")

    def spaces(self):
        return (
            SpacePage.objects.child_of(self)
            .live()
            .select_related("municipio")
            .prefetch_related("services")
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        from .forms import SpaceFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = SpaceFilterForm(request.GET or None)
        page_obj = self.paginate(request, form.filter(self.spaces()))
        context["filter_form"] = form
        context["page_obj"] = page_obj
        context["map_points"] = [space.map_point() for space in page_obj if space.has_location]
        return context


class SpacePage(MinisiteMixin, Page):
    kind = models.CharField(_("kind of space"), max_length=20, choices=SpaceKind.choices)
    intro = models.TextField(_("summary"))
    address = models.CharField(_("address"), max_length=200)
    municipio = models.ForeignKey(
        "cms.Municipio",
        verbose_name=_("Municipio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    services = ParentalManyToManyField(
        "manifattura.Service", verbose_name=_("services"), blank=True, related_name="spaces"
    )
    opening_hours = models.TextField(
        _("opening hours"), blank=True, help_text=_("One line per day or period")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("image alternative text"), max_length=250, blank=True)
    body = StreamField(ManifatturaStreamBlock(), verbose_name=_("description"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("municipio"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Where"),
        ),
        FieldPanel("services"),
        FieldPanel("opening_hours"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Contacts"),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("address"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["manifattura.SpaceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="manifattura_space_full_coordinates",
            )
        ]

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_points"] = [self.map_point()] if self.has_location else []
        return context

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    def map_point(self):
        return {
            "title": self.title,
            "address": self.address,
            "url": self.url,
            "lat": float(self.latitude),
            "lng": float(self.longitude),
        }

    @property
    def opening_hours_lines(self):
        return [line for line in self.opening_hours.splitlines() if line.strip()]

    @property
    def osm_url(self):
        if self.has_location:
            return (
                f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
                f"#map=17/{self.latitude}/{self.longitude}"
            )
        return "https://www.openstreetmap.org/search?" + urlencode({"query": self.address})


# Online input ("raccolta input on line") ------------------------------------------------------


class ManifatturaFormField(AbstractFormField):
    page = ParentalKey(
        "manifattura.ManifatturaFormPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class ManifatturaFormPage(MinisiteMixin, AbstractEmailForm):
    """Companies and makers send their input to the programme; staff get an email for each one."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    thank_you_text = RichTextField(
        _("thank-you message"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [
        *Page.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email notification to staff"),
        ),
    ]
    parent_page_types = ["manifattura.ManifatturaHomePage"]
    subpage_types = []
    template = "manifattura/form_page.html"
    landing_page_template = "manifattura/form_page_landing.html"

    class Meta:
        verbose_name = _("input form")

    def serve(self, request, *args, **kwargs):
        """Wagtail's form serving, with the submissions of one address or email limited."""
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        from .forms import refused_as_flood

        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if form.is_valid() and not refused_as_flood(request, form):
            submission = self.process_form_submission(form)
            return self.render_landing_page(request, submission, *args, **kwargs)
        context = {**self.get_context(request), "form": form}
        return TemplateResponse(request, self.get_template(request), context)

    @transaction.atomic
    def process_form_submission(self, form):
        """Save the submission and record staff's email with it (manifattura.emails, through
        the outbox, which carries the submission's id only)."""
        submission = FormMixin.process_form_submission(self, form)
        if self.to_address:
            outbox.record(
                "manifattura.emails.notify_staff",
                f"manifattura.submission:{submission.pk}",
                submission_id=submission.pk,
            )
        return submission
