"""Server-side timing of the key pages, in-process through the whole middleware stack.

Each target is requested a few times to warm caches, then `repeat` times with a wall clock around
`Client.request`; one more request counts the SQL queries. A minimal view measured the same way
gives the ceiling of the machine and of Django's own request handling.
"""

import statistics
import time
from dataclasses import dataclass, field
from itertools import count

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from cms.cache import invalidate
from cms.models import HomePage
from cms.plan.models import AtlasPage
from events.models import EventIndexPage, EventPage, Registration
from proposals.models import ConsultationIndexPage, ConsultationPage, Proposal

BENCH_EMAIL_DOMAIN = "bench.example.org"
PAGE_BUDGET_MS = 150
LIST_BUDGET_MS = 100


@dataclass
class Target:
    name: str
    url: str
    client: Client
    method: str = "get"
    data: object = None  # a callable returning the POST data of the n-th request
    budget_ms: int = PAGE_BUDGET_MS
    # Cache tags moved on before each request, so a page kept for everyone is rendered again.
    render_anew: tuple = ()
    timings: list = field(default_factory=list)
    cpu_timings: list = field(default_factory=list)
    queries: int = 0
    size: int = 0
    status: int = 0

    def request(self, n):
        invalidate(*self.render_anew)
        if self.method == "post":
            return self.client.post(self.url, self.data(n) if self.data else {})
        return self.client.get(self.url)

    @property
    def median_ms(self):
        return statistics.median(self.timings) * 1000

    @property
    def cpu_median_ms(self):
        return statistics.median(self.cpu_timings) * 1000

    @property
    def p95_ms(self):
        ordered = sorted(self.timings)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


def measure(target, repeat, warmup=3):
    numbers = count()
    for _ in range(warmup):
        target.request(next(numbers))
    for _ in range(repeat):
        n = next(numbers)
        started, cpu_started = time.perf_counter(), time.process_time()
        response = target.request(n)
        target.timings.append(time.perf_counter() - started)
        target.cpu_timings.append(time.process_time() - cpu_started)
    with CaptureQueriesContext(connection) as queries:
        response = target.request(next(numbers))
    target.queries = len(queries)
    target.size = len(response.content)
    target.status = response.status_code
    return target


def open_proposal():
    """A published proposal of a consultation that is collecting supports now."""
    now = timezone.now()
    return (
        Proposal.objects.filter(
            status=Proposal.Status.PUBLISHED,
            consultation__phases__kind="supports",
            consultation__phases__start__lte=now,
            consultation__phases__end__gt=now,
        )
        .order_by("pk")
        .first()
    )


def busiest_proposal():
    return Proposal.objects.public().with_comment_count().order_by("-comment_count").first()


def toggle_support(proposal):
    support = reverse("proposals:proposal_support", args=[proposal.pk])
    unsupport = reverse("proposals:proposal_unsupport", args=[proposal.pk])

    class Toggle(Target):
        def request(self, n):
            return self.client.post(support if n % 2 == 0 else unsupport)

    return Toggle


def registration_data(n):
    stamp = time.time_ns()
    return {
        "name": "Giulia Rossi",
        "email": f"iscrizione{stamp}-{n}@{BENCH_EMAIL_DOMAIN}",
        "consent": "on",
    }


def targets():
    anonymous = Client()
    # Any cookie keeps a request out of the anonymous page cache: the page is rendered each time,
    # but for the consultation and proposal pages kept for everyone (proposals.personal), which
    # the targets render anew by moving their cache tag on first ("render" in their names).
    uncached = Client()
    uncached.cookies["benchmark"] = "uncached"
    citizen = Client()
    citizen.force_login(get_user_model().objects.filter(username__startswith="cittadino").first())
    supporter = Client()
    supporter.force_login(get_user_model().objects.filter(username__startswith="cittadino").last())
    proposal = open_proposal()
    consultation = proposal.consultation if proposal else ConsultationPage.objects.live().first()
    theme = consultation.themes.first()
    listing = consultation.url
    deep = f"{listing}?theme={theme.pk}&status=published&page=15"
    upcoming = EventPage.objects.live().filter(start__gt=timezone.now()).order_by("start").first()
    atlas = AtlasPage.objects.live().first()
    index_url = ConsultationIndexPage.objects.live().first().url
    busiest = busiest_proposal()
    render_list = (f"page:{consultation.pk}",)
    home = HomePage.objects.live().first()
    render_busiest = (f"proposal:{busiest.pk}",)
    found = [
        Target("ceiling (minimal view)", "/__ceiling__/", anonymous, budget_ms=0),
        Target("home, cached", "/", anonymous),
        Target("consultations index, cached", index_url, anonymous),
        Target("proposal list p1, cached", listing, anonymous, budget_ms=LIST_BUDGET_MS),
        Target("home, render", "/", uncached, render_anew=(f"page:{home.pk}",)),
        Target("home (citizen)", "/", citizen),
        Target("consultations index", index_url, uncached),
        Target(
            "proposal list p1, render",
            listing,
            uncached,
            budget_ms=LIST_BUDGET_MS,
            render_anew=render_list,
        ),
        Target("proposal list p1 (citizen)", listing, citizen, budget_ms=LIST_BUDGET_MS),
    ]
    for sort in ("recent", "supported", "commented", "random"):
        found.append(
            Target(
                f"proposal list deep, {sort}, render",
                f"{deep}&sort={sort}",
                uncached,
                budget_ms=LIST_BUDGET_MS,
                render_anew=render_list,
            )
        )
    found += [
        Target(
            "proposal detail (500 comments), render",
            busiest.get_absolute_url(),
            uncached,
            render_anew=render_busiest,
        ),
        Target("proposal detail (500 comments, citizen)", busiest.get_absolute_url(), citizen),
        Target("events index", EventIndexPage.objects.live().first().url, uncached),
        Target("event page", upcoming.url, uncached),
        Target("atlas list", atlas.url, uncached),
        Target("atlas GeoJSON", f"{atlas.url}geojson/", uncached),
        Target("search", f"{reverse('search')}?q=piazza", uncached),
    ]
    if proposal:
        found.append(toggle_support(proposal)("support toggle (POST)", "", supporter))
    found.append(
        Target("event registration (POST)", upcoming.url, Client(), "post", registration_data)
    )
    return found


def run(repeat):
    with override_settings(ROOT_URLCONF="cms.perf.urls"):
        results = [measure(target, repeat) for target in targets()]
    Registration.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}").delete()
    return results


def table(results):
    ceiling = results[0].median_ms
    header = (
        f"{'page':34} {'status':>6} {'SQL':>4} {'KB':>7} {'median ms':>10} {'p95 ms':>8} "
        f"{'CPU ms':>7} "
        f"{'req/s':>7} {'x ceiling':>9}  budget"
    )
    lines = [header, "-" * len(header)]
    for result in results:
        verdict = ""
        if result.budget_ms:
            verdict = "ok" if result.p95_ms < result.budget_ms else f"> {result.budget_ms} ms"
        lines.append(
            f"{result.name:34} {result.status:>6} {result.queries:>4} "
            f"{result.size / 1024:>7.1f} {result.median_ms:>10.1f} {result.p95_ms:>8.1f} "
            f"{result.cpu_median_ms:>7.1f} "
            f"{1000 / result.median_ms:>7.0f} {ceiling / result.median_ms:>9.2f}  {verdict}"
        )
    return "\n".join(lines)


def data_set_summary():
    return {
        "pages": Page.objects.count(),
        "proposals": Proposal.objects.count(),
        "consultations": ConsultationPage.objects.count(),
    }
