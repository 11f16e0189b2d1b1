import datetime

import pytest
import time_machine

from proposals.responses.deadlines import due_date_for
from proposals.responses.models import Response
from proposals.responses.services import hand_to_city
from tests.responses.factories import aware, handed, make_target, publish


@pytest.mark.parametrize(
    ("handed_on", "months", "due"),
    [
        (datetime.date(2026, 1, 15), 2, datetime.date(2026, 3, 15)),
        (datetime.date(2025, 12, 31), 2, datetime.date(2026, 2, 28)),
        (datetime.date(2027, 12, 31), 2, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 8, 31), 1, datetime.date(2026, 9, 30)),
        (datetime.date(2026, 3, 31), 3, datetime.date(2026, 6, 30)),
    ],
)
def test_due_date_adds_calendar_months_safely_at_month_end(handed_on, months, due):
    assert due_date_for(handed_on, months) == due


def test_due_date_uses_the_local_day_of_handing_over():
    # 23:30 UTC on 31 December is already 1 January in Milan.
    handed_at = datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC)
    assert due_date_for(handed_at, 2) == datetime.date(2026, 3, 1)


@pytest.mark.django_db
def test_hand_to_city_defaults_to_two_months_and_is_idempotent():
    target = make_target("Più alberi in via Padova")
    first = hand_to_city(target, handed_at=aware(2025, 12, 31), reason="threshold")
    again = hand_to_city(target, handed_at=aware(2026, 5, 1), reason="sent_by_staff")
    assert first.pk == again.pk
    assert Response.objects.count() == 1
    assert again.due_date == datetime.date(2026, 2, 28)
    assert again.reason == "threshold"
    assert again.state.slug == "ricevuta"
    assert not again.live


@pytest.mark.django_db
def test_term_comes_from_setting_then_target_then_argument(settings, monkeypatch):
    settings.PROPOSALS_RESPONSE_TERM_MONTHS = 3
    assert handed("A", when=aware(2026, 1, 10)).due_date == datetime.date(2026, 4, 10)
    target = make_target("B")
    monkeypatch.setattr(type(target), "get_response_term_months", lambda self: 1, raising=False)
    response = hand_to_city(target, handed_at=aware(2026, 1, 10), reason="threshold")
    assert response.due_date == datetime.date(2026, 2, 10)
    explicit = handed("C", when=aware(2026, 1, 10), term_months=6)
    assert explicit.due_date == datetime.date(2026, 7, 10)


@pytest.mark.django_db
def test_dossier_groups_answers_by_consultation():
    consultation = make_target("Consultazione Piano Aria e Clima")
    first = handed("Uno", group=consultation)
    second = handed("Due", group=consultation)
    assert first.dossier == second.dossier
    assert first.dossier.title == "Consultazione Piano Aria e Clima"
    assert first.dossier.slug == "consultazione-piano-aria-e-clima"


@pytest.mark.django_db
def test_overdue_and_due_soon_lists_with_frozen_time():
    with time_machine.travel(aware(2026, 1, 10), tick=False):
        late = handed("In ritardo")  # due 10 March
        answered = handed("Risposta")
    with time_machine.travel(aware(2026, 2, 20), tick=False):
        soon = handed("Presto", when=aware(2026, 1, 20))  # due 20 March
        publish(answered, answer="<p>Sì.</p>")
    with time_machine.travel(aware(2026, 3, 15), tick=False):
        assert list(Response.objects.overdue()) == [late]
        assert list(Response.objects.due_soon()) == [soon]
        row = Response.objects.with_deadline_status().get(pk=late.pk)
        assert row.db_overdue and row.db_overdue_by.days == 5
        assert Response.objects.get(pk=late.pk).days_overdue == 5
        assert not Response.objects.with_deadline_status().get(pk=answered.pk).db_overdue
