"""Input sent through the mini-site's forms is not tied to an account, so it is matched by the
email addresses the person has confirmed on their account."""

from wagtail.contrib.forms.models import FormSubmission

from .models import ManifatturaFormPage


def export_personal_data(user):
    emails = {user.email.lower()} | {
        address.email.lower() for address in user.emailaddress_set.filter(verified=True)
    }
    submissions = (
        FormSubmission.objects.filter(page__in=ManifatturaFormPage.objects.values("pk"))
        .select_related("page")
        .order_by("submit_time")
    )
    return {
        "manifattura_input": [
            {
                "page": submission.page.title,
                "submitted_at": submission.submit_time.isoformat(),
                "answers": submission.form_data,
            }
            for submission in submissions.iterator()
            if emails & {str(value).strip().lower() for value in submission.form_data.values()}
        ]
    }
