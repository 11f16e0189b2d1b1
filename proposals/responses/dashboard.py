"""The admin home panel: answers due soon and overdue, grouped by office."""

from itertools import groupby

from django.db.models import F
from django.utils import timezone
from wagtail.admin.ui.components import Component

from proposals.responses import conf
from proposals.responses.models import Response


def deadlines_by_office(today=None):
    """[(office or None, [responses])] of open answers due soon or overdue, and of published
    answers the consultation still holds back, earliest due first."""
    today = today or timezone.localdate()
    due_soon = Response.objects.unanswered().filter(
        due_date__lte=today + timezone.timedelta(days=conf.due_soon_days())
    )
    held_back = Response.objects.awaiting_visibility(today)
    rows = list(
        (due_soon | held_back)
        .with_deadline_status(today)
        .select_related("office", "state", "dossier")
        .order_by(F("office__name").asc(nulls_last=True), "due_date", "pk")
    )
    for row in rows:
        row.shown_from = row.visible_from() if row.db_answered else None
    return [(office, list(items)) for office, items in groupby(rows, key=lambda r: r.office)]


class DeadlinesPanel(Component):
    name = "responses_deadlines"
    order = 150
    template_name = "responses/admin/deadlines_panel.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["offices"] = deadlines_by_office()
        context["due_soon_days"] = conf.due_soon_days()
        return context
