"""The stratified draw with the Sortition Foundation's `sortition-algorithms`.

The algorithm is `PROPOSALS_ASSEMBLY_ALGORITHM`: LEXIMIN by default, which makes the smallest
selection probability in the pool as large as possible, then the second smallest, and so on. It
needs the Gurobi solver; when Gurobi is missing or its licence refuses the problem, the draw runs
with MAXIMIN (only the smallest probability, on the open-source HiGHS solver) and the run records
which algorithm ran and why. The draw is reproducible: the same pool, quotas, seed and algorithm
give the same members and substitutes.

Members are drawn first with the staff's quotas; the substitutes are then drawn from the rest of
the pool with the quotas scaled to their number, pushed toward the values that drop out most
(`Quota.high_dropout`), and ordered so that those are called first.
"""

import json
import math
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from proposals import conf

from .models import Cycle, Feature, Membership, PoolPerson, SelectionRun

WORKER_CWD = Path(__file__).resolve().parents[2]
PROGRESS_BANDS = {"members": (5, 60), "substitutes": (60, 95)}


class SelectionFailed(Exception):
    def __init__(self, lines):
        super().__init__("\n".join(lines))
        self.lines = lines


class RunProgress:
    """Writes the draw's progress to the run, at most once a second."""

    def __init__(self, run, stage):
        self.run = run
        self.low, self.high = PROGRESS_BANDS[stage]
        self.last_write = 0.0

    def __call__(self, fraction, message):
        now = time.monotonic()
        if now - self.last_write < 1:
            return
        self.last_write = now
        _set_progress(self.run, self.low + int((self.high - self.low) * fraction), message[:255])


def _set_progress(run, progress, message):
    SelectionRun.objects.filter(pk=run.pk).update(progress=progress, progress_message=message)


def quota_bounds(quotas):
    """{feature: {value: (min, max)}} for the member draw."""
    bounds = {}
    for quota in quotas:
        bounds.setdefault(quota.feature, {})[quota.value] = (quota.minimum, quota.maximum)
    return bounds


def substitute_bounds(quotas, members, substitutes):
    """The substitutes' quotas: as staff set them, or else the members' quotas scaled to the
    substitutes, where values that drop out most get the top of their range as a floor and room
    for twice their share."""
    ratio = substitutes / members
    bounds = {}
    for quota in quotas:
        if quota.substitute_minimum is not None:
            low, high = quota.substitute_minimum, quota.substitute_maximum
        elif quota.high_dropout:
            low = math.floor(quota.maximum * ratio)
            high = math.ceil(2 * quota.maximum * ratio)
        else:
            low = math.floor(quota.minimum * ratio)
            high = math.ceil(quota.maximum * ratio)
        bounds.setdefault(quota.feature, {})[quota.value] = (low, min(high, substitutes))
    return bounds


def explain_conflicts(bounds, people, wanted):
    """Plain-language reasons why quotas cannot be met, in the staff's language."""
    lines = []
    for feature, values in bounds.items():
        label = Feature(feature).label
        minimum = sum(low for low, _high in values.values())
        maximum = sum(high for _low, high in values.values())
        if minimum > wanted:
            lines.append(
                _(
                    "%(feature)s: the minimums add up to %(sum)d, more than the %(wanted)d to select."
                )
                % {"feature": label, "sum": minimum, "wanted": wanted}
            )
        if maximum < wanted:
            lines.append(
                _(
                    "%(feature)s: the maximums add up to %(sum)d, fewer than the %(wanted)d to select."
                )
                % {"feature": label, "sum": maximum, "wanted": wanted}
            )
        for value, (low, _high) in values.items():
            available = sum(1 for person in people if getattr(person, feature) == value)
            if available < low:
                lines.append(
                    _(
                        "%(feature)s = %(value)s: the minimum is %(min)d but only %(available)d "
                        "people in the pool have this value."
                    )
                    % {"feature": label, "value": value, "min": low, "available": available}
                )
        unknown = sorted({getattr(p, feature) for p in people} - set(values))
        if unknown:
            lines.append(
                _("%(feature)s: the pool has values without a quota: %(values)s.")
                % {"feature": label, "values": ", ".join(unknown)}
            )
    return lines


def _child_draw(bounds, people, wanted, seed, on_progress):
    job = {
        "algorithm": conf.get("PROPOSALS_ASSEMBLY_ALGORITHM"),
        "leximin_seconds": conf.get("PROPOSALS_ASSEMBLY_LEXIMIN_SECONDS"),
        "bounds": bounds,
        "people": [
            {"id": person.external_id, **{f: getattr(person, f) for f in bounds}}
            for person in sorted(people, key=lambda p: p.external_id)
        ],
        "wanted": wanted,
        "seed": seed,
    }
    with subprocess.Popen(
        [sys.executable, "-m", "proposals.assembly.sortition_worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
        cwd=WORKER_CWD,
    ) as child:
        child.stdin.write(json.dumps(job))
        child.stdin.close()
        result = {"error": _("The selection process stopped unexpectedly.")}
        for line in child.stdout:
            message = json.loads(line)
            if "progress" in message:
                on_progress(message["progress"], progress_text(message))
            else:
                result = message
    return result


def progress_text(message):
    """The sortition library reports its progress in English: staff read it in their language."""
    if message.get("total"):
        return _("Drawing: step %(current)d of %(total)d") % {
            "current": message.get("current") or 0,
            "total": message["total"],
        }
    return _("Drawing: computing the fairest selection")


def draw(bounds, people, wanted, seed, on_progress=lambda fraction, message: None):
    """One stratified draw. Returns the worker's result (selected external ids, probabilities by
    id, the algorithm that ran) with the quota rows."""
    conflicts = explain_conflicts(bounds, people, wanted)
    if len(people) < wanted:
        conflicts.insert(
            0,
            _("The pool has %(count)d people, fewer than %(wanted)d.")
            % {"count": len(people), "wanted": wanted},
        )
    if conflicts:
        raise SelectionFailed(conflicts)
    result = _child_draw(bounds, people, wanted, seed, on_progress)
    if "error" in result:
        raise SelectionFailed([_("The quotas cannot be met."), result["error"]])
    return {**result, "quota_rows": _quota_rows(bounds, people, result["selected"])}


def _quota_rows(bounds, people, chosen):
    chosen = set(chosen)
    rows = []
    for feature, values in bounds.items():
        for value, (low, high) in sorted(values.items()):
            matching = [p for p in people if getattr(p, feature) == value]
            rows.append(
                {
                    "feature": str(Feature(feature).label),
                    "value": value,
                    "min": low,
                    "max": high,
                    "pool": len(matching),
                    "selected": sum(1 for p in matching if p.external_id in chosen),
                }
            )
    return rows


def substitute_priority(people, quotas, seed):
    """Substitutes from the groups that drop out most come first; ties broken by the seed."""
    dropout = {(q.feature, q.value) for q in quotas if q.high_dropout}
    shuffled = sorted(people, key=lambda p: p.external_id)
    random.Random(seed).shuffle(shuffled)
    return sorted(
        shuffled, key=lambda p: -sum(1 for item in p.feature_values().items() if item in dropout)
    )


def run_selection(run):
    """Draw members and substitutes for the run's cycle and record them; never raises."""
    SelectionRun.objects.filter(pk=run.pk).update(status=SelectionRun.Status.RUNNING, progress=1)
    cycle = run.cycle
    quotas = list(cycle.quotas.all())
    people = list(PoolPerson.objects.filter(cycle=cycle).order_by("external_id"))
    try:
        if cycle.has_selection:
            raise SelectionFailed([_("The draw for this cycle has already been made.")])
        bounds = quota_bounds(quotas)
        if not bounds:
            raise SelectionFailed([_("Set the quotas before the draw.")])
        members = draw(bounds, people, cycle.members_wanted, run.seed, RunProgress(run, "members"))
        rest = [p for p in people if p.external_id not in set(members["selected"])]
        sub_bounds = substitute_bounds(quotas, cycle.members_wanted, cycle.substitutes_wanted)
        substitutes = _draw_substitutes(sub_bounds, rest, cycle.substitutes_wanted, run)
    except SelectionFailed as failure:
        _finish(run, SelectionRun.Status.FAILED, error="\n".join(failure.lines))
        return
    _set_progress(run, 96, _("Recording the members"))
    report = {
        "algorithm": members["algorithm"],
        "fallback_reason": members.get("fallback_reason", ""),
        "pool_size": len(people),
        "members": members["quota_rows"],
        "substitutes": substitutes["quota_rows"],
        "probabilities": members["probabilities"],
    }
    by_id = {p.external_id: p for p in people}
    drawn_substitutes = [by_id[i] for i in substitutes["selected"]]
    ordered_substitutes = substitute_priority(drawn_substitutes, quotas, run.seed)
    try:
        _record(run, cycle, report, [by_id[i] for i in members["selected"]], ordered_substitutes)
    except IntegrityError:
        _finish(
            run,
            SelectionRun.Status.FAILED,
            error=_("The draw for this cycle has already been made."),
        )


def _draw_substitutes(bounds, rest, wanted, run):
    try:
        return draw(bounds, rest, wanted, run.seed, RunProgress(run, "substitutes"))
    except SelectionFailed as failure:
        heading = _("The substitutes cannot be drawn from the rest of the pool:")
        raise SelectionFailed([heading, *failure.lines]) from failure


def _record(run, cycle, report, members, substitutes):
    with transaction.atomic():
        Cycle.objects.select_for_update().get(pk=cycle.pk)
        if cycle.has_selection:
            raise IntegrityError("cycle already drawn")
        Membership.objects.bulk_create(
            [Membership(cycle=cycle, person=p, role=Membership.Role.MEMBER) for p in members]
            + [
                Membership(
                    cycle=cycle, person=person, role=Membership.Role.SUBSTITUTE, priority=position
                )
                for position, person in enumerate(substitutes, start=1)
            ]
        )
        _finish(run, SelectionRun.Status.SUCCEEDED, report=report)


def _finish(run, status, report=None, error=""):
    SelectionRun.objects.filter(pk=run.pk).update(
        status=status,
        progress=100,
        progress_message="",
        algorithm=(report or {}).get("algorithm", run.algorithm),
        report=report or {},
        error=error,
        finished_at=timezone.now(),
    )
    run.refresh_from_db()
