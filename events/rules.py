"""Who may do what with events. Templates ask the same predicates through `{% has_perm %}`."""

import rules

from events.models import Registration, RegistrationState


@rules.predicate
def registration_is_open(user, event):
    return event is not None and event.registration_state() in {
        RegistrationState.OPEN,
        RegistrationState.WAITLIST,
    }


@rules.predicate
def is_confirmed_attendee(user, event):
    if event is None or not user.is_authenticated:
        return False
    return Registration.objects.filter(
        event=event, user=user, status=Registration.Status.CONFIRMED
    ).exists()


rules.add_perm("events.register_for_event", registration_is_open)
rules.add_perm("events.view_streaming_link", is_confirmed_attendee)
