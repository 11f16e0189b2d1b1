"""The plugin's emails: small classes recorded in the outbox with the change that causes them
and rendered from ids by its task (proposals.outbox), exactly once.

Each template prefix has `_subject.txt`, `_body.txt` and `_body.html`. Every email to a citizen
carries a signed one-click unsubscribe link (also as List-Unsubscribe headers)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from proposals import outbox

UNSUBSCRIBE_SALT = "proposals.unsubscribe"


def absolute_url(path):
    base = getattr(settings, "PROPOSALS_BASE_URL", getattr(settings, "WAGTAILADMIN_BASE_URL", ""))
    return base.rstrip("/") + path


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_from_unsubscribe_token(token):
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model()._default_manager.filter(pk=user_id).first()


def unsubscribe_url(user):
    return absolute_url(reverse("proposals:unsubscribe", args=[unsubscribe_token(user)]))


class Email:
    template_prefix = ""

    def get_recipients(self):
        """A list of users (or plain addresses, for staff notices)."""
        raise NotImplementedError

    def get_context(self):
        return {}

    @classmethod
    def send(cls, key=None, **ids):
        """Record the email once per class and ids (or per `key`, for a deliberate copy)."""
        path = f"{cls.__module__}.{cls.__qualname__}"
        key = key or outbox.key_for(path, ids)
        outbox.record("proposals.emails.deliver", key, email_class_path=path, ids=ids)

    @classmethod
    def send_many(cls, ids_list, key_suffix=""):
        """One row per recipient's ids, for a fan-out; `key_suffix` tells occasions apart."""
        path = f"{cls.__module__}.{cls.__qualname__}"
        outbox.record_many(
            "proposals.emails.deliver",
            [
                (outbox.key_for(path, ids) + key_suffix, {"email_class_path": path, "ids": ids})
                for ids in ids_list
            ],
        )

    def build_messages(self):
        messages = []
        for recipient in self.get_recipients():
            address = getattr(recipient, "email", recipient)
            if not address:
                continue
            language = getattr(recipient, "language", None) or settings.LANGUAGE_CODE
            context = {"base_url": absolute_url(""), **self.get_context(), "recipient": recipient}
            headers = {}
            if hasattr(recipient, "pk"):
                context["unsubscribe_url"] = unsubscribe_url(recipient)
                headers = {
                    "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                }
            with translation.override(language):
                subject = render_to_string(f"{self.template_prefix}_subject.txt", context)
                text = render_to_string(f"{self.template_prefix}_body.txt", context)
                html = render_to_string(f"{self.template_prefix}_body.html", context)
            message = EmailMultiAlternatives(
                " ".join(subject.split()), text, to=[address], headers=headers
            )
            message.attach_alternative(html, "text/html")
            messages.append(message)
        return messages


def deliver(email_class_path, ids):
    email = import_string(email_class_path)(**ids)
    for message in email.build_messages():
        message.send()


class NotificationEmail(Email):
    template_prefix = "proposals/emails/notification"

    def __init__(self, notification_id):
        from proposals.models import Notification

        self.notification = Notification.objects.select_related(
            "recipient", "consultation", "proposal", "comment", "phase"
        ).get(pk=notification_id)

    def get_recipients(self):
        return [self.notification.recipient]

    def get_context(self):
        return {
            "notification": self.notification,
            "url": absolute_url(self.notification.get_absolute_url()),
        }

    def build_messages(self):
        messages = super().build_messages()
        type(self.notification).objects.filter(pk=self.notification.pk).update(
            emailed_at=timezone.now()
        )
        return messages


class DigestEmail(Email):
    template_prefix = "proposals/emails/digest"

    def __init__(self, user_id, notification_ids):
        from proposals.models import Notification

        self.user = get_user_model()._default_manager.get(pk=user_id)
        self.notifications = list(
            Notification.objects.filter(pk__in=notification_ids).select_related(
                "consultation", "proposal", "comment", "phase"
            )
        )

    def get_recipients(self):
        return [self.user]

    def get_context(self):
        return {
            "items": [(n, absolute_url(n.get_absolute_url())) for n in self.notifications],
        }


class ReportFiledEmail(Email):
    template_prefix = "proposals/emails/report_filed"

    def __init__(self, report_id):
        from proposals.models import Report

        self.report = Report.objects.get(pk=report_id)

    def get_recipients(self):
        from proposals.notifications import moderation_recipients

        return moderation_recipients()

    def get_context(self):
        target = self.report.target
        return {
            "report": self.report,
            "target": target,
            "url": absolute_url(target.get_absolute_url()) if target else "",
        }
