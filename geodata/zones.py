"""Control zones: which snapshot is in force on a date, who controls a place and since when,
and what changed hands between two dates.

A point place is controlled by the zone it falls in. A city is not a point, though: the
Hasakah security square is a government enclave inside an SDF-held city, and GeoNames puts
Hasakah's point a few hundred metres from it. So `controller` asks who holds most of the
place's *footprint*: its polygon, or for a point a disc whose radius depends on its kind
(3 km for a city, 1 km for a town, the point itself for a village or facility). The join of
many places is vectorised: one STRtree query, one vectorised intersection, a group-by.

Through time: `held_since` walks the snapshots back from a date while the place's holder stays
the same faction, so "since" is the first snapshot of that run (the change happened between the
snapshot before it and that one). `changes` overlays the snapshots of two dates: every piece
where the later zone's faction differs from the earlier one's, grouped by (from, to), with its
area in km² computed in an equal-area projection (Lambert azimuthal, centred on Syria), as are
the areas per faction at both dates.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyproj
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from .geometry import polygonal
from .kept import KeptFor
from .model import ControlZone, Place, PlaceKind

FOOTPRINT_KM = {PlaceKind.CITY: 3.0, PlaceKind.TOWN: 1.0}


@dataclass(frozen=True)
class Snapshot:
    as_of: dt.date  # the snapshot's valid_from
    zones: tuple[ControlZone, ...]
    exact: bool  # False when no snapshot is valid on the day and the nearest earlier one is used


def snapshot_dates(zones: Sequence[ControlZone]) -> list[dt.date]:
    return sorted({z.valid_from for z in zones})


def latest_snapshot(zones: Sequence[ControlZone]) -> dt.date | None:
    """The date of the newest snapshot: what the map and `zonemap controller` show by default."""
    return max((z.valid_from for z in zones), default=None)


def step_snapshot(zones: Sequence[ControlZone], day: dt.date, step: int) -> dt.date | None:
    """The snapshot date `step` snapshots after (or, negative, before) the one shown on `day`;
    None past either end. From a day before every snapshot, +1 is the first snapshot."""
    dates = snapshot_dates(zones)
    shown = snapshot_on(zones, day)
    i = dates.index(shown.as_of) if shown else -1
    j = i + step
    return dates[j] if 0 <= j < len(dates) and (shown or step > 0) else None


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
    return footprints([place])[0]


DISC_VERTICES = 32  # as `Point.buffer(r, quad_segs=8)` draws a disc


def footprints(places: Sequence[Place]) -> np.ndarray:
    """`footprint` of many places, as an array of geometries: the discs of cities and towns
    drawn at once with numpy (a polygon of `DISC_VERTICES` around the point, stretched east-west
    by 1/cos(latitude) so that it is round on the ground), every other place its geometry."""
    out = np.empty(len(places), dtype=object)
    out[:] = [p.geometry for p in places]
    disc = [
        (i, p.geometry.x, p.geometry.y, FOOTPRINT_KM[p.kind] / 111.32)
        for i, p in enumerate(places)
        if p.kind in FOOTPRINT_KM and isinstance(p.geometry, Point)
    ]
    if disc:
        idx, x, y, r = (np.array(col) for col in zip(*disc, strict=True))
        angle = np.linspace(0.0, 2 * np.pi, DISC_VERTICES + 1)
        rx = (r / np.maximum(np.cos(np.radians(y)), 0.1))[:, None]
        ring = np.stack([x[:, None] + rx * np.cos(angle), y[:, None] + r[:, None] * np.sin(angle)], axis=-1)
        ring[:, -1] = ring[:, 0]  # closed exactly
        out[idx] = shapely.polygons(ring)
    return out


def controllers(
    places: Sequence[Place], day: dt.date, zones: Sequence[ControlZone]
) -> list[ControlZone | None]:
    """For each place, the zone of the faction holding most of its footprint on `day` (that
    faction's zones of every confidence counted together; its largest share returned), None
    outside all."""
    return _controllers(footprints(places), zones_on(zones, day))


# A footprint larger than this (square degrees: about 100 km²; a region or a governorate, not a
# city's 28 km² disc or an enclave) shares itself among the zones by points sampled inside it,
# not by an exact overlay: the overlays of the ~150 curated regions with one snapshot's zones
# took ~125 ms, a third of a rerun that switches date, and "who holds most of it" needs shares,
# not square metres.
EXACT_DEG2 = 0.01
SAMPLES = 400  # points per large footprint: a share within about 2.5 points
CLOSE = 0.05  # two factions' sampled shares this close: overlaid exactly


_SAMPLED: KeptFor[tuple[np.ndarray, np.ndarray]] = KeptFor(50_000)


def _samples(foot: BaseGeometry) -> tuple[np.ndarray, np.ndarray]:
    """About `SAMPLES` points of a regular grid inside `foot`, made once per footprint object
    (an area's footprint is its own geometry, which lives as long as its dataset)."""
    return _SAMPLED.get(foot, lambda: _grid_inside(foot))


def _grid_inside(foot: BaseGeometry) -> tuple[np.ndarray, np.ndarray]:
    """The grid's points inside `foot` (its representative point if the grid misses it: a
    sliver)."""
    x0, y0, x1, y1 = foot.bounds
    side = max(int(np.sqrt(SAMPLES * (x1 - x0) * (y1 - y0) / max(foot.area, 1e-12))), 2)
    gx, gy = np.meshgrid(np.linspace(x0, x1, side + 2)[1:-1], np.linspace(y0, y1, side + 2)[1:-1])
    xs, ys = gx.ravel(), gy.ravel()
    inside = shapely.contains_xy(foot, xs, ys)
    if inside.any():
        return xs[inside], ys[inside]
    point = foot.representative_point()
    return np.array([point.x]), np.array([point.y])


def _sampled_overlaps(
    feet: np.ndarray, place_idx: np.ndarray, zone_geoms: np.ndarray, zone_idx: np.ndarray
) -> np.ndarray:
    """The area of each (footprint, zone) pair's overlap, estimated as the footprint's area
    times the share of its sample points the zone holds: one `contains_xy` per zone over the
    samples of every footprint paired with it."""
    samples = {int(i): _samples(feet[i]) for i in np.unique(place_idx)}
    shapely.prepare(zone_geoms)  # kept on the zones' geometries: once per snapshot
    out = np.empty(len(place_idx))
    for z in np.unique(zone_idx):
        pairs = np.flatnonzero(zone_idx == z)
        xs = np.concatenate([samples[int(place_idx[k])][0] for k in pairs])
        ys = np.concatenate([samples[int(place_idx[k])][1] for k in pairs])
        inside = shapely.contains_xy(zone_geoms[z], xs, ys)
        ends = np.cumsum([len(samples[int(place_idx[k])][0]) for k in pairs])
        counts = np.add.reduceat(inside.astype(float), np.r_[0, ends[:-1]])
        for k, n, count in zip(pairs, np.diff(np.r_[0, ends]), counts, strict=True):
            out[k] = feet[place_idx[k]].area * count / n
    return out


def _overlap_weights(
    feet: np.ndarray,
    place_idx: np.ndarray,
    zone_idx: np.ndarray,
    zone_geoms: np.ndarray,
    factions: np.ndarray,
) -> np.ndarray:
    """How much of each footprint each zone of its (place, zone) pairs holds. Only a place that
    several zones touch needs it; a large footprint's shares are sampled, and overlaid exactly
    only when its two leading factions come within `CLOSE` of each other."""
    several = np.bincount(place_idx, minlength=len(feet))[place_idx] > 1
    need = several & (shapely.get_dimensions(feet[place_idx]) == 2)
    weight = np.ones(len(place_idx))
    large = need & (shapely.area(feet[place_idx]) > EXACT_DEG2)
    exact = need & ~large
    if large.any():
        weight[large] = _sampled_overlaps(feet, place_idx[large], zone_geoms, zone_idx[large])
        exact |= large & _close_calls(feet, place_idx, factions, weight, large)
    weight[exact] = shapely.area(shapely.intersection(feet[place_idx[exact]], zone_geoms[zone_idx[exact]]))
    return weight


def _close_calls(
    feet: np.ndarray, place_idx: np.ndarray, factions: np.ndarray, weight: np.ndarray, large: np.ndarray
) -> np.ndarray:
    """The pairs of the large footprints whose two leading factions' sampled shares lie within
    `CLOSE` of each other (within twice the sampling error: the sample cannot tell them apart)."""
    out = np.zeros(len(place_idx), dtype=bool)
    for i in np.unique(place_idx[large]):
        pairs = place_idx == i
        shares = np.sort(np.bincount(factions[pairs], weights=weight[pairs]))[::-1] / feet[i].area
        if len(shares) > 1 and shares[0] - shares[1] < CLOSE:
            out |= pairs
    return out


def _controllers(feet: np.ndarray, current: Sequence[ControlZone]) -> list[ControlZone | None]:
    """`controllers` of footprints among the zones of one snapshot."""
    if not len(feet) or not current:
        return [None] * len(feet)
    zone_geoms = np.array([z.geometry for z in current], dtype=object)
    # The tree holds the footprints and each zone asks it once: a zone is prepared once for
    # all the footprints near it (not once per footprint). Pairs sorted by (place, zone).
    zone_idx, place_idx = shapely.STRtree(feet).query(zone_geoms, predicate="intersects")
    order = np.lexsort((zone_idx, place_idx))
    place_idx, zone_idx = place_idx[order], zone_idx[order]
    names, faction_idx = np.unique([z.faction for z in current], return_inverse=True)
    weight = _overlap_weights(feet, place_idx, zone_idx, zone_geoms, faction_idx[zone_idx])
    # Per place: sort by (place, its faction's share, the zone's share), keep each last.
    key = place_idx * len(names) + faction_idx[zone_idx]
    share = np.bincount(key, weights=weight, minlength=len(feet) * len(names))[key]
    order = np.lexsort((weight, share, place_idx))
    p_sorted, z_sorted = place_idx[order], zone_idx[order]
    last = np.r_[p_sorted[1:] != p_sorted[:-1], True] if len(p_sorted) else p_sorted.astype(bool)
    winner = np.full(len(feet), -1)
    winner[p_sorted[last]] = z_sorted[last]
    return [current[z] if z >= 0 else None for z in winner]


# Who holds each place in each snapshot, kept per snapshot's zones and per place object (both
# by identity, and both kept alive by the entry, so an id is never reused while it is here):
# `holdings` walks back through every earlier snapshot, and a reader stepping from one date to
# the next asks again about the same places in the same earlier snapshots.
_KEPT: dict[tuple[int, ...], tuple[tuple[ControlZone, ...], dict[int, tuple[Place, ControlZone | None]]]] = {}
_KEPT_SNAPSHOTS = 64  # snapshots kept (of every dataset loaded in the process)
_KEPT_PLACES = 200_000  # places kept per snapshot


def _kept_controllers(
    places: Sequence[Place], feet: np.ndarray, current: Sequence[ControlZone]
) -> list[ControlZone | None]:
    """`_controllers(feet, current)`, computed only for the places not asked about before."""
    key = tuple(map(id, current))
    entry = _KEPT.get(key)
    if entry is None:
        if len(_KEPT) >= _KEPT_SNAPSHOTS:
            _KEPT.clear()
        entry = _KEPT.setdefault(key, (tuple(current), {}))
    known = entry[1]
    missing = [i for i, p in enumerate(places) if (hit := known.get(id(p))) is None or hit[0] is not p]
    if missing and len(known) + len(missing) > _KEPT_PLACES:
        known.clear()  # then every place is asked about again
        missing = list(range(len(places)))
    if missing:
        found = _controllers(feet[missing], current)
        known.update((id(places[i]), (places[i], zone)) for i, zone in zip(missing, found, strict=True))
    return [known[id(p)][1] for p in places]


def controller(place: Place, day: dt.date, zones: Sequence[ControlZone]) -> ControlZone | None:
    return controllers([place], day, zones)[0]


def holders_at(
    lons: Sequence[float], lats: Sequence[float], day: dt.date, zones: Sequence[ControlZone]
) -> list[str | None]:
    """The faction holding each point on `day` (None outside every zone): one vectorised
    `contains_xy` per zone of the snapshot, for the few thousand marks of a view."""
    out: list[str | None] = [None] * len(lons)
    if not len(lons):
        return out
    x, y = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    left = np.ones(len(x), dtype=bool)
    for zone in zones_on(zones, day):
        inside = left & shapely.contains_xy(zone.geometry, x, y)
        for i in np.nonzero(inside)[0]:
            out[i] = zone.faction
        left &= ~inside
    return out


# -- through time ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Holding:
    """Who held a place on a date, and since which snapshot without a break."""

    zone: ControlZone  # the zone holding it in the snapshot shown on the date
    # The first snapshot of the run of snapshots in which this faction held it; None when not
    # looked for (an area, with `holdings(..., areas=False)`).
    since: dt.date | None
    before: str | None  # the faction holding it in the snapshot before `since`; None: first one

    @property
    def faction(self) -> str:
        return self.zone.faction


def holdings(
    places: Sequence[Place], day: dt.date, zones: Sequence[ControlZone], *, areas: bool = True
) -> list[Holding | None]:
    """`held_since` of many places: one vectorised `controllers` per snapshot. Without `areas`,
    a place of `AREA_KINDS` gets its holder of the day only (`since` None): an area is held in
    parts, and overlaying its outline with every earlier snapshot is what costs most (a region's
    or a governorate's outline against the zones: ~0.5 s per snapshot for the curated ones)."""
    shown = snapshot_on(zones, day)
    out: list[Holding | None] = [None] * len(places)
    if shown is None:
        return out
    feet = footprints(places)  # drawn once for every snapshot
    now = _kept_controllers(places, feet, shown.zones)
    open_ = {i: (z, shown.as_of) for i, z in enumerate(now) if z is not None}
    if not areas:
        for i in [i for i in open_ if places[i].kind in AREA_KINDS]:
            out[i] = Holding(open_.pop(i)[0], None, None)
    for snap_day in reversed([d for d in snapshot_dates(zones) if d < shown.as_of]):
        if not open_:
            break
        idx = list(open_)
        then = _kept_controllers([places[i] for i in idx], feet[idx], zones_on(zones, snap_day))
        for i, zone in zip(idx, then, strict=True):
            held, since = open_[i]
            if zone is not None and zone.faction == held.faction:
                open_[i] = (held, snap_day)
            else:
                out[i] = Holding(held, since, zone.faction if zone else None)
                del open_[i]
    for i, (held, since) in open_.items():
        out[i] = Holding(held, since, None)
    return out


def held_since(place: Place, day: dt.date, zones: Sequence[ControlZone]) -> Holding | None:
    """Who held `place` on `day` and since which snapshot (None: no zone holds it); `since` is
    always a date here."""
    return holdings([place], day, zones)[0]


# Lambert azimuthal equal-area, centred on Syria: areas within 0.1% over the country.
EQUAL_AREA = "+proj=laea +lat_0=35 +lon_0=38.5 +datum=WGS84 +units=m +no_defs"


@functools.cache
def _equal_area() -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(4326, pyproj.CRS.from_proj4(EQUAL_AREA), always_xy=True)


def area_km2(geom: BaseGeometry) -> float:
    """The area of a lon/lat geometry in km², in an equal-area projection."""
    return float(areas_km2([geom])[0])


def areas_km2(geoms: Sequence[BaseGeometry]) -> np.ndarray:
    """`area_km2` of many geometries: their coordinates projected in one call."""
    fwd = _equal_area().transform
    arr = np.empty(len(geoms), dtype=object)
    arr[:] = list(geoms)
    projected = shapely.transform(arr, lambda xy: np.column_stack(fwd(xy[:, 0], xy[:, 1])))
    return np.asarray(shapely.area(projected), dtype=float) / 1e6


def km2_by_faction(zones: Sequence[ControlZone]) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for zone, km2 in zip(zones, areas_km2([z.geometry for z in zones]), strict=True):
        out[zone.faction] += float(km2)
    return dict(out)


@dataclass(frozen=True)
class Handover:
    """An area that changed hands between two snapshots."""

    before: str  # faction
    after: str
    geometry: BaseGeometry
    km2: float


@dataclass(frozen=True)
class Changes:
    start: Snapshot
    end: Snapshot
    handovers: tuple[Handover, ...]  # largest first
    km2_start: dict[str, float]
    km2_end: dict[str, float]


def changes(zones: Sequence[ControlZone], start: dt.date, end: dt.date) -> Changes | None:
    """What changed hands between the snapshots shown on `start` and on `end` (None when a
    date is before every snapshot): the overlay of the two, one piece per (from, to)."""
    first, last = snapshot_on(zones, start), snapshot_on(zones, end)
    if first is None or last is None:
        return None
    old = np.array([z.geometry for z in first.zones], dtype=object)
    new = np.array([z.geometry for z in last.zones], dtype=object)
    i_new, i_old = shapely.STRtree(old).query(new, predicate="intersects")
    moved = np.array(
        [last.zones[j].faction != first.zones[i].faction for j, i in zip(i_new, i_old, strict=True)],
        dtype=bool,
    )
    i_new, i_old = i_new[moved], i_old[moved]
    pieces = shapely.intersection(new[i_new], old[i_old])
    groups: dict[tuple[str, str], list[BaseGeometry]] = defaultdict(list)
    for j, i, piece in zip(i_new, i_old, pieces, strict=True):
        if not piece.is_empty and piece.area > 0:
            groups[(first.zones[i].faction, last.zones[j].faction)].append(piece)
    handovers = []
    for (before, after), parts in groups.items():
        geom = polygonal(shapely.union_all(parts))
        if geom is not None:
            handovers.append(Handover(before, after, geom, area_km2(geom)))
    handovers.sort(key=lambda h: -h.km2)
    return Changes(first, last, tuple(handovers), km2_by_faction(first.zones), km2_by_faction(last.zones))


# Places that are areas rather than settlements, sites or neighbourhoods: what changed hands
# there is told by the areas per faction, not by a list of places.
AREA_KINDS = frozenset(
    {PlaceKind.COUNTRY, PlaceKind.GOVERNORATE, PlaceKind.DISTRICT, PlaceKind.SUBDISTRICT, PlaceKind.REGION}
)


def changed_places(
    places: Sequence[Place],
    start: dt.date,
    end: dt.date,
    zones: Sequence[ControlZone],
    found: Changes | None = None,
) -> list[tuple[Place, ControlZone | None, ControlZone | None]]:
    """The places whose controlling faction differs between the two dates. With `found` (the
    `changes` of those dates), only places whose footprint meets an area that changed hands
    are looked at: elsewhere every faction holds the same share of a footprint at both dates."""
    feet = footprints(places)
    if found is not None:
        areas = [h.geometry for h in found.handovers]
        hit = shapely.STRtree(feet).query(areas, predicate="intersects")[1] if areas else []
        keep = sorted(set(hit))
        places, feet = [places[i] for i in keep], feet[keep]
    before = _controllers(feet, zones_on(zones, start))
    after = _controllers(feet, zones_on(zones, end))
    return [
        (p, a, b)
        for p, a, b in zip(places, before, after, strict=True)
        if (a.faction if a else None) != (b.faction if b else None)
    ]
