"""The "Dossier di risposta" as a PDF, built with ReportLab (pure Python, no system packages)."""

import re
from io import BytesIO

import nh3
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
from wagtail.rich_text import expand_db_html

BLOCK_END = re.compile(r"</(p|h[1-6]|li)>|<br\s*/?>", re.IGNORECASE)
LIST_ITEM = re.compile(r"<li[^>]*>", re.IGNORECASE)


def rich_text_paragraphs(html):
    """Wagtail rich text as paragraphs of ReportLab's mini-markup (bold and italic only)."""
    html = LIST_ITEM.sub("• ", expand_db_html(html or ""))
    chunks = BLOCK_END.split(html)[::2]
    for chunk in chunks:
        text = nh3.clean(chunk, tags={"b", "i", "strong", "em"}, attributes={})
        text = text.replace("<strong>", "<b>").replace("</strong>", "</b>")
        text = text.replace("<em>", "<i>").replace("</em>", "</i>").strip()
        if text:
            yield text


def _plain(text):
    return nh3.clean(str(text), tags=set())


def _date(value):
    return formats.date_format(value, "DATE_FORMAT")


def render_dossier_pdf(*, dossier, responses, awaiting, figures, base_url=""):
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{_('Answer dossier')}: {dossier.title}",
        author=_("City of Milan"),
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    styles = getSampleStyleSheet()
    story = [
        Paragraph(_plain(_("City of Milan")), styles["Normal"]),
        Paragraph(_plain(f"{_('Answer dossier')}: {dossier.title}"), styles["Title"]),
    ]
    if dossier.decision_reference:
        story.append(Paragraph(_plain(dossier.decision_reference), styles["Italic"]))
    story += [Paragraph(p, styles["BodyText"]) for p in rich_text_paragraphs(dossier.introduction)]
    story.append(Paragraph(_plain(_figures_line(figures)), styles["BodyText"]))
    for response in responses:
        story += _response_story(response, styles, base_url)
    if awaiting:
        story.append(Paragraph(_plain(_("Still awaiting an answer")), styles["Heading2"]))
        for item in awaiting:
            line = _("%(item)s: due by %(date)s") % {
                "item": item.target_title,
                "date": _date(item.due_date),
            }
            story.append(Paragraph(_plain(line), styles["BodyText"]))
    document.build(story)
    return buffer.getvalue()


def _figures_line(figures):
    return (
        _(
            "Items handed to the City: %(handed)s. Answered on time: %(on_time)s. "
            "Answered late: %(late)s. Still open: %(open)s, of which overdue: %(overdue)s."
        )
        % figures
    )


def _response_story(response, styles, base_url):
    story = [
        Spacer(1, 0.4 * cm),
        Paragraph(_plain(response.target_title), styles["Heading2"]),
        Paragraph(
            _plain(
                _("State: %(state)s. Answered on %(date)s.")
                % {"state": response.state, "date": _date(timezone.localdate(response.answered_at))}
            ),
            styles["Heading4"],
        ),
    ]
    if item_url := response.target_url:
        line = _("Answered item: %(url)s") % {"url": base_url + item_url}
        story.append(Paragraph(_plain(line), styles["BodyText"]))
    if response.office:
        line = _("Responsible office: %(office)s") % {"office": response.office}
        story.append(Paragraph(_plain(line), styles["BodyText"]))
    story += [Paragraph(p, styles["BodyText"]) for p in rich_text_paragraphs(response.answer)]
    if response.cost is not None:
        line = _("Estimated cost: EUR %(cost)s") % {"cost": formats.number_format(response.cost, 2)}
        story.append(Paragraph(_plain(line), styles["BodyText"]))
    if response.timeframe:
        line = _("Timeframe: %(timeframe)s") % {"timeframe": response.timeframe}
        story.append(Paragraph(_plain(line), styles["BodyText"]))
    for document in response.document_list():
        line = _("Document: %(title)s, %(url)s") % {
            "title": document.title,
            "url": base_url + document.url,
        }
        story.append(Paragraph(_plain(line), styles["BodyText"]))
    return story
