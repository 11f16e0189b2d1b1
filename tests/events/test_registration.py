import re
from datetime import timedelta
from email.mime.image import MIMEImage

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events import tokens
from events.models import EventPage, Registration, RegistrationQuestion
from tests.events.factories import RegistrationFactory, make_event

pytestmark = pytest.mark.django_db


def form_data(event, **overrides):
    data = {"name": "Giulia Bianchi", "email": "Giulia.Bianchi@example.org", "consent": "on"}
    for question in event.questions.all():
        data[f"question_{question.pk}"] = "Associazione Amici di Niguarda"
    data.update(overrides)
    return data


def link_in(message, name):
    match = re.search(rf"http://testserver(/iscrizioni/{name}/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def register(client, event, capture, **overrides):
    with capture(execute=True):
        return client.post(event.url, form_data(event, **overrides))


def confirm(client, registration_or_url, capture):
    url = registration_or_url
    if isinstance(url, Registration):
        url = reverse("events:confirm", args=[tokens.make_confirm_token(url)])
    with capture(execute=True):
        return client.post(url)


@pytest.fixture
def event_with_question(event_index):
    event = make_event(
        event_index,
        title="Laboratorio sui Patti di collaborazione",
        attendance_mode=EventPage.AttendanceMode.HYBRID,
        streaming_url="https://streaming.example.org/patti",
    )
    RegistrationQuestion.objects.create(page=event, label="Organizzazione", kind="short_text")
    return event


def test_full_registration_journey(client, event_with_question, django_capture_on_commit_callbacks):
    event = event_with_question
    response = register(client, event, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert "events/registration_pending.html" in [t.name for t in response.templates]
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING
    assert registration.email == "giulia.bianchi@example.org"
    assert registration.answers == [
        {"question": "Organizzazione", "answer": "Associazione Amici di Niguarda"}
    ]
    assert event.seats_left == 10
    assert len(mail.outbox) == 1
    request_email = mail.outbox[0]
    assert request_email.to == ["giulia.bianchi@example.org"]
    assert "Conferma la tua iscrizione" in request_email.subject
    assert "streaming.example.org" not in request_email.body

    confirm_url = link_in(request_email, "conferma")
    assert client.get(confirm_url).status_code == 200
    response = confirm(client, confirm_url, django_capture_on_commit_callbacks)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert EventPage.objects.get(pk=event.pk).seats_left == 9
    manage_url = response.url
    token = manage_url.removeprefix("/iscrizioni/gestisci/").rstrip("/")
    assert tokens.read_manage_token(token) == str(registration.public_id)
    assert len(mail.outbox) == 2
    ticket = mail.outbox[1]
    assert "Iscrizione confermata" in ticket.subject
    assert registration.checkin_code in ticket.body
    assert "https://streaming.example.org/patti" in ticket.body
    html = ticket.alternatives[0][0]
    assert 'src="cid:checkin-qr"' in html
    images = [part for part in ticket.attachments if isinstance(part, MIMEImage)]
    assert images and images[0]["Content-ID"] == "<checkin-qr>"

    filename, content, mimetype = next(a for a in ticket.attachments if isinstance(a, tuple))
    assert (filename, mimetype) == ("evento.ics", "text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Rome"]
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title
    assert vevent.decoded("DTSTART") == event.start
    assert vevent["DTSTART"].params["TZID"] == "Europe/Rome"

    page = client.get(link_in(ticket, "gestisci"))
    assert registration.checkin_code in page.content.decode()
    assert "<svg" in page.content.decode()
    assert "https://streaming.example.org/patti" in page.content.decode()

    client.post(manage_url, {"action": "cancel"})
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert EventPage.objects.get(pk=event.pk).seats_left == 10


def test_pending_registrations_take_no_seat(event):
    RegistrationFactory.create_batch(3, event=event, status=Registration.Status.PENDING)
    assert event.seats_left == 10


def test_cancelling_promotes_the_first_person_on_the_waiting_list(
    client, event_index, django_capture_on_commit_callbacks
):
    event = make_event(event_index, capacity=1)
    seated = RegistrationFactory(event=event)
    first, second = RegistrationFactory.create_batch(
        2, event=event, status=Registration.Status.PENDING
    )
    confirm(client, first, django_capture_on_commit_callbacks)
    confirm(client, second, django_capture_on_commit_callbacks)
    first.refresh_from_db()
    assert first.status == Registration.Status.WAITLISTED
    assert "lista d'attesa" in mail.outbox[0].subject
    mail.outbox.clear()

    manage_url = reverse("events:manage", args=[tokens.make_manage_token(seated)])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_url, {"action": "cancel"})

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED
    assert second.status == Registration.Status.WAITLISTED
    assert [message.to for message in mail.outbox] == [[first.email]]
    assert "Si è liberato un posto" in mail.outbox[0].subject
    assert first.checkin_code in mail.outbox[0].body


def test_cancelling_a_waitlisted_registration_promotes_nobody(event_index):
    from events import services

    event = make_event(event_index, capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory.create_batch(
        2, event=event, status=Registration.Status.WAITLISTED, waitlisted_at=timezone.now()
    )
    assert services.cancel(waiting[0].pk) is None
    assert event.registrations.filter(status="confirmed").count() == 1


def test_registering_twice_with_the_same_email_sends_the_email_again(
    client, event, django_capture_on_commit_callbacks
):
    register(client, event, django_capture_on_commit_callbacks)
    response = register(
        client, event, django_capture_on_commit_callbacks, email="GIULIA.bianchi@example.org"
    )

    assert "events/registration_pending.html" in [t.name for t in response.templates]
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 2
    assert "Conferma la tua iscrizione" in mail.outbox[1].subject

    resend = {"event": event.pk, "email": "giulia.bianchi@example.org"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:resend"), resend, follow=True)
    assert len(mail.outbox) == 2, "at most one email every few minutes"
    assert "abbiamo inviato di nuovo" in response.content.decode()


def test_a_cancelled_person_can_register_again(client, event, django_capture_on_commit_callbacks):
    RegistrationFactory(
        event=event, email="giulia.bianchi@example.org", status=Registration.Status.CANCELLED
    )
    register(client, event, django_capture_on_commit_callbacks)
    assert event.registrations.filter(status="pending").count() == 1


@pytest.mark.parametrize(
    ("fields", "seated", "message"),
    [
        ({"registration_closes_at": timezone.now() - timedelta(hours=1)}, 0, "sono chiuse"),
        ({"capacity": 1, "waitlist_enabled": False}, 1, "non c&#x27;è una lista d&#x27;attesa"),
        ({"starts_in": -timedelta(days=3)}, 0, "si è concluso"),
        ({"registration_opens_at": timezone.now() + timedelta(days=3)}, 0, "non sono ancora"),
        ({"registration_enabled": False}, 0, "non prevede iscrizioni"),
    ],
)
def test_registration_is_refused_with_a_clear_message(
    client, event_index, fields, seated, message, django_capture_on_commit_callbacks
):
    event = make_event(event_index, **fields)
    RegistrationFactory.create_batch(seated, event=event)

    response = client.post(event.url, form_data(event), follow=True)

    assert message in response.content.decode()
    assert event.registrations.count() == seated
    assert not mail.outbox


def test_confirmation_is_refused_when_the_event_filled_up_without_waitlist(
    client, event_index, django_capture_on_commit_callbacks
):
    event = make_event(event_index, capacity=1, waitlist_enabled=False)
    late = RegistrationFactory(event=event, status=Registration.Status.PENDING)
    RegistrationFactory(event=event)

    response = confirm(client, late, django_capture_on_commit_callbacks)

    late.refresh_from_db()
    assert late.status == Registration.Status.PENDING
    assert response.status_code == 302 and response.url == event.url
    assert not mail.outbox


def test_invalid_form_changes_nothing(client, event):
    response = client.post(event.url, {"name": "Giulia", "email": "non-una-email"})
    assert response.status_code == 200
    assert response.context["registration_form"].errors.keys() == {"email", "consent"}
    assert not Registration.objects.exists()


def test_citizen_text_is_stored_without_markup(client, event, django_capture_on_commit_callbacks):
    register(client, event, django_capture_on_commit_callbacks, name="<b>Giulia</b> Bianchi")
    assert Registration.objects.get().name == "Giulia Bianchi"


@pytest.mark.parametrize(
    "bad", ["tampered", "manage-token-for-confirm", "confirm-token-for-manage"]
)
def test_links_are_signed_and_single_purpose(client, event, bad):
    registration = RegistrationFactory(event=event, status=Registration.Status.PENDING)
    urls = {
        "tampered": reverse(
            "events:confirm", args=[tokens.make_confirm_token(registration)[:-2] + "xx"]
        ),
        "manage-token-for-confirm": reverse(
            "events:confirm", args=[tokens.make_manage_token(registration)]
        ),
        "confirm-token-for-manage": reverse(
            "events:manage", args=[tokens.make_confirm_token(registration)]
        ),
    }
    assert client.get(urls[bad]).status_code == 404
    assert client.post(urls[bad], {"action": "cancel"}).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING


def test_confirmation_links_expire(client, event, time_machine):
    registration = RegistrationFactory(event=event, status=Registration.Status.PENDING)
    url = reverse("events:confirm", args=[tokens.make_confirm_token(registration)])
    time_machine.move_to(timezone.now() + timedelta(days=15))
    assert client.get(url).status_code == 404


def test_logged_in_citizen_gets_the_form_prefilled(client, citizen, event):
    client.force_login(citizen)
    form = client.get(event.url).context["registration_form"]
    assert form["email"].value() == citizen.email
    assert form["name"].value() == "Maria Rossi"


def test_streaming_link_only_for_confirmed_attendees(client, citizen, event_with_question):
    event = event_with_question
    assert "streaming.example.org" not in client.get(event.url).content.decode()
    client.force_login(citizen)
    RegistrationFactory(event=event, user=citizen, status=Registration.Status.PENDING)
    assert "streaming.example.org" not in client.get(event.url).content.decode()
    Registration.objects.update(status=Registration.Status.CONFIRMED)
    assert "streaming.example.org" in client.get(event.url).content.decode()


def test_registration_emails_follow_the_registrant_language(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en{event.url}", form_data(event))
    assert Registration.objects.get().language == "en"
    assert mail.outbox[0].subject.endswith(f"Confirm your registration: {event.title}")
    assert "http://testserver/en/iscrizioni/conferma/" in mail.outbox[0].body


def test_seats_added_by_editors_go_to_the_waiting_list(
    event_index, django_capture_on_commit_callbacks
):
    event = make_event(event_index, capacity=1)
    RegistrationFactory(event=event)
    waiting = [
        RegistrationFactory(
            event=event,
            status=Registration.Status.WAITLISTED,
            waitlisted_at=timezone.now() + timedelta(seconds=order),
        )
        for order in range(3)
    ]

    event.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()

    statuses = [Registration.objects.get(pk=registration.pk).status for registration in waiting]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        registration.email for registration in waiting[:2]
    )
