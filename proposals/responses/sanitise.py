"""Server-side cleaning of rich text, keeping Wagtail's own link and embed markup."""

import nh3

TAGS = {"p", "h2", "h3", "h4", "b", "i", "strong", "em", "ul", "ol", "li", "a", "br", "embed"}
ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt"},
}


def clean_rich_text(html):
    if not html:
        return ""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, link_rel=None)
