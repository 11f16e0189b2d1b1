from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django_q.models import Schedule

from cms.accounts.privacy import collect_personal_data
from events import services
from events.models import Registration
from tests.events.factories import RegistrationFactory, make_event

pytestmark = pytest.mark.django_db
MILAN = ZoneInfo("Europe/Rome")


def test_migrations_schedule_the_daily_tasks():
    schedules = Schedule.objects.filter(func__startswith="events.tasks.")
    assert dict(schedules.values_list("func", "schedule_type")) == {
        "events.tasks.send_event_reminders": Schedule.DAILY,
        "events.tasks.anonymise_event_registrations": Schedule.DAILY,
    }


def test_reminders_go_out_once_the_day_before(
    event_index, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(datetime(2026, 12, 11, 9, 0, tzinfo=MILAN), tick=False)
    tomorrow = make_event(event_index, start=datetime(2026, 12, 12, 10, 0, tzinfo=MILAN))
    later = make_event(event_index, start=datetime(2026, 12, 14, 10, 0, tzinfo=MILAN))
    attendee = RegistrationFactory(event=tomorrow)
    RegistrationFactory(event=tomorrow, status=Registration.Status.WAITLISTED)
    RegistrationFactory(event=tomorrow, status=Registration.Status.CANCELLED)
    RegistrationFactory(event=later)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 0

    assert [message.to for message in mail.outbox] == [[attendee.email]]
    assert mail.outbox[0].subject.endswith(f"Domani: {tomorrow.title}")
    assert attendee.checkin_code in mail.outbox[0].body
    attendee.refresh_from_db()
    assert attendee.reminder_sent_at is not None


def test_old_registrations_are_anonymised(event_index, citizen, settings):
    settings.EVENTS_ANONYMISE_AFTER_MONTHS = 6
    old = make_event(event_index, starts_in=-timedelta(days=200))
    recent = make_event(event_index, starts_in=-timedelta(days=30))
    gone = RegistrationFactory(event=old, user=citizen, answers=[{"question": "q", "answer": "a"}])
    kept = RegistrationFactory(event=recent)

    out = StringIO()
    call_command("anonymise_event_registrations", stdout=out)

    assert "1" in out.getvalue()
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert (gone.name, gone.email, gone.user, gone.answers) == ("", "", None, [])
    assert gone.anonymised_at is not None
    assert gone.status == Registration.Status.CONFIRMED
    assert kept.email and kept.anonymised_at is None
    assert services.anonymise_old_registrations() == 0


def test_personal_data_export_includes_registrations(citizen, event):
    RegistrationFactory(event=event, email=citizen.email.upper())
    RegistrationFactory(event=event, user=citizen, email="altra@example.org")
    RegistrationFactory(event=event)

    exported = collect_personal_data(citizen)["event_registrations"]

    assert len(exported) == 2
    assert {row["event"] for row in exported} == {event.title}
