"""Deadline load test: gunicorn on 127.0.0.1, wrk for a bounded time, then an integrity check.

Run from the repository root on the city-scale database (see docs/performance.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_bench \\
        /work/main/.venv/bin/python bench/load_test.py --duration 60

It creates load-test citizens with sessions and CSRF cookies made directly in the database,
writes them for bench/deadline.lua, serves the site with gunicorn (cms.settings.bench), runs
wrk, stops gunicorn, and checks that every support wrk saw accepted is in the database exactly
once and that every touched proposal's counter equals its rows. Load-test data is removed
before and after (unless --keep).
"""

import argparse
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.bench")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, F, Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from proposals.models import ConsultationPage, Proposal, Support  # noqa: E402
from proposals.personal import EDITOR_SESSION_KEY, may_edit  # noqa: E402

LOAD_USER_PREFIX = "carico"
DATA_FILE = ROOT / "bench" / "deadline_data.lua"


def open_consultations():
    now = timezone.now()
    return ConsultationPage.objects.live().filter(
        phases__kind="supports", phases__start__lte=now, phases__end__gt=now
    )


def reset():
    """Remove load-test citizens and their supports; put the touched counters right."""
    User = get_user_model()
    users = User.objects.filter(username__startswith=LOAD_USER_PREFIX)
    touched = set(Support.objects.filter(user__in=users).values_list("proposal_id", flat=True))
    Support.objects.filter(user__in=users).delete()
    users.delete()
    recount(touched)


def recount(proposal_ids):
    ids = list(proposal_ids)
    for start in range(0, len(ids), 1000):
        chunk = Proposal.objects.filter(pk__in=ids[start : start + 1000])
        for proposal in chunk.annotate(real=Count("supports")).exclude(support_count=F("real")):
            Proposal.objects.filter(pk=proposal.pk).update(support_count=proposal.real)


def make_citizens(count):
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    User = get_user_model()
    password = make_password(None)
    users = User.objects.bulk_create(
        User(
            username=f"{LOAD_USER_PREFIX}{n}",
            email=f"{LOAD_USER_PREFIX}{n}@load.example.org",
            password=password,
            nickname=f"carico_{n}",
        )
        for n in range(count)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    backend = next(path for path in settings.AUTHENTICATION_BACKENDS if "ModelBackend" in path)
    citizens = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[EDITOR_SESSION_KEY] = may_edit(user)  # as a login does
        session.create()
        citizens.append((session.session_key, secrets.token_hex(16)))
    return citizens


def visited_proposals(counts, uniform, draws=20_000):
    """The proposal pages browsed, in order: `draws` picks, each proposal as likely as its
    supports + 1 (the popular ones are read most, as on a real deadline), or all alike."""
    ids = list(counts)
    if uniform:
        return ids
    return random.Random(42).choices(ids, weights=[n + 1 for n in counts.values()], k=draws)


def write_data(citizens, threads, support_share, logged_in_share, uniform):
    consultations = list(open_consultations())
    counts = dict(
        Proposal.objects.filter(consultation__in=consultations, status=Proposal.Status.PUBLISHED)
        .order_by("pk")
        .values_list("pk", "support_count")
    )
    proposals = list(counts)
    lists = [
        f"{c.url}?sort={sort}&page={page}"
        for c in consultations
        for sort in ("recent", "supported", "commented")
        for page in (1, 2, 3, 10)
    ]
    anonymous = ["/", *[c.url for c in consultations], *[f"/partecipa/proposte/{proposals[0]}/"]]
    lua = [
        "return {",
        f"  threads = {threads},",
        f"  support_share = {support_share},",
        f"  logged_in_share = {logged_in_share},",
        "  users = {",
        *[f'    {{session = "{key}", csrf = "{csrf}"}},' for key, csrf in citizens],
        "  },",
        "  proposals = {" + ", ".join(map(str, proposals)) + "},",
        "  visited = {" + ", ".join(map(str, visited_proposals(counts, uniform))) + "},",
        "  lists = {" + ", ".join(f'"{url}"' for url in lists) + "},",
        "  anonymous = {" + ", ".join(f'"{url}"' for url in anonymous) + "},",
        "}",
    ]
    DATA_FILE.write_text("\n".join(lua) + "\n")
    return proposals


def start_gunicorn(port, workers):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "cms.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--access-logfile=-" if os.environ.get("ACCESS_LOG") else "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
            return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def run_wrk(port, duration, threads, connections):
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--timeout=10s",
        "--latency",
        "--script=bench/deadline.lua",
        f"http://127.0.0.1:{port}",
    ]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    results = dict(re.findall(r"^RESULT (\w+)=(\S+)$", output, re.MULTILINE))
    return output, {key: float(value) for key, value in results.items()}


def check(started_at, proposal_ids, results):
    accepted = int(results["accepted_supports"])
    unanswered = int(
        results["sent_supports"]
        - accepted
        - results["refused_supports"]
        - results["unexpected_responses"]
    )
    connection.close()
    User = get_user_model()
    load_supports = Support.objects.filter(
        user__username__startswith=LOAD_USER_PREFIX, created_at__gte=started_at
    )
    rows = load_supports.count()
    doubled = (
        load_supports.values("user_id", "proposal_id").annotate(n=Count("id")).filter(n__gt=1)
    ).count()
    wrong_counters = (
        Proposal.objects.filter(pk__in=proposal_ids)
        .annotate(real=Count("supports"))
        .exclude(support_count=F("real"))
        .count()
    )
    thresholds_wrong = (
        Proposal.objects.filter(pk__in=proposal_ids)
        .filter(
            Q(support_count__gte=F("consultation__support_threshold"), threshold_reached_at=None)
        )
        .count()
    )
    return {
        "support POSTs sent": int(results["sent_supports"]),
        "accepted by the server (302 to the proposal)": accepted,
        "unanswered when wrk stopped (stored or not)": unanswered,
        "new support rows in the database": rows,
        "lost (accepted, not in the database)": max(0, accepted - rows),
        "extra rows (neither accepted nor unanswered)": max(0, rows - accepted - unanswered),
        "doubled (user, proposal) pairs": doubled,
        "proposals whose counter differs from their rows": wrong_counters,
        "proposals over the threshold but not marked": thresholds_wrong,
        "load-test citizens": User.objects.filter(username__startswith=LOAD_USER_PREFIX).count(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--citizens", type=int, default=500)
    parser.add_argument("--support-share", type=float, default=0.2)
    parser.add_argument("--logged-in-share", type=float, default=0.4)
    parser.add_argument("--port", type=int, default=8077)
    parser.add_argument("--keep", action="store_true", help="Keep the load-test data.")
    parser.add_argument(
        "--uniform",
        action="store_true",
        help="Browse every proposal page alike, instead of in proportion to its supports.",
    )
    options = parser.parse_args()
    if not os.environ.get("REDIS_URL"):
        print(
            "REDIS_URL is not set: each worker caches pages on its own (see docs/performance.md)."
        )

    reset()
    citizens = make_citizens(options.citizens)
    proposal_ids = write_data(
        citizens, options.threads, options.support_share, options.logged_in_share, options.uniform
    )
    connection.close()
    server = start_gunicorn(options.port, options.workers)
    started_at = timezone.now()
    try:
        output, results = run_wrk(
            options.port, options.duration, options.threads, options.connections
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    print(output)
    seconds = results["duration_us"] / 1_000_000
    print(f"Requests per second: {results['requests'] / seconds:.1f}")
    integrity = check(started_at, proposal_ids, results)
    print("Integrity after the run:")
    for label, value in integrity.items():
        print(f"  {label}: {value}")
    if not options.keep:
        reset()
        DATA_FILE.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
