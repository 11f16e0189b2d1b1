"""Wagtail's privacy of a consultation (password, login, groups) applies to everything that
belongs to it, not only to its page: its proposals, their actions, attachments and exports.

Every view of something in a consultation calls `view_restriction_response` once it knows the
consultation, the same answer Wagtail gives for the consultation page itself."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import PageViewRestriction


def passes_view_restrictions(request, page):
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def view_restriction_response(request, page):
    """None when `request` may see `page` and what belongs to it; otherwise the password form,
    the login redirect, or PermissionDenied for a logged-in person outside the allowed groups."""
    for restriction in page.get_view_restrictions():
        if restriction.accept_request(request):
            continue
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            response = password_form_response(request, page, restriction)
        elif request.user.is_authenticated:
            raise PermissionDenied
        else:
            login_url = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", settings.LOGIN_URL)
            response = redirect_to_login(request.get_full_path(), login_url)
        add_never_cache_headers(response)
        return response
    return None


def password_form_response(request, page, restriction):
    form = PasswordViewRestrictionForm(
        instance=restriction, initial={"return_url": request.get_full_path()}
    )
    action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    return page.serve_password_required_response(request, form, action_url)
