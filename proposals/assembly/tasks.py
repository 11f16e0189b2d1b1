"""django-q2 tasks of the assembly."""

import math

from django.db import transaction
from django_q.tasks import async_task

from proposals import conf

from .models import SelectionRun
from .selection import run_selection


def run_selection_task(run_id):
    """Draw once: a second copy of the task (the broker handed it out again while the first ran
    past Q_CLUSTER's `retry`) finds the run claimed and does nothing."""
    claimed = SelectionRun.objects.filter(pk=run_id, status=SelectionRun.Status.PENDING).update(
        status=SelectionRun.Status.RUNNING
    )
    if claimed:
        run_selection(SelectionRun.objects.select_related("cycle").get(pk=run_id))


def selection_timeout():
    """Two LEXIMIN draws (members, substitutes) at their longest, and time for MAXIMIN."""
    return math.ceil(2 * conf.get("PROPOSALS_ASSEMBLY_LEXIMIN_SECONDS")) + 10 * 60


def start_selection(cycle, seed, user):
    """Record a run and hand it to the task queue once the request's transaction commits."""
    run = SelectionRun.objects.create(
        cycle=cycle,
        seed=seed,
        algorithm=conf.get("PROPOSALS_ASSEMBLY_ALGORITHM"),
        created_by=user,
    )
    transaction.on_commit(
        lambda: async_task(
            "proposals.assembly.tasks.run_selection_task",
            run.pk,
            task_name=f"sortition-{run.pk}",
            timeout=selection_timeout(),
        )
    )
    return run
