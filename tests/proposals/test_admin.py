"""Staff moderate in the Wagtail admin: lists with filters and exports, bulk actions."""

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from proposals import signals
from proposals.models import Comment, Proposal, Report
from proposals.phases import PhaseKind
from tests.factories import UserFactory
from tests.proposals.factories import CommentFactory, ProposalFactory, make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(site):
    return ProposalFactory(
        consultation=make_consultation(PhaseKind.SUPPORT_COLLECTION), title="Più piste ciclabili"
    )


def bulk(client, model, action, objects, post=True):
    url = reverse("wagtail_bulk_action", args=["proposals", model, action])
    query = "&".join(f"id={obj.pk}" for obj in objects) + "&next=/admin/"
    return (client.post if post else client.get)(f"{url}?{query}")


def test_staff_list_filter_search_and_export(client, proposal, staff_user):
    client.force_login(staff_user)
    list_url = reverse("wagtailsnippets_proposals_proposal:list")
    assert client.get(list_url).status_code == 200
    assert client.get(list_url, {"status": "published"}).status_code == 200
    searched = client.get(list_url, {"q": "ciclabili"})
    assert "Più piste ciclabili" in searched.content.decode()
    export = client.get(list_url, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(export.getvalue().decode("utf-8-sig"))))
    assert any("Più piste ciclabili" in row for row in rows)
    xlsx = client.get(list_url, {"export": "xlsx"})
    assert xlsx.status_code == 200
    for model in ("comment", "report"):
        assert client.get(reverse(f"wagtailsnippets_proposals_{model}:list")).status_code == 200


def test_citizens_cannot_reach_the_admin_lists(client, proposal, citizen):
    client.force_login(citizen)
    response = client.get(reverse("wagtailsnippets_proposals_proposal:list"))
    assert response.status_code in (302, 403)


def test_bulk_hide_and_show_again(client, proposal, staff_user):
    comment = CommentFactory(proposal=proposal)
    client.force_login(staff_user)
    assert bulk(client, "proposal", "hide", [proposal], post=False).status_code == 200
    bulk(client, "proposal", "hide", [proposal])
    bulk(client, "comment", "hide", [comment])
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.HIDDEN
    assert Comment.objects.get(pk=comment.pk).is_hidden
    bulk(client, "proposal", "restore", [proposal])
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PUBLISHED


def test_reports_marked_reviewed_show_the_item_again(client, proposal, staff_user):
    from proposals import services

    proposal_type = ContentType.objects.get_for_model(Proposal)
    report = Report.objects.create(
        reporter=UserFactory(), content_type=proposal_type, object_id=proposal.pk, reason="spam"
    )
    services.hide(proposal)
    client.force_login(staff_user)
    bulk(client, "report", "reviewed_keep", [report])
    report.refresh_from_db()
    proposal.refresh_from_db()
    assert report.reviewed_at and report.reviewed_by == staff_user
    assert proposal.status == Proposal.Status.PUBLISHED


def test_reports_marked_reviewed_can_keep_the_item_hidden(client, proposal, staff_user):
    proposal_type = ContentType.objects.get_for_model(Proposal)
    report = Report.objects.create(
        reporter=UserFactory(), content_type=proposal_type, object_id=proposal.pk, reason="spam"
    )
    client.force_login(staff_user)
    bulk(client, "report", "reviewed_hide", [report])
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.HIDDEN


def test_send_to_the_city_signals_once(
    client, proposal, staff_user, django_capture_on_commit_callbacks
):
    received = []

    def listener(sender, proposal, user, **kwargs):
        received.append((proposal.pk, user.pk))

    signals.sent_to_city.connect(listener)
    try:
        client.force_login(staff_user)
        with django_capture_on_commit_callbacks(execute=True):
            bulk(client, "proposal", "send_to_city", [proposal])
            bulk(client, "proposal", "send_to_city", [proposal])
    finally:
        signals.sent_to_city.disconnect(listener)
    proposal.refresh_from_db()
    assert proposal.sent_to_city_at is not None
    assert received == [(proposal.pk, staff_user.pk)]


def test_consultation_admin_form_rejects_overlapping_phases(client, site, staff_user):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    index = make_consultation(PhaseKind.COMMENT_ROUND).get_parent()
    client.force_login(staff_user)
    url = reverse("wagtailadmin_pages:add", args=["proposals", "consultationpage", index.pk])
    phase = {
        "kind": "comments",
        "title": "",
        "description": "",
        "allow_comments": "",
        "allow_proposals": "",
        "allow_supports": "",
        "answers_visible": "",
    }
    data = nested_form_data(
        {
            "title": "Nuova consultazione",
            "slug": "nuova-consultazione",
            "intro": "",
            "body": streamfield([]),
            "themes": inline_formset([]),
            "phases": inline_formset(
                [
                    {**phase, "start": "2026-03-01 09:00", "end": "2026-04-01 09:00"},
                    {**phase, "start": "2026-03-15 09:00", "end": "2026-05-01 09:00"},
                ]
            ),
            "scope_key": "",
            "support_threshold": 100,
            "proposals_per_user": 3,
            "supports_per_user": "",
            "response_term_months": 2,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert not type(index).objects.filter(slug="nuova-consultazione").exists()
    data["phases-1-start"] = "2026-04-01 09:00"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
