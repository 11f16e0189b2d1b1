"""StreamField blocks of event pages: the site's base blocks plus practical information."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks import BaseStreamBlock


class PracticalInfoBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("it-map-marker-circle", _("How to get there")),
            ("it-user", _("Accessibility")),
            ("it-info-circle", _("Good to know")),
        ],
        default="it-info-circle",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "info-circle"
        label = _("Practical information")
        template = "events/blocks/practical_info.html"
        preview_value = {
            "kind": "it-map-marker-circle",
            "title": "Come arrivare",
            "text": "<p>Acquario Civico, viale Gadio 2: M2 Lanza, tram 2, 4, 12, 14.</p>",
        }
        description = _("A box with directions, accessibility or other practical details")


class EventStreamBlock(BaseStreamBlock):
    practical_info = PracticalInfoBlock()
