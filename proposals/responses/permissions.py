"""Default rights of the three answer groups created by the workflow migration.

Run after every migrate (idempotent): editors draft answers and notes, reviewers check them,
directors approve and publish. Staff can change these groups freely in the admin afterwards;
only missing rights are added back.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

EDITORS = "Risposte: redazione"
REVIEWERS = "Risposte: revisione"
DIRECTORS = "Risposte: approvazione"

COMMON = [
    ("response", "change"),
    ("response", "view"),
    ("response", "lock"),
    ("responsenote", "add"),
    ("responsenote", "view"),
    ("dossier", "view"),
    ("office", "view"),
    ("responsestate", "view"),
    ("progressupdate", "view"),
]
GROUP_PERMISSIONS = {
    EDITORS: [*COMMON, ("progressupdate", "add"), ("progressupdate", "change")],
    REVIEWERS: COMMON,
    DIRECTORS: [*COMMON, ("response", "publish"), ("response", "unlock"), ("dossier", "change")],
}


def _permission(model, action):
    model_class = apps.get_model("responses", model)
    permission, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(model_class),
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {model_class._meta.verbose_name_raw}"},
    )
    return permission


def grant_default_permissions(**kwargs):
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for group_name, rights in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        permissions = [_permission(model, action) for model, action in rights]
        if admin_access:
            permissions.append(admin_access)
        group.permissions.add(*permissions)
