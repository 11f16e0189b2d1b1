from datetime import timedelta

import factory
from django.utils import timezone
from wagtail.models import Site

from proposals.models import (
    Comment,
    ConsultationIndexPage,
    ConsultationPage,
    Phase,
    Proposal,
    Support,
    Theme,
)
from proposals.phases import PhaseKind
from tests.factories import UserFactory


def make_index():
    root = Site.objects.get(is_default_site=True).root_page
    existing = ConsultationIndexPage.objects.child_of(root).first()
    if existing:
        return existing
    index = ConsultationIndexPage(title="Partecipa", slug="partecipa-consultazioni")
    root.add_child(instance=index)
    return index


def make_consultation(phase_kind=PhaseKind.PROPOSAL_COLLECTION, title=None, **fields):
    """A live consultation whose current phase is `phase_kind` (None: no phase open now),
    with a past information phase and a future support phase around it."""
    now = timezone.now()
    index = make_index()
    count = ConsultationPage.objects.count() + 1
    page = ConsultationPage(
        title=title or f"Consultazione {count}", slug=f"consultazione-{count}", **fields
    )
    page.themes = [Theme(name="Milano più fresca"), Theme(name="Milano a energia positiva")]
    phases = [
        Phase(
            kind=PhaseKind.INFORMATION, start=now - timedelta(days=60), end=now - timedelta(days=30)
        )
    ]
    if phase_kind:
        phases.append(
            Phase(kind=phase_kind, start=now - timedelta(days=10), end=now + timedelta(days=10))
        )
    phases.append(
        Phase(
            kind=PhaseKind.DELIBERATION,
            start=now + timedelta(days=40),
            end=now + timedelta(days=70),
        )
    )
    page.phases = phases
    index.add_child(instance=page)
    return page


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    consultation = factory.LazyFunction(make_consultation)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Più alberi in via Padova {n}")
    body = (
        "<p>Piantare alberi lungo la via per fare ombra e rinfrescare i marciapiedi d'estate.</p>"
    )
    status = Proposal.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    user = factory.SubFactory(UserFactory)
    proposal = factory.SubFactory(ProposalFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    proposal = factory.SubFactory(ProposalFactory)
    consultation = factory.LazyAttribute(lambda o: o.proposal.consultation)
    author = factory.SubFactory(UserFactory)
    body = "<p>Sono d'accordo, serve più verde.</p>"
