"""Staff's email about an input sent through the mini-site's form, rendered in the outbox's task
from the submission's id (the queue never carries what the person wrote)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _
from wagtail.contrib.forms.models import FormSubmission


def notify_staff(submission_id):
    submission = FormSubmission.objects.select_related("page").get(pk=submission_id)
    page = submission.page.specific
    recipients = [address.strip() for address in page.to_address.split(",") if address.strip()]
    if not recipients:
        return
    subject = page.subject or _("New input for Manifattura Milano")
    sender = page.from_address or settings.DEFAULT_FROM_EMAIL
    EmailMessage(subject, submission_text(page, submission), sender, recipients).send()


def submission_text(page, submission):
    """One line per form field, "label: value", as Wagtail's own form emails have them."""
    data = submission.form_data
    lines = []
    for field in page.get_form_fields():
        if field.clean_name in data:
            value = data[field.clean_name]
            lines.append(f"{field.label}: {', '.join(value) if isinstance(value, list) else value}")
    return "\n".join(lines)
