from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "proposals.outbox"
    label = "outbox"
    verbose_name = _("Outbox")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from proposals.outbox.tasks import ensure_schedule

        post_migrate.connect(ensure_schedule, sender=self, dispatch_uid="outbox_schedule")
