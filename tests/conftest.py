"""Fixtures shared by every app's tests.

Emails are enqueued on transaction commit and the queue runs synchronously in tests, so a test
that expects mail wraps the action in `django_capture_on_commit_callbacks(execute=True)`.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Locale, Page, Site

from cms.demo import ensure_home_page
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: ids are reused after a rolled-back test."""
    cache.clear()


@pytest.fixture
def home_page(db):
    return ensure_home_page()


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def page_cache(settings):
    """The page caches on, as with Redis in production (starting empty, as every test does)."""
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def live_site_settings(site):
    """The site settings rows exist, as on a live site (creating one invalidates every page)."""
    for setting in settings_registry:
        setting.for_site(site)
    return site


@pytest.fixture
def citizen(db):
    """A registered citizen whose email address is confirmed."""
    return UserFactory()


@pytest.fixture
def unverified_citizen(db):
    return UserFactory(email_verified=False)


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True, is_superuser=True, nickname="Redazione")


@pytest.fixture
def live_site(transactional_db, request):
    """Transactional tests flush the tables, Wagtail's root page included: put it back."""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root"))
    return request.getfixturevalue("site")
