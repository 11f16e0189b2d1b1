import pytest
from django.core.management import call_command

from proposals.responses.models import Dossier, Office, Response


@pytest.mark.django_db
def test_demo_answers_load_twice_without_changes(client):
    call_command("load_demo", verbosity=0)
    counts = [m.objects.count() for m in (Response, Dossier, Office)]
    call_command("load_demo", verbosity=0)
    assert [m.objects.count() for m in (Response, Dossier, Office)] == counts
    answer = Response.objects.get(target_title="Tetti verdi sulle scuole comunali")
    assert answer.live and not answer.workflow_in_progress
    assert answer.is_public_answer
    assert answer.get_absolute_url() in client.get("/risposte/").content.decode()
    assert client.get(answer.get_absolute_url()).status_code == 200
    assert "coperture verdi" in client.get(answer.target.get_absolute_url()).content.decode()
    dossier = Response.objects.exclude(dossier=None).first().dossier
    assert client.get(dossier.get_absolute_url()).status_code == 200
