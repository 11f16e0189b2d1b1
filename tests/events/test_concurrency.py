"""Capacity under simultaneous confirmations: needs PostgreSQL's row locks."""

import threading

import pytest
from django.db import connection, connections

from events import services
from events.models import Registration
from tests.events.factories import RegistrationFactory, make_event, make_index

CAPACITY = 5
PEOPLE = 20

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks; run with DATABASE_URL=postgres://... to test this",
    ),
]


def confirm_all_at_once(registration_ids):
    barrier = threading.Barrier(len(registration_ids))
    errors = []

    def confirm(registration_id):
        try:
            barrier.wait()
            services.confirm(registration_id)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(pk,)) for pk in registration_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_parallel_confirmations_never_exceed_capacity(home_page):

    event = make_event(make_index(home_page), capacity=CAPACITY, waitlist_enabled=True)
    pending = RegistrationFactory.create_batch(
        PEOPLE, event=event, status=Registration.Status.PENDING, confirmed_at=None
    )

    errors = confirm_all_at_once([registration.pk for registration in pending])

    assert errors == []
    statuses = list(event.registrations.values_list("status", flat=True))
    assert statuses.count(Registration.Status.CONFIRMED) == CAPACITY
    assert statuses.count(Registration.Status.WAITLISTED) == PEOPLE - CAPACITY


def test_parallel_cancellations_promote_each_waiting_person_once(home_page):

    event = make_event(make_index(home_page), capacity=CAPACITY)
    seated = RegistrationFactory.create_batch(CAPACITY, event=event)
    RegistrationFactory.create_batch(
        3, event=event, status=Registration.Status.WAITLISTED, confirmed_at=None
    )
    barrier = threading.Barrier(3)

    def cancel(registration_id):
        barrier.wait()
        services.cancel(registration_id)
        connections.close_all()

    threads = [threading.Thread(target=cancel, args=(r.pk,)) for r in seated[:3]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = list(event.registrations.values_list("status", flat=True))
    assert statuses.count(Registration.Status.CONFIRMED) == CAPACITY
    assert statuses.count(Registration.Status.WAITLISTED) == 0
