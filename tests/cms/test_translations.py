"""The message catalogues must match the code and templates, and Italian must be complete."""

import os
import shutil
import subprocess
import sys

import polib
import pytest
from django.conf import settings

PROJECT_DIRS = ["cms", "events", "manifattura", "proposals", "locale"]


def catalogues(root):
    return {
        path.relative_to(root): path
        for name in PROJECT_DIRS
        for path in (root / name).rglob("LC_MESSAGES/django.po")
    }


def msgids(path):
    return {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path)) if not entry.obsolete}


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """Run makemessages on a copy of the project, so the working tree is left untouched."""
    copy = tmp_path_factory.mktemp("project")
    for name in PROJECT_DIRS:
        shutil.copytree(
            settings.BASE_DIR / name,
            copy / name,
            ignore=shutil.ignore_patterns("*.mo", "__pycache__", "static"),
        )
    shutil.copy(settings.BASE_DIR / "manage.py", copy)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", "PYTHONPATH": str(copy)}
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "it",
            "-l",
            "en",
            "--no-location",
            "--no-obsolete",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    return catalogues(copy)


@pytest.mark.skipif(not shutil.which("xgettext"), reason="makemessages needs GNU gettext")
def test_catalogues_match_the_code(fresh_catalogues):
    committed = catalogues(settings.BASE_DIR)

    assert set(fresh_catalogues) == set(committed), "run `make messages` and commit the catalogues"
    for relative, fresh in fresh_catalogues.items():
        missing = msgids(fresh) - msgids(committed[relative])
        stale = msgids(committed[relative]) - msgids(fresh)
        assert not missing and not stale, (
            f"{relative} is out of date (run `make messages`): "
            f"missing {sorted(missing)[:10]}, stale {sorted(stale)[:10]}"
        )


def test_every_italian_message_is_translated():
    for relative, path in catalogues(settings.BASE_DIR).items():
        if relative.parts[-3] != "it":
            continue
        untranslated = [
            entry.msgid
            for entry in polib.pofile(str(path))
            if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
        ]
        assert not untranslated, f"{relative}: untranslated {untranslated[:10]}"
