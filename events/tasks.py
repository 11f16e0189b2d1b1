"""Entry points for django-q2 scheduled tasks (see migration 0002_schedule_tasks)."""

from events import services


def send_event_reminders():
    return services.send_reminders()


def anonymise_event_registrations():
    return services.anonymise_old_registrations()
