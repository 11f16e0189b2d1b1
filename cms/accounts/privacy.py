from django.conf import settings
from django.utils.module_loading import import_string


def export_account(user):
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
    """Everything every app holds about the user, from the exporters named in settings."""
    data = {}
    for path in settings.PERSONAL_DATA_EXPORTERS:
        data.update(import_string(path)(user))
    return data
