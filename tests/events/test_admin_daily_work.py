"""Staff's work on registrations in the admin: exports that read in Italian and in Milan's time,
one column per question, and cancellations that give the seat to the waiting list."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Registration, RegistrationQuestion
from tests.events.factories import RegistrationFactory, make_event
from tests.events.test_admin import editor

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/events/registrations/"


def export(client, **params):
    with translation.override("it"):
        response = client.get(INDEX_URL, {"export": "csv", **params})
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def test_event_export_has_labels_local_times_and_a_column_per_question(client, staff_user, event):
    RegistrationQuestion.objects.create(page=event, label="Allergie?")
    RegistrationQuestion.objects.create(page=event, label="Accompagnatori?")
    RegistrationFactory(
        event=event,
        name="Anna Verdi",
        answers=[{"question": "Allergie?", "answer": "Nessuna"}],
        confirmed_at=datetime(2026, 7, 1, 10, 30, tzinfo=ZoneInfo("UTC")),
    )
    client.force_login(staff_user)
    heading, row = export(client, event=event.pk)
    assert heading[-2:] == ["Allergie?", "Accompagnatori?"]
    assert "Stato" in heading
    assert row[-2:] == ["Nessuna", ""]
    with translation.override("it"):
        assert str(Registration.Status.CONFIRMED.label) in row
    assert "confirmed" not in row
    assert "01/07/2026 12:30" in row


def test_staff_cancel_a_registration_and_the_waiting_list_moves_up(client, staff_user, event):
    event.capacity = 1
    event.save()
    seated = RegistrationFactory(event=event, name="Anna Verdi")
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    client.force_login(staff_user)
    listing = client.get(INDEX_URL, {"event": event.pk}).content.decode()
    url = reverse("events_admin:cancel", args=[seated.pk])
    assert url in listing
    assert client.get(url).status_code == 200
    client.post(url)
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert seated.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED


def test_registrations_cannot_be_deleted_around_the_waiting_list(client, staff_user, event):
    registration = RegistrationFactory(event=event)
    client.force_login(staff_user)
    delete_url = reverse("event_registrations:delete", args=[registration.pk])
    client.post(delete_url)
    assert Registration.objects.filter(pk=registration.pk).exists()
    assert delete_url not in client.get(INDEX_URL).content.decode()


def checkin_operator():
    return editor("check_in_registration")


def test_checkin_menu_lists_todays_events_for_operators_only(client, event_index):
    today = make_event(event_index, title="Incontro di oggi", starts_in=timedelta(minutes=30))
    make_event(event_index, title="Incontro futuro", starts_in=timedelta(days=5))
    client.force_login(editor())
    assert "events/checkin/" not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(checkin_operator())
    assert (
        reverse("events_admin:checkin_today")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    page = client.get(reverse("events_admin:checkin_today")).content.decode()
    assert "Incontro di oggi" in page and "Incontro futuro" not in page
    assert reverse("events_admin:checkin", args=[today.pk]) in page


def test_ticket_of_another_event_is_refused_at_the_door(client, event, event_index):
    other = make_event(event_index, title="Altro incontro")
    ticket = RegistrationFactory(event=other, name="Anna Verdi")
    client.force_login(checkin_operator())
    assert (
        event.title in client.get(reverse("events_admin:checkin", args=[event.pk])).content.decode()
    )
    url = reverse("events_admin:checkin_code", args=[ticket.checkin_code])
    assert "Altro incontro" in client.get(url).content.decode()
    client.post(url)
    ticket.refresh_from_db()
    assert ticket.checked_in_at is None
