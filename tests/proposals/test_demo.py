import pytest
from django.core.management import call_command

from proposals.models import Comment, ConsultationPage, Proposal, Support


@pytest.mark.django_db
def test_demo_content_loads_twice_without_changes(client):
    call_command("load_demo", verbosity=0)
    counts = [m.objects.count() for m in (ConsultationPage, Proposal, Support, Comment)]
    call_command("load_demo", verbosity=0)
    assert [m.objects.count() for m in (ConsultationPage, Proposal, Support, Comment)] == counts
    climate = ConsultationPage.objects.get(slug="assemblea-clima-2026")
    assert [t.name for t in climate.themes.all()][3] == "Ambito 4 - Milano più fresca"
    assert climate.phases.count() == 7
    district = ConsultationPage.objects.get(slug="municipio-4-spazi-pubblici")
    assert str(district.scope) == "Municipio 4"
    for proposal in Proposal.objects.all():
        assert proposal.support_count == proposal.supports.count()
    assert client.get(climate.url).status_code == 200
    assert client.get(Proposal.objects.first().get_absolute_url()).status_code == 200
    assert client.get("/consultazioni/").status_code == 200
