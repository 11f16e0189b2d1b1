import pytest

from tests.plan import factories as f


@pytest.fixture
def plan(home_page):
    return f.plan_page(home_page)


@pytest.fixture
def zones(plan):
    index = f.zone_index(plan)
    return {
        slug: f.zone(index, title, latitude="45.5", longitude="9.1")
        for slug, title in [("nord-ovest", "Nord Ovest"), ("alto-milanese", "Alto Milanese")]
    }


@pytest.fixture
def atlas(home_page):
    return f.atlas_page(home_page)


@pytest.fixture
def terms(db):
    """A small taxonomy: two of each vocabulary, works and actions."""
    return {
        "urbana": f.LocalisationFactory(name="Urbana"),
        "periferica": f.LocalisationFactory(name="Periferica"),
        "patrimonio": f.ActionAmbitFactory(name="Valorizzazione patrimonio"),
        "ferroviario": f.ActionAmbitFactory(name="Recupero ambito ferroviario"),
        "sociale": f.CriticalIssueAmbitFactory(name="Sociale"),
        "economico": f.CriticalIssueAmbitFactory(name="Economico"),
        "comunale": f.ScaleFactory(name="Comunale"),
        "sovracomunale": f.ScaleFactory(name="Sovracomunale"),
        "pubblico": f.ActorTypeFactory(name="Pubblico"),
        "privati": f.ActorTypeFactory(name="Privati"),
        "lavori": f.InterventionKindFactory(name="Lavori", has_area=True),
        "azioni": f.InterventionKindFactory(name="Azioni", has_area=False),
    }


@pytest.fixture
def municipalities(zones):
    return {
        "rho": f.MunicipalityFactory(
            name="Rho", zone=zones["nord-ovest"], latitude="45.5317", longitude="9.0402"
        ),
        "pero": f.MunicipalityFactory(
            name="Pero", zone=zones["nord-ovest"], latitude="45.5099", longitude="9.0870"
        ),
        "castano-primo": f.MunicipalityFactory(
            name="Castano Primo",
            zone=zones["alto-milanese"],
            latitude="45.5513",
            longitude="8.7746",
        ),
    }
