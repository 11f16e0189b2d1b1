"""django-q2 tasks of the assembly."""

import math

from django_q.tasks import async_task

from proposals import conf, outbox

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
    """Record a run and, with it, an outbox row that hands it to the task queue."""
    run = SelectionRun.objects.create(
        cycle=cycle,
        seed=seed,
        algorithm=conf.get("PROPOSALS_ASSEMBLY_ALGORITHM"),
        created_by=user,
    )
    outbox.record(
        "proposals.assembly.tasks.enqueue_selection", f"assembly.selection:{run.pk}", run_id=run.pk
    )
    return run


def enqueue_selection(run_id):
    """The outbox's handler: hand the long draw to the queue under its own timeout. If this is
    repeated (the enqueue reached Redis but the row was not marked), the draw claims its run, so
    the second copy does nothing."""
    async_task(
        "proposals.assembly.tasks.run_selection_task",
        run_id,
        task_name=f"sortition-{run_id}",
        timeout=selection_timeout(),
    )
