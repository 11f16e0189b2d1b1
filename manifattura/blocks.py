"""StreamField blocks of the Manifattura Milano mini-site: key figures and the programme timeline."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks import BaseStreamBlock

KEY_FIGURES_PREVIEW = {
    "heading": "Manifattura a Milano: qualche numero",
    "figures": [
        {"value": "36.000", "label": "imprese", "source": ""},
        {"value": "350.000", "label": "posti di lavoro", "source": ""},
        {"value": "13.000", "label": "artigiani in manifattura", "source": ""},
    ],
    "note": "",
}

TIMELINE_PREVIEW = {
    "heading": "Nei prossimi sei mesi",
    "intro": "",
    "milestones": [
        {
            "when": "Aprile",
            "area": "Educazione",
            "title": "Protocollo con il MIUR",
            "text": "Progetti nelle scuole su digitale, making e robotica.",
            "state": "done",
        },
        {
            "when": "Giugno",
            "area": "Laboratori",
            "title": "Apertura di MHUMA",
            "text": "Spazio per makers e acceleratore di startup in via d'Azeglio.",
            "state": "planned",
        },
    ],
}


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(
        label=_("Number"), max_length=20, help_text=_("As it should read, e.g. 36.000 or 25%")
    )
    label = blocks.CharBlock(label=_("What it counts"), max_length=80)
    source = blocks.CharBlock(label=_("Source"), max_length=200, required=False)

    class Meta:
        icon = "order"
        label = _("Key figure")
        template = "manifattura/blocks/key_figure.html"
        preview_value = {"value": "36.000", "label": "imprese", "source": ""}
        description = _("One number with what it counts")


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=8)
    note = blocks.CharBlock(
        label=_("Note"), max_length=300, required=False, help_text=_("Sources or reference year")
    )

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "manifattura/blocks/key_figures.html"
        preview_value = KEY_FIGURES_PREVIEW
        description = _("A row of key numbers, such as firms and jobs in manufacturing")


class MilestoneBlock(blocks.StructBlock):
    when = blocks.CharBlock(
        label=_("When"), max_length=40, help_text=_("A month, a date or a period")
    )
    area = blocks.CharBlock(label=_("Area"), max_length=60, required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Description"), required=False)
    state = blocks.ChoiceBlock(
        label=_("State"),
        choices=[("planned", _("Planned")), ("in_progress", _("In progress")), ("done", _("Done"))],
        default="planned",
    )

    class Meta:
        icon = "date"
        label = _("Milestone")
        template = "manifattura/blocks/milestone.html"
        preview_value = TIMELINE_PREVIEW["milestones"][0]
        description = _("One step of the programme")


class TimelineBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    milestones = blocks.ListBlock(MilestoneBlock(), label=_("Milestones"), min_num=1)

    class Meta:
        icon = "time"
        label = _("Timeline")
        template = "manifattura/blocks/timeline.html"
        preview_value = TIMELINE_PREVIEW
        description = _("The programme's milestones in order")


class ManifatturaStreamBlock(BaseStreamBlock):
    key_figures = KeyFiguresBlock()
    timeline = TimelineBlock()
