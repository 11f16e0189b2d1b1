from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
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

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            if not module_has_submodule(app_config.module, "demo"):
                continue
            demo = import_module(f"{app_config.name}.demo")
            with transaction.atomic():
                demo.load(self, options)
            self.stdout.write(self.style.SUCCESS(f"Demo content ready: {app_config.verbose_name}"))
