"""Consultations (Wagtail pages with themes and dated phases) and what citizens write in them.

What staff write is a page; what the public writes (proposals, supports, comments, reports,
follows) is a plain model pointing at the page, managed in the Wagtail admin through viewsets.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from proposals import conf
from proposals.admin_forms import ConsultationPageForm
from proposals.attachments import attachment_path, attachment_storage
from proposals.blocks import ConsultationStreamBlock
from proposals.phases import (
    ANSWERS,
    COMMENTS,
    DEFAULT_CAPABILITIES,
    PROPOSALS,
    SUPPORTS,
    PhaseKind,
    validate_phases_do_not_overlap,
)
from proposals.scope import scope_content_type_filter

OVERRIDE_CHOICES = [(None, _("As the phase type")), (True, _("On")), (False, _("Off"))]


def scope_fields():
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("scope type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=scope_content_type_filter,
    )
    object_id = models.PositiveBigIntegerField(_("scope id"), null=True, blank=True)
    return content_type, object_id


class ConsultationIndexPage(Page):
    """Lists the consultations below it: open, upcoming and closed."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["proposals.ConsultationPage"]
    if conf.get("PROPOSALS_INDEX_PARENT_PAGE_TYPES") is not None:
        parent_page_types = conf.get("PROPOSALS_INDEX_PARENT_PAGE_TYPES")

    class Meta:
        verbose_name = _("consultation index")

    def get_context(self, request, *args, **kwargs):
        from proposals.listing import consultation_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(consultation_index_context(self, request))
        return context


class ConsultationPage(Page):
    """A consultation: description, materials, themes, scope and ordered, dated phases."""

    intro = models.TextField(_("summary"), max_length=500, blank=True)
    body = StreamField(ConsultationStreamBlock(), verbose_name=_("description"), blank=True)
    scope_content_type, scope_object_id = scope_fields()
    scope = GenericForeignKey("scope_content_type", "scope_object_id")
    support_threshold = models.PositiveIntegerField(
        _("support threshold"),
        default=100,
        validators=[MinValueValidator(1)],
        help_text=_("Proposals reaching this many supports are marked and sent to the City."),
    )
    proposals_per_user = models.PositiveSmallIntegerField(
        _("proposals per citizen"), default=3, validators=[MinValueValidator(1)]
    )
    supports_per_user = models.PositiveSmallIntegerField(
        _("supports per citizen"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    response_term_months = models.PositiveSmallIntegerField(
        _("months for the City's answer"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    follows = GenericRelation("proposals.Follow", related_query_name="consultation")

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("themes", heading=_("Themes"), label=_("Theme")),
    ]
    phase_panels = [InlinePanel("phases", heading=_("Phases"), label=_("Phase"), min_num=1)]
    participation_panels = [
        FieldPanel("scope_key", heading=_("Territorial scope")),
        MultiFieldPanel(
            [
                FieldPanel("support_threshold"),
                FieldPanel("proposals_per_user"),
                FieldPanel("supports_per_user"),
                FieldPanel("response_term_months"),
            ],
            heading=_("Rules"),
        ),
    ]
    edit_handler = TabbedInterface(
        base_form_class=ConsultationPageForm,
        children=[
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(phase_panels, heading=_("Phases")),
            ObjectList(participation_panels, heading=_("Participation")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ],
    )
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["proposals.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("consultation")
        indexes = [models.Index(fields=["scope_content_type", "scope_object_id"])]

    base_form_class = ConsultationPageForm

    def clean(self):
        super().clean()
        validate_phases_do_not_overlap(list(self.phases.all()))

    def get_context(self, request, *args, **kwargs):
        from proposals.listing import consultation_context

        context = super().get_context(request, *args, **kwargs)
        context.update(consultation_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        """Rendered once for everyone, unless the list itself depends on the reader or the page
        is not for everyone to see."""
        from proposals import personal
        from proposals.listing import changes_by_itself_at, is_personal_listing

        serve = super().serve
        if not personal.shares_page(request, self) or is_personal_listing(request):
            return serve(request, *args, **kwargs)
        models.prefetch_related_objects([self], "phases")
        personal.remember(request, self)

        def render(reader):
            return serve(reader, *args, **kwargs)

        until = changes_by_itself_at(self, request)
        return personal.serve_shared(request, render, [f"page:{self.pk}"], keep=[self], until=until)

    # Phases

    def sorted_phases(self):
        return sorted(self.phases.all(), key=lambda phase: phase.start)

    def current_phase(self, now=None):
        now = now or timezone.now()
        return next((p for p in self.sorted_phases() if p.start <= now < p.end), None)

    def next_phase_change(self, now=None):
        """When a phase next opens or closes, which changes what the page shows; None if
        never again."""
        now = now or timezone.now()
        moments = [m for p in self.phases.all() for m in (p.start, p.end) if m > now]
        return min(moments, default=None)

    def allows(self, capability, now=None):
        phase = self.current_phase(now)
        return bool(phase and capability in phase.capabilities)

    def next_phase_allowing(self, capability, now=None):
        now = now or timezone.now()
        return next(
            (p for p in self.sorted_phases() if p.start > now and capability in p.capabilities),
            None,
        )

    def last_phase_allowing(self, capability, now=None):
        now = now or timezone.now()
        past = [p for p in self.sorted_phases() if p.end <= now and capability in p.capabilities]
        return past[-1] if past else None

    def answers_visible(self, now=None):
        """Answers show from the first phase that makes them visible, unless one holds them back."""
        now = now or timezone.now()
        current = self.current_phase(now)
        if current is not None and current.answers_visible is False:
            return False
        return any(p.start <= now and ANSWERS in p.capabilities for p in self.sorted_phases())

    @property
    def status(self):
        phases = self.sorted_phases()
        now = timezone.now()
        if not phases or phases[0].start > now:
            return "upcoming"
        if phases[-1].end <= now:
            return "closed"
        return "open"

    def get_status_display(self):
        return {"upcoming": _("Upcoming"), "open": _("Open"), "closed": _("Closed")}[self.status]


class Theme(models.Model):
    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.IntegerField(null=True, blank=True, editable=False)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class Phase(models.Model):
    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("type"), max_length=20, choices=PhaseKind.choices)
    title = models.CharField(
        _("title"), max_length=160, blank=True, help_text=_("Defaults to the phase type.")
    )
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    allow_comments = models.BooleanField(
        _("comments"), null=True, blank=True, choices=OVERRIDE_CHOICES
    )
    allow_proposals = models.BooleanField(
        _("new proposals"), null=True, blank=True, choices=OVERRIDE_CHOICES
    )
    allow_supports = models.BooleanField(
        _("supports"), null=True, blank=True, choices=OVERRIDE_CHOICES
    )
    answers_visible = models.BooleanField(
        _("answers visible"), null=True, blank=True, choices=OVERRIDE_CHOICES
    )
    start_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("start"),
        FieldPanel("end"),
        MultiFieldPanel(
            [
                FieldPanel("allow_comments"),
                FieldPanel("allow_proposals"),
                FieldPanel("allow_supports"),
                FieldPanel("answers_visible"),
            ],
            heading=_("What this phase allows"),
        ),
    ]

    class Meta:
        ordering = ["start"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="phase_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title or str(self.get_kind_display())

    OVERRIDES = {
        COMMENTS: "allow_comments",
        PROPOSALS: "allow_proposals",
        SUPPORTS: "allow_supports",
        ANSWERS: "answers_visible",
    }

    @property
    def capabilities(self):
        allowed = set(DEFAULT_CAPABILITIES.get(self.kind, set()))
        for capability, field in self.OVERRIDES.items():
            override = getattr(self, field)
            if override is True:
                allowed.add(capability)
            elif override is False:
                allowed.discard(capability)
        return allowed

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("A phase must end after it starts.")})
        if self.page_id and self.start and self.end:
            siblings = Phase.objects.filter(page_id=self.page_id).exclude(pk=self.pk)
            if siblings.filter(start__lt=self.end, end__gt=self.start).exists():
                raise ValidationError(_("This phase overlaps another phase of the consultation."))

    def date_range(self):
        return "{} – {}".format(
            date_format(timezone.localtime(self.start), "j F Y"),
            date_format(timezone.localtime(self.end), "j F Y"),
        )


def count_subquery(queryset):
    """COUNT(*) of a correlated queryset (one with an OuterRef), as an integer expression."""
    counted = queryset.order_by().annotate(n=models.Func(models.F("pk"), function="COUNT"))
    return Coalesce(Subquery(counted.values("n")[:1]), 0)


class ProposalQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=[Proposal.Status.PUBLISHED, Proposal.Status.WITHDRAWN])

    def with_comment_count(self):
        """A correlated count, not a JOIN + GROUP BY: a page of 20 proposals counts only their
        comments, and the paginator's COUNT(*) does not touch comments at all."""
        visible = Comment.objects.filter(
            proposal=OuterRef("pk"), deleted_at__isnull=True, is_hidden=False
        )
        return self.annotate(comment_count=count_subquery(visible))


class Proposal(index.Indexed, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        HIDDEN = "hidden", _("Hidden pending review")

    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"))
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    scope_content_type, scope_object_id = scope_fields()
    scope = GenericForeignKey("scope_content_type", "scope_object_id")
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
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    support_count = models.PositiveIntegerField(_("supports"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True, editable=False)
    threshold_reached_at = models.DateTimeField(
        _("threshold reached"), null=True, blank=True, editable=False
    )
    sent_to_city_at = models.DateTimeField(
        _("sent to the City"), null=True, blank=True, editable=False
    )
    # Set by whatever publishes the City's answer (the responses sub-app): editing stops then.
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    follows = GenericRelation("proposals.Follow", related_query_name="proposal")
    reports = GenericRelation("proposals.Report", related_query_name="proposal")

    objects = ProposalQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("consultation"),
    ]

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["consultation", "status", "-published_at"]),
            models.Index(fields=["consultation", "-support_count"]),
            models.Index(fields=["scope_content_type", "scope_object_id"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:proposal_detail", args=[self.pk])

    @property
    def is_public(self):
        return self.status in (self.Status.PUBLISHED, self.Status.WITHDRAWN)

    @property
    def threshold_progress(self):
        threshold = self.consultation.support_threshold
        return min(100, round(self.support_count * 100 / threshold)) if threshold else 100


class ProposalAttachment(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        PDF = "pdf", _("PDF document")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("proposal")
    )
    # Stored privately under a name the site chose (proposals.attachments); served only by
    # proposals.attachment_views.
    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=attachment_storage, max_length=200
    )
    # The uploaded file's name, cleaned, shown to readers and never used to store the file.
    title = models.CharField(_("title"), max_length=150)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    # What the content proved to be; empty on rows stored before it was recorded, whose file
    # is checked again each time it is served.
    content_type = models.CharField(_("content type"), max_length=50, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:attachment", args=[self.pk])


class Support(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_supports"
    )
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["user", "proposal"], name="one_support_per_user")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.proposal_id}"


class Comment(models.Model):
    """A comment on a consultation (proposal empty) or on one of its proposals."""

    class Position(models.TextChoices):
        IN_FAVOUR = "for", _("In favour")
        AGAINST = "against", _("Against")
        NEUTRAL = "neutral", _("Neutral")

    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="proposal_comments",
    )
    position = models.CharField(
        _("position"), max_length=10, choices=Position.choices, default=Position.NEUTRAL
    )
    body = models.TextField(_("comment"))
    is_official = models.BooleanField(_("official"), default=False, editable=False)
    is_hidden = models.BooleanField(_("hidden pending review"), default=False, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True, editable=False)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False)
    # The comment form's own id: the same form sent twice is stored once.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)
    reports = GenericRelation("proposals.Report", related_query_name="comment")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["consultation", "proposal", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"], name="proposals_comment_unique_submission"
            )
        ]

    def __str__(self):
        from django.utils.text import Truncator

        from proposals.sanitize import text_of

        return Truncator(text_of(self.body)).chars(60)

    def get_absolute_url(self):
        """A permalink that finds the page of the discussion where the comment is."""
        return reverse("proposals:comment", args=[self.pk])

    @property
    def target(self):
        return self.proposal or self.consultation

    @property
    def is_deleted(self):
        return self.deleted_at is not None


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam")
        OFFENSIVE = "offensive", _("Offensive")
        OFF_TOPIC = "off_topic", _("Off topic")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="proposal_reports",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    note = models.TextField(_("details"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("reported on"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        permissions = [("moderate", _("Can moderate proposals and comments on the site"))]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "content_type", "object_id"], name="one_report_per_user"
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.target}"


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_follows"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="one_follow_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user_id} → {self.target}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        PHASE_STARTED = "phase_started", _("A new phase started")
        NEW_COMMENT = "new_comment", _("New comment")
        REPLY = "reply", _("Reply to your comment")
        THRESHOLD_REACHED = "threshold", _("Support threshold reached")
        ANSWERED = "answered", _("The City answered")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    consultation = models.ForeignKey(
        ConsultationPage, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    phase = models.ForeignKey(
        Phase, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["recipient", "emailed_at"])]

    def __str__(self):
        return str(self.get_kind_display())

    def get_absolute_url(self):
        target = self.target
        return target.get_absolute_url() if hasattr(target, "get_absolute_url") else target.url

    @property
    def target(self):
        return self.comment or self.proposal or self.consultation

    @property
    def target_title(self):
        return self.proposal.title if self.proposal_id else self.consultation.title
