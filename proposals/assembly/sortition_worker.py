"""Runs one draw of `sortition-algorithms` in a child process with a fixed PYTHONHASHSEED.

The library iterates over sets of person ids, whose order depends on Python's per-process string
hashing: fixing the hash seed is what makes a draw reproducible from its published seed on any
machine. Input (stdin, JSON): bounds, people, wanted, seed, algorithm. Output (stdout, JSON
lines): progress events, then one result (with the algorithm that ran) or error.

LEXIMIN needs the Gurobi solver: without `gurobipy`, when its licence refuses the problem (the
licence that comes with the PyPI package is limited in size) or when it does not finish within the
job's `leximin_seconds` (its time grows fast with the pool: about 30 s for 400 people, 6 minutes
for 1,000 on a 2-core machine), the draw runs with MAXIMIN on the open-source HiGHS solver and
says so in its result.
"""

import importlib.util
import json
import os
import signal
import sys
from contextlib import contextmanager

from sortition_algorithms import (
    Settings,
    SortitionBaseError,
    read_in_features,
    read_in_people,
    run_stratification,
)

FALLBACK = "maximin"


# The library logs to standard output: keep our own copy of it for the JSON lines and send
# everything else written there to standard error.
RESULTS = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)


def emit(**message):
    RESULTS.write(json.dumps(message) + "\n")
    RESULTS.flush()


class StdoutProgress:
    def __init__(self):
        self.total = None
        self.message = ""

    def start_phase(self, name, total=None, *, message=None):
        self.total, self.message = total, message or name
        emit(progress=0.0, message=self.message, current=0, total=total)

    def update(self, current, *, message=None):
        fraction = min(current / self.total, 1.0) if self.total else 0.0
        emit(progress=fraction, message=message or self.message, current=current, total=self.total)

    def end_phase(self):
        pass


def probabilities(report):
    for element in report.serialize().get("_data", []):
        if element.get("headers", [None])[0] == "Agent ID":
            return {row[0]: row[1] for row in element["data"]}
    return {}


def draw(bounds, people, wanted, seed, algorithm):
    rows = [
        {"feature": feature, "value": value, "min": str(low), "max": str(high)}
        for feature, values in bounds.items()
        for value, (low, high) in values.items()
    ]
    features, _f, _v = read_in_features(["feature", "value", "min", "max"], rows)
    settings = Settings(
        id_column="id", columns_to_keep=[], selection_algorithm=algorithm, random_number_seed=seed
    )
    pool, _report = read_in_people(["id", *bounds], people, features, settings)
    success, selected, report = run_stratification(
        features, pool, wanted, settings, progress_reporter=StdoutProgress()
    )
    if not success:
        return {"error": str(report.last_error())}
    return {
        "selected": sorted(selected[0]),
        "probabilities": probabilities(report),
        "algorithm": algorithm,
    }


class OutOfTime(Exception):
    pass


@contextmanager
def time_limit(seconds):
    def stop(signum, frame):
        raise OutOfTime(f"time limit of {seconds:g} s reached")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def gurobi_error():
    if importlib.util.find_spec("gurobipy") is None:
        return None
    from gurobipy import GurobiError

    return GurobiError


def draw_with_fallback(job):
    arguments = job["bounds"], job["people"], job["wanted"], job["seed"]
    solver_error = gurobi_error()
    if job["algorithm"] != "leximin" or solver_error is None:
        return draw(*arguments, FALLBACK)
    try:
        with time_limit(job["leximin_seconds"]):
            return draw(*arguments, "leximin")
    except (solver_error, OutOfTime) as error:
        return {**draw(*arguments, FALLBACK), "fallback_reason": str(error)}


def main():
    job = json.load(sys.stdin)
    try:
        result = draw_with_fallback(job)
    except (SortitionBaseError, ValueError, RuntimeError) as error:
        result = {"error": str(error)}
    emit(**result)


if __name__ == "__main__":
    main()
