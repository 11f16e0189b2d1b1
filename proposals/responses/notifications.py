"""The plugin's own small email sender: ids go to a django-q2 task after the commit.

Recipients come from the answered item: `target.get_notification_recipients()` returns users
(the author and the followers). Users who chose not to receive notifications are skipped.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_q.tasks import async_task

TEMPLATE_PREFIX = "responses/emails/answer_published"


def notify_answer_published(response_id):
    transaction.on_commit(
        lambda: async_task(
            "proposals.responses.notifications.deliver_answer_published", response_id
        )
    )


def recipients_of(target):
    getter = getattr(target, "get_notification_recipients", None)
    users = getter() if callable(getter) else []
    seen = set()
    for user in users:
        if not user.email or user.email in seen:
            continue
        if getattr(user, "notification_frequency", "immediate") == "none":
            continue
        if getattr(user, "deleted_at", None) or not user.is_active:
            continue
        seen.add(user.email)
        yield user


def deliver_answer_published(response_id):
    from proposals.responses.models import Response

    response = Response.objects.select_related("state", "office").filter(pk=response_id).first()
    if response is None or not response.is_answered:
        return
    for user in recipients_of(response.target):
        build_message(response, user).send()


def build_message(response, user):
    base_url = settings.WAGTAILADMIN_BASE_URL
    context = {
        "response": response,
        "user": user,
        "base_url": base_url,
        "url": base_url + response.get_target_url(),
    }
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = " ".join(render_to_string(f"{TEMPLATE_PREFIX}_subject.txt", context).split())
        text = render_to_string(f"{TEMPLATE_PREFIX}_body.txt", context)
        html = render_to_string(f"{TEMPLATE_PREFIX}_body.html", context)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    message = EmailMultiAlternatives(prefix + subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message
