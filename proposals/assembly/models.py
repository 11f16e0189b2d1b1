"""The citizens' assembly: its yearly cycles, the pool and the draw, members, groups, plenaries,
attendance, recommendations, the secret ballot and the annual report.

The ballot tables keep *who* voted on an item (`BallotParticipation`, random UUID key, no choice,
no timestamp) apart from *what* was chosen (`BallotTally`, three counters updated in the same
transaction): nothing links a member to a choice.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import RevisionMixin
from wagtail.search import index

MEMBERS_PER_CYCLE = 90
SUBSTITUTES_PER_CYCLE = 20
RESPONSE_TERM_MONTHS = 2


class Feature(models.TextChoices):
    """The questionnaire's answers used to stratify the draw."""

    AGE_BAND = "age_band", _("Age band")
    GENDER = "gender", _("Gender")
    MUNICIPIO = "municipio", _("Municipio")
    NATIONALITY_GROUP = "nationality_group", _("Nationality group")
    EDUCATION = "education", _("Education")
    EMPLOYMENT = "employment", _("Employment")


class Assembly(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    description = RichTextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("assembly")
        verbose_name_plural = _("assemblies")
        ordering = ["name"]
        # The back office of the assembly (draw, register, substitutions, votes, report).
        permissions = [("manage_assembly", _("Can manage the citizens' assembly"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("proposals:assembly:detail", kwargs={"slug": self.slug})

    def current_cycle(self):
        return self.cycles.order_by("-year").first()


class Cycle(models.Model):
    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="cycles", verbose_name=_("assembly")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    members_wanted = models.PositiveSmallIntegerField(
        _("members to select"), default=MEMBERS_PER_CYCLE
    )
    substitutes_wanted = models.PositiveSmallIntegerField(
        _("substitutes to select"), default=SUBSTITUTES_PER_CYCLE
    )

    class Meta:
        verbose_name = _("yearly cycle")
        verbose_name_plural = _("yearly cycles")
        ordering = ["assembly", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["assembly", "year"], name="assembly_cycle_unique_year")
        ]

    def __str__(self):
        return f"{self.assembly} {self.year}"

    def get_absolute_url(self):
        return self.assembly.get_absolute_url()

    @property
    def has_selection(self):
        return self.memberships.exists()


class PoolPerson(models.Model):
    """Someone who accepted the invitation and filled in the questionnaire."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="pool", verbose_name=_("cycle")
    )
    external_id = models.CharField(_("identifier"), max_length=64)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    age_band = models.CharField(Feature.AGE_BAND.label, max_length=20)
    gender = models.CharField(Feature.GENDER.label, max_length=20)
    municipio = models.CharField(Feature.MUNICIPIO.label, max_length=20)
    nationality_group = models.CharField(Feature.NATIONALITY_GROUP.label, max_length=40)
    education = models.CharField(Feature.EDUCATION.label, max_length=40)
    employment = models.CharField(Feature.EMPLOYMENT.label, max_length=40)
    consents_to_publication = models.BooleanField(
        _("consents to the publication of the name"), default=False
    )

    class Meta:
        verbose_name = _("pool person")
        verbose_name_plural = _("pool")
        ordering = ["cycle", "last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "external_id"], name="assembly_pool_unique_external_id"
            )
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.external_id})"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def feature_values(self):
        return {feature: getattr(self, feature) for feature in Feature.values}


class Quota(models.Model):
    """How many of the members must (min) and may (max) have one value of a feature."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("cycle")
    )
    feature = models.CharField(_("feature"), max_length=30, choices=Feature.choices)
    value = models.CharField(_("value"), max_length=40)
    minimum = models.PositiveSmallIntegerField(_("minimum"))
    maximum = models.PositiveSmallIntegerField(_("maximum"))
    high_dropout = models.BooleanField(
        _("drops out more often"),
        default=False,
        help_text=_("Substitutes are drawn with priority for the groups that drop out most."),
    )
    substitute_minimum = models.PositiveSmallIntegerField(
        _("substitutes: minimum"),
        null=True,
        blank=True,
        help_text=_("Leave both substitute fields empty to derive them from the members' quota."),
    )
    substitute_maximum = models.PositiveSmallIntegerField(
        _("substitutes: maximum"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["cycle", "feature", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "feature", "value"], name="assembly_quota_unique_value"
            ),
            models.CheckConstraint(
                condition=Q(minimum__lte=models.F("maximum")), name="assembly_quota_min_lte_max"
            ),
            models.CheckConstraint(
                condition=Q(substitute_minimum__isnull=True, substitute_maximum__isnull=True)
                | Q(substitute_minimum__lte=models.F("substitute_maximum")),
                name="assembly_quota_substitute_min_lte_max",
            ),
        ]

    def __str__(self):
        return f"{self.get_feature_display()} = {self.value} [{self.minimum}, {self.maximum}]"

    def clean(self):
        substitute = (self.substitute_minimum, self.substitute_maximum)
        if None in substitute and substitute != (None, None):
            raise ValidationError(
                _("Fill in both the substitutes' minimum and maximum, or leave both empty.")
            )
        if None not in substitute and self.substitute_minimum > self.substitute_maximum:
            raise ValidationError(
                {"substitute_maximum": _("The maximum cannot be less than the minimum.")}
            )


class SelectionRun(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Completed")
        FAILED = "failed", _("Failed")

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="selection_runs", verbose_name=_("cycle")
    )
    seed = models.PositiveIntegerField(
        _("published seed"), help_text=_("The same seed and pool always give the same draw.")
    )
    algorithm = models.CharField(_("algorithm"), max_length=20, default="maximin")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_message = models.CharField(_("progress message"), max_length=255, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )

    class Meta:
        verbose_name = _("selection run")
        verbose_name_plural = _("selection runs")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle"],
                condition=Q(status="succeeded"),
                name="assembly_one_successful_selection_per_cycle",
            )
        ]

    def __str__(self):
        return f"{self.cycle} · {self.seed} · {self.get_status_display()}"

    @property
    def is_finished(self):
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)


class MembershipQuerySet(models.QuerySet):
    def with_vote(self):
        """Active members, and active substitutes who stepped in for a lapsed member."""
        return self.filter(active=True).filter(
            Q(role=Membership.Role.MEMBER) | Q(stepped_in_at__isnull=False)
        )

    def waiting_substitutes(self):
        return self.filter(active=True, role=Membership.Role.SUBSTITUTE, stepped_in_at__isnull=True)


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        SUBSTITUTE = "substitute", _("Substitute")

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("cycle")
    )
    person = models.OneToOneField(
        PoolPerson, on_delete=models.PROTECT, related_name="membership", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    priority = models.PositiveSmallIntegerField(
        _("substitute priority"),
        null=True,
        blank=True,
        help_text=_("1 is called first. Substitutes only."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assembly_memberships",
        verbose_name=_("user account"),
    )
    invitation_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    active = models.BooleanField(_("active"), default=True)
    lapsed_at = models.DateTimeField(_("lapsed at"), null=True, blank=True)
    stepped_in_at = models.DateTimeField(_("stepped in at"), null=True, blank=True)
    replaced_membership = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replacement",
        verbose_name=_("replaces"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["cycle", "role", "priority", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "user"],
                condition=Q(user__isnull=False),
                name="assembly_one_membership_per_user_and_cycle",
            ),
            models.CheckConstraint(
                condition=Q(role="substitute") | Q(stepped_in_at__isnull=True),
                name="assembly_only_substitutes_step_in",
            ),
        ]

    def __str__(self):
        return f"{self.person.full_name} · {self.get_role_display()}"

    @property
    def has_vote(self):
        return self.active and (self.role == self.Role.MEMBER or self.stepped_in_at is not None)


class ThematicGroup(models.Model):
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="groups", verbose_name=_("cycle")
    )
    name = models.CharField(_("name"), max_length=200)
    mandate = models.TextField(_("mandate"), blank=True)
    pac_actions = models.CharField(
        _("Piano Aria e Clima actions"), max_length=200, blank=True, help_text=_("E.g. 4.2.1")
    )
    members = models.ManyToManyField(
        Membership, blank=True, related_name="groups", verbose_name=_("members")
    )
    coordinators = models.ManyToManyField(
        Membership,
        blank=True,
        related_name="coordinated_groups",
        verbose_name=_("coordinators"),
        help_text=_("Two members of the group."),
    )
    facilitators = models.TextField(_("facilitators"), blank=True, help_text=_("One per line."))
    technical_referents = models.TextField(
        _("the City's technical referents"), blank=True, help_text=_("One per line.")
    )

    class Meta:
        verbose_name = _("thematic group")
        verbose_name_plural = _("thematic groups")
        ordering = ["cycle", "name"]

    def __str__(self):
        return self.name


class Plenary(models.Model):
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="plenaries", verbose_name=_("cycle")
    )
    date = models.DateField(_("date"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    is_final = models.BooleanField(
        _("final plenary"), default=False, help_text=_("The plenary where items are voted.")
    )

    class Meta:
        verbose_name = _("plenary session")
        verbose_name_plural = _("plenary sessions")
        ordering = ["cycle", "date"]
        # The polling-station role: a kiosk account needs no admin access and nothing else.
        permissions = [("operate_kiosk", _("Can run the voting kiosk of a plenary"))]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "date"], name="assembly_plenary_unique_date")
        ]

    def __str__(self):
        return f"{self.cycle} · {self.date:%d/%m/%Y}"


class Attendance(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="attendances")
    plenary = models.ForeignKey(Plenary, on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField(_("present"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance register")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "plenary"], name="assembly_one_attendance_per_plenary"
            )
        ]

    def __str__(self):
        return f"{self.membership} · {self.plenary}"


class Recommendation(RevisionMixin, index.Indexed, models.Model):
    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("Recommendation")
        CITIZEN_INITIATIVE = "citizen_initiative", _("Citizen-led initiative")
        INTEGRATIVE_PROPOSAL = "integrative_proposal", _("Integrative proposal")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        READY = "ready", _("Ready for the vote")
        VOTING = "voting", _("Vote open")
        CLOSED = "closed", _("Vote closed")

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("cycle")
    )
    group = models.ForeignKey(
        ThematicGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("thematic group"),
    )
    kind = models.CharField(
        _("kind"), max_length=30, choices=Kind.choices, default=Kind.RECOMMENDATION
    )
    title = models.CharField(_("title"), max_length=255)
    body = RichTextField(_("text"))
    pac_action = models.CharField(
        _("Piano Aria e Clima action"), max_length=100, help_text=_("E.g. 4.2.1 Forestazione")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    plenary = models.ForeignKey(
        Plenary,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="votes",
        verbose_name=_("plenary of the vote"),
    )
    closed_at = models.DateTimeField(_("vote closed at"), null=True, blank=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="assembly_item")

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("body"),
        index.SearchField("pac_action"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations and proposals")
        ordering = ["cycle", "group__name", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "proposals:assembly:recommendation",
            kwargs={"slug": self.cycle.assembly.slug, "pk": self.pk},
        )

    @property
    def revisions(self):
        return self._revisions

    def get_consultation(self):
        """What this item belongs to, for the responses sub-app: the yearly cycle."""
        return self.cycle

    def get_response_term_months(self):
        return RESPONSE_TERM_MONTHS

    def clean(self):
        """Staff move an item between draft and ready; the vote itself opens and closes it."""
        balloted = (self.Status.VOTING, self.Status.CLOSED)
        stored = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        if stored and stored.status in balloted:
            if (stored.title, stored.body, stored.status) != (self.title, self.body, self.status):
                raise ValidationError(_("The item cannot change once the vote has opened."))
        elif self.status in balloted:
            raise ValidationError(
                {"status": _("Open the vote from the assembly's dashboard in the admin.")}
            )

    @property
    def results_published(self):
        return self.status == self.Status.CLOSED


class BallotParticipation(models.Model):
    """That a member voted on an item: no choice, no time, a random key that orders nothing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="participations"
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="ballot_participations"
    )

    class Meta:
        verbose_name = _("ballot participation")
        verbose_name_plural = _("ballot participations")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "membership"], name="assembly_one_ballot_per_member"
            )
        ]

    def __str__(self):
        return f"{self.membership} · {self.recommendation}"


class BallotTally(models.Model):
    """The choices of an item's ballots, kept only as counters."""

    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.PROTECT, primary_key=True, related_name="tally"
    )
    yes = models.PositiveIntegerField(default=0)
    no = models.PositiveIntegerField(default=0)
    abstain = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("ballot tally")
        verbose_name_plural = _("ballot tallies")

    def __str__(self):
        return str(self.recommendation)

    @property
    def present(self):
        return self.yes + self.no + self.abstain

    @property
    def approved(self):
        return is_approved(self.yes, self.present)


def is_approved(yes, present):
    """Two thirds of the members present at the vote, abstentions included, in integer math."""
    return present > 0 and 3 * yes >= 2 * present


class AnnualReport(ClusterableModel):
    cycle = models.OneToOneField(
        Cycle, on_delete=models.CASCADE, related_name="annual_report", verbose_name=_("cycle")
    )
    introduction = RichTextField(_("introduction"))
    pac_positions = RichTextField(_("positions on the Piano Aria e Clima actions"), blank=True)
    delivered_at = models.DateTimeField(_("delivered to the City at"), null=True, blank=True)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")

    def __str__(self):
        return str(_("Annual report %(cycle)s") % {"cycle": self.cycle})

    def get_absolute_url(self):
        return reverse(
            "proposals:assembly:report",
            kwargs={"slug": self.cycle.assembly.slug, "year": self.cycle.year},
        )

    def approved_items(self):
        closed = self.cycle.recommendations.filter(status=Recommendation.Status.CLOSED)
        return [item for item in closed.select_related("tally", "group") if item.tally.approved]


class HandoverNote(models.Model):
    report = ParentalKey(AnnualReport, on_delete=models.CASCADE, related_name="handover_notes")
    group = models.ForeignKey(
        ThematicGroup, on_delete=models.CASCADE, related_name="+", verbose_name=_("group")
    )
    notes = models.TextField(_("open questions handed over to the next year"))

    class Meta:
        verbose_name = _("hand-over note")
        verbose_name_plural = _("hand-over notes")
        constraints = [
            models.UniqueConstraint(fields=["report", "group"], name="assembly_one_note_per_group")
        ]

    def __str__(self):
        return str(self.group)
