"""The assembly's personal data of a user, for the citizen's data export.

Ballots are secret: the export says on which items the member took part, never how they voted.
"""

from .models import Membership


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
