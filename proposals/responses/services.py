"""What the rest of the plugin calls: hand an item to the City, which starts the answer clock."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify

from proposals import signals
from proposals.responses import conf
from proposals.responses.deadlines import due_date_for
from proposals.responses.models import Dossier, Response, ResponseState

DEFAULT_STATE_SLUG = "ricevuta"


def hand_to_city(target, *, handed_at=None, reason, term_months=None, group=None) -> Response:
    """Open the City's answer record for `target` and start its clock; idempotent per target.

    The term is, in order: `term_months`, the target's `get_response_term_months()` (or
    `response_term_months`), the same on its consultation, the setting
    PROPOSALS_RESPONSE_TERM_MONTHS (two months). The dossier gathers the answers to one
    consultation or one assembly report: `group`, else the target's consultation.
    """
    content_type = ContentType.objects.get_for_model(target)
    existing = Response.objects.filter(content_type=content_type, target_id=target.pk).first()
    if existing:
        return existing
    handed_at = handed_at or timezone.now()
    group = group or consultation_of(target)
    months = term_months or _term_of(target) or _term_of(group) or conf.term_months()
    try:
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            return Response.objects.create(
                content_type=content_type,
                target_id=target.pk,
                target_title=str(target)[:255],
                dossier=dossier_for(group),
                reason=reason,
                state=default_state(),
                handed_at=handed_at,
                due_date=due_date_for(handed_at, months),
                live=False,
            )
    except IntegrityError:
        return Response.objects.get(content_type=content_type, target_id=target.pk)


def _term_of(obj):
    """The answer term an item or its consultation sets, if any."""
    getter = getattr(obj, "get_response_term_months", None)
    if callable(getter):
        return getter()
    return getattr(obj, "response_term_months", None)


def mark_target_answered(target, when):
    """Stamp `answered_at` on the answered item, if it has such a field, only the first time."""
    if target is None:
        return
    field_names = {field.name for field in target._meta.concrete_fields}
    if "answered_at" in field_names:
        manager = type(target)._default_manager
        if manager.filter(pk=target.pk, answered_at__isnull=True).update(answered_at=when):
            signals.shown_changed.send(sender=type(target), instance=target)


def consultation_of(target):
    """The consultation (or other grouping) a target belongs to, if it tells us."""
    for name in ("get_response_group", "get_consultation"):
        getter = getattr(target, name, None)
        if callable(getter):
            return getter()
    return getattr(target, "consultation", None)


def dossier_for(source):
    """The dossier that gathers the answers about `source`, created on first use."""
    if source is None:
        return None
    content_type = ContentType.objects.get_for_model(source)
    dossier = Dossier.objects.filter(content_type=content_type, object_id=source.pk).first()
    if dossier:
        return dossier
    with translation.override(settings.LANGUAGE_CODE):
        title = str(source)[:255]
    return Dossier.objects.create(
        content_type=content_type, object_id=source.pk, title=title, slug=_unique_slug(title)
    )


def _unique_slug(title):
    base = slugify(title)[:100] or "dossier"
    slug, n = base, 2
    while Dossier.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def default_state():
    """The state of a freshly handed item: the first of the staff's list."""
    state = ResponseState.objects.filter(slug=DEFAULT_STATE_SLUG).first()
    return (
        state
        or ResponseState.objects.order_by("sort_order", "pk").first()
        or (ResponseState.objects.create(name="Ricevuta", slug=DEFAULT_STATE_SLUG))
    )


def response_record_for(target):
    """The answer record of `target` (published or not), cached on the target; or None.

    Only its clock (handed_at, due_date) is public until `is_answered` is true.
    """
    if target is None:
        return None
    if not hasattr(target, "_city_response"):
        target._city_response = (
            Response.objects.for_target(target).select_related("state", "office").first()
        )
    return target._city_response


def published_response_for(target):
    """The published answer of `target`, or None."""
    record = response_record_for(target)
    return record if record is not None and record.is_public_answer else None


def attach_responses(targets):
    """Cache each target's answer record with one query, so lists avoid a query per row."""
    targets = [t for t in targets if t is not None]
    by_type = {}
    for target in targets:
        by_type.setdefault(ContentType.objects.get_for_model(target).pk, []).append(target.pk)
    condition = Q()
    for content_type_id, ids in by_type.items():
        condition |= Q(content_type_id=content_type_id, target_id__in=ids)
    found = {}
    if by_type:
        records = Response.objects.filter(condition).select_related("state", "office")
        held_back = Dossier.objects.held_back_ids()
        for record in records:
            record._held_back = record.dossier_id in held_back
            found[(record.content_type_id, record.target_id)] = record
    for target in targets:
        key = (ContentType.objects.get_for_model(target).pk, target.pk)
        target._city_response = found.get(key)
    return targets
