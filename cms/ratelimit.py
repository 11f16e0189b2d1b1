"""Limits on forms that send an email to an address the visitor types (django-ratelimit).

Each action is counted per client IP address and per email address, in the Django cache (shared
by the processes only with Redis; the local-memory cache counts per process). Behind a reverse
proxy, `RATELIMIT_IP_META_KEY` names where the client's address is (see cms.settings.production).
"""

import ipaddress

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

# Per action: (per IP address, per email address), in django-ratelimit's "count/period" form.
DEFAULT_RATE_LIMITS = {
    "event_registration": ("20/h", "5/h"),
    "registration_resend": ("20/h", "3/h"),
    "manifattura_form": ("10/h", "5/h"),
}

TOO_MANY_ATTEMPTS = _(
    "This form has been sent too many times in a short while: please try again in an hour."
)


def exceeded(request, action, email=""):
    """Count one attempt; True when this IP address or this email address is over its limit."""
    ip_rate, email_rate = getattr(settings, "SITE_RATE_LIMITS", DEFAULT_RATE_LIMITS)[action]
    over_ip = is_ratelimited(request, group=f"{action}:ip", key="ip", rate=ip_rate, increment=True)
    over_email = bool(email) and is_ratelimited(
        request,
        group=f"{action}:email",
        key=lambda group, request: email.strip().lower(),
        rate=email_rate,
        increment=True,
    )
    return over_ip or over_email


def forwarded_client_ip(request):
    """The client's address as the site's reverse proxy appended it to X-Forwarded-For (the
    last entry: those before it are whatever the client sent)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    try:
        return str(ipaddress.ip_address(forwarded.rsplit(",", 1)[-1].strip()))
    except ValueError:
        return request.META["REMOTE_ADDR"]
