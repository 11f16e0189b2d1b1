"""What happens when someone acts: each function is one transaction and keeps counters exact.

Views check permissions first; these functions re-check what could have changed in between
(under a row lock where a race matters) and raise `ActionRefused` with a readable message.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from proposals import conf, notifications, outbox, ratelimit, signals
from proposals.models import Comment, Follow, Proposal, Report, Support
from proposals.rules import denial_reason, remember_supports
from proposals.users import is_moderator


class ActionRefused(Exception):
    pass


class RateLimited(ActionRefused):
    """The person used up an allowance; counted only for what would have been created, after
    the duplicate checks, so that a form sent twice does not spend it."""


def ensure_allowed(user, action, obj):
    reason = denial_reason(user, action, obj)
    if reason:
        raise ActionRefused(reason)


def announce_change(obj):
    """Tell page caches that what is shown of `obj` changed without a save."""
    signals.shown_changed.send(sender=type(obj), instance=obj)


def lock_user(user):
    """Serialise one person's concurrent actions, so per-user limits hold under races."""
    get_user_model()._default_manager.select_for_update().filter(pk=user.pk).first()


# Follows


def follow(user, target):
    content_type = ContentType.objects.get_for_model(target)
    Follow.objects.get_or_create(user=user, content_type=content_type, object_id=target.pk)


def unfollow(user, target):
    content_type = ContentType.objects.get_for_model(target)
    Follow.objects.filter(user=user, content_type=content_type, object_id=target.pk).delete()


# Proposals


@transaction.atomic
def create_proposal(user, consultation, data, attachments=(), token=None, publish=False):
    lock_user(user)
    already = (
        Proposal.objects.filter(author=user, submission_token=token).first() if token else None
    )
    if already is not None:
        raise DuplicateSubmission(already)
    ensure_allowed(user, "add_proposal", consultation)
    if consultation.proposals.filter(author=user, title__iexact=data["title"]).exists():
        raise ActionRefused(_("You already have a proposal with this title."))
    if not ratelimit.allow(user, "proposal"):
        raise RateLimited(_("You are creating proposals too fast: try again later."))
    proposal = Proposal(consultation=consultation, author=user, submission_token=token, **data)
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError as error:
        raise DuplicateSubmission(Proposal.objects.get(submission_token=token)) from error
    for attachment in attachments:
        attachment.proposal = proposal
        attachment.save()
    follow(user, proposal)
    if publish:
        publish_proposal(user, proposal)
    return proposal


class DuplicateSubmission(Exception):
    """The same form was submitted twice: the first submission's proposal is `existing`."""

    def __init__(self, existing):
        super().__init__(existing.pk)
        self.existing = existing


@transaction.atomic
def update_proposal(user, proposal, data, attachments=()):
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    ensure_allowed(user, "change_proposal", proposal)
    for field, value in data.items():
        setattr(proposal, field, value)
    proposal.save()
    for attachment in attachments:
        attachment.proposal = proposal
        attachment.save()
    return proposal


@transaction.atomic
def publish_proposal(user, proposal):
    ensure_allowed(user, "publish_proposal", proposal)
    updated = Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.DRAFT).update(
        status=Proposal.Status.PUBLISHED, published_at=timezone.now()
    )
    proposal.refresh_from_db()
    if updated:
        announce_change(proposal)
    return bool(updated)


@transaction.atomic
def withdraw_proposal(user, proposal):
    ensure_allowed(user, "withdraw_proposal", proposal)
    updated = Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.PUBLISHED).update(
        status=Proposal.Status.WITHDRAWN, withdrawn_at=timezone.now()
    )
    proposal.refresh_from_db()
    if updated:
        announce_change(proposal)
    return bool(updated)


# Supports


@transaction.atomic
def support(user, proposal):
    """Add the user's support. Returns False when it already existed (double click).

    The unique constraint, not a read first, tells a support given already. The person is
    locked only where a per-person limit needs it; counters change in one conditional UPDATE
    that also marks the threshold, under the proposal's row lock. Both statements are SQL: this
    is the busiest write of a support deadline, and the ORM took five times as long to build
    them (and needed a savepoint and a read more)."""
    if proposal.consultation.supports_per_user:
        lock_user(user)
    remember_supports(user, {proposal.pk: False})  # a support given already fails to insert
    ensure_allowed(user, "support_proposal", proposal)
    now = timezone.now()
    inserted = insert_support(user, proposal, now)
    remember_supports(user, {proposal.pk: True})
    if not inserted:
        return False
    counted = count_support(proposal, now)
    if counted is None:  # withdrawn or hidden a moment ago: the insert is rolled back
        raise ActionRefused(_("This proposal does not take supports."))
    proposal.support_count, reached = counted
    if reached:
        proposal.threshold_reached_at = now
        threshold_reached(proposal)
    return True


def insert_support(user, proposal, now):
    """Whether the support was added: False when the citizen supports the proposal already."""
    sql = (
        f"INSERT INTO {Support._meta.db_table} (user_id, proposal_id, created_at) "
        "VALUES (%s, %s, %s) ON CONFLICT (user_id, proposal_id) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, proposal.pk, db_datetime(now)])
        return cursor.rowcount == 1


def count_support(proposal, now):
    """(support count, whether this support reached the threshold) after one more support on a
    published proposal, marked `now` if it reached it; None if the proposal is not published.
    SET expressions read the row as it was before the UPDATE."""
    sql = (
        f"UPDATE {Proposal._meta.db_table} SET support_count = support_count + 1, "
        "threshold_reached_at = CASE WHEN threshold_reached_at IS NULL "
        "AND support_count + 1 >= %s THEN %s ELSE threshold_reached_at END "
        "WHERE id = %s AND status = %s RETURNING support_count, threshold_reached_at = %s"
    )
    when = db_datetime(now)
    threshold = proposal.consultation.support_threshold
    with connection.cursor() as cursor:
        cursor.execute(sql, [threshold, when, proposal.pk, Proposal.Status.PUBLISHED.value, when])
        row = cursor.fetchone()
    return (row[0], bool(row[1])) if row else None


def db_datetime(moment):
    return connection.ops.adapt_datetimefield_value(moment)


def threshold_reached(proposal):
    """This transaction marked the proposal's threshold: record, with the mark, that the City
    must get it (its clock starts at the mark) and the followers must hear of it."""
    announce_change(proposal)
    outbox.record(
        "proposals.services.announce_threshold",
        f"proposals.threshold_reached:{proposal.pk}",
        proposal_id=proposal.pk,
    )


def announce_threshold(proposal_id):
    """The outbox's handler, in a task: the hand-over to the City and the followers' news."""
    proposal = Proposal.objects.get(pk=proposal_id)
    signals.support_threshold_reached.send(sender=Proposal, proposal=proposal)
    notifications.threshold_reached(proposal)


@transaction.atomic
def unsupport(user, proposal):
    """Withdraw the user's support. Returns False when there was none."""
    ensure_allowed(user, "unsupport_proposal", proposal)
    deleted = delete_support(user, proposal)
    remember_supports(user, {proposal.pk: False})
    if deleted:
        Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") - 1)
    proposal.refresh_from_db(fields=["support_count"])
    return bool(deleted)


def delete_support(user, proposal):
    """Whether this call deleted the support: of parallel withdrawals, only one did. The ORM's
    delete counts the rows it read before deleting, which a parallel withdrawal may have gone."""
    sql = f"DELETE FROM {Support._meta.db_table} WHERE user_id = %s AND proposal_id = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, proposal.pk])
        return cursor.rowcount == 1


# Comments


@transaction.atomic
def add_comment(user, target, body, position, parent=None, token=None):
    """Post a comment once: the same form sent again (its `token`) returns the first comment,
    which the unique (author, token) constraint guarantees under concurrency too."""
    lock_user(user)
    already = Comment.objects.filter(author=user, submission_token=token).first() if token else None
    if already is not None:
        return already
    ensure_allowed(user, "add_comment", target)
    proposal = target if isinstance(target, Proposal) else None
    consultation = proposal.consultation if proposal else target
    if parent is not None:
        if (
            parent.proposal_id != (proposal.pk if proposal else None)
            or parent.consultation_id != consultation.pk
        ):
            raise ActionRefused(_("You can only reply to a comment in the same discussion."))
        parent = parent.parent or parent  # threads are two levels deep
    recent_duplicate = Comment.objects.filter(
        author=user,
        consultation=consultation,
        proposal=proposal,
        parent=parent,
        body=body,
        deleted_at__isnull=True,
    ).first()
    if recent_duplicate:
        return recent_duplicate
    if not ratelimit.allow(user, "comment"):
        raise RateLimited(_("You are commenting too fast: wait a few minutes."))
    comment = Comment(
        consultation=consultation,
        proposal=proposal,
        parent=parent,
        author=user,
        body=body,
        position=position,
        is_official=is_moderator(user),
        submission_token=token,
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        return Comment.objects.get(author=user, submission_token=token)
    follow(user, target)
    notifications.comment_posted(comment)
    return comment


@transaction.atomic
def edit_comment(user, comment, body, position):
    ensure_allowed(user, "change_comment", comment)
    comment.body, comment.position, comment.edited_at = body, position, timezone.now()
    comment.save(update_fields=["body", "position", "edited_at"])
    return comment


@transaction.atomic
def delete_comment(user, comment):
    ensure_allowed(user, "delete_comment", comment)
    deleted = Comment.objects.filter(pk=comment.pk, deleted_at__isnull=True).update(
        deleted_at=timezone.now()
    )
    if deleted:
        announce_change(comment)


# Moderation


@transaction.atomic
def report(user, target, reason, note=""):
    ensure_allowed(user, "report", target)
    content_type = ContentType.objects.get_for_model(target)
    try:
        with transaction.atomic():
            created = Report.objects.create(
                reporter=user,
                content_type=content_type,
                object_id=target.pk,
                reason=reason,
                note=note,
            )
    except IntegrityError as error:
        raise ActionRefused(_("You have already reported this.")) from error
    if settled_reports(content_type, target).count() >= conf.get("PROPOSALS_REPORTS_TO_HIDE"):
        hide(target)
    notifications.report_filed(created)
    return created


def hide(target):
    if isinstance(target, Proposal):
        Proposal.objects.filter(pk=target.pk).exclude(status=Proposal.Status.DRAFT).update(
            status=Proposal.Status.HIDDEN, hidden_at=timezone.now()
        )
    else:
        Comment.objects.filter(pk=target.pk).update(is_hidden=True)
    announce_change(target)


def settled_reports(content_type, target):
    """The open reports that count towards hiding `target` before review: only those of
    accounts older than PROPOSALS_REPORTER_MIN_AGE_DAYS. A few new accounts made for the purpose
    (each needs a confirmed email to report) alert the moderators but cannot hide anything."""
    joined_before = timezone.now() - timedelta(days=conf.get("PROPOSALS_REPORTER_MIN_AGE_DAYS"))
    return Report.objects.filter(
        content_type=content_type,
        object_id=target.pk,
        reviewed_at__isnull=True,
        reporter__date_joined__lte=joined_before,
    )


def restore(target, reviewer=None):
    """Show a hidden item again, as it was before it was hidden; its open reports are closed,
    so that they no longer count towards hiding it."""
    if isinstance(target, Proposal):
        status = Proposal.Status.WITHDRAWN if target.withdrawn_at else Proposal.Status.PUBLISHED
        Proposal.objects.filter(pk=target.pk, status=Proposal.Status.HIDDEN).update(
            status=status, hidden_at=None
        )
    else:
        Comment.objects.filter(pk=target.pk).update(is_hidden=False)
    Report.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        reviewed_at__isnull=True,
    ).update(reviewed_at=timezone.now(), reviewed_by=reviewer)
    announce_change(target)


@transaction.atomic
def close_reports(reports, reviewer, keep_hidden):
    """Close reports after review: the reported items are hidden, or shown again."""
    reports = list(reports)
    for item in {(r.content_type_id, r.object_id): r.target for r in reports}.values():
        if item is not None:
            hide(item) if keep_hidden else restore(item, reviewer)
    Report.objects.filter(pk__in=[r.pk for r in reports], reviewed_at__isnull=True).update(
        reviewed_at=timezone.now(), reviewed_by=reviewer
    )
    return len(reports)


@transaction.atomic
def send_to_city(user, proposal):
    """Hand a proposal to the City for a formal answer, once."""
    sent = Proposal.objects.filter(pk=proposal.pk, sent_to_city_at__isnull=True).update(
        sent_to_city_at=timezone.now()
    )
    if sent:
        announce_change(proposal)
        outbox.record(
            "proposals.services.announce_sent_to_city",
            f"proposals.sent_to_city:{proposal.pk}",
            proposal_id=proposal.pk,
            user_id=user.pk,
        )
    return bool(sent)


def announce_sent_to_city(proposal_id, user_id):
    """The outbox's handler, in a task: the hand-over to the City."""
    proposal = Proposal.objects.get(pk=proposal_id)
    user = get_user_model()._default_manager.get(pk=user_id)
    signals.sent_to_city.send(sender=Proposal, proposal=proposal, user=user)
