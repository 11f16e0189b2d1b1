import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from .factories import make_form_page, make_news

pytestmark = pytest.mark.django_db


def test_input_form_submission_is_saved_and_staff_get_an_email(
    client, minisite, django_capture_on_commit_callbacks
):
    page = make_form_page(minisite["home"], to_address="redazione@example.org, capo@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page.url, {"email": "bottega@example.org", "il_tuo_contributo": "Servono spazi."}
        )
    assert response.status_code == 200
    assert "manifattura/form_page_landing.html" in [t.name for t in response.templates]
    assert FormSubmission.objects.filter(page=page).count() == 1
    (message,) = mail.outbox
    assert message.to == ["redazione@example.org", "capo@example.org"]
    assert message.subject == "Nuovo contributo"
    assert "Servono spazi." in message.body


def test_invalid_input_is_rejected_without_email(
    client, minisite, django_capture_on_commit_callbacks
):
    page = make_form_page(minisite["home"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, {"email": "non-una-email", "il_tuo_contributo": ""})
    assert response.status_code == 200
    assert "manifattura/form_page.html" in [t.name for t in response.templates]
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_form_page_is_part_of_the_minisite(client, minisite):
    page = make_form_page(minisite["home"])
    page.show_in_menus = True
    page.save_revision().publish()
    html = client.get(minisite["home"].url).content.decode()
    assert 'href="/manifattura/raccolta-input/"' in html


def test_city_home_shows_latest_minisite_news(client, minisite):
    for day in range(1, 6):
        make_news(minisite["news"], f"Notizia {day}", date=f"2026-11-0{day}")
    html = client.get("/").content.decode()
    assert "Notizie da Manifattura Milano" in html
    assert "Notizia 5" in html and "Notizia 3" in html
    assert "Notizia 2" not in html


def test_city_home_section_has_an_empty_state(client, minisite):
    html = client.get("/").content.decode()
    assert "Ancora nessuna notizia da Manifattura Milano" in html


def test_city_home_has_no_section_without_the_minisite(client, home_page):
    response = client.get("/")
    assert not any(
        s["template"] == "manifattura/home_section.html" for s in response.context["home_sections"]
    )


def test_city_home_section_heading_labels_its_section(client, minisite):
    html = client.get("/").content.decode()
    start = html.index('aria-labelledby="home-section-')
    section_id = html[start:].split('"')[1]
    assert f'<h2 id="{section_id}">' in html


def test_input_sent_with_the_account_email_is_in_the_personal_data_export(citizen, minisite):
    from cms.accounts.privacy import collect_personal_data

    page = make_form_page(minisite["home"])
    FormSubmission.objects.create(
        page=page, form_data={"email": citizen.email.upper(), "il_tuo_contributo": "Mio"}
    )
    FormSubmission.objects.create(
        page=page, form_data={"email": "altri@example.org", "il_tuo_contributo": "Altrui"}
    )
    exported = collect_personal_data(citizen)["manifattura_input"]
    assert [item["answers"]["il_tuo_contributo"] for item in exported] == ["Mio"]
