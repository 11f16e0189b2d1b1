"""Emails as classes, recorded in the outbox with the change that causes them (ids only) and
rendered and sent by its task (proposals.outbox), exactly once.

A subclass names its templates and rebuilds its context from ids, so the queue carries ids only:
    class RegistrationConfirmed(Email):
        template_prefix = "events/emails/registration_confirmed"
        def __init__(self, registration_id): ...
        def get_recipients(self): ...
        def get_context(self): ...
    RegistrationConfirmed.send(registration_id=42)
Each template prefix has `_subject.txt`, `_body.txt` and `_body.html`. `send()` records the
email once per class and ids; pass `key=` for a deliberate second copy (a resend).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

from proposals import outbox


class Email:
    template_prefix = ""

    def get_recipients(self):
        raise NotImplementedError

    def get_context(self):
        return {}

    def get_language(self):
        return settings.LANGUAGE_CODE

    def get_attachments(self):
        """A list of (filename, content, mimetype)."""
        return []

    @classmethod
    def send(cls, key=None, **ids):
        path = f"{cls.__module__}.{cls.__qualname__}"
        key = key or outbox.key_for(path, ids)
        outbox.record("cms.emails.deliver", key, email_class_path=path, ids=ids)

    def build_messages(self):
        context = {"base_url": settings.WAGTAILADMIN_BASE_URL, **self.get_context()}
        with translation.override(self.get_language()):
            subject = render_to_string(f"{self.template_prefix}_subject.txt", context)
            text = render_to_string(f"{self.template_prefix}_body.txt", context)
            html = render_to_string(f"{self.template_prefix}_body.html", context)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        messages = []
        for recipient in self.get_recipients():
            message = EmailMultiAlternatives(subject, text, to=[recipient])
            message.attach_alternative(html, "text/html")
            for filename, content, mimetype in self.get_attachments():
                message.attach(filename, content, mimetype)
            messages.append(message)
        return messages


def deliver(email_class_path, ids):
    email = import_string(email_class_path)(**ids)
    for message in email.build_messages():
        message.send()
