"""A task worker killed by SIGKILL in the middle of a batch loses nothing and delivers nothing
twice: a second worker takes the batch over once the killed one's tasks and leases expire.

Each delivery adds one to its row's count in a table of its own, in the delivery's transaction,
as a handler's database work does; an email would not do here, since one sent just before the
kill is sent again by design (proposals/outbox/__init__.py)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection, transaction
from django_q.conf import Conf

from proposals import outbox
from proposals.outbox.models import Message

ROWS = 150
KIND = "tests.outbox.test_worker_killed.count_delivery"
DELIVERIES = "test_worker_killed_delivery"

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs a worker process on a shared database; run with DATABASE_URL=postgres://...",
    ),
]


def count_delivery(number):
    time.sleep(0.02)  # a batch takes long enough for the kill to land in its middle
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {DELIVERIES} AS d (number, deliveries) VALUES (%s, 1) "
            "ON CONFLICT (number) DO UPDATE SET deliveries = d.deliveries + 1",
            [number],
        )


@pytest.fixture
def deliveries_table():
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {DELIVERIES} (number integer PRIMARY KEY, deliveries integer)"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {DELIVERIES}")


def worker_database_url():
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{quote(db['USER'])}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def start_worker(log_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test_worker",
        "DATABASE_URL": worker_database_url(),
    }
    env.pop("REDIS_URL", None)
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def kill(worker):
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)


def sent():
    return Message.objects.filter(status=Message.Status.SENT).count()


def wait_until(condition, seconds, failure, log_path):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{failure} after {seconds} s; worker log:\n{Path(log_path).read_text()}")
        time.sleep(0.05)


def test_a_worker_killed_mid_batch_loses_and_doubles_nothing(
    deliveries_table, monkeypatch, tmp_path
):
    log_path = tmp_path / "qcluster.log"
    monkeypatch.setattr(Conf, "SYNC", False)  # the wake-ups go to the workers' queue
    with transaction.atomic():
        outbox.record_many(KIND, [(f"killed-worker:{n}", {"number": n}) for n in range(ROWS)])

    workers = [start_worker(log_path)]
    try:
        wait_until(lambda: sent() >= 20, 30, "the first worker sent fewer than 20 rows", log_path)
        os.killpg(workers[0].pid, signal.SIGKILL)
        workers[0].wait(timeout=10)
        sent_before_kill = sent()
        assert sent_before_kill < ROWS, "the worker finished before the kill: nothing was tested"

        workers.append(start_worker(log_path))
        wait_until(lambda: sent() == ROWS, 45, f"not all {ROWS} rows were sent", log_path)
    finally:
        for worker in workers:
            kill(worker)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number, deliveries FROM {DELIVERIES}")
        deliveries = dict(cursor.fetchall())
    assert sorted(deliveries) == list(range(ROWS))
    assert {number: count for number, count in deliveries.items() if count != 1} == {}
