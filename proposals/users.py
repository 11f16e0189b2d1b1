"""Everything the plugin needs to know about people, without depending on the host's user model."""

from django.apps import apps


def display_name(user):
    """The name shown publicly next to a contribution: never the real name."""
    if user is None:
        return ""
    return getattr(user, "public_name", None) or user.get_username()


def notification_frequency(user):
    return getattr(user, "notification_frequency", "immediate")


def has_confirmed_email(user):
    """True when the user confirmed an email address (django-allauth), cached on the user."""
    if not user.is_authenticated:
        return False
    if not apps.is_installed("allauth.account"):
        return True
    if not hasattr(user, "_proposals_email_confirmed"):
        email_address = apps.get_model("account", "EmailAddress")
        user._proposals_email_confirmed = email_address.objects.filter(
            user=user, verified=True
        ).exists()
    return user._proposals_email_confirmed


def is_moderator(user):
    return user.is_authenticated and user.is_staff
