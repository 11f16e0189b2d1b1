import datetime

from proposals.assembly.plenaries import generate_calendar
from tests.assembly.factories import CycleFactory


def test_one_saturday_a_month_without_july_and_august(db):
    cycle = CycleFactory(year=2026)
    created = generate_calendar(cycle)
    dates = [p.date for p in created]
    assert dates == [
        datetime.date(2026, 1, 10),
        datetime.date(2026, 2, 14),
        datetime.date(2026, 3, 14),
        datetime.date(2026, 4, 11),
        datetime.date(2026, 5, 9),
        datetime.date(2026, 6, 13),
        datetime.date(2026, 9, 12),
        datetime.date(2026, 10, 10),
    ]
    assert all(d.weekday() == 5 for d in dates)
    assert [p.is_final for p in created] == [False] * 7 + [True]
    assert generate_calendar(cycle) == []
