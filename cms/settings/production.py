"""Production: every secret comes from the environment; HTTPS everywhere."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

SITE_ENVIRONMENT = "production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or "insecure" in SECRET_KEY:
    raise ImproperlyConfigured(
        "cms.settings.production needs SECRET_KEY: a random value of 50 characters or more, "
        'e.g. python -c "import secrets; print(secrets.token_urlsafe(50))".'
    )
DEBUG = False

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind the proxy every request comes from 127.0.0.1: the form and login rate limits count the
# client's address, which the one proxy in front appends to X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = 1
RATELIMIT_IP_META_KEY = "cms.ratelimit.forwarded_client_ip"
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Wagtail's preview panel shows the page in a frame of the admin, so frames stay allowed from
# the site itself (X_FRAME_OPTIONS = "SAMEORIGIN" and CSP frame-ancestors 'self' in base).
SILENCED_SYSTEM_CHECKS = ["security.W019"]
