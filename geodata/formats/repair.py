"""Geometry from a user's file made safe to keep, by calls that report instead of raising.

GEOS and PROJ raise on some input (`make_valid` on NaN or infinite coordinates, a CRS of
another planet) and run for minutes on other input (`make_valid` is about quadratic in the
self-intersections it resolves: 300 random vertices took 35 s, 500 took 213 s). So, in order:

- `checked`: at most `Limits.vertices` vertices, every coordinate a finite number and, once in
  EPSG:4326, a longitude and latitude in range (`prepared`: checked and repaired, for all the
  geometries of a file at once);
- `repaired`: an invalid geometry is repaired with `make_valid` only when it has at most
  `Limits.crossings` self-intersections (`crossings` counts them, stopping at the limit);
  polygons keep their polygonal parts (`geometry.undissolved`);
- `Reprojection`: a coordinate reference system is refused when PROJ cannot make it, or it is
  not geographic or projected; a geometry PROJ cannot transform is a problem of its record.

Every function returns the geometry and why it cannot be kept (None when it can); numpy's and
shapely's warnings on such input are silenced, since the problem is reported instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

import numpy as np
import shapely
from shapely.errors import GEOSException
from shapely.geometry import LinearRing, LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from ..errors import ImportFileError
from ..geometry import undissolved
from .limits import DEFAULT, Limits

Checked = tuple[BaseGeometry | None, str | None]
Prepared = tuple[BaseGeometry | None, str | None, str | None]  # kept, why repaired, why not
CHUNK = 256  # segments per STRtree query while counting crossings, at most
GEOMETRY_ERRORS = (GEOSException, ValueError, TypeError, OverflowError, FloatingPointError)


def quiet() -> Any:
    """A context silencing numpy's floating-point warnings, which shapely raises on NaN,
    infinite or huge coordinates (thread-safe: numpy's error state is per context)."""
    return np.errstate(all="ignore")


def from_geojson(value: Any) -> Checked:
    """A shapely geometry from a GeoJSON geometry object, or why it is none."""
    from shapely.geometry import shape

    try:
        with quiet():
            return shape(value), None
    except Exception as exc:  # shapely raises several types for bad GeoJSON
        return None, f"not a GeoJSON geometry ({str(exc)[:200] or type(exc).__name__})"


def from_wkt(text: str) -> Checked:
    """A shapely geometry from WKT, or why it is none."""
    try:
        with quiet():
            return shapely.from_wkt(text), None
    except GEOMETRY_ERRORS as exc:
        return None, f"not WKT ({str(exc)[:200] or type(exc).__name__})"


def checked(geom: BaseGeometry, limits: Limits = DEFAULT) -> str | None:
    """Why a geometry cannot be kept as it is read (in EPSG:4326): too many vertices,
    coordinates that are not finite numbers, or out of longitude/latitude range."""
    vertices, finite, inside = _stats(np.array([geom], dtype=object))
    return _refusal(geom, limits, int(vertices[0]), bool(finite[0]), bool(inside[0]))


def prepared(
    geoms: Sequence[BaseGeometry],
    limits: Limits = DEFAULT,
    *,
    polygons: bool = True,
    tick: Callable[[int], None] | None = None,
) -> list[Prepared]:
    """Each geometry (in EPSG:4326) as it may be kept: `checked`, in 2D and valid (`repaired`
    where need be, then the reason it was invalid is second), or None and why not (third).
    The checks run over all the geometries at once; only invalid ones are repaired one by one,
    `tick(i)` called before the repair of the i-th (an import's time budget)."""
    arr = np.empty(len(geoms), dtype=object)
    arr[:] = list(geoms)
    try:
        with quiet():
            stats = _stats(arr)
            flat = shapely.force_2d(arr)
            empty = shapely.is_empty(flat)
            valid = shapely.is_valid(flat)
    except GEOMETRY_ERRORS:  # one bad apple: the slow way, each on its own
        return [_prepare_one(g, limits, polygons) for g in geoms]
    vertices, finite, inside = stats
    kept = (vertices <= limits.vertices) & finite & inside
    out: list[Prepared] = [(g, None, None) for g in flat]
    for i in np.flatnonzero(~kept | empty | ~valid).tolist():
        refusal = (
            None
            if kept[i]
            else _refusal(geoms[i], limits, int(vertices[i]), bool(finite[i]), bool(inside[i]))
        )
        if refusal:
            out[i] = (None, None, refusal)
        elif empty[i]:
            out[i] = (None, None, None)
        else:
            if tick is not None:
                tick(i)
            out[i] = repaired(flat[i], limits, polygons=polygons)
    return out


def _prepare_one(geom: BaseGeometry, limits: Limits, polygons: bool) -> Prepared:
    try:
        refusal = checked(geom, limits)
        if refusal:
            return None, None, refusal
        with quiet():
            flat = shapely.force_2d(geom)
            if flat.is_empty:
                return None, None, None
    except GEOMETRY_ERRORS as exc:
        return None, None, f"a geometry GEOS cannot read ({str(exc)[:200]})"
    return repaired(flat, limits, polygons=polygons)


def _stats(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per geometry: its number of vertices, whether all are finite, whether all lie in
    longitude/latitude range."""
    with quiet():
        counts = shapely.get_num_coordinates(arr)
        xy, index = shapely.get_coordinates(arr, return_index=True)
        finite = np.isfinite(xy).all(axis=1)
        inside = (np.abs(xy[:, 0]) <= 180) & (np.abs(xy[:, 1]) <= 90)
    nonfinite = np.bincount(index[~finite], minlength=len(arr)) > 0
    outside = np.bincount(index[~inside], minlength=len(arr)) > 0
    return counts, ~nonfinite, ~outside


def _refusal(geom: BaseGeometry, limits: Limits, vertices: int, finite: bool, inside: bool) -> str | None:
    if vertices > limits.vertices:
        return (
            f"{vertices:,} vertices; at most {limits.vertices:,} in one geometry: simplify "
            "it (e.g. QGIS Simplify, or mapshaper)"
        )
    if not finite:
        return "coordinates that are not finite numbers (NaN or infinite)"
    if not inside:
        x, y = next((x, y) for x, y in shapely.get_coordinates(geom) if abs(x) > 180 or abs(y) > 90)
        return (
            f"coordinates out of range ({x:.6g}, {y:.6g}): longitude -180..180, latitude "
            "-90..90; check the order of the coordinates, or the coordinate reference system"
        )
    return None


def _segments(geom: BaseGeometry) -> tuple[np.ndarray, np.ndarray]:
    """The segments of a geometry's rings and lines, and for each the index of the next
    segment of its ring that shares its end (-1 for none)."""
    polygon = isinstance(geom, Polygon | MultiPolygon)
    rings: np.ndarray | list[BaseGeometry] = shapely.get_rings(geom) if polygon else []
    lines = list(rings) or [
        p for p in getattr(geom, "geoms", [geom]) if isinstance(p, LineString)
    ]  # a LinearRing is one too
    starts, ends, closing = [], [], []
    offset = 0
    for line in lines:
        xy = shapely.get_coordinates(shapely.remove_repeated_points(line))
        if len(xy) < 2:
            continue
        starts.append(xy[:-1])
        ends.append(xy[1:])
        if isinstance(line, LinearRing):
            closing.append((offset, offset + len(xy) - 2))
        offset += len(xy) - 1
    if not starts:
        return np.empty(0, dtype=object), np.empty((0, 2), dtype=int)
    # An (n, 2, 2) stack of coordinates: an array of n lines, never a single LineString.
    segs = cast(
        "np.ndarray", shapely.linestrings(np.stack([np.concatenate(starts), np.concatenate(ends)], axis=1))
    )
    return segs, np.array(closing, dtype=int).reshape(-1, 2)


def crossings(geom: BaseGeometry, cap: int) -> int:
    """How many pairs of segments of a geometry's rings cross or touch, but for neighbours
    along a ring, counted up to `cap + 1` at most (the count stops there: cost bounded)."""
    segs, closing = _segments(geom)
    if len(segs) < 4:
        return 0
    tree = shapely.STRtree(segs)
    closes = {(int(a), int(b)) for a, b in closing}
    found, start, size = 0, 0, 1
    while start < len(segs) and found <= cap:
        # Chunks grow from one segment: a segment crossing thousands is found alone.
        left, right = tree.query(segs[start : start + size], predicate="intersects")
        left = left + start
        keep = right > left + 1
        pairs = zip(left[keep].tolist(), right[keep].tolist(), strict=True)
        found += sum(1 for pair in pairs if pair not in closes)
        start, size = start + size, min(size * 2, CHUNK)
    return found


def repaired(geom: BaseGeometry, limits: Limits = DEFAULT, *, polygons: bool = False) -> Prepared:
    """A valid geometry: `geom` itself, or repaired by `make_valid` (then the reason it was
    invalid is second); or None and why it cannot be repaired (third). `polygons`: keep the
    polygonal parts of a polygon's repair."""
    try:
        with quiet():
            if shapely.is_valid(geom):
                return geom, None, None
            reason = shapely.is_valid_reason(geom)
            if (n := crossings(geom, limits.crossings)) > limits.crossings:
                return (
                    None,
                    None,
                    (
                        f"invalid geometry ({reason}) with more than "
                        f"{limits.crossings:,} self-intersections (counted {n:,}): "
                        "too many to repair here; repair it in a GIS"
                    ),
                )
            fixed = shapely.make_valid(geom)
    except GEOMETRY_ERRORS as exc:
        return None, None, f"invalid geometry that cannot be repaired ({exc})"
    kept = undissolved(fixed) if polygons and isinstance(geom, Polygon | MultiPolygon) else fixed
    if kept is None or kept.is_empty:
        return None, None, f"invalid geometry ({reason}) with no area left after repair"
    return kept, reason, None


class Reprojection:
    """Coordinates of a file's coordinate reference system to EPSG:4326 (lon/lat)."""

    def __init__(self, name: str, transform: Callable[[np.ndarray, np.ndarray], Any]) -> None:
        self.name, self._transform = name, transform

    @classmethod
    def of(cls, name: Any, shown: str) -> Reprojection | None:
        """The reprojection from CRS `name` (None when it is EPSG:4326 already); raises
        ImportFileError when PROJ cannot make it or it is not geographic or projected."""
        from pyproj import CRS, Transformer
        from pyproj.exceptions import ProjError

        text = str(name)[:2000]
        try:
            source = CRS.from_user_input(text)
            if source.to_epsg(min_confidence=100) == 4326:
                return None
            if not (source.is_geographic or source.is_projected):
                raise ImportFileError(
                    f"{shown}: the coordinate reference system {text[:80]!r} "
                    "is neither geographic nor projected; expected "
                    "longitude/latitude (EPSG:4326) or a map projection"
                )
            tr = Transformer.from_crs(source, "EPSG:4326", always_xy=True)
        except ImportFileError:
            raise
        except (ProjError, ValueError, TypeError) as exc:
            raise ImportFileError(
                f"{shown}: unknown coordinate reference system {text[:80]!r} "
                f"({str(exc)[:200]}); use EPSG:4326"
            ) from None
        return cls(text, lambda x, y: tr.transform(x, y, errcheck=False))

    def __call__(self, geom: BaseGeometry) -> Checked:
        from pyproj.exceptions import ProjError

        def xy(coords: np.ndarray) -> np.ndarray:
            x, y = self._transform(coords[:, 0], coords[:, 1])
            return np.column_stack([x, y])

        try:
            with quiet():
                return shapely.transform(geom, xy), None
        except (ProjError, *GEOMETRY_ERRORS) as exc:
            return None, f"cannot be reprojected from {self.name[:80]} ({str(exc)[:200]})"
