"""The absence rule of the assembly's guidelines (§ 5.1.4).

Three absences a year are allowed, at most two of them consecutive: the fourth absence, or the
third in a row, ends the membership, and its vote passes to a substitute whom staff choose.
"""

from django.db import transaction
from django.utils import timezone

from .models import Attendance, Membership

ALLOWED_ABSENCES = 3
ALLOWED_CONSECUTIVE_ABSENCES = 2


def lapses_after(presences):
    """Position (0-based) of the plenary at which the membership lapses, or None.

    `presences` lists, in date order, whether the person was present at each plenary.
    """
    absences = consecutive = 0
    for position, present in enumerate(presences):
        if present:
            consecutive = 0
            continue
        absences += 1
        consecutive += 1
        if absences > ALLOWED_ABSENCES or consecutive > ALLOWED_CONSECUTIVE_ABSENCES:
            return position
    return None


def presences_of(membership):
    """Attendance since the membership carried a vote, in plenary order."""
    records = Attendance.objects.filter(membership=membership).select_related("plenary")
    if membership.stepped_in_at:
        records = records.filter(plenary__date__gte=membership.stepped_in_at.date())
    return [record.present for record in records.order_by("plenary__date")]


def apply_absence_rule(membership):
    """Lapse a voting membership that broke the rule. Returns True if it lapsed now."""
    if not membership.has_vote:
        return False
    if lapses_after(presences_of(membership)) is None:
        return False
    lapsed = Membership.objects.filter(pk=membership.pk, active=True).update(
        active=False, lapsed_at=timezone.now()
    )
    membership.refresh_from_db()
    return bool(lapsed)


@transaction.atomic
def record_attendance(plenary, present_ids):
    """Write the register of a plenary for everyone in the cycle; returns the memberships lapsed."""
    memberships = list(
        Membership.objects.filter(cycle=plenary.cycle, active=True).select_related("person")
    )
    present_ids = set(present_ids)
    for membership in memberships:
        Attendance.objects.update_or_create(
            membership=membership,
            plenary=plenary,
            defaults={"present": membership.pk in present_ids},
        )
    return [m for m in memberships if apply_absence_rule(m)]


def check_in(membership, plenary):
    """Staff at the door record a member as present (never downgraded): members never check
    themselves in."""
    Attendance.objects.update_or_create(
        membership=membership, plenary=plenary, defaults={"present": True}
    )
