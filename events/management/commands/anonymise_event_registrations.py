from django.core.management.base import BaseCommand

from events import services


class Command(BaseCommand):
    help = (
        "Erase name, email, account link and answers of registrations to events that ended more "
        "than EVENTS_ANONYMISE_AFTER_MONTHS months ago. Also runs daily as a django-q2 schedule."
    )

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, help="Override the configured number of months")

    def handle(self, *args, months=None, **options):
        count = services.anonymise_old_registrations(months=months)
        self.stdout.write(self.style.SUCCESS(f"{count} registrations anonymised."))
