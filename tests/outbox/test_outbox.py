"""The outbox records a side effect once per key, in the change's transaction, and delivers it
once: failures are retried with backoff, abandoned claims are taken over, a lost wake-up is
re-driven by the schedule."""

from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from django_q.models import Schedule

from proposals import outbox
from proposals.outbox import tasks
from proposals.outbox.models import Message

pytestmark = pytest.mark.django_db

KIND = "tests.outbox.test_outbox.remember"
DELIVERED = []


def remember(value):
    DELIVERED.append(value)


def fail(value):
    raise RuntimeError(f"SMTP server away ({value})")


@pytest.fixture(autouse=True)
def nothing_delivered_yet():
    DELIVERED.clear()


def message(key):
    return Message.objects.get(key=key)


def test_the_same_key_is_recorded_once():
    outbox.record(KIND, "greeting:1", value=1)
    outbox.record(KIND, "greeting:1", value=1)
    outbox.record_many(KIND, [("greeting:1", {"value": 1}), ("greeting:2", {"value": 2})])

    assert sorted(Message.objects.values_list("key", flat=True)) == ["greeting:1", "greeting:2"]


def test_a_rolled_back_change_records_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.record(KIND, "greeting:1", value=1)
        raise RuntimeError("the change failed")

    assert not Message.objects.exists()


def test_a_mistyped_kind_fails_in_the_change():
    with pytest.raises(ImportError):
        outbox.record("tests.outbox.test_outbox.no_such_handler", "x:1")


def test_the_wake_up_after_commit_delivers_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.record(KIND, "greeting:1", value=1)

    assert DELIVERED == [1]
    assert message("greeting:1").status == Message.Status.SENT
    assert message("greeting:1").sent_at is not None
    assert outbox.deliver(message("greeting:1").pk) is False
    assert tasks.drain() == 0
    assert DELIVERED == [1]


def test_a_failing_handler_leaves_the_row_pending_with_backoff():
    outbox.record("tests.outbox.test_outbox.fail", "greeting:1", value=1)
    row = message("greeting:1")

    assert outbox.deliver(row.pk) is False

    row.refresh_from_db()
    assert row.status == Message.Status.PENDING
    assert row.attempts == 1
    assert "SMTP server away (1)" in row.last_error
    assert row.available_at > timezone.now() + timedelta(seconds=25)
    assert outbox.drain() == 0  # not due yet


def test_a_failed_row_is_retried_later_and_delivered_once(monkeypatch):
    outbox.record(KIND, "greeting:1", value=1)
    monkeypatch.setattr("tests.outbox.test_outbox.remember", fail)
    outbox.drain()
    monkeypatch.undo()

    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        assert outbox.drain() == 1
        assert outbox.drain() == 0

    assert DELIVERED == [1]
    assert message("greeting:1").attempts == 2


def test_backoff_doubles_up_to_an_hour():
    assert outbox.backoff(1) == timedelta(seconds=30)
    assert outbox.backoff(2) == timedelta(minutes=1)
    assert outbox.backoff(3) == timedelta(minutes=2)
    assert outbox.backoff(20) == timedelta(hours=1)


def test_after_the_last_attempt_the_row_is_marked_failed():
    outbox.record("tests.outbox.test_outbox.fail", "greeting:1", value=1)
    Message.objects.update(attempts=outbox.MAX_ATTEMPTS - 1)

    outbox.drain()

    assert message("greeting:1").status == Message.Status.FAILED
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert outbox.drain() == 0


def test_a_lost_wake_up_loses_nothing(monkeypatch, django_capture_on_commit_callbacks):
    def queue_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr("django_q.tasks.async_task", queue_down)
    with django_capture_on_commit_callbacks(execute=True):
        outbox.record(KIND, "greeting:1", value=1)
    assert DELIVERED == []
    monkeypatch.undo()

    assert tasks.drain() == 1
    assert DELIVERED == [1]


def test_a_claim_whose_lease_expired_is_taken_over_once():
    outbox.record(KIND, "greeting:1", value=1)
    Message.objects.update(
        status=Message.Status.SENDING, attempts=1, lease_until=timezone.now() + outbox.LEASE
    )
    assert outbox.drain() == 0  # a worker holds it

    with time_machine.travel(timezone.now() + outbox.LEASE + timedelta(seconds=1)):
        assert outbox.drain() == 1
        assert outbox.drain() == 0

    assert DELIVERED == [1]


def test_a_delivery_that_lost_its_claim_keeps_none_of_its_writes(monkeypatch):
    """Its lease expired and another delivery took the row over: what it wrote is rolled back."""
    outbox.record("tests.outbox.test_outbox.record_and_lose_claim", "greeting:1", value=1)

    assert outbox.drain() == 0

    assert not Message.objects.filter(key="written-by-the-loser").exists()
    assert message("greeting:1").status == Message.Status.SENDING


def record_and_lose_claim(value):
    outbox.record(KIND, "written-by-the-loser", value=value)
    Message.objects.filter(key="greeting:1").update(attempts=99)  # someone else's claim now


def test_the_schedule_re_drives_every_minute():
    schedule = Schedule.objects.get(func="proposals.outbox.tasks.drain")
    assert schedule.schedule_type == Schedule.MINUTES
    assert schedule.minutes == 1


def test_staff_read_the_outbox_in_the_admin_and_cannot_change_it(client, staff_user):
    outbox.record("tests.outbox.test_outbox.fail", "greeting:1", value=1)
    outbox.drain()
    client.force_login(staff_user)

    listing = client.get("/admin/outbox/?status=pending")
    inspect = client.get(f"/admin/outbox/inspect/{message('greeting:1').pk}/")

    assert listing.status_code == 200 and "greeting:1" in listing.content.decode()
    assert inspect.status_code == 200 and "SMTP server away" in inspect.content.decode()
    assert client.get("/admin/outbox/new/").status_code == 302
    assert client.get(f"/admin/outbox/edit/{message('greeting:1').pk}/").status_code == 302
