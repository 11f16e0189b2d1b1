"""Staff's work on registrations in the admin: exports that read in Italian and in Milan's time,
one column per question, and cancellations that give the seat to the waiting list."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Registration, RegistrationQuestion
from tests.events.factories import RegistrationFactory

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
