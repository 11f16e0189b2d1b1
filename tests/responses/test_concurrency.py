"""One answer record per item and one notification per publication, under concurrency."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections

from proposals.responses import receivers
from proposals.responses.models import Response
from proposals.responses.services import hand_to_city

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL and real concurrency"
)


def run_in_threads(job, count=6):
    barrier = threading.Barrier(count)
    errors = []

    def run():
        try:
            barrier.wait()
            job()
        except Exception as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_hand_overs_open_one_record():
    target = Group.objects.create(name="Più alberi in via Padova")
    run_in_threads(lambda: hand_to_city(target, reason=Response.Reason.THRESHOLD))
    assert Response.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_publications_notify_once(monkeypatch):
    response = hand_to_city(Group.objects.create(name="Zone 30"), reason="threshold")
    Response.objects.filter(pk=response.pk).update(live=True)
    calls = []
    monkeypatch.setattr(receivers, "notify_answer_published", lambda r: calls.append(r.pk))
    run_in_threads(
        lambda: receivers.on_response_published(Response, Response.objects.get(pk=response.pk))
    )
    assert calls == [response.pk]
