"""Open data of the regeneration atlas: GeoJSON (RFC 7946) and CSV, with the list's filters."""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone

from cms.cache import until_site_changes
from cms.plan import geo
from cms.plan.facets import filtered_projects
from cms.spreadsheets import safe_cell

GEOJSON_CONTENT_TYPE = "application/geo+json"


def export_queryset(atlas, request):
    return (
        filtered_projects(atlas, request.GET)
        .queryset()
        .select_related(
            "municipality__zone",
            "localisation",
            "kind",
            "action_ambit",
            "scale",
            "strategic_project",
        )
        .prefetch_related("phases", "actors__actor_type", "critical_ambits")
        .order_by("title")
    )


def project_geometry(project):
    """The area for works, else the point, else the municipality's centre (see `precision`)."""
    if project.area_geojson:
        return geo.area_for_export(project.area_geojson), "area"
    if project.latitude is not None:
        return geo.point(project.latitude, project.longitude), "point"
    municipality = project.municipality
    return geo.point(municipality.latitude, municipality.longitude), "municipality"


def _name(term):
    return term.name if term else None


def project_properties(project, request):
    zone = project.municipality.zone
    return {
        "id": project.pk,
        "title": project.title,
        "summary": project.intro,
        "url": project.get_full_url(request),
        "municipality": project.municipality.name,
        "zone": zone.title if zone else None,
        "kind": _name(project.kind),
        "localisation": _name(project.localisation),
        "prevailing_ambit": _name(project.action_ambit),
        "critical_ambits": [ambit.name for ambit in project.critical_ambits.all()],
        "scale": _name(project.scale),
        "strategic_project": _name_of_page(project.strategic_project),
        "phases": [
            {"label": phase.label, "status": phase.status, "description": phase.description}
            for phase in project.phases.all()
        ],
        "actors": [
            {"name": actor.name, "type": actor.actor_type.name} for actor in project.actors.all()
        ],
        "last_published_at": _iso(project.last_published_at),
    }


def _name_of_page(page):
    return page.title if page else None


def _iso(moment):
    return timezone.localtime(moment).isoformat() if moment else None


def project_feature(project, request):
    geometry, precision = project_geometry(project)
    properties = project_properties(project, request)
    properties["location_precision"] = precision
    return {"type": "Feature", "id": project.pk, "geometry": geometry, "properties": properties}


def geojson_document(atlas, request):
    collection = {
        "type": "FeatureCollection",
        "features": [project_feature(p, request) for p in export_queryset(atlas, request)],
    }
    return json.dumps(collection, cls=DjangoJSONEncoder)


def geojson_response(atlas, request):
    """Built once after each change of the site, however many visitors the map has."""
    document = until_site_changes(request, "geojson", lambda: geojson_document(atlas, request))
    response = HttpResponse(document, content_type=GEOJSON_CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="atlante-rigenerazione.geojson"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


CSV_COLUMNS = [
    "id",
    "title",
    "url",
    "municipality",
    "zone",
    "kind",
    "localisation",
    "prevailing_ambit",
    "critical_ambits",
    "scale",
    "strategic_project",
    "phases",
    "actors",
    "latitude",
    "longitude",
    "location_precision",
    "last_published_at",
]


def csv_row(project, request):
    properties = project_properties(project, request)
    geometry, precision = project_geometry(project)
    longitude, latitude = _representative_point(geometry)
    properties.update(
        critical_ambits="; ".join(properties["critical_ambits"]),
        phases="; ".join(f"{p['label']}: {p['status']}" for p in properties["phases"]),
        actors="; ".join(f"{a['name']} ({a['type']})" for a in properties["actors"]),
        latitude=latitude,
        longitude=longitude,
        location_precision=precision,
    )
    return [safe_cell(properties[column]) for column in CSV_COLUMNS]


def _representative_point(geometry):
    """The point itself, or the mean of the area's exterior positions."""
    if geometry["type"] == "Point":
        return geometry["coordinates"]
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    positions = [position for polygon in polygons for position in polygon[0][:-1]]
    return [
        round(sum(position[axis] for position in positions) / len(positions), 6) for axis in (0, 1)
    ]


def csv_response(atlas, request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="atlante-rigenerazione.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for project in export_queryset(atlas, request):
        writer.writerow(csv_row(project, request))
    return response
