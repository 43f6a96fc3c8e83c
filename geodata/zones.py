"""Control zones: which snapshot is in force on a date, and who controls a place.

A point place is controlled by the zone it falls in. A city is not a point, though: the
Hasakah security square is a government enclave inside an SDF-held city, and GeoNames puts
Hasakah's point a few hundred metres from it. So `controller` asks who holds most of the
place's *footprint*: its polygon, or for a point a disc whose radius depends on its kind
(3 km for a city, 1 km for a town, the point itself for a village or facility). The join of
many places is vectorised: one STRtree query, one vectorised intersection, a group-by.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely import affinity
from shapely.geometry.base import BaseGeometry

from .model import ControlZone, Place, PlaceKind

FOOTPRINT_KM = {PlaceKind.CITY: 3.0, PlaceKind.TOWN: 1.0}


@dataclass(frozen=True)
class Snapshot:
    as_of: dt.date  # the snapshot's valid_from
    zones: tuple[ControlZone, ...]
    exact: bool  # False when no snapshot is valid on the day and the nearest earlier one is used


def snapshot_dates(zones: Sequence[ControlZone]) -> list[dt.date]:
    return sorted({z.valid_from for z in zones})


def snapshot_on(zones: Sequence[ControlZone], day: dt.date) -> Snapshot | None:
    """The snapshot valid on `day`; else the latest one that began before it (marked not
    exact); else, for a day before every snapshot, None."""
    valid = [z for z in zones if z.valid_on(day)]
    if valid:
        start = max(z.valid_from for z in valid)
        return Snapshot(start, tuple(z for z in valid if z.valid_from == start), True)
    earlier = [d for d in snapshot_dates(zones) if d <= day]
    if not earlier:
        return None
    start = earlier[-1]
    return Snapshot(start, tuple(z for z in zones if z.valid_from == start), False)


def zones_on(zones: Sequence[ControlZone], day: dt.date) -> list[ControlZone]:
    snap = snapshot_on(zones, day)
    return list(snap.zones) if snap else []


def footprint(place: Place) -> BaseGeometry:
    """The area whose majority holder controls the place (see the module docstring)."""
    geom = place.geometry
    km = FOOTPRINT_KM.get(place.kind)
    if geom.geom_type != "Point" or km is None:
        return geom
    lat_deg = km / 111.32
    disc = geom.buffer(lat_deg, quad_segs=8)
    return affinity.scale(disc, xfact=1.0 / max(math.cos(math.radians(geom.y)), 0.1), yfact=1.0)


def controllers(
    places: Sequence[Place], day: dt.date, zones: Sequence[ControlZone]
) -> list[ControlZone | None]:
    """For each place, the zone holding most of its footprint on `day` (None outside all)."""
    current = zones_on(zones, day)
    if not places or not current:
        return [None] * len(places)
    zone_geoms = np.array([z.geometry for z in current], dtype=object)
    feet = np.array([footprint(p) for p in places], dtype=object)
    tree = shapely.STRtree(zone_geoms)
    place_idx, zone_idx = tree.query(feet, predicate="intersects")
    areal = shapely.get_dimensions(feet[place_idx]) == 2
    weight = np.where(
        areal, shapely.area(shapely.intersection(feet[place_idx], zone_geoms[zone_idx])), 1.0
    )
    # Per place, the zone with the largest share: sort by (place, weight), keep each last.
    order = np.lexsort((weight, place_idx))
    p_sorted, z_sorted = place_idx[order], zone_idx[order]
    last = np.r_[p_sorted[1:] != p_sorted[:-1], True] if len(p_sorted) else p_sorted.astype(bool)
    winner = np.full(len(places), -1)
    winner[p_sorted[last]] = z_sorted[last]
    return [current[z] if z >= 0 else None for z in winner]


def controller(place: Place, day: dt.date, zones: Sequence[ControlZone]) -> ControlZone | None:
    return controllers([place], day, zones)[0]
