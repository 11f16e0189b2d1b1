"""StreamField blocks of the strategic plan and the regeneration atlas."""

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks import ParagraphBlock


class ProcessPhaseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    period = blocks.CharBlock(
        label=_("Period"), max_length=80, required=False, help_text=_("e.g. April 2015")
    )
    description = ParagraphBlock(label=_("Description"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Process phase")
        template = "plan/blocks/process_phase.html"
        preview_value = {
            "title": "Innesco, programmazione e avvio del processo",
            "period": "Aprile 2015",
            "description": "<p>Sulla base delle Linee di indirizzo approvate si avvia il "
            "processo di costruzione del Piano strategico.</p>",
        }
        description = _("One phase of the plan's process, shown as a numbered step")


AGENDA_THEMES = [
    ("mobility", _("Mobility")),
    ("simplification", _("Simplification")),
    ("shared_services", _("Services managed together")),
    ("regeneration", _("Urban regeneration")),
    ("parks_agriculture", _("Parks and agriculture")),
    ("innovation", _("Innovation")),
]


class AgendaActionBlock(blocks.StructBlock):
    theme = blocks.ChoiceBlock(label=_("Theme"), choices=AGENDA_THEMES)
    title = blocks.CharBlock(label=_("Project or action"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "tasks"
        label = _("Project or action of the agenda")
        template = "plan/blocks/agenda_action.html"
        preview_value = {
            "theme": "mobility",
            "title": "Organizzazione del trasporto pubblico locale",
            "description": "I Comuni della zona programmano insieme le linee di forza del TPL.",
        }
        description = _("A project or action the municipalities of the zone pursue together")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["theme_label"] = dict(AGENDA_THEMES).get(value["theme"], "")
        return context


class MeasurementBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"))
    value = blocks.DecimalBlock(label=_("Value"), max_digits=14, decimal_places=2)
    note = blocks.CharBlock(label=_("Note"), max_length=200, required=False)

    class Meta:
        icon = "date"
        label = _("Measurement")
        template = "plan/blocks/measurement.html"
        preview_value = {"date": datetime.date(2020, 5, 4), "value": "120", "note": ""}
        description = _("The value of the indicator measured on a date")
