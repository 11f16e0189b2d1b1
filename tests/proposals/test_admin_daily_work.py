"""Moderators' daily work in the admin: no forms for what the public writes, no drafts, exports
that read in Italian and in Milan's time."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from proposals.groups import MODERATORS, ensure_role_groups
from proposals.models import Comment, Proposal, Report
from proposals.phases import PhaseKind
from tests.factories import UserFactory
from tests.proposals.factories import CommentFactory, ProposalFactory, make_consultation

pytestmark = pytest.mark.django_db

MODELS = ["proposal", "comment", "report"]


@pytest.fixture
def moderator(db):
    ensure_role_groups()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.fixture
def consultation(site):
    return make_consultation(PhaseKind.SUPPORT_COLLECTION)


def export_rows(client, model):
    response = client.get(reverse(f"wagtailsnippets_proposals_{model}:list"), {"export": "csv"})
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


@pytest.mark.parametrize("model", MODELS)
def test_staff_cannot_add_what_the_public_writes(client, staff_user, consultation, model):
    client.force_login(staff_user)
    denied = client.get(reverse(f"wagtailsnippets_proposals_{model}:add"))
    assert denied.status_code in (302, 403, 404)
    assert denied.status_code != 302 or denied.url == reverse("wagtailadmin_home")
    listing = client.get(reverse(f"wagtailsnippets_proposals_{model}:list")).content.decode()
    assert reverse(f"wagtailsnippets_proposals_{model}:add") not in listing


def test_moderators_never_see_drafts_in_the_list_the_export_or_the_form(
    client, moderator, consultation
):
    ProposalFactory(consultation=consultation, title="Panchine al parco")
    draft = ProposalFactory(
        consultation=consultation, title="Bozza segreta", status=Proposal.Status.DRAFT
    )
    client.force_login(moderator)
    listing = client.get(reverse("wagtailsnippets_proposals_proposal:list")).content.decode()
    assert "Panchine al parco" in listing
    assert "Bozza segreta" not in listing
    exported = "".join(",".join(row) for row in export_rows(client, "proposal"))
    assert "Panchine al parco" in exported
    assert "Bozza segreta" not in exported
    edit = client.get(reverse("wagtailsnippets_proposals_proposal:edit", args=[draft.pk]))
    assert edit.status_code in (302, 403, 404)
    assert "Bozza segreta" not in edit.content.decode()


def test_exports_show_labels_and_milan_times(client, moderator, consultation):
    proposal = ProposalFactory(
        consultation=consultation,
        title="Più alberi",
        published_at=datetime(2026, 7, 1, 10, 30, tzinfo=ZoneInfo("UTC")),
    )
    comment = CommentFactory(proposal=proposal, position=Comment.Position.IN_FAVOUR)
    Report.objects.create(
        reporter=UserFactory(),
        content_type=ContentType.objects.get_for_model(Comment),
        object_id=comment.pk,
        reason=Report.Reason.SPAM,
    )
    client.force_login(moderator)
    with translation.override("it"):
        proposal_rows = export_rows(client, "proposal")
        comment_rows = export_rows(client, "comment")
        report_rows = export_rows(client, "report")
        published, position, spam = (
            str(Proposal.Status.PUBLISHED.label),
            str(Comment.Position.IN_FAVOUR.label),
            str(Report.Reason.SPAM.label),
        )
    row = next(row for row in proposal_rows if "Più alberi" in row)
    assert published in row and "published" not in row
    assert "01/07/2026 12:30" in row
    assert "Stato" in proposal_rows[0]
    assert position in comment_rows[1] and Comment.Position.IN_FAVOUR.value not in comment_rows[1]
    assert spam in report_rows[1] and Report.Reason.SPAM.value not in report_rows[1]


def test_our_reports_menu_does_not_rename_wagtails_reports(client, staff_user, site):
    client.force_login(staff_user)
    with translation.override("it"):
        page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Segnalazioni" in page
    assert "Report" in page


def test_consultation_form_adds_one_phase_at_a_time(client, staff_user, consultation):
    client.force_login(staff_user)
    with translation.override("it"):
        page = client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk]))
    assert "Aggiungi Fase" in page.content.decode()
    assert "Aggiungi Fasi" not in page.content.decode()
    assert "Aggiungi Tema" in page.content.decode()
