"""Small geometry rules shared by the importers, the shipped-data scripts and the map."""

from __future__ import annotations

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry


def polygon_parts(geom: BaseGeometry | None, min_area: float = 0.0) -> list[Polygon]:
    """The polygons of `geom` (a polygon's own, a multipolygon's or a collection's), each of
    at least `min_area`. The one place that decides what "the polygonal parts" are: the
    importers' repair, the map's outlines and the zone builder differ only in what they make
    of the list."""
    if geom is None or geom.is_empty:
        return []
    return [
        p
        for p in shapely.get_parts(shapely.get_parts(geom))
        if isinstance(p, Polygon) and not p.is_empty and p.area >= min_area
    ]


def undissolved(geom: BaseGeometry | None) -> Polygon | MultiPolygon | None:
    """The polygonal parts of `geom` as the file drew them (an importer's repair keeps what
    was drawn rather than dissolving touching parts): a (Multi)Polygon itself, one part as a
    Polygon, several as a MultiPolygon, None when there are none."""
    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    parts = polygon_parts(geom)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def polygonal(geom: BaseGeometry | None) -> BaseGeometry | None:
    """Only the polygonal parts of `geom`, dissolved, or None when it has none. Clipping and
    repair can yield GeometryCollections (a polygon with a stray line or point), which folium's
    GeoJSON cannot draw and a control zone must not be."""
    if isinstance(geom, Polygon | MultiPolygon) and not geom.is_empty:
        return geom
    parts = polygon_parts(geom)
    return shapely.union_all(parts) if parts else None
