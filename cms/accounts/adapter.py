from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django_q.tasks import async_task


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render in the request's language now, deliver through the task queue after commit."""
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"), ""
        )
        args = (message.subject, message.body, html, message.from_email, list(message.to))
        transaction.on_commit(lambda: async_task("cms.emails.deliver_rendered", *args))

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.language = getattr(request, "LANGUAGE_CODE", "it")[:5]
        if commit:
            user.save()
        return user
