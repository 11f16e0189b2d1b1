import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail

from proposals import signals
from proposals.responses.dashboard import deadlines_by_office
from proposals.responses.models import Response
from proposals.responses.services import attach_responses
from tests.factories import UserFactory
from tests.responses.factories import aware, handed, make_target, office, publish


@pytest.mark.django_db
def test_an_assembly_report_hands_every_recommendation_to_the_city():
    report = make_target("Report Annuale dei Lavori APCC 2025")
    report.delivered_at = aware(2026, 1, 20)
    items = [make_target("Raccomandazione 1"), make_target("Raccomandazione 2")]
    signals.assembly_report_delivered.send(sender=Group, report=report, items=items)
    signals.assembly_report_delivered.send(sender=Group, report=report, items=items)
    responses = Response.objects.order_by("pk")
    assert responses.count() == 2
    assert {r.reason for r in responses} == {Response.Reason.ASSEMBLY_REPORT}
    assert {r.due_date for r in responses} == {datetime.date(2026, 3, 20)}
    assert {r.dossier.title for r in responses} == {"Report Annuale dei Lavori APCC 2025"}


@pytest.mark.django_db
def test_items_without_a_proposal_notify_their_own_recipients_once(
    monkeypatch, django_capture_on_commit_callbacks
):
    member = UserFactory(language="en")
    quiet = UserFactory(notification_frequency="none")
    monkeypatch.setattr(
        Group, "get_notification_recipients", lambda self: [member, quiet], raising=False
    )
    response = handed("Raccomandazione sui tetti verdi")
    with django_capture_on_commit_callbacks(execute=True):
        response = publish(response, answer="<p>Accolta nel Piano Aria e Clima.</p>")
    with django_capture_on_commit_callbacks(execute=True):
        publish(response, answer="<p>Accolta, con modifiche.</p>")
    assert [m.to for m in mail.outbox] == [[member.email]]
    message = mail.outbox[0]
    assert message.subject == "The City has answered: Raccomandazione sui tetti verdi"
    assert "Accolta nel Piano Aria e Clima." in message.body
    assert "List-Unsubscribe" in message.extra_headers


@pytest.mark.django_db
def test_dashboard_lists_overdue_and_due_soon_per_office(client, staff_user):
    with time_machine.travel(aware(2026, 1, 10), tick=False):
        late = handed("Illuminazione del parco")
        soon = handed("Panchine", when=aware(2026, 1, 28))
        handed("Fontanelle", when=aware(2026, 3, 1))  # due 1 May: not listed
    Response.objects.filter(pk=late.pk).update(office=office("Direzione Mobilità"))
    with time_machine.travel(aware(2026, 3, 20), tick=False):
        groups = deadlines_by_office()
        assert [(o.name if o else None, [r.pk for r in rs]) for o, rs in groups] == [
            ("Direzione Mobilità", [late.pk]),
            (None, [soon.pk]),
        ]
        client.force_login(staff_user)
        html = client.get("/admin/").content.decode()
    assert "Risposte del Comune: scadute e in scadenza" in html
    assert "In ritardo di 10 giorni" in html
    assert "Illuminazione del parco" in html and "Panchine" in html
    assert "Fontanelle" not in html


@pytest.mark.django_db
def test_dashboard_panel_is_only_for_staff_who_answer(client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Risposte: redazione"))
    outsider = UserFactory(is_staff=True)
    outsider.user_permissions.add(
        *Group.objects.get(name="Risposte: redazione").permissions.filter(codename="access_admin")
    )
    client.force_login(editor)
    assert "responses-deadlines-heading" in client.get("/admin/").content.decode()
    client.force_login(outsider)
    assert "responses-deadlines-heading" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_listing_helpers_fetch_answers_in_one_query(django_assert_num_queries):
    targets = [make_target(f"Proposta {n}") for n in range(5)]
    for target in targets[:3]:
        publish(
            Response.objects.get(pk=handed_for(target).pk),
            answer="<p>Ok.</p>",
        )
    targets = list(Group.objects.filter(pk__in=[t.pk for t in targets]))
    with django_assert_num_queries(2):  # the answers, then the dossiers holding answers back
        attach_responses(targets)
    answered = [t for t in targets if t._city_response and t._city_response.is_public_answer]
    assert len(answered) == 3


def handed_for(target):
    from proposals.responses.services import hand_to_city

    return hand_to_city(target, reason="threshold")


def test_templates_use_nothing_from_the_host_site():
    from pathlib import Path

    import proposals.responses

    root = Path(proposals.responses.__file__).parent / "templates"
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "cms_tags" not in text, path
        assert 'include "includes/' not in text, path
