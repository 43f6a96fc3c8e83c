"""Which faction held each event's location on its day: computed once per write and per zone
change (`locations.py` stores it in `locations.faction`), never per view.

The snapshot of a day is the latest one that began on or before it (`zones.snapshot_on`'s rule;
a day before every snapshot has none), and the holder of a point is the zone of that snapshot
the point lies in (`shapely.contains_xy`, vectorised). For many points a snapshot is first
rasterised into a grid of `CELL` degrees: a cell no zone boundary crosses takes the zone of its
centre, so only the points in the few cells a boundary crosses are tested against polygons. The
grid is exact: a boundary is densified to vertices at most half a cell apart and every cell
within one cell of such a vertex counts as crossed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

CELL = 0.02  # degrees (about 2 km): the grid's resolution
GRID_MIN = 20_000  # points of one snapshot from which the grid pays for itself
MIXED = -2  # a grid cell a boundary crosses
OUTSIDE = -1


@dataclass(frozen=True)
class ZoneRow:
    """A control zone as the assignment needs it."""

    faction: str
    valid_from: dt.date
    geometry: BaseGeometry


@dataclass
class _Grid:
    """One snapshot rasterised (see the module docstring)."""

    west: float
    south: float
    cells: np.ndarray  # (nx, ny) int16: a zone's index, OUTSIDE or MIXED


@dataclass
class _Snapshot:
    zones: list[ZoneRow]
    bounds: np.ndarray  # (n, 4)
    grid: _Grid | None = None


@dataclass
class ZoneIndex:
    """The zones of every snapshot, ready to say who held a point on a day."""

    starts: np.ndarray  # sorted ordinals of the snapshots' valid_from
    snapshots: list[_Snapshot] = field(default_factory=list)

    @classmethod
    def build(cls, zones: Sequence[ZoneRow]) -> ZoneIndex:
        by_start: dict[dt.date, list[ZoneRow]] = {}
        for z in zones:
            by_start.setdefault(z.valid_from, []).append(z)
        starts = sorted(by_start)
        snaps = []
        for start in starts:
            group = by_start[start]
            geoms = [z.geometry for z in group]
            shapely.prepare(geoms)
            snaps.append(_Snapshot(group, np.array(shapely.bounds(geoms)).reshape(-1, 4)))
        return cls(np.array([d.toordinal() for d in starts], dtype=np.int64), snaps)

    def assign(self, lon: Any, lat: Any, day: Any) -> list[str | None]:
        """The faction holding each point (lon, lat) on its day (an ordinal); None where no
        snapshot had begun or no zone holds it."""
        lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        day = np.asarray(day, dtype=np.int64)
        out = np.full(len(lon), OUTSIDE, dtype=np.int32)
        which = np.searchsorted(self.starts, day, side="right") - 1
        known = ~np.isnan(lon)
        for s, snap in enumerate(self.snapshots):
            rows = np.nonzero((which == s) & known)[0]
            if len(rows):
                out[rows] = _zone_of(snap, lon[rows], lat[rows])
        return [
            self.snapshots[w].zones[k].faction if k >= 0 else None
            for w, k in zip(which.tolist(), out.tolist(), strict=True)
        ]


def _zone_of(snap: _Snapshot, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The index of the zone of `snap` holding each point (OUTSIDE for none)."""
    zone = np.full(len(x), OUTSIDE, dtype=np.int32)
    todo = np.arange(len(x))
    if len(x) >= GRID_MIN:
        if snap.grid is None:
            snap.grid = _rasterise(snap)
        zone, todo = _from_grid(snap.grid, x, y)
    for k, z in enumerate(snap.zones):
        west, south, east, north = snap.bounds[k]
        px, py = x[todo], y[todo]
        cand = todo[(px >= west) & (px <= east) & (py >= south) & (py <= north)]
        if len(cand):
            hit = shapely.contains_xy(z.geometry, x[cand], y[cand])
            zone[cand[hit]] = k
    return zone


def _from_grid(grid: _Grid, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Zones read off the grid, and the points it cannot tell (in a crossed cell)."""
    nx, ny = grid.cells.shape
    i = np.floor((x - grid.west) / CELL).astype(np.int64)
    j = np.floor((y - grid.south) / CELL).astype(np.int64)
    inside = (i >= 0) & (i < nx) & (j >= 0) & (j < ny)
    zone = np.full(len(x), OUTSIDE, dtype=np.int32)
    zone[inside] = grid.cells[i[inside], j[inside]]
    todo = np.nonzero(zone == MIXED)[0]
    zone[todo] = OUTSIDE
    return zone, todo


def _rasterise(snap: _Snapshot) -> _Grid:
    west, south = snap.bounds[:, 0].min() - CELL, snap.bounds[:, 1].min() - CELL
    east, north = snap.bounds[:, 2].max() + CELL, snap.bounds[:, 3].max() + CELL
    nx, ny = int((east - west) / CELL) + 1, int((north - south) / CELL) + 1
    cells = np.full((nx, ny), OUTSIDE, dtype=np.int16)
    ii, jj = np.meshgrid(np.arange(nx), np.arange(ny), indexing="ij")
    cx, cy = west + (ii.ravel() + 0.5) * CELL, south + (jj.ravel() + 0.5) * CELL
    flat = cells.reshape(-1)
    for k, z in enumerate(snap.zones):
        a, b, c, d = snap.bounds[k]
        cand = np.nonzero((cx >= a) & (cx <= c) & (cy >= b) & (cy <= d))[0]
        flat[cand[shapely.contains_xy(z.geometry, cx[cand], cy[cand])]] = k
    for z in snap.zones:
        ring = shapely.segmentize(shapely.boundary(z.geometry), CELL / 2)
        xy = shapely.get_coordinates(ring)
        bi = np.floor((xy[:, 0] - west) / CELL).astype(np.int64)
        bj = np.floor((xy[:, 1] - south) / CELL).astype(np.int64)
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                cells[np.clip(bi + di, 0, nx - 1), np.clip(bj + dj, 0, ny - 1)] = MIXED
    return _Grid(west, south, cells)
