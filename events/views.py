"""Public views: listing, event page with registration, registrants' links and calendars."""

import logging

import segno
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms import ratelimit
from cms.models import Municipio
from events import services, tokens
from events.calendar import build_calendar
from events.emails import checkin_url
from events.forms import CITY_WIDE, EventFilterForm, RegistrationForm, ResendForm
from events.models import EventPage, Registration, RegistrationState

logger = logging.getLogger(__name__)

EVENTS_PER_PAGE = 9

REFUSAL_MESSAGES = {
    RegistrationState.NONE: gettext_lazy(
        "This event does not take registrations: just come along."
    ),
    RegistrationState.NOT_YET_OPEN: gettext_lazy("Registration for this event is not open yet."),
    RegistrationState.CLOSED: gettext_lazy("Registration for this event is closed."),
    RegistrationState.FULL: gettext_lazy("Sorry, the event is full and has no waiting list."),
    RegistrationState.OVER: gettext_lazy("This event is over: registration is no longer possible."),
}


def refusal_message(state):
    return str(REFUSAL_MESSAGES[state])


def listing_context(request, index_page):
    events = (
        EventPage.objects.live().public().child_of(index_page).select_related("municipio", "image")
    )
    filters, events = apply_filters(request, events)
    page_obj = Paginator(events.with_seats_taken().upcoming_first(), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    months = EventPage.objects.live().public().child_of(index_page).datetimes("start", "month")
    return {
        "page_obj": page_obj,
        "filters": filters,
        "municipi": Municipio.objects.all(),
        "months": sorted(months, reverse=True),
        "city_wide": CITY_WIDE,
    }


def apply_filters(request, events):
    filters = EventFilterForm(request.GET).valid_filters()
    municipio, month = filters["municipio"], filters["month"]
    if municipio == CITY_WIDE:
        events = events.filter(municipio__isnull=True)
    elif municipio:
        events = events.filter(municipio__number=int(municipio))
    if month:
        events = events.filter(start__year=month.year, start__month=month.month)
    return {"municipio": municipio, "month": month.strftime("%Y-%m") if month else ""}, events


def event_detail(request, event):
    form = None
    if event.registration_state() in services.OPEN_STATES:
        form = RegistrationForm(request.POST or None, event=event, user=request.user)
    if request.method == "POST":
        response = handle_registration(request, event, form)
        if response:
            return response
    context = {**event.get_context(request), **event_context(request, event, form)}
    return TemplateResponse(request, event.get_template(request), context)


def event_context(request, event, form):
    attendee = None
    if request.user.is_authenticated:
        attendee = (
            event.registrations.active().filter(user=request.user).order_by("-created_at").first()
        )
    return {
        "registration_form": form,
        "registration_state": event.registration_state(),
        "attendee_registration": attendee,
    }


def handle_registration(request, event, form):
    if form is None:
        messages.error(request, refusal_message(event.registration_state()))
        return redirect(event.url)
    if not form.is_valid():
        return None
    if ratelimit.exceeded(request, "event_registration", email=form.cleaned_data["email"]):
        form.add_error("email", ratelimit.TOO_MANY_ATTEMPTS)
        return None
    try:
        services.register(
            event,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            answers=form.answers(),
            user=request.user,
        )
    except services.AlreadyRegistered as duplicate:
        # The same answer as to a new address, so that the page never tells whether someone is
        # registered: the address's owner gets their registration's email again instead.
        services.resend_email(duplicate.registration)
    except services.RegistrationRefused as refused:
        messages.error(request, refusal_message(refused.state))
        return redirect(event.url)
    return registration_result(request, event, form.cleaned_data["email"])


def registration_result(request, event, email):
    """The registration is committed: if its page fails to render, say so on the event page
    rather than answer 500, which would have the person register again."""
    try:
        return render(
            request,
            "events/registration_pending.html",
            {"page": event, "event": event, "email": email},
        )
    except Exception:
        logger.exception("The page after a registration to event %s failed to render", event.pk)
        messages.success(
            request,
            _("Thank you: we have sent an email to %(email)s to confirm your registration.")
            % {"email": email},
        )
        return redirect(event.url)


@require_POST
def resend(request):
    """Send a registration's email again; the answer is the same whether the address is
    registered or not."""
    form = ResendForm(request.POST)
    if not form.is_valid() and form.has_error("event"):
        raise Http404(_("This event does not exist."))
    event = get_object_or_404(EventPage.objects.live(), pk=form.cleaned_data["event"])
    if form.has_error("email"):
        messages.error(request, " ".join(form.errors["email"]))
    elif ratelimit.exceeded(request, "registration_resend", email=form.cleaned_data["email"]):
        messages.error(request, ratelimit.TOO_MANY_ATTEMPTS)
    else:
        email = services.normalise_email(form.cleaned_data["email"])
        registration = event.registrations.active().filter(email=email).first()
        if registration:
            services.resend_email(registration)
        messages.info(
            request,
            _(
                "If %(email)s is registered for this event, we have sent its email again: "
                "please check your inbox and spam folder."
            )
            % {"email": email},
        )
    return redirect(event.url)


def registration_from_token(token, reader):
    public_id = reader(token)
    if public_id is None:
        raise Http404(_("This link is not valid or has expired."))
    return get_object_or_404(Registration.objects.select_related("event"), public_id=public_id)


def confirm(request, token):
    registration = registration_from_token(token, tokens.read_confirm_token)
    if request.method == "POST" and registration.status == Registration.Status.PENDING:
        try:
            registration = services.confirm(registration.pk)
        except services.RegistrationRefused as refused:
            messages.error(request, refusal_message(refused.state))
            return redirect(registration.event.url)
        return redirect("events:manage", token=tokens.make_manage_token(registration))
    if registration.status != Registration.Status.PENDING:
        return redirect("events:manage", token=tokens.make_manage_token(registration))
    return render(
        request,
        "events/registration_confirm.html",
        {"registration": registration, "event": registration.event, "page": registration.event},
    )


def manage(request, token):
    registration = registration_from_token(token, tokens.read_manage_token)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        services.cancel(registration.pk)
        messages.success(request, _("Your registration has been cancelled."))
        return redirect("events:manage", token=token)
    event = registration.event
    confirmed = registration.status == Registration.Status.CONFIRMED
    return render(
        request,
        "events/registration_manage.html",
        {
            "registration": registration,
            "event": event,
            "page": event,
            "qr_svg": segno.make(checkin_url(registration), error="m").svg_inline(
                scale=5, title=_("Check-in QR code"), svgclass="checkin-qr", lineclass=None
            )
            if confirmed
            else "",
            "show_streaming": confirmed and event.is_online and event.streaming_url,
            "can_cancel": registration.status != Registration.Status.CANCELLED
            and event.end >= timezone.now(),
        },
    )


def event_ics(request, pk):
    event = get_object_or_404(EventPage.objects.live().public(), pk=pk)
    return calendar_response(build_calendar([event], event.title), f"{event.slug}.ics")


def calendar_feed(request, municipio_number=None):
    events = EventPage.objects.live().public().upcoming()
    name = _("Milano Partecipa events")
    if municipio_number is not None:
        municipio = get_object_or_404(Municipio, number=municipio_number)
        events = events.filter(municipio=municipio)
        name = f"{name}: {municipio}"
    events = events.select_related("municipio").order_by("start")
    return calendar_response(build_calendar(events, name), None)


def calendar_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
