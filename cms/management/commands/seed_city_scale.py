import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from wagtail.models import Page

from cms.perf.seed import CityScaleSeeder


class Command(BaseCommand):
    help = (
        "Fill an empty database (after migrate) with the city-scale benchmark data set: 100,000 "
        "proposals, 1,000,000 supports from 200,000 citizens, 300,000 comments, 500 events with "
        "50,000 registrations, 2,000 atlas projects, 5,000 pages. Deterministic from --seed; "
        "--scale shrinks every figure (0.001 for tests)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--skip-demo", action="store_true", help="Do not run load_demo first.")
        parser.add_argument(
            "--skip-index", action="store_true", help="Do not rebuild the search index."
        )

    def handle(self, *args, **options):
        if Page.objects.filter(slug="archivio", depth=3).exists():
            raise CommandError("This database already holds the data set: use a fresh one.")
        started = time.monotonic()
        if not options["skip_demo"]:
            call_command("load_demo", verbosity=0)
        self.stdout.write(f"Seeding at scale {options['scale']} with seed {options['seed']}:")
        with transaction.atomic():
            CityScaleSeeder(options["seed"], options["scale"], self.stdout).run()
        if connection.vendor == "postgresql":
            # VACUUM sets the visibility map, so that counts can be answered from indexes alone;
            # it cannot run inside a transaction (as in tests), where ANALYZE alone has to do.
            statement = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            with connection.cursor() as cursor:
                cursor.execute(statement)
        if not options["skip_index"]:
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.0f} s."))
