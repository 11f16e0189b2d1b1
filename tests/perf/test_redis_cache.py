"""The page caches on the production cache backend, django-redis, against the machine's Redis."""

import pytest
import redis
from django.core.cache import cache

from cms.cache import SITE, invalidate, kept_until_site_changes, versions_of

REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_is_running():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


pytestmark = pytest.mark.skipif(not redis_is_running(), reason="needs Redis on 127.0.0.1:6379")


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}
    }
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_invalidating_a_tag_moves_its_version_on_every_time(redis_cache):
    before = versions_of([SITE, "page:7"])
    invalidate("page:7")
    invalidate("page:7")
    after = versions_of([SITE, "page:7"])
    assert after[SITE] == before[SITE]
    assert after["page:7"] == before["page:7"] + 2


def test_what_is_kept_until_the_site_changes_is_built_again_after_it_does(redis_cache):
    built = []

    def build():
        built.append(1)
        return {"menu": len(built)}

    assert kept_until_site_changes("test:menu", build) == {"menu": 1}
    assert kept_until_site_changes("test:menu", build) == {"menu": 1}
    invalidate(SITE)
    assert kept_until_site_changes("test:menu", build) == {"menu": 2}
