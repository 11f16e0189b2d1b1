"""Runs one draw of `sortition-algorithms` in a child process with a fixed PYTHONHASHSEED.

The library iterates over sets of person ids, whose order depends on Python's per-process string
hashing: fixing the hash seed is what makes a draw reproducible from its published seed on any
machine. Input (stdin, JSON): bounds, people, wanted, seed. Output (stdout, JSON lines): progress
events, then one result or error.
"""

import json
import os
import sys

from sortition_algorithms import (
    Settings,
    SortitionBaseError,
    read_in_features,
    read_in_people,
    run_stratification,
)

ALGORITHM = "maximin"


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
        emit(progress=0.0, message=self.message)

    def update(self, current, *, message=None):
        fraction = min(current / self.total, 1.0) if self.total else 0.0
        emit(progress=fraction, message=message or self.message)

    def end_phase(self):
        pass


def probabilities(report):
    for element in report.serialize().get("_data", []):
        if element.get("headers", [None])[0] == "Agent ID":
            return {row[0]: row[1] for row in element["data"]}
    return {}


def draw(bounds, people, wanted, seed):
    rows = [
        {"feature": feature, "value": value, "min": str(low), "max": str(high)}
        for feature, values in bounds.items()
        for value, (low, high) in values.items()
    ]
    features, _f, _v = read_in_features(["feature", "value", "min", "max"], rows)
    settings = Settings(
        id_column="id", columns_to_keep=[], selection_algorithm=ALGORITHM, random_number_seed=seed
    )
    pool, _report = read_in_people(["id", *bounds], people, features, settings)
    success, selected, report = run_stratification(
        features, pool, wanted, settings, progress_reporter=StdoutProgress()
    )
    if not success:
        return {"error": str(report.last_error())}
    return {"selected": sorted(selected[0]), "probabilities": probabilities(report)}


def main():
    job = json.load(sys.stdin)
    try:
        result = draw(job["bounds"], job["people"], job["wanted"], job["seed"])
    except (SortitionBaseError, ValueError, RuntimeError) as error:
        result = {"error": str(error)}
    emit(**result)


if __name__ == "__main__":
    main()
