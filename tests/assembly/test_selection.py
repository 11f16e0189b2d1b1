import pytest

from proposals import conf
from proposals.assembly.checks import check_selection_algorithm
from proposals.assembly.models import Membership, SelectionRun
from proposals.assembly.tasks import run_selection_task, selection_timeout, start_selection
from tests.assembly.factories import CycleFactory, generated_pool, standard_quotas


@pytest.fixture
def cycle(db):
    cycle = CycleFactory()
    generated_pool(cycle)
    standard_quotas(cycle)
    return cycle


def _run(cycle, seed, django_capture_on_commit_callbacks, user=None):
    with django_capture_on_commit_callbacks(execute=True):
        run = start_selection(cycle, seed, user)
    run.refresh_from_db()
    return run


def _counts(memberships, feature):
    counts = {}
    for membership in memberships:
        value = getattr(membership.person, feature)
        counts[value] = counts.get(value, 0) + 1
    return counts


def test_selection_meets_the_quotas(cycle, django_capture_on_commit_callbacks):
    run = _run(cycle, 20260101, django_capture_on_commit_callbacks)
    assert run.status == SelectionRun.Status.SUCCEEDED, run.error
    assert run.progress == 100
    members = list(cycle.memberships.filter(role="member").select_related("person"))
    substitutes = list(cycle.memberships.filter(role="substitute").select_related("person"))
    assert len(members) == 10 and len(substitutes) == 3
    for quota in cycle.quotas.all():
        count = _counts(members, quota.feature).get(quota.value, 0)
        assert quota.minimum <= count <= quota.maximum, quota
    rows = run.report["members"]
    assert {"feature", "value", "min", "max", "pool", "selected"} <= set(rows[0])
    assert sum(r["selected"] for r in rows if r["value"] in ("female", "male")) == 10
    assert len(run.report["probabilities"]) == 60
    assert sorted(m.priority for m in substitutes) == [1, 2, 3]


def test_substitutes_favour_groups_that_drop_out(cycle, django_capture_on_commit_callbacks):
    _run(cycle, 99, django_capture_on_commit_callbacks)
    substitutes = cycle.memberships.filter(role="substitute").select_related("person")
    dropout = {("age_band", "16-24"), ("age_band", "80+"), ("nationality_group", "non_eu")}
    scores = [
        sum(1 for item in m.person.feature_values().items() if item in dropout)
        for m in substitutes.order_by("priority")
    ]
    assert scores == sorted(scores, reverse=True)
    non_eu = [m for m in substitutes if m.person.nationality_group == "non_eu"]
    assert len(non_eu) >= 1


def test_same_seed_same_draw(db, django_capture_on_commit_callbacks):
    picks = []
    for year in (2026, 2027):
        cycle = CycleFactory(year=year)
        generated_pool(cycle)
        standard_quotas(cycle)
        _run(cycle, 4242, django_capture_on_commit_callbacks)
        picks.append(
            sorted(cycle.memberships.values_list("person__external_id", "role", "priority"))
        )
    assert picks[0] == picks[1]


def test_infeasible_quotas_fail_clearly(cycle, django_capture_on_commit_callbacks):
    cycle.quotas.filter(feature="gender").update(minimum=6, maximum=6)
    cycle.quotas.filter(feature="age_band", value="80+").update(minimum=3, maximum=3)
    cycle.quotas.filter(feature="age_band").exclude(value="80+").update(minimum=2)
    run = _run(cycle, 1, django_capture_on_commit_callbacks)
    assert run.status == SelectionRun.Status.FAILED
    assert (
        "Genere: i minimi sommano a 12" in run.error
        or "Gender: the minimums add up to 12" in run.error
    )
    assert "11" in run.error  # the age bands' minimums
    assert not Membership.objects.filter(cycle=cycle).exists()


def test_minimum_above_pool_is_explained(cycle, django_capture_on_commit_callbacks):
    cycle.pool.filter(nationality_group="non_eu").exclude(external_id="P0002").delete()
    run = _run(cycle, 1, django_capture_on_commit_callbacks)
    assert run.status == SelectionRun.Status.FAILED
    assert "non_eu" in run.error


def test_second_draw_is_refused(cycle, django_capture_on_commit_callbacks):
    _run(cycle, 5, django_capture_on_commit_callbacks)
    second = _run(cycle, 6, django_capture_on_commit_callbacks)
    assert second.status == SelectionRun.Status.FAILED
    assert cycle.memberships.count() == 13


def test_progress_is_written_to_the_run(cycle):
    from proposals.assembly.selection import RunProgress

    run = SelectionRun.objects.create(cycle=cycle, seed=1)
    RunProgress(run, "members")(0.5, "Multiplicative weights")
    run.refresh_from_db()
    assert run.progress == 32
    assert run.progress_message == "Multiplicative weights"


def test_quota_and_probability_report_for_staff(cycle, django_capture_on_commit_callbacks):
    run = _run(cycle, 7, django_capture_on_commit_callbacks)
    probabilities = run.report["probabilities"]
    assert set(probabilities) == set(cycle.pool.values_list("external_id", flat=True))
    assert all(value.endswith("%") for value in probabilities.values())


def test_the_draw_runs_leximin_and_says_so(cycle, django_capture_on_commit_callbacks):
    run = _run(cycle, 11, django_capture_on_commit_callbacks)

    assert run.status == SelectionRun.Status.SUCCEEDED, run.error
    assert run.algorithm == "leximin"
    assert run.report["algorithm"] == "leximin"
    assert run.report["fallback_reason"] == ""


def test_staff_can_configure_maximin(cycle, django_capture_on_commit_callbacks, settings):
    settings.PROPOSALS_ASSEMBLY_ALGORITHM = "maximin"

    run = _run(cycle, 11, django_capture_on_commit_callbacks)

    assert run.status == SelectionRun.Status.SUCCEEDED, run.error
    assert run.report["algorithm"] == "maximin"


def test_substitute_quotas_set_by_staff_are_met(cycle, django_capture_on_commit_callbacks):
    cycle.quotas.filter(feature="gender", value="female").update(
        substitute_minimum=3, substitute_maximum=3
    )
    cycle.quotas.filter(feature="gender", value="male").update(
        substitute_minimum=0, substitute_maximum=0
    )

    run = _run(cycle, 12, django_capture_on_commit_callbacks)

    assert run.status == SelectionRun.Status.SUCCEEDED, run.error
    substitutes = cycle.memberships.filter(role="substitute")
    assert {m.person.gender for m in substitutes.select_related("person")} == {"female"}
    female_row = next(r for r in run.report["substitutes"] if r["value"] == "female")
    assert (female_row["min"], female_row["max"], female_row["selected"]) == (3, 3, 3)


def test_impossible_substitute_quotas_are_explained(cycle, django_capture_on_commit_callbacks):
    cycle.quotas.filter(feature="gender").update(substitute_minimum=3, substitute_maximum=3)

    run = _run(cycle, 13, django_capture_on_commit_callbacks)

    assert run.status == SelectionRun.Status.FAILED
    assert "sostituti" in run.error or "substitutes" in run.error
    assert not Membership.objects.filter(cycle=cycle).exists()


def test_an_unknown_algorithm_is_reported_by_the_system_check(settings):
    settings.PROPOSALS_ASSEMBLY_ALGORITHM = "LEXIMIN"

    errors = check_selection_algorithm(None)

    assert [error.id for error in errors] == ["assembly.E001"]


def test_leximin_out_of_time_falls_back_to_maximin(
    cycle, django_capture_on_commit_callbacks, settings
):
    settings.PROPOSALS_ASSEMBLY_LEXIMIN_SECONDS = 0.001

    run = _run(cycle, 14, django_capture_on_commit_callbacks)

    assert run.status == SelectionRun.Status.SUCCEEDED, run.error
    assert run.algorithm == run.report["algorithm"] == "maximin"
    assert "time limit" in run.report["fallback_reason"]


def test_the_draw_task_may_outlast_both_leximin_runs_and_a_copy_handed_out_again_does_nothing(
    cycle, settings
):
    assert selection_timeout() > 2 * conf.get("PROPOSALS_ASSEMBLY_LEXIMIN_SECONDS")
    assert settings.Q_CLUSTER["retry"] > settings.Q_CLUSTER["timeout"]
    running = SelectionRun.objects.create(cycle=cycle, seed=1, status=SelectionRun.Status.RUNNING)

    run_selection_task(running.pk)  # the ORM broker handed the running draw out again

    running.refresh_from_db()
    assert running.status == SelectionRun.Status.RUNNING
    assert not Membership.objects.exists()
