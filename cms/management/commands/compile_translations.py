import sys
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogue_paths():
    """Every django.po of the project: LOCALE_PATHS and the project's own apps' locale folders
    (not those of installed packages, even when the virtualenv lives inside the project)."""
    folders = [Path(path) for path in settings.LOCALE_PATHS]
    folders += [
        Path(app.path) / "locale"
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(settings.BASE_DIR)
        and not Path(app.path).is_relative_to(sys.prefix)
    ]
    return sorted({po for folder in folders for po in folder.glob("*/LC_MESSAGES/django.po")})


class Command(BaseCommand):
    help = "Compile the project's .po catalogues to .mo in pure Python (no gettext needed)."

    def handle(self, *args, **options):
        for po_path in catalogue_paths():
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            if options["verbosity"] > 1:
                self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
