import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from tests.events.factories import RegistrationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/events/registrations/"


def editor(*permissions):
    """A staff member who can use the Wagtail admin, with only the given permissions."""
    group = Group.objects.create(name=f"Redazione {'-'.join(permissions) or 'base'}")
    codenames = ["access_admin", *permissions]
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def registrations(event):
    return {
        "confirmed": RegistrationFactory(event=event, name="Anna Verdi", email="anna@example.org"),
        "checked_in": RegistrationFactory(
            event=event, name="Bruno Neri", checked_in_at=timezone.now()
        ),
        "waitlisted": RegistrationFactory(
            event=event, name="Carla Blu", status=Registration.Status.WAITLISTED
        ),
        "cancelled": RegistrationFactory(
            event=event, name="Dario Gialli", status=Registration.Status.CANCELLED
        ),
    }


def test_staff_with_permission_sees_registrations_with_counts(client, staff_user, registrations):
    client.force_login(staff_user)
    response = client.get(INDEX_URL, {"event": registrations["confirmed"].event_id})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Anna Verdi" in html and "anna@example.org" in html
    counts = response.context["status_counts"]
    assert (counts["confirmed"], counts["waitlisted"], counts["cancelled"]) == (2, 1, 1)
    assert counts["checked_in"] == 1


def test_registrations_can_be_searched_and_filtered(client, staff_user, registrations):
    client.force_login(staff_user)
    found = client.get(INDEX_URL, {"q": "Carla"}).context["object_list"]
    assert [r.name for r in found] == ["Carla Blu"]
    waitlisted = client.get(INDEX_URL, {"status": "waitlisted"}).context["object_list"]
    assert [r.name for r in waitlisted] == ["Carla Blu"]


def test_registrations_export_as_csv(client, staff_user, registrations):
    client.force_login(staff_user)
    response = client.get(INDEX_URL, {"export": "csv"})

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 5
    assert "anna@example.org" in {cell for row in rows for cell in row}


def test_staff_without_the_permission_cannot_see_personal_data(client, registrations):
    client.force_login(editor())
    response = client.get(INDEX_URL)
    assert response.status_code in {302, 403}
    assert "anna@example.org" not in response.content.decode()
    assert client.get(INDEX_URL, {"export": "csv"}).status_code in {302, 403}
    event = registrations["confirmed"].event
    # The Wagtail admin turns PermissionDenied into a redirect to its dashboard with a message.
    checkin = client.get(reverse("events_admin:checkin", args=[event.pk]))
    assert checkin.status_code == 302 and checkin.url == "/admin/"
    code = registrations["confirmed"].checkin_code
    assert client.post(reverse("events_admin:checkin_code", args=[code])).status_code == 302
    assert Registration.objects.get(checkin_code=code).checked_in_at is None


def test_anonymous_visitors_are_sent_to_log_in(client, registrations):
    response = client.get(INDEX_URL, follow=True)
    # Every login goes through allauth's form (rate limits, confirmed email), the admin's too.
    assert response.redirect_chain[-1][0].startswith("/account/login/")
    assert response.status_code == 200


def test_view_permission_opens_the_list(client, registrations):
    client.force_login(editor("view_registration"))
    assert client.get(INDEX_URL).status_code == 200


def test_registrations_are_not_added_by_hand(client, staff_user):
    client.force_login(staff_user)
    assert client.get(INDEX_URL + "new/").status_code in {302, 403}


def test_check_in_twice_says_already_checked_in(client, registrations):
    client.force_login(editor("check_in_registration"))
    registration = registrations["confirmed"]
    url = reverse("events_admin:checkin_code", args=[registration.checkin_code])

    page = client.get(url)
    assert "Anna Verdi" in page.content.decode()
    assert "Segna come presente" in page.content.decode()

    first = client.post(url, follow=True)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert "Ingresso registrato per Anna Verdi" in first.content.decode()

    second = client.post(url, follow=True)
    arrived = timezone.localtime(registration.checked_in_at).strftime("%H:%M")
    assert f"Anna Verdi è già entrato/a, alle {arrived}" in second.content.decode()
    assert f"Già entrato/a alle {arrived}" in client.get(url).content.decode()


def test_check_in_refuses_registrations_without_a_seat(client, staff_user, registrations):
    client.force_login(staff_user)
    waiting = registrations["waitlisted"]
    response = client.post(
        reverse("events_admin:checkin_code", args=[waiting.checkin_code]), follow=True
    )
    assert "Carla Blu non ha un&#x27;iscrizione confermata" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None


def test_check_in_screen_searches_by_name_or_code(client, staff_user, registrations):
    client.force_login(staff_user)
    event = registrations["confirmed"].event
    url = reverse("events_admin:checkin", args=[event.pk])

    by_name = client.get(url, {"q": "anna"}).context["page_obj"]
    assert [r.name for r in by_name] == ["Anna Verdi"]
    code = registrations["checked_in"].checkin_code.lower()
    by_code = client.get(url, {"q": code}).context["page_obj"]
    assert [r.name for r in by_code] == ["Bruno Neri"]
    everyone = client.get(url)
    assert [r.name for r in everyone.context["page_obj"]] == ["Anna Verdi", "Bruno Neri"]
    assert "Carla Blu" not in everyone.content.decode()


def test_event_admin_links_to_registrations_and_check_in(client, staff_user, event):
    client.force_login(staff_user)
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert f"{INDEX_URL}?event={event.pk}" in html
    assert reverse("events_admin:checkin", args=[event.pk]) in html
