"""Server-side cleaning of what citizens write: no HTML survives except a few safe tags."""

import html
import re

import nh3

RICH_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
LINK_ATTRIBUTES = {"a": {"href"}}
SAFE_SCHEMES = {"http", "https", "mailto"}
BLOCK_START = re.compile(r"<(p|ul|ol)\b")
SPACES = re.compile(r"\s+")


def clean_html(raw, tags=RICH_TAGS):
    """Keep only `tags`, drop scripts with their content, make links safe (nofollow, http(s)).

    Plain text (the usual case: a textarea) becomes paragraphs, one per blank-line block."""
    cleaned = nh3.clean(
        raw or "",
        tags=tags,
        attributes=LINK_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    ).strip()
    if not cleaned or BLOCK_START.search(cleaned):
        return cleaned
    paragraphs = [block.strip() for block in re.split(r"\n\s*\n", cleaned) if block.strip()]
    return "".join("<p>{}</p>".format(block.replace("\n", "<br>")) for block in paragraphs)


def clean_text(raw):
    """Plain, single-line text: tags and their scripts removed, entities decoded, spaces tidied."""
    stripped = nh3.clean(raw or "", tags=set(), strip_comments=True)
    return SPACES.sub(" ", html.unescape(stripped)).strip()


def text_of(cleaned_html):
    """The readable text of already-cleaned HTML (for exports and length checks)."""
    return clean_text(re.sub(r"<(br|/p|/li)>", " ", cleaned_html or ""))
