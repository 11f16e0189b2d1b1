from django.core.management.base import BaseCommand

from cms.perf import benchmark


class Command(BaseCommand):
    help = (
        "Measure server time (median, p95), SQL queries and response size of the key pages, "
        "in-process, against a minimal view as the ceiling. Run on the city-scale data set "
        "(seed_city_scale) with DJANGO_SETTINGS_MODULE=cms.settings.bench."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=50, help="Timed requests per page.")

    def handle(self, *args, **options):
        summary = ", ".join(f"{k}: {v:,}" for k, v in benchmark.data_set_summary().items())
        self.stdout.write(f"Data set: {summary}. {options['repeat']} requests per page.\n")
        self.stdout.write(benchmark.table(benchmark.run(options["repeat"])))
