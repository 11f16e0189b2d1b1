from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from proposals.models import ConsultationIndexPage, ConsultationPage, Phase
from proposals.phases import COMMENTS, PROPOSALS, SUPPORTS, PhaseKind
from tests.proposals.factories import SupportFactory, make_consultation, make_index

pytestmark = pytest.mark.django_db


def test_consultation_lives_under_an_index(site):
    assert ConsultationPage.can_create_at(make_index())
    assert not ConsultationPage.can_create_at(site.root_page)
    assert ConsultationIndexPage.can_create_at(site.root_page)


def test_phase_type_declares_defaults_and_staff_can_override(site):
    consultation = make_consultation(PhaseKind.PROPOSAL_COLLECTION)
    phase = consultation.current_phase()
    assert phase.capabilities == {PROPOSALS, COMMENTS}
    phase.allow_comments = False
    phase.allow_supports = True
    assert phase.capabilities == {PROPOSALS, SUPPORTS}


def test_overlapping_phases_are_rejected_by_the_model(site):
    consultation = make_consultation(PhaseKind.COMMENT_ROUND)
    now = timezone.now()
    overlapping = Phase(
        page=consultation,
        kind=PhaseKind.SUPPORT_COLLECTION,
        start=now,
        end=now + timedelta(days=30),
    )
    with pytest.raises(ValidationError):
        overlapping.full_clean()
    consultation.phases.add(overlapping)
    with pytest.raises(ValidationError):
        consultation.full_clean()


def test_phase_must_end_after_it_starts(site):
    consultation = make_consultation(None)
    now = timezone.now()
    phase = Phase(
        page=consultation,
        kind=PhaseKind.MONITORING,
        start=now + timedelta(days=200),
        end=now + timedelta(days=199),
    )
    with pytest.raises(ValidationError):
        phase.full_clean()
    with pytest.raises(IntegrityError):
        phase.save()


def test_next_and_last_phase_allowing(site):
    consultation = make_consultation(PhaseKind.COMMENT_ROUND)
    assert consultation.allows(COMMENTS)
    assert not consultation.allows(SUPPORTS)
    assert consultation.next_phase_allowing(SUPPORTS) is None
    assert consultation.status == "open"


def test_one_support_per_user_and_proposal(site):
    support = SupportFactory()
    with pytest.raises(IntegrityError):
        SupportFactory(user=support.user, proposal=support.proposal)
