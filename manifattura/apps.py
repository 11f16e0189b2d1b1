from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ManifatturaConfig(AppConfig):
    name = "manifattura"
    verbose_name = _("Manifattura Milano")
    default_auto_field = "django.db.models.BigAutoField"
