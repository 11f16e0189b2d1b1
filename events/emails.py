"""The emails registrants receive, delivered by django-q2 tasks (see cms.emails)."""

import io
from email.mime.image import MIMEImage

import segno
from django.urls import reverse
from django.utils import translation

from cms.emails import Email
from events import tokens
from events.calendar import absolute_url, build_calendar

QR_CONTENT_ID = "checkin-qr"


def checkin_url(registration):
    return absolute_url(reverse("events_admin:checkin_code", args=[registration.checkin_code]))


class RegistrationEmail(Email):
    def __init__(self, registration_id, **flags):
        from events.models import Registration

        self.registration = Registration.objects.select_related("event").get(pk=registration_id)
        self.flags = flags

    def get_recipients(self):
        return [self.registration.email] if self.registration.email else []

    def get_language(self):
        return self.registration.language

    def get_context(self):
        registration = self.registration
        with translation.override(self.get_language()):
            return {
                "registration": registration,
                "event": registration.event,
                "event_url": absolute_url(registration.event.get_url()),
                "manage_url": absolute_url(
                    reverse("events:manage", args=[tokens.make_manage_token(registration)])
                ),
                **self.flags,
            }


class ConfirmRegistrationEmail(RegistrationEmail):
    template_prefix = "events/emails/confirm_registration"

    def get_context(self):
        context = super().get_context()
        with translation.override(self.get_language()):
            context["confirm_url"] = absolute_url(
                reverse("events:confirm", args=[tokens.make_confirm_token(self.registration)])
            )
        return context


class WaitlistedEmail(RegistrationEmail):
    template_prefix = "events/emails/waitlisted"


class TicketEmail(RegistrationEmail):
    """An email that carries the attendee's ticket: calendar file and check-in QR code."""

    def get_attachments(self):
        event = self.registration.event
        return [("evento.ics", build_calendar([event], event.title), "text/calendar")]

    def build_messages(self):
        messages = super().build_messages()
        png = png_bytes(segno.make(checkin_url(self.registration), error="m"))
        for message in messages:
            image = MIMEImage(png, "png")
            image.add_header("Content-ID", f"<{QR_CONTENT_ID}>")
            image.add_header("Content-Disposition", "inline", filename="qr-code.png")
            message.attach(image)
        return messages

    def get_context(self):
        return {**super().get_context(), "qr_content_id": QR_CONTENT_ID}


class RegistrationConfirmedEmail(TicketEmail):
    template_prefix = "events/emails/registration_confirmed"


class ReminderEmail(TicketEmail):
    template_prefix = "events/emails/reminder"


def png_bytes(qr):
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()
