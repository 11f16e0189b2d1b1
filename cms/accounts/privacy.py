from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django_q.models import OrmQ, Task
from wagtail.log_actions import registry as log_registry
from wagtail.users.models import UserProfile


def export_personal_data(user):
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "nickname": user.nickname,
            "municipio": str(user.municipio) if user.municipio else None,
            "notification_frequency": user.notification_frequency,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in user.emailaddress_set.all()
            ],
        }
    }


def app_privacy_hooks(name):
    """The function `name` of every app's `privacy` module that defines it, in app order."""
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "privacy"):
            hook = getattr(import_module(f"{app_config.name}.privacy"), name, None)
            if hook:
                yield hook


def collect_personal_data(user):
    """Everything the site holds about the user: each app with a `privacy` module that defines
    `export_personal_data(user)` contributes a JSON-serialisable dict."""
    data = {}
    for exporter in app_privacy_hooks("export_personal_data"):
        data.update(exporter(user))
    return data


def confirmed_email_addresses(user):
    """The addresses the person proved are theirs, lower-cased: what may match data that is not
    linked to the account (an unconfirmed address could be anyone's)."""
    return {address.email.lower() for address in user.emailaddress_set.filter(verified=True)}


@transaction.atomic
def erase_account(user):
    """Erase the person everywhere: each app's `erase_personal_data(user)`, this app's last,
    since the others find what is theirs by the account's email addresses."""
    for eraser in app_privacy_hooks("erase_personal_data"):
        if eraser is not erase_personal_data:
            eraser(user)
    erase_personal_data(user)


def erase_personal_data(user):
    emails = confirmed_email_addresses(user) | {user.email.lower()}
    forget_queued_tasks(emails, user.pk)
    forget_outbox_messages(emails)
    end_sessions(user)
    erase_admin_profile(user)
    user.erase_personal_data()
    relabel_logs([user])


def forget_queued_tasks(emails, user_id):
    """Drop the queued and finished django-q2 tasks whose arguments name the person: an email
    rendered for them, or their id passed as `user_id`."""
    for queued in OrmQ.objects.all():
        if names_person(queued.task, emails, user_id):
            queued.delete()
    for task in Task.objects.all():
        if names_person((task.args, task.kwargs, task.result), emails, user_id):
            task.delete()


def forget_outbox_messages(emails):
    """Side effects recorded with one of the person's addresses (allauth's emails). Ids alone
    are left: a hand-over or a fan-out may carry the person's id and must still happen."""
    if not apps.is_installed("proposals.outbox"):
        return
    message_model = apps.get_model("outbox", "Message")
    for message in message_model.objects.only("pk", "payload"):
        if names_person(message.payload, emails, user_id=None):
            message.delete()


def names_person(value, emails, user_id):
    if isinstance(value, str):
        lowered = value.lower()
        return any(email in lowered for email in emails)
    if isinstance(value, dict):
        return any(
            (key == "user_id" and user_id is not None and item == user_id)
            or names_person(item, emails, user_id)
            for key, item in value.items()
        )
    if isinstance(value, list | tuple | set):
        return any(names_person(item, emails, user_id) for item in value)
    return False


def end_sessions(user):
    """Every session of the person, on every device, from the database and from the cache."""
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    user_id = str(user.pk)
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for session in live.iterator():
        if session.get_decoded().get("_auth_user_id") == user_id:
            session_store(session_key=session.session_key).delete()


def relabel_logs(instances):
    """The admin's history names each object as it read when staff acted on it: rename it as it
    reads now that it is erased."""
    for instance in instances:
        log_registry.get_logs_for_instance(instance).update(label=str(instance))


def erase_admin_profile(user):
    """Wagtail's profile of staff accounts: preferences and the avatar photo."""
    for profile in UserProfile.objects.filter(user=user):
        if profile.avatar:
            stored = profile.avatar
            transaction.on_commit(lambda stored=stored: stored.delete(save=False))
        profile.delete()
