import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from proposals.assembly.attendance import check_in
from proposals.assembly.models import (
    AnnualReport,
    Membership,
    PoolPerson,
    Recommendation,
    SelectionRun,
)
from proposals.assembly.pool_import import HEADER
from proposals.assembly.voting import cast_ballot, open_vote
from proposals.signals import assembly_report_delivered
from tests.assembly.factories import (
    CycleFactory,
    MembershipFactory,
    PlenaryFactory,
    PoolPersonFactory,
    RecommendationFactory,
    generated_pool,
    standard_quotas,
)


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def cycle(db):
    return CycleFactory()


def test_dashboard_and_screens_render(admin_client, cycle):
    plenary = PlenaryFactory(cycle=cycle)
    item = RecommendationFactory(cycle=cycle)
    for url in [
        reverse("assembly_admin:index"),
        reverse("assembly_admin:cycle", args=[cycle.pk]),
        reverse("assembly_admin:pool_import", args=[cycle.pk]),
        reverse("assembly_admin:selection", args=[cycle.pk]),
        reverse("assembly_admin:register", args=[plenary.pk]),
        reverse("assembly_admin:vote", args=[item.pk]),
        reverse("assembly_quota:index"),
        reverse("wagtailsnippets_assembly_recommendation:list"),
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_citizens_cannot_reach_the_screens(client, citizen, cycle):
    client.force_login(citizen)
    response = client.get(reverse("assembly_admin:cycle", args=[cycle.pk]))
    assert response.status_code in (302, 403)


def test_upload_reports_bad_lines(admin_client, cycle):
    content = ",".join(HEADER) + "\nQ1,Anna,,,,16-24,female,3,italian,upper_secondary,student,si\n"
    response = admin_client.post(
        reverse("assembly_admin:pool_import", args=[cycle.pk]),
        {"file": SimpleUploadedFile("pool.csv", content.encode(), "text/csv")},
    )
    assert response.status_code == 200
    assert "last_name" in response.content.decode()
    assert not PoolPerson.objects.exists()


def test_draw_runs_as_a_task_and_shows_its_report(
    admin_client, cycle, django_capture_on_commit_callbacks
):
    generated_pool(cycle)
    standard_quotas(cycle)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("assembly_admin:selection", args=[cycle.pk]), {"seed": 2026}
        )
    run = SelectionRun.objects.get(cycle=cycle)
    assert response.url == reverse("assembly_admin:run", args=[run.pk])
    assert run.status == SelectionRun.Status.SUCCEEDED
    page = admin_client.get(response.url).content.decode()
    assert "P00" in page  # probabilities listed by identifier
    assert "LEXIMIN" in page
    fragment = admin_client.get(response.url, headers={"HX-Request": "true"})
    assert fragment.templates[0].name == "assembly/admin/run_progress.html"


def test_substitute_quota_needs_both_bounds(admin_client, cycle):
    form = {"cycle": cycle.pk, "feature": "gender", "value": "female", "minimum": 4}
    form |= {"maximum": 6, "substitute_minimum": 2, "substitute_maximum": ""}

    response = admin_client.post(reverse("assembly_quota:add"), form)

    assert response.status_code == 200
    assert not cycle.quotas.exists()
    admin_client.post(reverse("assembly_quota:add"), form | {"substitute_maximum": 3})
    assert cycle.quotas.get().substitute_maximum == 3


def test_register_lapses_and_substitute_steps_in(admin_client, cycle):
    member = MembershipFactory(person=PoolPersonFactory(cycle=cycle))
    substitute = MembershipFactory(
        person=PoolPersonFactory(cycle=cycle), role=Membership.Role.SUBSTITUTE, priority=1
    )
    for _ in range(3):
        plenary = PlenaryFactory(cycle=cycle)
        admin_client.post(
            reverse("assembly_admin:register", args=[plenary.pk]), {"present": [substitute.pk]}
        )
    member.refresh_from_db()
    assert not member.active
    page = admin_client.get(reverse("assembly_admin:substitute", args=[member.pk]))
    assert page.context["form"].fields["substitute"].initial == substitute.pk
    admin_client.post(
        reverse("assembly_admin:substitute", args=[member.pk]), {"substitute": substitute.pk}
    )
    substitute.refresh_from_db()
    assert substitute.has_vote and substitute.replaced_membership == member


def test_open_and_close_vote(admin_client, cycle):
    plenary = PlenaryFactory(cycle=cycle, is_final=True)
    item = RecommendationFactory(cycle=cycle)
    url = reverse("assembly_admin:vote", args=[item.pk])
    admin_client.post(url, {"plenary": plenary.pk})
    item.refresh_from_db()
    assert item.status == Recommendation.Status.VOTING
    member = MembershipFactory(person=PoolPersonFactory(cycle=cycle))
    check_in(member, plenary)
    cast_ballot(item, member, "yes")
    admin_client.post(url, {"close": "1"})
    item.refresh_from_db()
    assert item.status == Recommendation.Status.CLOSED


def test_delivering_the_report_sends_the_signal_once(
    admin_client, cycle, django_capture_on_commit_callbacks
):
    plenary = PlenaryFactory(cycle=cycle, is_final=True)
    approved = open_vote(RecommendationFactory(cycle=cycle), plenary)
    rejected = open_vote(RecommendationFactory(cycle=cycle), plenary)
    approved.tally.__class__.objects.filter(pk=approved.pk).update(yes=2, no=1)
    rejected.tally.__class__.objects.filter(pk=rejected.pk).update(yes=1, no=2)
    Recommendation.objects.filter(pk__in=[approved.pk, rejected.pk]).update(status="closed")
    report = AnnualReport.objects.create(cycle=cycle, introduction="<p>Un anno di lavoro.</p>")
    received = []

    def receiver(sender, report, items, **kwargs):
        received.append((report, items))

    assembly_report_delivered.connect(receiver)
    try:
        url = reverse("assembly_admin:deliver", args=[report.pk])
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(url)
            admin_client.post(url)
    finally:
        assembly_report_delivered.disconnect(receiver)
    assert len(received) == 1
    assert received[0][1] == [approved]
    assert approved.get_response_term_months() == 2
    assert approved.get_consultation() == cycle
    report.refresh_from_db()
    assert report.delivered_at is not None


def test_group_form_limits_coordinators(admin_client, cycle):
    members = [MembershipFactory(person=PoolPersonFactory(cycle=cycle)) for _ in range(3)]
    data = {
        "cycle": cycle.pk,
        "name": "Milano più fresca",
        "mandate": "",
        "pac_actions": "Ambito 4",
        "members": [m.pk for m in members],
        "coordinators": [m.pk for m in members],
        "facilitators": "",
        "technical_referents": "",
    }
    response = admin_client.post(reverse("assembly_group:add"), data)
    assert response.status_code == 200
    assert not cycle.groups.exists()
    data["coordinators"] = [m.pk for m in members[:2]]
    response = admin_client.post(reverse("assembly_group:add"), data)
    assert response.status_code == 302
    assert cycle.groups.get().coordinators.count() == 2


def test_invitations_are_emailed_once(admin_client, cycle, django_capture_on_commit_callbacks):
    from django.core import mail

    invited = MembershipFactory(person=PoolPersonFactory(cycle=cycle, email="chiara@example.org"))
    MembershipFactory(person=PoolPersonFactory(cycle=cycle, email=""))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("assembly_admin:invitations", args=[cycle.pk]))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chiara@example.org"]
    assert str(invited.invitation_token) in message.body


def test_items_change_only_before_the_vote(admin_client, cycle):
    plenary = PlenaryFactory(cycle=cycle, is_final=True)
    item = RecommendationFactory(cycle=cycle)
    url = reverse("wagtailsnippets_assembly_recommendation:edit", args=[item.pk])
    data = {
        "cycle": cycle.pk,
        "kind": "recommendation",
        "title": "Cortili verdi, seconda versione",
        "pac_action": item.pac_action,
        "body": '{"blocks":[{"key":"a","text":"Testo","type":"unstyled","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
        "status": "ready",
    }
    assert admin_client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.title == "Cortili verdi, seconda versione" and item.status == "ready"
    assert item.revisions.count() == 1
    assert admin_client.post(url, {**data, "status": "voting"}).status_code == 200
    open_vote(item, plenary)
    response = admin_client.post(url, {**data, "title": "Cambiato durante il voto"})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.title == "Cortili verdi, seconda versione"


def test_memberships_are_not_added_by_hand(admin_client, cycle):
    assert admin_client.get(reverse("assembly_membership:add")).status_code in (302, 403)
    membership = MembershipFactory(person=PoolPersonFactory(cycle=cycle))
    edit = reverse("assembly_membership:edit", args=[membership.pk])
    assert admin_client.get(edit).status_code == 200
