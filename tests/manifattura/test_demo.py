from io import StringIO

import pytest
from django.core.management.base import BaseCommand
from wagtail.models import Page, Revision

from cms import demo as cms_demo
from cms.models import NavigationSettings
from manifattura import demo
from manifattura.models import (
    AreaPage,
    CallPage,
    CallStatus,
    ManifatturaFormPage,
    ManifatturaHomePage,
    NewsPage,
    PrinciplePage,
    Service,
    SpacePage,
)

pytestmark = pytest.mark.django_db

OPTIONS = {"admin_email": "admin@example.org", "admin_password": "una-password-sicura"}


def load_all():
    command = BaseCommand(stdout=StringIO())
    cms_demo.load(command, OPTIONS)
    demo.load(command, OPTIONS)


def snapshot():
    return (Page.objects.count(), Revision.objects.count(), Service.objects.count())


def test_demo_content_from_the_seed(client, site):
    load_all()
    home = ManifatturaHomePage.objects.get()
    assert home.live and home.get_parent().specific_class.__name__ == "HomePage"
    assert AreaPage.objects.count() == 6
    assert set(PrinciplePage.objects.values_list("title", flat=True)) == {
        "Modello sartoriale",
        "Pianificazione agile",
        "Governance aperta",
    }
    figures = [b for b in home.body if b.block_type == "key_figures"][0].value["figures"]
    assert [f["value"] for f in list(figures)[:3]] == ["36.000", "350.000", "13.000"]
    timeline = [b for b in home.body if b.block_type == "timeline"][0].value["milestones"]
    assert len(timeline) == 6 and timeline[0]["when"] == "Aprile"
    assert set(SpacePage.objects.values_list("title", flat=True)) == {"MHUMA", "Smart City Lab"}
    assert NewsPage.objects.live().count() == 3
    statuses = {call.slug: call.status for call in CallPage.objects.all()}
    assert statuses["bando-sostegno-investimenti"] == CallStatus.OPEN
    assert statuses["bando-spazi-periferia"] == CallStatus.CLOSED
    assert ManifatturaFormPage.objects.get().to_address
    menu = NavigationSettings.for_site(site).main_menu
    assert [item.value["url"] for item in menu if item.value["label"] == "Manifattura Milano"] == [
        "/manifattura/"
    ]
    response = client.get("/manifattura/")
    assert response.status_code == 200
    assert "350.000" in response.content.decode()


def test_demo_is_idempotent(site):
    load_all()
    before = snapshot()
    dates = list(CallPage.objects.order_by("pk").values_list("opens_at", "closes_at"))
    load_all()
    assert snapshot() == before
    assert list(CallPage.objects.order_by("pk").values_list("opens_at", "closes_at")) == dates
    menu = NavigationSettings.for_site(site).main_menu
    assert [item.value["label"] for item in menu].count("Manifattura Milano") == 1


def test_companies_send_input_through_a_consultation_in_the_mini_site(client, site):
    from proposals.models import ConsultationPage

    load_all()
    home = ManifatturaHomePage.objects.get()

    consultation = ConsultationPage.objects.descendant_of(home).get()

    assert consultation.status == "open"
    response = client.get(consultation.url)
    assert response.status_code == 200
    assert "Raccolta input on line" in response.content.decode()
