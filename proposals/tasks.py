"""Scheduled work (django-q2): phase-start notifications and the daily digest, both recorded in
the outbox (proposals.outbox) with the claim that makes them happen once."""

from datetime import timedelta
from itertools import groupby

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone

from proposals import notifications
from proposals.emails import DigestEmail
from proposals.models import Notification, Phase

# A phase that started longer ago than this (e.g. while the scheduler was down) is not announced.
ANNOUNCE_WITHIN = timedelta(days=2)


def notify_started_phases():
    """Announce each phase that has started, exactly once."""
    now = timezone.now()
    due = Phase.objects.filter(
        start__lte=now,
        start__gte=now - ANNOUNCE_WITHIN,
        end__gt=now,
        start_notified_at__isnull=True,
        page__live=True,
    )
    announced = 0
    for phase in due.select_related("page"):
        with transaction.atomic():
            claimed = Phase.objects.filter(pk=phase.pk, start_notified_at__isnull=True).update(
                start_notified_at=now
            )
            if claimed:
                notifications.phase_started(phase)
                announced += 1
    return announced


def send_daily_digests():
    """One email per person on the daily digest with everything not yet emailed."""
    try:
        get_user_model()._meta.get_field("notification_frequency")
    except FieldDoesNotExist:
        return 0  # the host's users cannot choose a digest
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True, recipient__notification_frequency="daily"
        )
        .order_by("recipient_id", "created_at")
        .values_list("recipient_id", "pk")
    )
    sent = 0
    for recipient_id, rows in groupby(pending, key=lambda row: row[0]):
        sent += digest(recipient_id, [pk for _recipient, pk in rows])
    return sent


@transaction.atomic
def digest(recipient_id, notification_ids):
    """Claim the notifications not yet emailed and record their digest (an outbox row), in one
    transaction: a second run at the same time claims none of them. Returns 1 if recorded."""
    claimed = list(
        Notification.objects.select_for_update(skip_locked=True)
        .filter(pk__in=notification_ids, emailed_at__isnull=True)
        .values_list("pk", flat=True)
    )
    if not claimed:
        return 0
    Notification.objects.filter(pk__in=claimed).update(emailed_at=timezone.now())
    DigestEmail.send(
        key=f"proposals.digest:{recipient_id}:{max(claimed)}",
        user_id=recipient_id,
        notification_ids=claimed,
    )
    return 1


def ensure_schedules(**kwargs):
    """Create the django-q2 schedules once (post_migrate)."""
    from django_q.models import Schedule

    Schedule.objects.get_or_create(
        func="proposals.tasks.notify_started_phases",
        defaults={"name": "proposals: announce started phases", "schedule_type": Schedule.HOURLY},
    )
    Schedule.objects.get_or_create(
        func="proposals.tasks.send_daily_digests",
        defaults={"name": "proposals: daily digest", "schedule_type": Schedule.DAILY},
    )
