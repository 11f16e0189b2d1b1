"""Delivering the annual report to the City."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proposals import outbox
from proposals.signals import assembly_report_delivered

from .models import AnnualReport


class DeliveryError(Exception):
    pass


def deliver_report(report):
    """Mark the report delivered once and record, with the mark, its announcement with the
    approved items (through the outbox), which starts the City's two-month term to answer."""
    with transaction.atomic():
        delivered = AnnualReport.objects.filter(pk=report.pk, delivered_at__isnull=True).update(
            delivered_at=timezone.now()
        )
        if not delivered:
            raise DeliveryError(_("This report has already been delivered."))
        report.refresh_from_db()
        outbox.record(
            "proposals.assembly.reports.announce_delivery",
            f"assembly.report_delivered:{report.pk}",
            report_id=report.pk,
        )
    return report


def announce_delivery(report_id):
    """The outbox's handler, in a task: the hand-over of the approved items to the City."""
    report = AnnualReport.objects.get(pk=report_id)
    items = report.approved_items()
    assembly_report_delivered.send(sender=AnnualReport, report=report, items=items)
