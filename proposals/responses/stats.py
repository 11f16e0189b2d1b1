"""Public figures on the City's answers, computed in the database."""

from statistics import median

from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.utils import timezone

from proposals.responses.models import ProgressUpdate

ANSWERED = Q(live=True, answered_at__isnull=False)
OPEN = Q(live=False) | Q(answered_at__isnull=True)


def aggregates(today):
    return {
        "handed": Count("pk"),
        "answered": Count("pk", filter=ANSWERED),
        "on_time": Count("pk", filter=ANSWERED & Q(answered_at__date__lte=F("due_date"))),
        "late": Count("pk", filter=ANSWERED & Q(answered_at__date__gt=F("due_date"))),
        "open": Count("pk", filter=OPEN),
        "overdue": Count("pk", filter=OPEN & Q(due_date__lt=today)),
    }


def summary(queryset, today=None):
    """Counts and the median number of days the City took to answer."""
    today = today or timezone.localdate()
    figures = queryset.order_by().aggregate(**aggregates(today))
    figures["median_days"] = median_days_to_answer(queryset)
    return figures


def per_dossier(queryset, today=None):
    """{dossier_id: counts}, one query for every dossier."""
    today = today or timezone.localdate()
    rows = queryset.order_by().values("dossier").annotate(**aggregates(today))
    return {row.pop("dossier"): row for row in rows}


def median_days_to_answer(queryset):
    pairs = queryset.filter(ANSWERED).values_list("handed_at", "answered_at")
    days = [
        (timezone.localdate(answered) - timezone.localdate(handed)).days
        for handed, answered in pairs
    ]
    return median(days) if days else None


def monitoring(queryset):
    """Accepted, published answers with their latest progress, and the average progress."""
    latest = ProgressUpdate.objects.filter(response=OuterRef("pk")).order_by("-date", "-pk")
    items = list(
        queryset.public_answers()
        .filter(state__counts_as_accepted=True)
        .annotate(
            latest_percentage=Subquery(latest.values("percentage")[:1]),
            latest_status=Subquery(latest.values("status")[:1]),
            latest_date=Max("progress__date"),
        )
        .select_related("state", "office")
        .order_by("target_title")
    )
    known = [item.latest_percentage for item in items if item.latest_percentage is not None]
    average = round(sum(known) / len(items)) if items else None
    return {"items": items, "average": average}
