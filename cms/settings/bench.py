"""Benchmark and load test: production behaviour (DEBUG off) over plain HTTP on loopback.

Secrets have harmless defaults because this only ever serves 127.0.0.1; emails go nowhere.
"""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "bench-only-insecure-key-milano-partecipa")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
WHITENOISE_MAX_AGE = 31536000
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")  # noqa: F405
# In-process benchmark: one process, so the local-memory cache is shared. The load test runs
# several gunicorn workers and passes REDIS_URL.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
# The site's URLs plus /__ceiling__/, the minimal view both the benchmark and wrk compare with.
ROOT_URLCONF = "cms.perf.urls"
