"""Scheduled work (django-q2): phase-start notifications and the daily digest."""

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
        ids = [pk for _recipient, pk in rows]
        for message in DigestEmail(user_id=recipient_id, notification_ids=ids).build_messages():
            message.send()
        Notification.objects.filter(pk__in=ids).update(emailed_at=timezone.now())
        sent += 1
    return sent


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
