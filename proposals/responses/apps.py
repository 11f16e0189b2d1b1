from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsesConfig(AppConfig):
    name = "proposals.responses"
    label = "responses"
    verbose_name = _("Institutional responses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from proposals.responses import receivers  # noqa: F401
        from proposals.responses.permissions import grant_default_permissions

        post_migrate.connect(grant_default_permissions, sender=self)
