"""The test settings for a real task worker that a test starts (tests/outbox/test_worker_killed.py):
tasks go through the database broker, and a killed worker's tasks and rows come back in seconds."""

from .test import *  # noqa: F403

Q_CLUSTER = {
    **{key: value for key, value in Q_CLUSTER.items() if key != "redis"},  # noqa: F405
    "sync": False,
    "orm": "default",
    "workers": 2,
    "timeout": 10,
    "retry": 12,
    "max_attempts": 5,
}
# Shorter than the queue's retry, so that a killed worker's rows are free again when its tasks are.
OUTBOX_LEASE_SECONDS = 2
