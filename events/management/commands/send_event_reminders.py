from django.core.management.base import BaseCommand

from events import services


class Command(BaseCommand):
    help = (
        "Email a reminder to confirmed attendees of tomorrow's events (once per registration). "
        "Also runs daily at 09:00 as a django-q2 schedule."
    )

    def handle(self, *args, **options):
        count = services.send_reminders()
        self.stdout.write(self.style.SUCCESS(f"{count} reminders queued."))
