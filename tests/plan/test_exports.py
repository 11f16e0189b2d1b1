import csv
import io
import json

import pytest
from wagtail.models import PageViewRestriction

from tests.plan import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(atlas, municipalities, terms):
    works = f.regeneration_project(
        atlas,
        municipalities["rho"],
        title="Ex scalo merci",
        kind=terms["lavori"],
        area_geojson=json.dumps(
            {
                "type": "Polygon",
                # Clockwise on purpose: the export turns it counterclockwise (RFC 7946).
                "coordinates": [
                    [[9.04, 45.52], [9.04, 45.53], [9.05, 45.53], [9.05, 45.52], [9.04, 45.52]]
                ],
            }
        ),
        critical=[terms["economico"]],
        phases=["in_progress"],
        actors=[("RFI", terms["pubblico"])],
    )
    point = f.regeneration_project(
        atlas,
        municipalities["pero"],
        title='=HYPERLINK("http://evil")',
        kind=terms["azioni"],
        latitude="45.510400",
        longitude="9.086300",
    )
    unlocated = f.regeneration_project(
        atlas, municipalities["castano-primo"], title="Casa dei Castanesi", kind=terms["azioni"]
    )
    draft = f.regeneration_project(atlas, municipalities["rho"], title="Bozza", live=False)
    private = f.regeneration_project(atlas, municipalities["rho"], title="Riservato")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return {"works": works, "point": point, "unlocated": unlocated, "draft": draft}


def get_geojson(client, atlas, query=""):
    response = client.get(atlas.url + "geojson/" + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def assert_valid_position(position):
    longitude, latitude = position
    assert isinstance(longitude, float) and isinstance(latitude, float)
    assert -180 <= longitude <= 180 and -90 <= latitude <= 90


def signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))


def test_geojson_is_an_rfc7946_feature_collection(client, atlas, exported):
    collection = get_geojson(client, atlas)

    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert set(feature) == {"type", "id", "geometry", "properties"}
        geometry = feature["geometry"]
        if geometry["type"] == "Point":
            assert_valid_position(geometry["coordinates"])
        else:
            assert geometry["type"] == "Polygon"
            for ring in geometry["coordinates"]:
                assert len(ring) >= 4 and ring[0] == ring[-1]
                for position in ring:
                    assert_valid_position(position)


def test_geojson_uses_longitude_latitude_order(client, atlas, exported):
    features = {f["properties"]["municipality"]: f for f in get_geojson(client, atlas)["features"]}

    assert features["Pero"]["geometry"] == {"type": "Point", "coordinates": [9.0863, 45.5104]}
    assert features["Pero"]["properties"]["location_precision"] == "point"
    assert features["Castano Primo"]["geometry"]["coordinates"] == [8.7746, 45.5513]
    assert features["Castano Primo"]["properties"]["location_precision"] == "municipality"
    ring = features["Rho"]["geometry"]["coordinates"][0]
    assert all(9 < lon < 9.1 and 45.5 < lat < 45.6 for lon, lat in ring)
    assert signed_area(ring) > 0, "exterior ring must be counterclockwise"


def test_geojson_leaks_no_draft_or_private_page(client, atlas, exported):
    titles = {f["properties"]["title"] for f in get_geojson(client, atlas)["features"]}

    assert "Bozza" not in titles
    assert "Riservato" not in titles
    assert len(titles) == 3


def test_geojson_applies_the_filters(client, atlas, exported):
    collection = get_geojson(client, atlas, "?kind=lavori&critical=economico")

    assert [f["properties"]["title"] for f in collection["features"]] == ["Ex scalo merci"]
    properties = collection["features"][0]["properties"]
    assert properties["zone"] == "Nord Ovest"
    assert properties["phases"] == [
        {"label": "FASE 1", "status": "in_progress", "description": "Lavori"}
    ]
    assert properties["actors"] == [{"name": "RFI", "type": "Pubblico"}]
    assert properties["url"].startswith("http://")


def read_csv(client, atlas, query=""):
    response = client.get(atlas.url + "csv/" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_lists_the_filtered_live_projects(client, atlas, exported):
    rows = read_csv(client, atlas)
    assert {row["title"] for row in rows} == {
        "Ex scalo merci",
        '\'=HYPERLINK("http://evil")',
        "Casa dei Castanesi",
    }

    rows = read_csv(client, atlas, "?zone=nord-ovest&kind=lavori")
    assert len(rows) == 1
    row = rows[0]
    assert row["municipality"] == "Rho"
    assert row["critical_ambits"] == "Economico"
    assert row["phases"] == "FASE 1: in_progress"
    assert row["actors"] == "RFI (Pubblico)"
    assert row["location_precision"] == "area"
    assert float(row["longitude"]) == pytest.approx(9.045)
    assert float(row["latitude"]) == pytest.approx(45.525)


def test_zones_geojson(client, atlas, zones, municipalities, exported):
    index = zones["nord-ovest"].get_parent()
    response = client.get(index.url + "geojson/")

    collection = json.loads(response.content)
    assert response["Content-Type"] == "application/geo+json"
    assert collection["type"] == "FeatureCollection"
    features = {f["properties"]["title"]: f for f in collection["features"]}
    assert features["Nord Ovest"]["geometry"] == {"type": "Point", "coordinates": [9.1, 45.5]}
    assert features["Nord Ovest"]["properties"]["project_count"] == 2
    assert features["Nord Ovest"]["properties"]["municipalities"] == ["Pero", "Rho"]
    assert features["Alto Milanese"]["properties"]["project_count"] == 1


def test_exports_of_a_draft_atlas_are_not_served(client, atlas, exported):
    atlas.unpublish()

    assert client.get(atlas.url_path.replace("/home", "") + "geojson/").status_code == 404
