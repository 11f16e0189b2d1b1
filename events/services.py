"""What happens to registrations: creating, confirming, cancelling, waitlist promotion,
check-in, reminders and anonymisation. Seats are counted under a lock on the event row."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from events import emails
from events.models import EventPage, Registration, RegistrationState

OPEN_STATES = {RegistrationState.OPEN, RegistrationState.WAITLIST}
RESEND_INTERVAL = timedelta(minutes=10)


class RegistrationRefused(Exception):
    """The event does not accept this registration now; the message says why."""

    def __init__(self, state):
        self.state = state
        super().__init__(state)


class AlreadyRegistered(Exception):
    def __init__(self, registration):
        self.registration = registration
        super().__init__(registration)


def register(event, *, name, email, answers, user=None):
    """Record a pending registration and email the confirmation link."""
    state = event.registration_state()
    if state not in OPEN_STATES:
        raise RegistrationRefused(state)
    email = normalise_email(email)
    existing = event.registrations.active().filter(email=email).first()
    if existing:
        raise AlreadyRegistered(existing)
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                name=name,
                email=email,
                answers=answers,
                user=user if user and user.is_authenticated else None,
                language=translation.get_language() or settings.LANGUAGE_CODE,
                consent_at=timezone.now(),
            )
            emails.ConfirmRegistrationEmail.send(registration_id=registration.pk)
    except IntegrityError:
        raise AlreadyRegistered(event.registrations.active().get(email=email)) from None
    return registration


def normalise_email(email):
    return email.strip().lower()


@transaction.atomic
def confirm(registration_id):
    """Give the registration a seat if one is left, otherwise a place on the waiting list.

    The event row is locked so that concurrent confirmations are counted one at a time.
    Returns the registration; a pending one that could not be placed raises RegistrationRefused.
    """
    event, registration = lock_event_and_registration(registration_id)
    if registration.status != Registration.Status.PENDING:
        return registration
    now = timezone.now()
    if now >= event.end:
        raise RegistrationRefused(RegistrationState.OVER)
    if now >= event.start:
        raise RegistrationRefused(RegistrationState.CLOSED)
    if event.seats_left == 0:
        if not event.waitlist_enabled:
            raise RegistrationRefused(RegistrationState.FULL)
        registration.status = Registration.Status.WAITLISTED
        registration.waitlisted_at = now
        registration.save(update_fields=["status", "waitlisted_at"])
        emails.WaitlistedEmail.send(registration_id=registration.pk)
        return registration
    registration.status = Registration.Status.CONFIRMED
    registration.confirmed_at = now
    registration.save(update_fields=["status", "confirmed_at"])
    emails.RegistrationConfirmedEmail.send(registration_id=registration.pk)
    return registration


def lock_event_and_registration(registration_id):
    """Lock the event first, then the registration: always in this order, to avoid deadlocks."""
    event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
    event = EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)
    registration = Registration.objects.select_for_update().get(pk=registration_id)
    return event, registration


@transaction.atomic
def cancel(registration_id):
    """Cancel a registration; a freed seat goes to the first person on the waiting list."""
    event, registration = lock_event_and_registration(registration_id)
    if registration.status == Registration.Status.CANCELLED:
        return None
    freed_seat = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if freed_seat and event.end >= timezone.now():
        return promote_from_waitlist(event)
    return None


@transaction.atomic
def fill_free_seats(event_id):
    """After editors add seats, give them to the waiting list in order. Returns those promoted."""
    event = EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)
    promoted = []
    while event.end >= timezone.now() and (registration := promote_from_waitlist(event)):
        promoted.append(registration)
        del event.seats_taken
    return promoted


def promote_from_waitlist(event):
    """Move the longest-waiting person to a free seat. The caller holds the event lock."""
    if event.seats_left == 0:
        return None
    first = (
        event.registrations.select_for_update()
        .filter(status=Registration.Status.WAITLISTED)
        .order_by("waitlisted_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = Registration.Status.CONFIRMED
    first.confirmed_at = timezone.now()
    first.save(update_fields=["status", "confirmed_at"])
    emails.RegistrationConfirmedEmail.send(registration_id=first.pk, promoted=True)
    return first


def check_in(registration):
    """Mark a confirmed attendee as arrived. Returns False if they had already checked in."""
    updated = Registration.objects.filter(
        pk=registration.pk, status=Registration.Status.CONFIRMED, checked_in_at__isnull=True
    ).update(checked_in_at=timezone.now())
    registration.refresh_from_db(fields=["checked_in_at"])
    return bool(updated)


def resend_email(registration):
    """Send the registration's current email again, at most once every few minutes."""
    email_class = {
        Registration.Status.PENDING: emails.ConfirmRegistrationEmail,
        Registration.Status.CONFIRMED: emails.RegistrationConfirmedEmail,
        Registration.Status.WAITLISTED: emails.WaitlistedEmail,
    }.get(registration.status)
    if email_class is None:
        return False
    now = timezone.now()
    with transaction.atomic():
        claimed = (
            Registration.objects.filter(pk=registration.pk)
            .exclude(email_resent_at__gt=now - RESEND_INTERVAL)
            .update(email_resent_at=now)
        )
        if claimed:
            email_class.send(
                key=f"events.resend:{registration.pk}:{now.isoformat()}",
                registration_id=registration.pk,
            )
    return bool(claimed)


def send_reminders(now=None):
    """Remind confirmed attendees of the events that take place tomorrow (Milan time).

    Each registration is claimed with a conditional UPDATE in the transaction that records its
    email in the outbox, so a reminder goes out once even if the task runs twice.
    """
    now = timezone.localtime(now or timezone.now())
    tomorrow = now.date() + timedelta(days=1)
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__live=True,
        event__start__date=tomorrow,
        event__start__gt=now,
    ).values_list("pk", flat=True)
    sent = 0
    for registration_id in list(due):
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration_id, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed:
                emails.ReminderEmail.send(registration_id=registration_id)
                sent += 1
    return sent


def anonymise_old_registrations(now=None, months=None):
    """Erase the personal data of registrations to events that ended more than N months ago."""
    if months is None:
        months = settings.EVENTS_ANONYMISE_AFTER_MONTHS
    now = now or timezone.now()
    cutoff = now - timedelta(days=round(months * 30.44))
    return Registration.objects.filter(event__end__lt=cutoff, anonymised_at__isnull=True).update(
        name="",
        email="",
        user=None,
        answers=[],
        anonymised_at=now,
        email_resent_at=None,
    )
