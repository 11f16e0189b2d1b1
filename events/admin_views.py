"""Staff screens outside the generic viewsets: the check-in at the door, usable on a phone, and
the cancellation of a registration (which gives the seat to the waiting list)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.coreutils import multigetattr

from events import services
from events.forms import CheckinSearchForm
from events.models import EventPage, Registration

CHECKIN_PERMISSION = "events.check_in_registration"
CHECKIN_PAGE_SIZE = 50
CHECKIN_EVENT_SESSION_KEY = "events_checkin_event_id"
QUESTION_COLUMN = "question:"


class RegistrationIndexView(IndexView):
    """Counts by status above the list; exports in Milan's time, with labels, and with one
    column per question when the list is filtered to one event."""

    results_template_name = "events/admin/registration_index_results.html"
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: date_format(
                timezone.localtime(value), "SHORT_DATETIME_FORMAT"
            ),
            SpreadsheetExportMixin.FORMAT_XLSX: timezone.make_naive,
        },
    }

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        filtered = self.search_queryset(self.filter_queryset(self.get_base_queryset()))
        context["status_counts"] = Registration.objects.filter(
            pk__in=filtered.values("pk")
        ).status_counts()
        return context

    def filtered_event(self):
        event_id = self.request.GET.get("event", "")
        return EventPage.objects.filter(pk=event_id).first() if event_id.isdigit() else None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        event = self.filtered_event() if self.is_export else None
        if event and event.questions.exists():
            columns = [field for field in self.list_export if field != "answers_display"]
            questions = [QUESTION_COLUMN + question.label for question in event.questions.all()]
            self.list_export = [*columns, *questions]

    def get_heading(self, queryset, field):
        if field.startswith(QUESTION_COLUMN):
            return field.removeprefix(QUESTION_COLUMN)
        return super().get_heading(queryset, field)

    def to_row_dict(self, item):
        answers = {answer["question"]: answer["answer"] for answer in item.answers}
        return {
            field: answers.get(field.removeprefix(QUESTION_COLUMN), "")
            if field.startswith(QUESTION_COLUMN)
            else multigetattr(item, field)
            for field in self.list_export
        }

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status != Registration.Status.CANCELLED and self.request.user.has_perm(
            "events.change_registration"
        ):
            url = reverse("events_admin:cancel", args=[instance.pk])
            buttons.append(
                MenuItem(_("Cancel registration"), url=url, icon_name="cross", priority=30)
            )
        return buttons


def require_checkin_permission(user):
    if not user.has_perm(CHECKIN_PERMISSION):
        raise PermissionDenied


def checkin_today(request):
    """The door's starting point: today's events, each leading to its check-in."""
    require_checkin_permission(request.user)
    today = timezone.localdate()
    events = EventPage.objects.filter(start__date__lte=today, end__date__gte=today).order_by(
        "start"
    )
    return TemplateResponse(
        request, "events/admin/checkin_today.html", {"events": events, "today": today}
    )


def checkin(request, event_id):
    """Search the confirmed attendees of one event by name or code, and mark them arrived."""
    require_checkin_permission(request.user)
    event = get_object_or_404(EventPage, pk=event_id)
    # The tickets scanned next are checked against this event.
    request.session[CHECKIN_EVENT_SESSION_KEY] = event.pk
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
    door_event = door_event_of(request)
    wrong_event = door_event is not None and door_event.pk != registration.event_id
    if request.method == "POST":
        if wrong_event:
            messages.error(request, wrong_event_message(registration, door_event))
            return redirect("events_admin:checkin", event_id=door_event.pk)
        check_in_with_message(request, registration)
        return redirect("events_admin:checkin", event_id=registration.event_id)
    return TemplateResponse(
        request,
        "events/admin/checkin_code.html",
        {
            "registration": registration,
            "event": registration.event,
            "wrong_event_message": wrong_event_message(registration, door_event)
            if wrong_event
            else "",
        },
    )


def door_event_of(request):
    """The event whose check-in screen this operator opened last, if any."""
    event_id = request.session.get(CHECKIN_EVENT_SESSION_KEY)
    return EventPage.objects.filter(pk=event_id).first() if event_id else None


def wrong_event_message(registration, door_event):
    return _(
        "This ticket is for another event (%(ticket_event)s), not for %(door_event)s: "
        "the person cannot be checked in here."
    ) % {"ticket_event": registration.event.title, "door_event": door_event.title}


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


@require_http_methods(["GET", "POST"])
def cancel_registration(request, registration_id):
    """Staff cancel a registration as the person would: the seat goes to the waiting list."""
    if not request.user.has_perm("events.change_registration"):
        raise PermissionDenied
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=registration_id
    )
    if request.method == "POST":
        promoted = services.cancel(registration.pk)
        messages.success(request, _("Registration of %(name)s cancelled.") % {"name": registration})
        if promoted:
            messages.info(
                request,
                _("%(name)s moved from the waiting list to the freed seat.") % {"name": promoted},
            )
        return redirect(reverse("event_registrations:index") + f"?event={registration.event_id}")
    return TemplateResponse(
        request,
        "events/admin/cancel_registration.html",
        {"registration": registration, "event": registration.event},
    )
