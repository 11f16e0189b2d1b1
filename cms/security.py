"""Response headers that tell browsers what a page may load and use.

Public pages carry no inline script, so their Content-Security-Policy allows scripts from the
site only; that also keeps pages shareable from the page cache, where a per-request nonce could
not be. Wagtail's admin ships inline scripts of its own (inline panels, date widgets), so its
pages get the same policy with inline scripts allowed.
"""

from csp.middleware import CSPMiddleware
from django.urls import reverse

ADMIN_SCRIPT_SOURCES = {"script-src": ["'self'", "'unsafe-inline'"]}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(reverse("wagtailadmin_home")):
            parts.update = {**(parts.update or {}), **ADMIN_SCRIPT_SOURCES}
        return parts
