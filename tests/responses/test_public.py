import csv
import io
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from proposals.responses.models import ProgressUpdate, Response
from proposals.responses.stats import summary
from tests.responses.factories import aware, handed, make_target, publish

DRAFT = "Testo riservato della bozza"


@pytest.fixture
def cycle(db):
    """Assembly cycle 2025: four recommendations handed on 10 January 2026, due 10 March."""
    report = make_target("Report Annuale dei Lavori APCC 2025")
    with time_machine.travel(aware(2026, 1, 10), tick=False):
        items = {
            name: handed(name, group=report)
            for name in ["Comunità energetiche", "Zone 30", "Forestazione urbana", "Tetti verdi"]
        }
    with time_machine.travel(aware(2026, 2, 20), tick=False):  # 41 days, on time
        items["Comunità energetiche"] = publish(
            items["Comunità energetiche"],
            answer="<p>Il Comune accoglie la raccomandazione sulle comunità energetiche.</p>",
            office_name="Direzione Verde e Ambiente",
            cost=Decimal("150000.00"),
            timeframe="entro dicembre 2026",
        )
    with time_machine.travel(aware(2026, 3, 20), tick=False):  # 69 days, late
        items["Zone 30"] = publish(
            items["Zone 30"],
            answer="<p>La raccomandazione non è accolta per i vincoli del Codice della strada.</p>",
            state_slug="non-accolta",
            office_name="Direzione Mobilità",
        )
    draft = Response.objects.get(pk=items["Forestazione urbana"].pk)
    draft.answer = f"<p>{DRAFT}</p>"
    draft.save()
    draft.save_revision()
    return report, items


@pytest.fixture
def frozen():
    with time_machine.travel(aware(2026, 3, 25), tick=False):
        yield


def test_statistics_on_known_data(cycle, frozen):
    report, items = cycle
    figures = summary(Response.objects.all())
    assert figures == {
        "handed": 4,
        "answered": 2,
        "on_time": 1,
        "late": 1,
        "open": 2,
        "overdue": 2,
        "median_days": 55,
    }


def test_overview_shows_figures_overdue_items_and_no_draft(client, cycle, frozen):
    page = client.get("/risposte/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Risposte del Comune" in html
    assert "Report Annuale dei Lavori APCC 2025" in html
    assert "Forestazione urbana" in html and "Tetti verdi" in html
    assert "In ritardo di 15 giorni" in html
    assert DRAFT not in html


def test_overview_filters_by_state_and_office(client, cycle, frozen):
    report, items = cycle
    not_accepted = items["Zone 30"].state
    html = client.get("/risposte/", {"state": not_accepted.pk}).content.decode()
    assert 'href="/risposte/risposta/{}/"'.format(items["Zone 30"].pk) in html
    assert 'href="/risposte/risposta/{}/"'.format(items["Comunità energetiche"].pk) not in html
    office = items["Comunità energetiche"].office
    html = client.get("/risposte/", {"office": office.pk}).content.decode()
    assert 'href="/risposte/risposta/{}/"'.format(items["Comunità energetiche"].pk) in html
    assert 'href="/risposte/risposta/{}/"'.format(items["Zone 30"].pk) not in html
    bad = client.get("/risposte/", {"state": "nonsense"})
    assert bad.status_code == 200


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_lists_do_not_query_per_row(client, cycle, frozen):
    urls = ["/risposte/", "/risposte/report-annuale-dei-lavori-apcc-2025/"]
    handed("In attesa", group=cycle[0])  # every kind of list has at least one row
    client.get(urls[0])  # site settings are created on the first request
    before = [count_queries(client, url) for url in urls]
    with time_machine.travel(aware(2026, 2, 1), tick=False):
        for n in range(6):
            publish(handed(f"Proposta {n}", group=cycle[0]), answer="<p>Ok.</p>")
            handed(f"Aperta {n}", group=cycle[0])
    assert [count_queries(client, url) for url in urls] == before


def test_unpublished_answers_never_leak(client, cycle, frozen):
    report, items = cycle
    dossier = items["Forestazione urbana"].dossier
    assert client.get(f"/risposte/risposta/{items['Forestazione urbana'].pk}/").status_code == 404
    for url in [
        "/risposte/",
        f"/risposte/{dossier.slug}/",
        f"/risposte/{dossier.slug}/dossier/",
        "/risposte/export.csv",
        f"/risposte/{dossier.slug}/export.csv",
        "/cerca/?q=riservato",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert DRAFT not in response.content.decode(), url
    pdf = client.get(f"/risposte/{dossier.slug}/dossier.pdf")
    assert DRAFT not in pdf_text(pdf.content)


def test_a_new_draft_of_a_published_answer_stays_private(client, cycle, frozen):
    report, items = cycle
    live = Response.objects.get(pk=items["Comunità energetiche"].pk)
    live.answer = f"<p>{DRAFT}</p>"
    live.save_revision()
    html = client.get(f"/risposte/risposta/{live.pk}/").content.decode()
    assert "comunità energetiche" in html
    assert DRAFT not in html


def test_detail_shows_answer_documents_and_progress(client, cycle, frozen):
    report, items = cycle
    answer = items["Comunità energetiche"]
    ProgressUpdate.objects.create(
        response=answer,
        date=aware(2026, 3, 1).date(),
        percentage=30,
        status="in_progress",
        note="Avviato il bando per le comunità energetiche nei Municipi 4 e 9.",
    )
    html = client.get(f"/risposte/risposta/{answer.pk}/").content.decode()
    assert "Accolta" in html
    assert "Direzione Verde e Ambiente" in html
    assert "entro dicembre 2026" in html
    assert "Avviato il bando" in html and "30%" in html
    overview = client.get(f"/risposte/{answer.dossier.slug}/").content.decode()
    assert "Monitoraggio" in overview


def test_csv_export_lists_every_item_with_answers_only_when_published(client, cycle, frozen):
    content = client.get("/risposte/export.csv").content.decode()
    rows = {row[0]: row for row in csv.reader(io.StringIO(content))}
    assert rows["Comunità energetiche"][4] == "risposta nei termini"
    assert rows["Zone 30"][4] == "risposta in ritardo"
    assert rows["Forestazione urbana"][4] == "in ritardo"
    assert rows["Forestazione urbana"][6:] == ["", "", ""]


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_dossier_page_is_printable_and_the_pdf_contains_the_answers(client, cycle, frozen):
    report, items = cycle
    dossier = items["Zone 30"].dossier
    dossier.decision_reference = "Determina Dirigenziale n. 1234 del 15/03/2026"
    dossier.save()
    html = client.get(f"/risposte/{dossier.slug}/dossier/").content.decode()
    assert 'media="print"' in html and "dossier-print.css" in html
    assert "Determina Dirigenziale n. 1234" in html
    pdf = client.get(f"/risposte/{dossier.slug}/dossier.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(pdf.content).split())
    assert "Dossier di risposta" in text
    assert "Determina Dirigenziale n. 1234" in text
    assert "Il Comune accoglie la raccomandazione sulle comunità energetiche." in text
    assert "vincoli del Codice della strada" in text
    assert "Tetti verdi" in text  # listed as still awaiting an answer


def test_documents_are_listed_on_the_answer_and_in_the_pdf(client, cycle, frozen):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    report, items = cycle
    document = Document.objects.create(
        title="Determina firmata", file=ContentFile(b"%PDF-1.4 demo", name="determina.pdf")
    )
    answer = publish(items["Zone 30"], documents=[("document", document)])
    html = client.get(answer.get_absolute_url()).content.decode()
    assert "Determina firmata" in html and document.url in html
    pdf = client.get(f"/risposte/{answer.dossier.slug}/dossier.pdf")
    assert "Documento: Determina firmata" in " ".join(pdf_text(pdf.content).split())
