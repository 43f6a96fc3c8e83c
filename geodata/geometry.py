"""Small geometry rules shared by the importers, the shipped-data scripts and the map."""

from __future__ import annotations

import shapely
from shapely.geometry import GeometryCollection, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry


def polygonal(geom: BaseGeometry | None) -> BaseGeometry | None:
    """Only the polygonal parts of `geom`, or None when it has none. Clipping and repair can
    yield GeometryCollections (a polygon with a stray line or point), which folium's GeoJSON
    cannot draw and a control zone must not be."""
    if geom is None or geom.is_empty:
        return None
    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    if not isinstance(geom, GeometryCollection):
        return None
    parts = [g for g in geom.geoms if isinstance(g, Polygon | MultiPolygon) and not g.is_empty]
    if not parts:
        return None
    return shapely.union_all(parts)
