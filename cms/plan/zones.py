"""The zones map: the "Zone omogenee" and Milano with their regeneration projects counted."""

from django.db.models import Count, Prefetch
from django.http import JsonResponse

from cms.plan import geo
from cms.plan.models import Municipality, RegenerationProjectPage, ZonePage


def zones_with_counts(zone_index):
    """The live zones under the index, each with `project_count` of live public projects."""
    counts = dict(
        RegenerationProjectPage.objects.live()
        .public()
        .order_by()
        .values_list("municipality__zone")
        .annotate(total=Count("pk"))
    )
    zones = list(
        ZonePage.objects.child_of(zone_index)
        .live()
        .public()
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
        )
    )
    for zone in zones:
        zone.project_count = counts.get(zone.pk, 0)
    return zones


def zone_feature(zone, request):
    geometry = geo.point(zone.latitude, zone.longitude) if zone.latitude is not None else None
    return {
        "type": "Feature",
        "id": zone.pk,
        "geometry": geometry,
        "properties": {
            "id": zone.pk,
            "title": zone.title,
            "vocation": zone.vocation,
            "url": zone.get_full_url(request),
            "project_count": zone.project_count,
            "municipalities": [municipality.name for municipality in zone.municipalities.all()],
        },
    }


def zones_geojson_response(zone_index, request):
    collection = {
        "type": "FeatureCollection",
        "features": [zone_feature(zone, request) for zone in zones_with_counts(zone_index)],
    }
    return JsonResponse(collection, content_type="application/geo+json")
