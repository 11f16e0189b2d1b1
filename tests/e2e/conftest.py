"""Browser fixtures for the journeys and the accessibility checks.

Playwright drives Debian's Chromium against pytest-django's `live_server`, which runs in this
process: tests can read `django.core.mail.outbox` and the database directly. Every e2e module sets
`pytestmark = E2E` (see `tests.e2e.browser`): transactional database with serialized rollback, so
Wagtail's initial data (root page, locale, collections, groups) is there in every test.

When a test fails, a screenshot and the HTML of the page are kept under `test-artifacts/`.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

from tests.e2e.browser import CHROMIUM_ARGS, CHROMIUM_PATH, load_site_content

ARTIFACTS_DIR = Path(settings.BASE_DIR) / "test-artifacts"
CSP = "Content Security Policy"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM_PATH}: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run there
    # unless told that it is safe (it is: the loop only talks to the browser).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server, settings):
    # Emails are written by tasks, away from any request: their links use the site's base URL.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    context = browser.new_context(
        base_url=live_server.url,
        locale="it-IT",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A tab; the test fails if anything on its pages broke the Content-Security-Policy."""
    page = context.new_page()
    refused = []

    def remember_refusal(message):
        if CSP in message.text:
            refused.append(message.text)

    page.on("console", remember_refusal)
    yield page
    assert refused == [], "Refused by the Content-Security-Policy:\n" + "\n".join(refused)


@pytest.fixture
def site_content(transactional_db):
    """The foundation's demo content: home page, standard and legal pages, menus, contacts."""
    return load_site_content()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and page is not None and not page.is_closed():
        paths = save_artifacts(page, item.nodeid)
        listing = "\n".join(str(path) for path in paths)
        report.sections.append(("e2e artifacts", listing))
        terminal = item.config.pluginmanager.get_plugin("terminalreporter")
        if terminal:
            terminal.write_line(f"\ne2e artifacts of {item.nodeid}:\n{listing}")
    return report


def save_artifacts(page, nodeid):
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    stem = ARTIFACTS_DIR / re.sub(r"[^\w-]+", "_", nodeid).strip("_")
    screenshot, html = Path(f"{stem}.png"), Path(f"{stem}.html")
    page.screenshot(path=screenshot, full_page=True)
    html.write_text(page.content(), encoding="utf-8")
    return [screenshot, html]
