"""The secret ballot.

A ballot inserts one participation row (who voted; random UUID key, no choice, no time) and adds
one to a counter of the item's tally, in one transaction holding the tally's row lock. No row,
key, order or timestamp ties a member to a choice.

On PostgreSQL each update of the tally leaves the previous version of its row behind until
VACUUM, stamped with the id of the transaction that wrote it, next to the id that stamps the
participation row of the same ballot: read together, they would tell a database administrator
each member's choice. Closing the vote rewrites the tally in the closing transaction and vacuums the table, so
the only version left carries the closing transaction's id. (The write-ahead log and backups
taken during the vote still hold the old versions: access to them must be restricted.)
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Attendance, BallotParticipation, BallotTally, Membership, Recommendation


class Choice:
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    ALL = (YES, NO, ABSTAIN)
    LABELS = (
        (YES, pgettext_lazy("ballot", "Yes")),
        (NO, pgettext_lazy("ballot", "No")),
        (ABSTAIN, pgettext_lazy("ballot", "Abstain")),
    )


class BallotError(Exception):
    pass


def refusal_reason(recommendation, membership):
    """Why this member cannot vote on this item now, or None."""
    if recommendation.status != Recommendation.Status.VOTING:
        return _("This vote is not open.")
    if membership is None or membership.cycle_id != recommendation.cycle_id:
        return _("Only the members of the assembly vote.")
    if not membership.has_vote:
        return _("Substitutes take part without a vote until they step in for a member.")
    checked_in = Attendance.objects.filter(
        membership=membership, plenary_id=recommendation.plenary_id, present=True
    ).exists()
    if not checked_in:
        return _("Check in at the plenary session to vote.")
    if BallotParticipation.objects.filter(
        recommendation=recommendation, membership=membership
    ).exists():
        return _("You have already voted on this item.")
    return None


def cast_ballot(recommendation, membership, choice):
    if choice not in Choice.ALL:
        raise BallotError(_("Choose yes, no or abstain."))
    with transaction.atomic():
        tally = BallotTally.objects.select_for_update().get(recommendation=recommendation)
        recommendation = Recommendation.objects.get(pk=tally.pk)
        membership = Membership.objects.get(pk=membership.pk)
        reason = refusal_reason(recommendation, membership)
        if reason:
            raise BallotError(reason)
        try:
            with transaction.atomic():
                BallotParticipation.objects.create(
                    recommendation=recommendation, membership=membership
                )
        except IntegrityError as error:
            raise BallotError(_("You have already voted on this item.")) from error
        BallotTally.objects.filter(pk=tally.pk).update(**{choice: F(choice) + 1})


@transaction.atomic
def open_vote(recommendation, plenary):
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.status not in (Recommendation.Status.DRAFT, Recommendation.Status.READY):
        raise BallotError(_("This item has already been voted."))
    if plenary.cycle_id != recommendation.cycle_id:
        raise BallotError(_("The plenary belongs to another cycle."))
    recommendation.status = Recommendation.Status.VOTING
    recommendation.plenary = plenary
    recommendation.save(update_fields=["status", "plenary"])
    BallotTally.objects.get_or_create(recommendation=recommendation)
    return recommendation


def close_vote(recommendation):
    with transaction.atomic():
        tally = BallotTally.objects.select_for_update().filter(recommendation=recommendation)
        if tally.get().present == 0:
            raise BallotError(
                _("No ballot has been cast yet: a vote without ballots cannot close.")
            )
        updated = Recommendation.objects.filter(
            pk=recommendation.pk, status=Recommendation.Status.VOTING
        ).update(status=Recommendation.Status.CLOSED, closed_at=timezone.now())
        if updated:
            tally.update(yes=F("yes"))  # the live row now carries this transaction's id
            transaction.on_commit(forget_tally_versions)
    if not updated:
        raise BallotError(_("This vote is not open."))
    recommendation.refresh_from_db()
    return recommendation


def forget_tally_versions():
    """Remove the old versions of the tally rows (PostgreSQL keeps them until VACUUM)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    table = connection.ops.quote_name(BallotTally._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {table}")
