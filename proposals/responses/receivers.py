"""Listen to the plugin's signals (items handed to the City) and to Wagtail's publishing."""

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import published

from proposals import signals
from proposals.responses.models import Response
from proposals.responses.notifications import notify_answer_published
from proposals.responses.services import hand_to_city


@receiver(signals.support_threshold_reached, dispatch_uid="responses_threshold")
def on_support_threshold_reached(sender, proposal, **kwargs):
    handed_at = getattr(proposal, "threshold_reached_at", None)
    hand_to_city(proposal, handed_at=handed_at, reason=Response.Reason.THRESHOLD)


@receiver(signals.sent_to_city, dispatch_uid="responses_sent_to_city")
def on_sent_to_city(sender, proposal, user=None, **kwargs):
    handed_at = getattr(proposal, "sent_to_city_at", None)
    hand_to_city(proposal, handed_at=handed_at, reason=Response.Reason.SENT_BY_STAFF)


@receiver(signals.assembly_report_delivered, dispatch_uid="responses_assembly_report")
def on_assembly_report_delivered(sender, report, items, **kwargs):
    handed_at = getattr(report, "delivered_at", None)
    with transaction.atomic():
        for item in items:
            hand_to_city(
                item, handed_at=handed_at, reason=Response.Reason.ASSEMBLY_REPORT, group=report
            )


@receiver(published, sender=Response, dispatch_uid="responses_published")
@transaction.atomic
def on_response_published(sender, instance, **kwargs):
    """Stamp the first answer date and notify exactly once (again only if staff asked).

    Conditional UPDATEs decide, so that of two publications at once only one finds the guard
    unset; the notification is an outbox row keyed by the published revision, recorded in this
    transaction, so that two publications of one revision record it once. It is delivered when
    the public can read the answer."""
    now = timezone.now()
    rows = Response.objects.filter(pk=instance.pk)
    rows.filter(answered_at__isnull=True).update(answered_at=now)
    first = rows.filter(published_notified_at__isnull=True).update(
        published_notified_at=now, notify_again=False
    )
    again = not first and rows.filter(notify_again=True).update(
        notify_again=False, published_notified_at=now
    )
    if first or again:
        notify_answer_published(Response.objects.get(pk=instance.pk))
