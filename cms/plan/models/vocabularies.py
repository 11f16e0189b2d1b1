"""Staff-editable vocabularies of the RE.MIX regeneration atlas taxonomy."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Vocabulary(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("Used in filter and export addresses")
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Localisation(Vocabulary):
    """Where the project sits in the settlement: urbana, periferica, frangia urbana."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("localisation")
        verbose_name_plural = _("localisations")


class ActionAmbit(Vocabulary):
    """The prevailing ambit of action, e.g. "Valorizzazione patrimonio immobiliare esistente"."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("prevailing ambit of action")
        verbose_name_plural = _("prevailing ambits of action")


class CriticalIssueAmbit(Vocabulary):
    """Ambits of the critical issues the project answers: urbanistico, sociale, economico..."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("critical-issue ambit")
        verbose_name_plural = _("critical-issue ambits")


class Scale(Vocabulary):
    """Scale of the critical issue: metropolitana, area omogenea, sovracomunale, comunale."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("scale")
        verbose_name_plural = _("scales")


class ActorType(Vocabulary):
    """Kinds of actors involved: pubblico, privati, associazioni, gruppi informali."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("actor type")
        verbose_name_plural = _("actor types")


class InterventionKind(Vocabulary):
    """Works ("lavori", hardware, with an area) or actions ("azioni", software, without one)."""

    has_area = models.BooleanField(
        _("located by an area"),
        default=False,
        help_text=_(
            "Tick for works (lavori): projects of this kind must have an area. "
            "Leave empty for actions (azioni): projects of this kind have no area."
        ),
    )

    panels = [*Vocabulary.panels, FieldPanel("has_area")]

    class Meta(Vocabulary.Meta):
        verbose_name = _("kind of intervention")
        verbose_name_plural = _("kinds of intervention")
