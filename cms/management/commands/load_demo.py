from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = (
        "Load the Milan demo content from the City's source documents. Idempotent: every app "
        "with a `demo` module contributes, in INSTALLED_APPS order, and running it twice "
        "changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--admin-email", default="admin@milanopartecipa.local")
        parser.add_argument("--admin-password", default="milano-partecipa")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo into a site running the production settings (a staging copy).",
        )

    def handle(self, *args, **options):
        if settings.SITE_ENVIRONMENT == "production" and not options["allow_production"]:
            raise CommandError(
                "These are the production settings: the demo adds public accounts with known "
                "passwords. Pass --allow-production to load it into a staging copy."
            )
        for app_config in apps.get_app_configs():
            if not module_has_submodule(app_config.module, "demo"):
                continue
            demo = import_module(f"{app_config.name}.demo")
            with transaction.atomic():
                demo.load(self, options)
            self.stdout.write(self.style.SUCCESS(f"Demo content ready: {app_config.verbose_name}"))
