from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from proposals.converters import DatabaseIdConverter


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Participation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from proposals import parts  # noqa: F401 (registers the personal parts' fillers)
        from proposals.personal import remember_editor
        from proposals.tasks import ensure_schedules
        from proposals.users import connect_signals

        register_converter(DatabaseIdConverter, "proposals_id")
        connect_signals()
        user_logged_in.connect(remember_editor, dispatch_uid="proposals-editor")
        post_migrate.connect(ensure_schedules, sender=self, dispatch_uid="proposals_schedules")
