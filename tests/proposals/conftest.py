import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate limits live in the cache, keyed by user id: start every test from zero."""
    cache.clear()
    yield
    cache.clear()
