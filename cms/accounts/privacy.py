from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule


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


def collect_personal_data(user):
    """Everything the site holds about the user: each app with a `privacy` module that defines
    `export_personal_data(user)` contributes a JSON-serialisable dict."""
    data = {}
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "privacy"):
            exporter = getattr(
                import_module(f"{app_config.name}.privacy"), "export_personal_data", None
            )
            if exporter:
                data.update(exporter(user))
    return data
