"""Staff screens outside the generic viewsets: the check-in at the door, usable on a phone."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from events import services
from events.forms import CheckinSearchForm
from events.models import EventPage, Registration

CHECKIN_PERMISSION = "events.check_in_registration"
CHECKIN_PAGE_SIZE = 50


def require_checkin_permission(user):
    if not user.has_perm(CHECKIN_PERMISSION):
        raise PermissionDenied


def checkin(request, event_id):
    """Search the confirmed attendees of one event by name or code, and mark them arrived."""
    require_checkin_permission(request.user)
    event = get_object_or_404(EventPage, pk=event_id)
    form = CheckinSearchForm(request.GET or None)
    attendees = event.registrations.filter(status=Registration.Status.CONFIRMED).order_by("name")
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if query:
        attendees = attendees.filter(Q(name__icontains=query) | Q(checkin_code__iexact=query))
    page_obj = Paginator(attendees, CHECKIN_PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "events/admin/checkin.html",
        {
            "event": event,
            "form": form,
            "query": query,
            "page_obj": page_obj,
            "counts": event.registrations.status_counts(),
        },
    )


@require_http_methods(["GET", "POST"])
def checkin_code(request, code):
    """Where the attendee's QR code leads: who they are, and a button to check them in."""
    require_checkin_permission(request.user)
    registration = get_object_or_404(
        Registration.objects.select_related("event"), checkin_code=code.upper()
    )
    if request.method == "POST":
        check_in_with_message(request, registration)
        return redirect("events_admin:checkin", event_id=registration.event_id)
    return TemplateResponse(
        request,
        "events/admin/checkin_code.html",
        {"registration": registration, "event": registration.event},
    )


def check_in_with_message(request, registration):
    if registration.status != Registration.Status.CONFIRMED:
        messages.error(
            request,
            _("%(name)s is not a confirmed attendee (%(status)s).")
            % {"name": registration, "status": registration.get_status_display()},
        )
    elif services.check_in(registration):
        messages.success(request, _("%(name)s checked in.") % {"name": registration})
    else:
        arrived = time_format(timezone.localtime(registration.checked_in_at), "H:i")
        messages.warning(
            request,
            _("%(name)s is already checked in, at %(time)s.")
            % {"name": registration, "time": arrived},
        )
