"""Delivering the annual report to the City."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proposals.signals import assembly_report_delivered

from .models import AnnualReport


class DeliveryError(Exception):
    pass


def deliver_report(report):
    """Mark the report delivered once; after commit, announce it with the approved items, which
    starts the City's two-month term to answer."""
    with transaction.atomic():
        delivered = AnnualReport.objects.filter(pk=report.pk, delivered_at__isnull=True).update(
            delivered_at=timezone.now()
        )
        if not delivered:
            raise DeliveryError(_("This report has already been delivered."))
        report.refresh_from_db()
        items = report.approved_items()
        transaction.on_commit(
            lambda: assembly_report_delivered.send(sender=AnnualReport, report=report, items=items)
        )
    return report
