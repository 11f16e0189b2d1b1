"""Running jobs at the same instant in threads, for the PostgreSQL concurrency tests."""

import threading

import pytest
from django.db import connection, connections

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real concurrency"
)


def run_in_threads(jobs, expected=()):
    """Start every job at once; their results. An exception of the `expected` classes (a refusal
    the test allows) counts as no result; any other fails the test."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [], []

    def run(job):
        try:
            barrier.wait()
            results.append(job())
        except expected:
            pass
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results
