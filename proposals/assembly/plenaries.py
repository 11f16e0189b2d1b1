"""The yearly calendar of plenary sessions (§ 5.1.5): as a rule one Saturday a month, January to
October, except July and August; the last one holds the vote. Staff adjust dates afterwards."""

import datetime

from django.db import transaction

from .models import Plenary

MONTHS = (1, 2, 3, 4, 5, 6, 9, 10)
SATURDAY = 5


def second_saturday(year, month):
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(SATURDAY - first.weekday()) % 7 + 7)


@transaction.atomic
def generate_calendar(cycle):
    """Create the missing plenaries of the cycle's year; idempotent. Returns those created."""
    created = []
    for month in MONTHS:
        date = second_saturday(cycle.year, month)
        plenary, was_created = Plenary.objects.get_or_create(
            cycle=cycle, date=date, defaults={"is_final": month == MONTHS[-1]}
        )
        if was_created:
            created.append(plenary)
    return created
