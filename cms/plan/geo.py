"""GeoJSON (RFC 7946) helpers: validate staff-entered areas and build WGS84 geometries."""

import json
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

AREA_TYPES = ("Polygon", "MultiPolygon")
COORDINATE_DECIMALS = 6


def parse_area(text):
    """The area geometry as a dict, or raise ValidationError with a message staff understand."""
    try:
        geometry = json.loads(text)
    except ValueError as error:
        raise ValidationError(_("This is not valid JSON."), code="invalid_json") from error
    if not isinstance(geometry, dict) or geometry.get("type") not in AREA_TYPES:
        raise ValidationError(
            _("Paste a GeoJSON geometry of type Polygon or MultiPolygon."), code="invalid_type"
        )
    polygons = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    if not isinstance(polygons, list) or not polygons:
        raise ValidationError(_("The geometry has no coordinates."), code="no_coordinates")
    for polygon in polygons:
        _check_polygon(polygon)
    return {"type": geometry["type"], "coordinates": geometry["coordinates"]}


def validate_area(text):
    if text:
        parse_area(text)


def _check_polygon(polygon):
    if not isinstance(polygon, list) or not polygon:
        raise ValidationError(_("Each polygon needs at least one ring."), code="no_ring")
    for ring in polygon:
        if not isinstance(ring, list) or len(ring) < 4:
            raise ValidationError(_("Each ring needs at least four positions."), code="short_ring")
        for position in ring:
            _check_position(position)
        if ring[0] != ring[-1]:
            raise ValidationError(
                _("Each ring must end at the position where it starts."), code="open_ring"
            )


def _check_position(position):
    if (
        not isinstance(position, list)
        or len(position) < 2
        or not all(isinstance(value, int | float) for value in position[:2])
    ):
        raise ValidationError(
            _("Each position must be [longitude, latitude] in numbers."), code="bad_position"
        )
    longitude, latitude = position[:2]
    if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
        raise ValidationError(
            _("Coordinates must be WGS84 longitude (-180 to 180) and latitude (-90 to 90)."),
            code="out_of_range",
        )


def point(latitude, longitude):
    """A GeoJSON Point: RFC 7946 wants [longitude, latitude]."""
    return {
        "type": "Point",
        "coordinates": [_rounded(longitude), _rounded(latitude)],
    }


def _rounded(value):
    return round(float(Decimal(value)), COORDINATE_DECIMALS)


def area_for_export(text):
    """The stored area with exterior rings counterclockwise, as RFC 7946 recommends."""
    geometry = parse_area(text)
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    oriented = [_oriented_polygon(polygon) for polygon in polygons]
    coordinates = oriented[0] if geometry["type"] == "Polygon" else oriented
    return {"type": geometry["type"], "coordinates": coordinates}


def _oriented_polygon(polygon):
    exterior, *holes = polygon
    return [_oriented_ring(exterior, clockwise=False)] + [
        _oriented_ring(hole, clockwise=True) for hole in holes
    ]


def _oriented_ring(ring, clockwise):
    positions = [[_rounded(value) for value in position[:2]] for position in ring]
    is_clockwise = _signed_area(positions) < 0
    return positions[::-1] if is_clockwise != clockwise else positions


def _signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2
