"""allauth's emails go through the outbox (proposals.outbox) with ids only: the task renders them
in the request's language and rebuilds every link, so no confirmation or password-reset link sits
in the queue or in the outbox."""

import uuid
from datetime import datetime
from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from proposals import outbox

# What allauth's notices (password changed, email changed...) show besides links: never a secret.
PLAIN_CONTEXT = ("ip", "user_agent", "from_email", "to_email")


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        plain = {name: str(context[name]) for name in PLAIN_CONTEXT if context.get(name)}
        if context.get("timestamp"):
            plain["timestamp"] = context["timestamp"].isoformat()
        record(template_prefix, email, user_id=getattr(user, "pk", None), plain=plain)

    def send_confirmation_mail(self, request, emailconfirmation, signup):
        address = emailconfirmation.email_address
        prefix = "email_confirmation_signup" if signup else "email_confirmation"
        record(
            f"account/email/{prefix}",
            address.email,
            user_id=address.user_id,
            email_address_id=address.pk,
        )

    def send_password_reset_mail(self, user, email, context):
        record("account/email/password_reset_key", email, user_id=user.pk, reset=True)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.language = getattr(request, "LANGUAGE_CODE", "it")[:5]
        if commit:
            user.save()
        return user


def record(template_prefix, email, **ids):
    """Each of allauth's emails is its own occasion (a resend is a new one): a fresh key."""
    outbox.record(
        "cms.accounts.adapter.deliver_account_email",
        f"accounts.email:{uuid.uuid4().hex}",
        template_prefix=template_prefix,
        email=email,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        **ids,
    )


def deliver_account_email(
    template_prefix,
    email,
    language,
    user_id=None,
    email_address_id=None,
    reset=False,
    plain=None,
):
    """The outbox's handler: rebuild the context (and its links) from ids, render, send."""
    with translation.override(language):
        context = {
            "email": email,
            "current_site": current_site(),
            "signup_url": absolute(reverse("account_signup")),
            "password_reset_url": absolute(reverse("account_reset_password")),
            **timestamped(plain or {}),
        }
        if user_id is not None:
            context["user"] = get_user_model()._default_manager.get(pk=user_id)
        if email_address_id is not None:
            context.update(confirmation_context(email_address_id))
        if reset:
            context.update(password_reset_context(context["user"]))
        AccountAdapter().render_mail(template_prefix, email, context).send()


def confirmation_context(email_address_id):
    """allauth's confirmation key is an HMAC of the address's id, made anew here."""
    confirmation = EmailConfirmationHMAC(EmailAddress.objects.get(pk=email_address_id))
    return {
        "key": confirmation.key,
        "activate_url": absolute(reverse("account_confirm_email", args=[confirmation.key])),
    }


def password_reset_context(user):
    """A reset token made anew from the user, as allauth makes it in the request."""
    uid = user_pk_to_url_str(user)
    token = default_token_generator.make_token(user)
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    return {
        "uid": uid,
        "key": token,
        "password_reset_url": absolute(path.replace("UID-KEY", quote(f"{uid}-{token}"))),
    }


def timestamped(plain):
    if "timestamp" in plain:
        return {**plain, "timestamp": datetime.fromisoformat(plain["timestamp"])}
    return plain


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def current_site():
    """What allauth's templates read of the site, without a request."""
    return SimpleNamespace(
        name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc
    )
