"""The outbox's django-q2 tasks: a wake-up after commit and the schedule that re-drives."""

from proposals import outbox


def deliver_keys(keys):
    from proposals.outbox.models import Message

    ids = Message.objects.filter(key__in=keys).values_list("pk", flat=True)
    return sum(outbox.deliver(pk) for pk in list(ids))


def drain():
    return outbox.drain()


def ensure_schedule(**kwargs):
    """Re-drive pending rows, and rows whose worker died, every minute (post_migrate)."""
    from django_q.models import Schedule

    Schedule.objects.get_or_create(
        func="proposals.outbox.tasks.drain",
        defaults={
            "name": "outbox: deliver pending side effects",
            "schedule_type": Schedule.MINUTES,
            "minutes": 1,
            "repeats": -1,
        },
    )
