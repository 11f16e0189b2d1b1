"""Development on this machine: DEBUG, a public key, local hosts only.

These settings refuse to serve any other host, so a server started with `manage.py` defaults
can never be the public site; deployments use `cms.settings.production` (the default of
`cms.wsgi`, which gunicorn loads).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-milano-partecipa")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ",".join(sorted(LOCAL_HOSTS)))  # noqa: F405
if not set(ALLOWED_HOSTS) <= LOCAL_HOSTS:
    raise ImproperlyConfigured(
        "cms.settings.dev runs with DEBUG and a public secret key, so it serves only this "
        f"machine; ALLOWED_HOSTS names {', '.join(sorted(set(ALLOWED_HOSTS) - LOCAL_HOSTS))}. "
        "Set DJANGO_SETTINGS_MODULE=cms.settings.production to serve other hosts."
    )
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
