from django.db.models import Q
from django.utils import timezone

from cms.accounts.privacy import confirmed_email_addresses, relabel_logs
from events import services
from events.models import Registration


def registrations_of(user):
    """Those linked to the account, and those made without logging in with an address the
    person confirmed on the account."""
    by_email = Q(pk__in=[])
    for email in confirmed_email_addresses(user):
        by_email |= Q(email__iexact=email)
    return Registration.objects.filter(Q(user=user) | by_email)


def export_personal_data(user):
    registrations = registrations_of(user).select_related("event").order_by("created_at")
    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "event_start": registration.event.start.isoformat(),
                "name": registration.name,
                "email": registration.email,
                "status": registration.status,
                "answers": registration.answers,
                "registered_at": registration.created_at.isoformat(),
                "consent_at": registration.consent_at.isoformat(),
                "confirmed_at": iso(registration.confirmed_at),
                "cancelled_at": iso(registration.cancelled_at),
                "checked_in_at": iso(registration.checked_in_at),
            }
            for registration in registrations
        ]
    }


def erase_personal_data(user):
    """Seats still to come are given up (the waiting list moves on); then every registration
    keeps only what the event's figures need: its status and dates."""
    registrations = Registration.objects.filter(
        pk__in=list(registrations_of(user).values_list("pk", flat=True))
    )
    upcoming = registrations.active().filter(event__end__gte=timezone.now())
    for registration_id in upcoming.values_list("pk", flat=True):
        services.cancel(registration_id)
    registrations.update(
        name="",
        email="",
        user=None,
        answers=[],
        anonymised_at=timezone.now(),
        email_resent_at=None,
    )
    relabel_logs(registrations)


def iso(value):
    return value.isoformat() if value else None
