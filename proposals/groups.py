"""One group per job of the plugin, each holding that job's permissions and nothing else.

`is_staff` only opens the admin door: moderating, managing the assembly and running its kiosk
each need their own permission, granted through these groups (the City's answer groups live in
`proposals.responses.permissions`). The demo loader creates them; a site may create its own.
"""

from django.contrib.auth.models import Group, Permission

MODERATORS = "Moderatori"
ASSEMBLY_MANAGERS = "Gestione assemblea"
KIOSK_OPERATORS = "Postazione di voto"

ADMIN_ACCESS = "wagtailadmin.access_admin"
ASSEMBLY_MODELS = [
    "assembly",
    "cycle",
    "poolperson",
    "quota",
    "membership",
    "thematicgroup",
    "plenary",
    "recommendation",
    "annualreport",
]

ROLE_PERMISSIONS = {
    MODERATORS: [
        ADMIN_ACCESS,
        "proposals.moderate",
        *(
            f"proposals.{action}_{model}"
            for model in ("proposal", "comment", "report")
            for action in ("view", "change")
        ),
    ],
    ASSEMBLY_MANAGERS: [
        ADMIN_ACCESS,
        "assembly.manage_assembly",
        *(
            f"assembly.{action}_{model}"
            for model in ASSEMBLY_MODELS
            for action in ("add", "change", "delete", "view")
        ),
    ],
    # The polling station works on the public site: no admin access.
    KIOSK_OPERATORS: ["assembly.operate_kiosk"],
}


def permissions_named(names):
    """The Permission rows of "app_label.codename" names (those of apps not installed: none)."""
    wanted = {tuple(name.split(".")) for name in names}
    candidates = Permission.objects.filter(
        codename__in=[codename for _app, codename in wanted]
    ).select_related("content_type")
    return [p for p in candidates if (p.content_type.app_label, p.codename) in wanted]


def ensure_role_groups():
    """Create the role groups and add back any permission they miss (idempotent)."""
    groups = {}
    for name, permission_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions_named(permission_names))
        groups[name] = group
    return groups
