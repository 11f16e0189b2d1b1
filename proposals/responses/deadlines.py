"""Due dates: calendar months, month-end safe (31 December + 2 months = end of February)."""

from dateutil.relativedelta import relativedelta
from django.utils import timezone


def due_date_for(handed_at, months):
    """The last day to answer: the local date the item was handed over plus `months`."""
    if hasattr(handed_at, "hour"):
        handed_at = timezone.localdate(handed_at)
    return handed_at + relativedelta(months=months)
