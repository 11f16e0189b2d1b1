"""Event pages written by staff, speakers, programme, and the registrations the public makes."""

import secrets
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, F, Func, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from events.blocks import EventStreamBlock

CHECKIN_CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY3479"
CHECKIN_CODE_LENGTH = 8


class Speaker(index.Indexed, models.Model):
    """A person who speaks at events; reused across programmes."""

    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("role or title"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short bio"), blank=True, max_length=1500)

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name

    @property
    def description(self):
        return ", ".join(part for part in (self.title, self.organisation) if part)


class SpeakerRole(models.TextChoices):
    GREETINGS = "greetings", _("Institutional greetings")
    SPEAKER = "speaker", _("Speaker")
    KEYNOTE = "keynote", _("Keynote")
    MODERATOR = "moderator", _("Moderator")
    CLOSING = "closing", _("Closing remarks")
    VISUAL_SYNTHESIS = "visual_synthesis", _("Visual synthesis")


class ProgrammeSpeakerValue(blocks.StructValue):
    def role_label(self):
        return SpeakerRole(self.get("role")).label


class ProgrammeSpeakerBlock(blocks.StructBlock):
    speaker = SnippetChooserBlock("events.Speaker", label=_("Speaker"))
    role = blocks.ChoiceBlock(
        label=_("Role"), choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER
    )

    class Meta:
        icon = "user"
        label = _("Speaker")
        value_class = ProgrammeSpeakerValue


class EventIndexPage(Page):
    """The list of events, upcoming first, filtered by Municipio and month."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("events index page")

    def get_context(self, request, *args, **kwargs):
        from events.views import listing_context

        return {**super().get_context(request, *args, **kwargs), **listing_context(request, self)}


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())

    def with_seats_taken(self):
        """A correlated count, not a JOIN + GROUP BY over every registration of every event."""
        confirmed = (
            Registration.objects.filter(event=OuterRef("pk"), status=Registration.Status.CONFIRMED)
            .order_by()
            .annotate(n=Func(F("pk"), function="COUNT"))
            .values("n")[:1]
        )
        return self.annotate(confirmed_count=Coalesce(Subquery(confirmed), 0))

    def upcoming_first(self, now=None):
        """Upcoming events soonest first, then past events most recent first."""
        now = now or timezone.now()
        is_past = Case(When(end__lt=now, then=Value(1)), default=Value(0))
        return self.annotate(
            is_past=is_past,
            upcoming_start=Case(When(end__gte=now, then=F("start"))),
            past_start=Case(When(end__lt=now, then=F("start"))),
        ).order_by(
            "is_past",
            F("upcoming_start").asc(nulls_last=True),
            F("past_start").desc(nulls_last=True),
            "pk",
        )


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class RegistrationState(models.TextChoices):
    NONE = "none", _("No registration needed")
    NOT_YET_OPEN = "not_yet_open", _("Registration not yet open")
    OPEN = "open", _("Registration open")
    WAITLIST = "waitlist", _("Full: waiting list open")
    FULL = "full", _("Full")
    CLOSED = "closed", _("Registration closed")
    OVER = "over", _("Event over")


class EventPage(Page):
    """One event: when and where, the programme and its speakers, and registration settings."""

    class AttendanceMode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    summary = models.TextField(_("summary"), max_length=500)
    start = models.DateTimeField(_("starts at"), help_text=_("Time in Milan (Europe/Rome)."))
    end = models.DateTimeField(_("ends at"), help_text=_("Time in Milan (Europe/Rome)."))
    attendance_mode = models.CharField(
        _("attendance"),
        max_length=10,
        choices=AttendanceMode.choices,
        default=AttendanceMode.IN_PERSON,
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=255, blank=True)
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
    streaming_url = models.URLField(
        _("streaming link"),
        blank=True,
        help_text=_("Shown only to confirmed attendees, on their registration page and emails."),
    )
    municipio = models.ForeignKey(
        "cms.Municipio",
        verbose_name=_("Municipio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Leave empty for a city-wide event."),
    )
    organiser = models.CharField(_("organiser"), max_length=200, default="Comune di Milano")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(EventStreamBlock(), verbose_name=_("description"), blank=True)

    registration_enabled = models.BooleanField(_("online registration"), default=False)
    registration_opens_at = models.DateTimeField(_("registration opens at"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept registrations until the event starts."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    waitlist_enabled = models.BooleanField(_("waiting list when full"), default=True)
    privacy_text = RichTextField(
        _("privacy terms"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("What registrants accept: who processes their data, why and for how long."),
    )

    objects = EventPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("When")),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("streaming_url"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("municipio"),
        FieldPanel("organiser"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("programme_items", heading=_("Programme"), label=_("Programme item")),
    ]
    registration_panels = [
        FieldPanel("registration_enabled"),
        FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("waitlist_enabled")]),
        InlinePanel("questions", heading=_("Questions"), label=_("Question")),
        FieldPanel("privacy_text"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.SearchField("speaker_names"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("municipio"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event page")
        verbose_name_plural = _("event pages")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["end"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_ends_after_start")
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.registration_enabled and not self.privacy_text:
            errors["privacy_text"] = _("Registrants must be told how their data is processed.")
        if errors:
            raise ValidationError(errors)

    def serve(self, request, *args, **kwargs):
        from events.views import event_detail

        return event_detail(request, self)

    @property
    def ics_url(self):
        return reverse("events:event_ics", args=[self.pk])

    @property
    def map_url(self):
        """OpenStreetMap at the venue's coordinates, or a search for its address."""
        if self.latitude is None or self.longitude is None:
            if not self.venue_address:
                return ""
            query = urlencode({"query": f"{self.venue_name} {self.venue_address}".strip()})
            return f"https://www.openstreetmap.org/search?{query}"
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=18/{self.latitude}/{self.longitude}"
        )

    @property
    def is_online(self):
        return self.attendance_mode != self.AttendanceMode.IN_PERSON

    @cached_property
    def seats_taken(self):
        annotated = getattr(self, "confirmed_count", None)
        if annotated is not None:
            return annotated
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    @property
    def seats_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)

    def registration_state(self, now=None):
        now = now or timezone.now()
        if self.end < now:
            return RegistrationState.OVER
        if not self.registration_enabled:
            return RegistrationState.NONE
        if self.registration_opens_at and now < self.registration_opens_at:
            return RegistrationState.NOT_YET_OPEN
        if now >= (self.registration_closes_at or self.start):
            return RegistrationState.CLOSED
        if self.seats_left == 0:
            return RegistrationState.WAITLIST if self.waitlist_enabled else RegistrationState.FULL
        return RegistrationState.OPEN

    def speaker_names(self):
        return [entry["speaker"].name for entry in self.speakers_with_roles]

    @property
    def speakers_with_roles(self):
        """Each speaker once, in programme order, with the roles they have across the programme."""
        people = {}
        for item in self.programme_items.all():
            for block in item.speakers:
                speaker = block.value["speaker"]
                if speaker is None:
                    continue
                entry = people.setdefault(speaker.pk, {"speaker": speaker, "roles": []})
                role = block.value.role_label()
                if role not in entry["roles"]:
                    entry["roles"].append(role)
        return list(people.values())


class ProgrammeItem(Orderable, ClusterableModel):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="programme_items")
    time = models.TimeField(_("time"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    speakers = StreamField(
        [("speaker", ProgrammeSpeakerBlock())], verbose_name=_("speakers"), blank=True
    )

    panels = [
        FieldPanel("time"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("speakers"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")

    def __str__(self):
        return f"{self.time:%H:%M} {self.title}"


class RegistrationQuestion(Orderable):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        YES_NO = "yes_no", _("Yes / no")

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SHORT_TEXT)
    required = models.BooleanField(_("required"), default=False)

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("kind"),
        FieldPanel("required"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self):
        return self.label


def new_checkin_code():
    return "".join(secrets.choice(CHECKIN_CODE_ALPHABET) for _ in range(CHECKIN_CODE_LENGTH))


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def status_counts(self):
        statuses = Registration.Status
        return self.aggregate(
            total=Count("pk"),
            pending=Count("pk", filter=Q(status=statuses.PENDING)),
            confirmed=Count("pk", filter=Q(status=statuses.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=statuses.WAITLISTED)),
            cancelled=Count("pk", filter=Q(status=statuses.CANCELLED)),
            checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        )


class Registration(models.Model):
    """A person's registration to an event. Only confirmed registrations take seats."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting email confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    answers = models.JSONField(_("answers"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=5, default="it")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    checkin_code = models.CharField(
        _("check-in code"), max_length=12, unique=True, default=new_checkin_code, editable=False
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    consent_at = models.DateTimeField(_("privacy terms accepted at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("waitlisted at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    email_resent_at = models.DateTimeField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        permissions = [("check_in_registration", _("Can check attendees in at the door"))]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="one_active_registration_per_email",
            )
        ]
        indexes = [
            models.Index(fields=["event", "status"]),
            models.Index(fields=["email"]),
            models.Index(fields=["status", "waitlisted_at"]),
        ]

    def __str__(self):
        return self.name or str(_("anonymised registration"))

    def answers_display(self):
        return "; ".join(f"{item['question']}: {item['answer']}" for item in self.answers)

    answers_display.short_description = _("answers")
