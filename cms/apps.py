from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from cms.converters import DatabaseIdConverter


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("City site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import personal_parts  # noqa: F401 (registers the fillers)
        from cms.cache import connect_signals
        from cms.spreadsheets import protect_wagtail_exports

        register_converter(DatabaseIdConverter, "id")
        connect_signals()
        protect_wagtail_exports()
