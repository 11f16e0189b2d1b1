"""Everything the plugin needs to know about people, without depending on the host's user model."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save


def display_name(user):
    """The name shown publicly next to a contribution: never the real name."""
    if user is None:
        return ""
    return getattr(user, "public_name", None) or user.get_username()


def notification_frequency(user):
    return getattr(user, "notification_frequency", "immediate")


CONFIRMED_EMAIL_SECONDS = 3600


def confirmed_email_key(user_id):
    return f"proposals:confirmed-email:{user_id}"


def has_confirmed_email(user):
    """True when the user confirmed an email address (django-allauth), cached on the user.

    A confirmation is also kept in the cache for an hour, so that most pages need no query;
    only confirmations, so a new one counts at once even where each process has its own cache.
    Changing the addresses forgets it (`forget_confirmed_email`)."""
    if not user.is_authenticated:
        return False
    if not apps.is_installed("allauth.account"):
        return True
    if not hasattr(user, "_proposals_email_confirmed"):
        user._proposals_email_confirmed = confirmed_email_in_cache_or_db(user)
    return user._proposals_email_confirmed


def confirmed_email_in_cache_or_db(user):
    key = confirmed_email_key(user.pk)
    if cache.get(key):
        return True
    email_address = apps.get_model("account", "EmailAddress")
    confirmed = email_address.objects.filter(user=user, verified=True).exists()
    if confirmed:
        cache.set(key, True, CONFIRMED_EMAIL_SECONDS)
    return confirmed


def forget_confirmed_email(sender, instance, **kwargs):
    """An address was added, confirmed, changed or removed: read it again, now and once the
    change is committed (a page read in between may have cached what was before)."""
    key = confirmed_email_key(instance.user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def connect_signals():
    if apps.is_installed("allauth.account"):
        email_address = apps.get_model("account", "EmailAddress")
        for signal in (post_save, post_delete):
            signal.connect(
                forget_confirmed_email, sender=email_address, dispatch_uid="proposals-email"
            )


MODERATE = "proposals.moderate"


def is_moderator(user):
    """Moderators hold the plugin's own permission (through a group); `is_staff` is not enough."""
    return user.is_authenticated and user.has_perm(MODERATE)


def moderators():
    """The active people who review reports: those granted the moderation permission."""
    return get_user_model()._default_manager.with_perm(
        MODERATE, backend="django.contrib.auth.backends.ModelBackend"
    )
