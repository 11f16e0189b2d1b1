"""The City's formal, motivated answers to what citizens and the assembly hand to it.

A Response answers any object through a generic relation (a citizen proposal, an assembly
recommendation). Its answer goes through drafts, revisions, locking and a Wagtail workflow; the
public sees only the live version. The clock (handed_at, due_date) and the notification guards
belong to the record as a whole, never to a revision.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Case, DateField, DurationField, ExpressionWrapper, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.models.workflows import AbstractGroupApprovalTask
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from proposals.responses import conf
from proposals.responses.sanitise import clean_rich_text

ANSWER_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class ResponseState(models.Model):
    """One entry of the staff-editable list of answer states."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_final = models.BooleanField(
        _("final"), default=False, help_text=_("The City has taken its position on the item.")
    )
    counts_as_accepted = models.BooleanField(
        _("counts as accepted"),
        default=False,
        help_text=_("Items in this state are monitored with progress updates."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_final")]),
        FieldPanel("counts_as_accepted"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("answer state")
        verbose_name_plural = _("answer states")

    def __str__(self):
        return self.name


class Office(models.Model):
    """A City office responsible for answering."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    email = models.EmailField(_("email"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self):
        return self.name


class DossierQuerySet(models.QuerySet):
    def held_back_ids(self):
        """Dossiers whose consultation holds its answers back in the current phase."""
        with_source = self.filter(content_type__isnull=False).prefetch_related("source")
        return {dossier.pk for dossier in with_source if dossier.answers_held_back()}


class Dossier(models.Model):
    """The "Dossier di risposta": every answer to one consultation or one assembly report."""

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    introduction = RichTextField(_("introduction"), blank=True, features=ANSWER_FEATURES)
    decision_reference = models.CharField(
        _("approving decision"),
        max_length=255,
        blank=True,
        help_text=_("For example: Determina Dirigenziale n. 1234 del 15/02/2026."),
    )
    decision_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("signed decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DossierQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("decision_reference"), FieldPanel("decision_document")],
            heading=_("Approval"),
        ),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("answer dossier")
        verbose_name_plural = _("answer dossiers")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="responses_dossier_unique_source"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:responses_dossier", kwargs={"slug": self.slug})

    def get_overview_url(self):
        return reverse("proposals:responses_overview_dossier", kwargs={"slug": self.slug})

    def answers_held_back(self, now=None):
        """True while the source (a consultation) says its answers are not to be shown yet."""
        check = getattr(self.source, "answers_visible", None)
        return callable(check) and not check(now or timezone.now())

    def answers_shown_from(self, moment):
        """The first moment from `moment` on when the source shows its answers, None if its
        phases never do. What the source shows changes only when a phase opens or closes."""
        next_change = getattr(self.source, "next_phase_change", None)
        while moment is not None:
            if not self.answers_held_back(moment):
                return moment
            moment = next_change(moment) if callable(next_change) else None
        return None


def readable_condition(today):
    return ~Q(dossier_id__in=Dossier.objects.held_back_ids()) | Q(due_date__lte=today)


def start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class ResponseQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def answered(self):
        return self.filter(live=True, answered_at__isnull=False)

    def public_answers(self, today=None):
        """Published answers the public may read now: the consultation's phases may hold them
        back, never past their due date."""
        today = today or timezone.localdate()
        return self.answered().filter(readable_condition(today))

    def awaiting_visibility(self, today=None):
        """Published answers that the consultation's phases still hold back."""
        today = today or timezone.localdate()
        return self.answered().exclude(readable_condition(today))

    def unanswered(self):
        return self.exclude(live=True, answered_at__isnull=False)

    def for_target(self, target):
        return self.filter(
            content_type=ContentType.objects.get_for_model(target), target_id=target.pk
        )

    def with_deadline_status(self, today=None):
        """Annotate answered, late and overdue flags and the days overdue, in the database."""
        today = today or timezone.localdate()
        answered = Q(live=True, answered_at__isnull=False)
        return self.annotate(
            db_answered=Case(When(answered, then=True), default=False),
            db_late=Case(
                When(answered & Q(answered_at__date__gt=F("due_date")), then=True), default=False
            ),
            db_overdue=Case(
                When(answered, then=False), When(due_date__lt=today, then=True), default=False
            ),
            db_overdue_by=ExpressionWrapper(
                Value(today, output_field=DateField()) - F("due_date"),
                output_field=DurationField(),
            ),
        )

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.unanswered().filter(due_date__lt=today)

    def due_soon(self, today=None, days=None):
        today = today or timezone.localdate()
        days = days if days is not None else conf.due_soon_days()
        return self.unanswered().filter(
            due_date__gte=today, due_date__lte=today + timedelta(days=days)
        )


class Response(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model
):
    class Reason(models.TextChoices):
        THRESHOLD = "threshold", _("Support threshold reached")
        SENT_BY_STAFF = "sent_by_staff", _("Sent to the City by staff")
        ASSEMBLY_REPORT = "assembly_report", _("Assembly report delivered")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    # Not "object_id": the search index's bookkeeping annotates that name on indexed models.
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "target_id")
    target_title = models.CharField(_("item"), max_length=255)
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
    )
    reason = models.CharField(_("handed over because"), max_length=20, choices=Reason.choices)
    state = models.ForeignKey(
        ResponseState, verbose_name=_("state"), on_delete=models.PROTECT, related_name="+"
    )
    answer = RichTextField(
        _("motivated answer"),
        blank=True,
        features=ANSWER_FEATURES,
        help_text=_("The reasons for taking the item up, or not, in detail."),
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("responsible office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responses",
    )
    cost = models.DecimalField(
        _("estimated cost (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    timeframe = models.CharField(
        _("timeframe"), max_length=200, blank=True, help_text=_("For example: by December 2026.")
    )
    documents = StreamField(
        [("document", DocumentChooserBlock(label=_("Document")))],
        verbose_name=_("documents"),
        blank=True,
        use_json_field=True,
        help_text=_("For example the signed decision as PDF."),
    )
    handed_at = models.DateTimeField(_("handed to the City"))
    due_date = models.DateField(_("due date"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    published_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    notify_again = models.BooleanField(
        _("notify again"),
        default=False,
        help_text=_(
            "Tick to email the author and followers again when this correction is published."
        ),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="response")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="response",
        for_concrete_model=False,
    )

    # Set by the system, never by a revision: see with_content_json.
    RECORD_FIELDS = [
        "content_type_id",
        "target_id",
        "target_title",
        "dossier_id",
        "reason",
        "handed_at",
        "due_date",
        "answered_at",
        "published_notified_at",
    ]

    PUBLICATION_GUARDS = {"answered_at", "published_notified_at"}

    objects = ResponseQuerySet.as_manager()

    panels = [
        FieldPanel("target_title", read_only=True),
        FieldRowPanel(
            [FieldPanel("handed_at", read_only=True), FieldPanel("due_date", read_only=True)]
        ),
        FieldRowPanel([FieldPanel("state"), FieldPanel("office")]),
        FieldPanel("answer"),
        FieldRowPanel([FieldPanel("cost"), FieldPanel("timeframe")]),
        FieldPanel("documents"),
        FieldPanel("notify_again"),
    ]

    search_fields = [
        index.SearchField("target_title"),
        index.SearchField("answer"),
        index.FilterField("live"),
        index.FilterField("due_date"),
        index.FilterField("answered_at"),
        index.FilterField("dossier"),
        index.FilterField("content_type"),
        index.FilterField("target_id"),
    ]

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("City answer")
        verbose_name_plural = _("City answers")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "target_id"], name="responses_response_unique_target"
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "target_id"]),
            models.Index(fields=["live", "answered_at", "due_date"]),
        ]

    def __str__(self):
        return self.target_title

    def save(self, *args, **kwargs):
        """A save of a row loaded earlier never writes back the publication guards: Wagtail's
        publish saves the object it read before, which would reset a guard another publish set
        meanwhile (they change only through conditional UPDATEs, see receivers)."""
        self.answer = clean_rich_text(self.answer)
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.attname
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.PUBLICATION_GUARDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("proposals:responses_detail", kwargs={"pk": self.pk})

    @property
    def revisions(self):
        return self._revisions

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for field in self.RECORD_FIELDS:
            setattr(obj, field, getattr(self, field))
        return obj

    @property
    def target_url(self):
        """The public address of the answered item, if it has one."""
        target = self.target
        for method in ("get_absolute_url", "get_url"):
            getter = getattr(target, method, None)
            if callable(getter) and (url := getter()):
                return url
        return None

    def get_target_url(self):
        return self.target_url or self.get_absolute_url()

    @property
    def is_answered(self):
        return self.live and self.answered_at is not None

    @property
    def is_public_answer(self):
        """Published, and not held back by its consultation's current phase, or due already."""
        if not self.is_answered:
            return False
        if self.due_date <= timezone.localdate():
            return True
        if not hasattr(self, "_held_back"):
            self._held_back = self.dossier_id is not None and self.dossier.answers_held_back()
        return not self._held_back

    def visible_from(self, now=None):
        """When the public can read the published answer (None if unpublished): at once,
        unless the consultation holds it back; at the latest on its due date."""
        if not self.is_answered:
            return None
        now = max(now or timezone.now(), self.answered_at)
        due = max(start_of(self.due_date), now)
        if self.dossier_id is None or self.dossier.content_type_id is None:
            return now
        shown = self.dossier.answers_shown_from(now)
        return min(shown, due) if shown else due

    @property
    def is_accepted(self):
        return self.is_public_answer and self.state.counts_as_accepted

    @property
    def answered_late(self):
        return self.is_answered and timezone.localdate(self.answered_at) > self.due_date

    @property
    def days_overdue(self):
        """Days past the due date of an open item; 0 when answered or not yet due."""
        if self.is_answered:
            return 0
        return max((timezone.localdate() - self.due_date).days, 0)

    @property
    def is_overdue(self):
        return self.days_overdue > 0

    def document_list(self):
        return [block.value for block in self.documents if block.value is not None]


class ResponseNote(models.Model):
    """Internal working notes on an answer: never shown to the public, never in revisions."""

    response = models.ForeignKey(
        Response, verbose_name=_("City answer"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    panels = [FieldPanel("response"), FieldPanel("text")]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return f"{self.response} ({self.created_at:%d/%m/%Y})"


class ProgressUpdate(models.Model):
    """A dated step in carrying out an accepted item, as in an accountability tracker."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        SUSPENDED = "suspended", _("Suspended")

    response = models.ForeignKey(
        Response, verbose_name=_("City answer"), on_delete=models.CASCADE, related_name="progress"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    percentage = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    note = models.TextField(_("note"))

    panels = [
        FieldPanel("response"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("percentage"), FieldPanel("status")]),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            models.CheckConstraint(
                condition=Q(percentage__gte=0) & Q(percentage__lte=100),
                name="responses_progress_percentage_0_100",
            )
        ]
        indexes = [models.Index(fields=["response", "-date"])]

    def __str__(self):
        return f"{self.response}: {self.percentage}% ({self.date:%d/%m/%Y})"


class SecondPersonApprovalTask(AbstractGroupApprovalTask):
    """A group approval that the person who submitted the answer cannot give: four eyes."""

    def _is_submitter(self, obj, user):
        workflow_state = obj.current_workflow_state
        return workflow_state is not None and workflow_state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        if self._is_submitter(obj, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        """Act once on a task state: concurrent approvals wait on its row, and those that find it
        already decided do nothing (and email nobody)."""
        if self._is_submitter(task_state.workflow_state.content_object, user):
            raise PermissionDenied(_("A second person must review what you submitted."))
        with transaction.atomic():
            locked = type(task_state).objects.select_for_update().get(pk=task_state.pk)
            if locked.status != locked.STATUS_IN_PROGRESS:
                return None
            return super().on_action(locked, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups, other than the submitter, can approve this task")

    class Meta:
        verbose_name = _("second-person approval task")
        verbose_name_plural = _("second-person approval tasks")
