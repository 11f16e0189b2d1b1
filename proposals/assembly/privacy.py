"""The assembly's personal data of a user: the citizen's data export and its erasure.

Ballots are secret: the export says on which items the member took part, never how they voted.
"""

import uuid

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from proposals.privacy import relabel_logs

from .models import Membership, PoolPerson


def export_personal_data(user):
    memberships = Membership.objects.filter(user=user).select_related("person", "cycle__assembly")
    return {
        "assembly_memberships": [
            {
                "assembly": membership.cycle.assembly.name,
                "year": membership.cycle.year,
                "role": membership.role,
                "active": membership.active,
                "lapsed_at": membership.lapsed_at.isoformat() if membership.lapsed_at else None,
                "stepped_in_at": (
                    membership.stepped_in_at.isoformat() if membership.stepped_in_at else None
                ),
                "questionnaire": {
                    "identifier": membership.person.external_id,
                    "first_name": membership.person.first_name,
                    "last_name": membership.person.last_name,
                    "email": membership.person.email,
                    "phone": membership.person.phone,
                    **membership.person.feature_values(),
                    "consents_to_publication": membership.person.consents_to_publication,
                },
                "attendance": [
                    {"date": a.plenary.date.isoformat(), "present": a.present}
                    for a in membership.attendances.select_related("plenary").order_by(
                        "plenary__date"
                    )
                ],
                "voted_on": list(
                    membership.ballot_participations.values_list("recommendation__title", flat=True)
                ),
            }
            for membership in memberships
        ]
    }


def erase_personal_data(user):
    """What the assembly's records need stays, without a name (docs/architecture.md, "Accounts and
    privacy"): the draw's pseudonymous identifier and questionnaire answers, so that the published
    draw can still be verified, and the nameless membership with its attendance and the items it
    voted on, so that quorums and counts stay true. A pool not drawn yet simply loses the person."""
    matching = PoolPerson.objects.filter(
        Q(membership__user=user) | email_matches(confirmed_email_addresses(user))
    )
    people = PoolPerson.objects.filter(pk__in=list(matching.values_list("pk", flat=True)))
    not_drawn = people.filter(membership__isnull=True, cycle__memberships__isnull=True)
    for person in not_drawn:
        relabel_logs(person, label=f"#{person.pk}")
    not_drawn.delete()
    people.update(first_name="", last_name="", email="", phone="", consents_to_publication=False)
    for membership in Membership.objects.filter(person__in=people):
        end_membership(membership)
    for person in people.select_related("membership"):
        relabel_logs(person)
        if hasattr(person, "membership"):
            relabel_logs(person.membership)


def end_membership(membership):
    """Without an account or a name the person can no longer sit: the membership lapses (staff
    then call a substitute in) and its invitation link stops working."""
    if membership.active:
        membership.active = False
        membership.lapsed_at = timezone.now()
    membership.user = None
    membership.invitation_token = uuid.uuid4()
    membership.save(update_fields=["active", "lapsed_at", "user", "invitation_token"])


def email_matches(emails):
    matches = Q(pk__in=[])
    for email in emails:
        matches |= Q(email__iexact=email)
    return matches


def confirmed_email_addresses(user):
    if not apps.is_installed("allauth.account"):
        return set()
    email_address = apps.get_model("account", "EmailAddress")
    addresses = email_address.objects.filter(user=user, verified=True)
    return {email.lower() for email in addresses.values_list("email", flat=True)}
