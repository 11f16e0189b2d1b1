"""Input sent through the mini-site's forms is not tied to an account, so it is matched by the
email addresses the person has confirmed on their account."""

from wagtail.contrib.forms.models import FormSubmission

from cms.accounts.privacy import confirmed_email_addresses
from proposals.outbox.models import Message

from .models import ManifatturaFormPage


def submissions_of(user):
    emails = confirmed_email_addresses(user)
    submissions = (
        FormSubmission.objects.filter(page__in=ManifatturaFormPage.objects.values("pk"))
        .select_related("page")
        .order_by("submit_time")
    )
    return [
        submission
        for submission in submissions.iterator()
        if emails & {str(value).strip().lower() for value in submission.form_data.values()}
    ]


def export_personal_data(user):
    return {
        "manifattura_input": [
            {
                "page": submission.page.title,
                "submitted_at": submission.submit_time.isoformat(),
                "answers": submission.form_data,
            }
            for submission in submissions_of(user)
        ]
    }


def erase_personal_data(user):
    """The whole submission goes, every answer in it being the person's, and with it staff's
    email about it if still to be sent."""
    ids = [submission.pk for submission in submissions_of(user)]
    Message.objects.filter(key__in=[f"manifattura.submission:{pk}" for pk in ids]).delete()
    FormSubmission.objects.filter(pk__in=ids).delete()
