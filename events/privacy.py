from django.db.models import Q

from events.models import Registration


def export_personal_data(user):
    """The user's event registrations: those linked to the account or made with its email."""
    registrations = (
        Registration.objects.filter(Q(user=user) | Q(email__iexact=user.email))
        .select_related("event")
        .order_by("created_at")
    )
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


def iso(value):
    return value.isoformat() if value else None
