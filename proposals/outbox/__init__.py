"""A transactional outbox: side effects recorded with the change that causes them, delivered
exactly once by idempotent tasks.

    outbox.record(
        "proposals.notifications.fan_out_comment",  # the handler
        f"proposals.comment_posted:{comment.pk}",  # the key
        comment_id=comment.pk,  # the payload
    )

`record` writes a row in the caller's transaction; the row's unique key makes a repeated action
record nothing twice. The kind is the dotted path of the handler, a function that takes the
payload (ids only) as keyword arguments and rebuilds everything from them. When the transaction
commits, a django-q2 task is enqueued to deliver the row at once; it is only a wake-up: the
schedule `outbox.tasks.drain` delivers every row still pending (the queue lost it, the broker was
down) or whose worker died holding it (its lease expired).

A delivery claims its row with a conditional UPDATE (pending -> sending, with a lease), runs the
handler and marks the row sent in one transaction, only if it still holds the claim: the database
work of a handler (notifications, further rows, a hand-over) happens exactly once; an email is
sent again only if the worker dies between the SMTP server's answer and that commit.

Like `django.contrib.auth`, the functions import the model when called, so that importing the
package does not need the app registry.
"""

import logging
import traceback
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

LEASE = timedelta(seconds=getattr(settings, "OUTBOX_LEASE_SECONDS", 300))
MAX_ATTEMPTS = getattr(settings, "OUTBOX_MAX_ATTEMPTS", 10)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=1)
WAKE_BATCH = 100  # rows per wake-up task, so that a large fan-out spreads over the workers


class LeaseLost(Exception):
    """Another delivery took the row over after this one's lease expired."""


def key_for(name, ids):
    """A key that is the same for the same name and ids: `events.emails.X:registration_id=4`."""
    return f"{name}:" + ",".join(f"{field}={ids[field]}" for field in sorted(ids))


def record(kind, key, *, not_before=None, **payload):
    """Record one side effect in the current transaction (nothing if `key` exists already),
    to deliver at once or from `not_before` on."""
    record_many(kind, [(key, payload)], not_before=not_before)


def record_many(kind, entries, *, not_before=None):
    """Record (key, payload) pairs of one kind at once, for a fan-out to many people."""
    from proposals.outbox.models import Message

    import_string(kind)  # a mistyped kind fails here, in the change, not later in a task
    entries = list(entries)
    if not entries:
        return
    Message.objects.bulk_create(
        [
            Message(kind=kind, key=key, payload=payload, available_at=not_before or timezone.now())
            for key, payload in entries
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    keys = [key for key, _payload in entries]
    transaction.on_commit(lambda: wake(keys))


def wake(keys):
    """Ask the task queue to deliver these rows now; if it cannot, the schedule will."""
    from django_q.tasks import async_task

    try:
        for start in range(0, len(keys), WAKE_BATCH):
            async_task("proposals.outbox.tasks.deliver_keys", keys[start : start + WAKE_BATCH])
    except Exception:
        logger.exception("Could not enqueue the outbox wake-up; the schedule will deliver them")


def claimable(now):
    from proposals.outbox.models import Message

    return Q(status=Message.Status.PENDING, available_at__lte=now) | Q(
        status=Message.Status.SENDING, lease_until__lt=now
    )


def deliver(message_id):
    """Deliver one row if it is due and nobody holds it. Returns whether this call sent it."""
    from proposals.outbox.models import Message

    now = timezone.now()
    claimed = Message.objects.filter(claimable(now), pk=message_id).update(
        status=Message.Status.SENDING, lease_until=now + LEASE, attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    message = Message.objects.get(pk=message_id)
    held = Message.objects.filter(
        pk=message.pk, status=Message.Status.SENDING, attempts=message.attempts
    )
    try:
        with transaction.atomic():
            import_string(message.kind)(**message.payload)
            if not held.update(
                status=Message.Status.SENT, sent_at=timezone.now(), lease_until=None
            ):
                raise LeaseLost(message.pk)
    except LeaseLost:
        logger.warning("Outbox message %s was taken over by another delivery", message.pk)
        return False
    except Exception:
        logger.exception("Outbox message %s (%s) failed", message.pk, message.kind)
        give_up = message.attempts >= MAX_ATTEMPTS
        held.update(
            status=Message.Status.FAILED if give_up else Message.Status.PENDING,
            last_error=traceback.format_exc()[-4000:],
            available_at=timezone.now() + backoff(message.attempts),
            lease_until=None,
        )
        return False
    return True


def backoff(attempts):
    """How long to wait after the n-th failed attempt: 30 s, 1 min, 2 min... at most an hour."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)


def drain(limit=1000):
    """Deliver every row that is due, oldest first. Returns how many this call sent."""
    from proposals.outbox.models import Message

    due = Message.objects.filter(claimable(timezone.now())).order_by("available_at", "pk")
    return sum(deliver(pk) for pk in list(due.values_list("pk", flat=True)[:limit]))
