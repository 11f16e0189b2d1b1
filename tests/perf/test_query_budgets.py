"""Every page of the benchmark runs the same number of SQL queries whatever the data size."""

from django.test.utils import override_settings

from cms.perf.benchmark import BENCH_EMAIL_DOMAIN, measure, targets
from cms.perf.seed import CityScaleSeeder
from events.models import Registration
from proposals.models import Proposal


def query_counts():
    with override_settings(ROOT_URLCONF="cms.perf.urls"):
        counts = {target.name: measure(target, repeat=1, warmup=1) for target in targets()}
    Registration.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}").delete()
    for name, target in counts.items():
        assert target.status in (200, 302), name
    return {name: target.queries for name, target in counts.items()}


def test_query_counts_stay_the_same_when_the_data_grows_fourfold(home_page):
    CityScaleSeeder(seed=1, scale=0.0005).run()
    small = query_counts()
    proposals_before = Proposal.objects.count()
    CityScaleSeeder(seed=2, scale=0.002).run()
    assert Proposal.objects.count() >= 4 * proposals_before
    assert query_counts() == small
