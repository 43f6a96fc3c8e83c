"""Zone assignment (issue 10): the grid-accelerated, vectorised assignment agrees with testing
every point against every zone of the snapshot in force, and a day before every snapshot has
no zone."""

from __future__ import annotations

import datetime as dt

import numpy as np
import shapely
from shapely.geometry import Point, box

from geodata.store import zoning
from geodata.store.zoning import ZoneIndex, ZoneRow

START, LATER = dt.date(2021, 1, 20), dt.date(2022, 1, 1)
ZONES = [
    ZoneRow("sdf", START, Point(40.0, 36.5).buffer(0.8, quad_segs=32)),
    ZoneRow(
        "government", START, box(36.0, 35.0, 39.5, 37.0).difference(Point(37.2, 36.2).buffer(0.05))
    ),  # with a hole (an enclave)
    ZoneRow("sna", START, Point(37.2, 36.2).buffer(0.05)),
    ZoneRow("sdf", LATER, box(36.0, 35.0, 42.0, 37.5)),
]


def brute_force(lon, lat, day) -> list[str | None]:
    out = []
    for x, y, d in zip(lon, lat, day, strict=True):
        starts = [z.valid_from.toordinal() for z in ZONES if z.valid_from.toordinal() <= d]
        snapshot = max(starts, default=None)
        found = [
            z.faction
            for z in ZONES
            if z.valid_from.toordinal() == snapshot and shapely.contains_xy(z.geometry, x, y)
        ]
        out.append(found[-1] if found else None)
    return out


def test_assign__grid_agrees_with_point_in_polygon(monkeypatch):
    rng = np.random.default_rng(10)
    n = 6_000
    lon, lat = rng.uniform(35.5, 42.5, n), rng.uniform(34.5, 38.0, n)
    lon[:500], lat[:500] = 37.2 + rng.normal(0, 0.04, 500), 36.2 + rng.normal(0, 0.04, 500)
    day = rng.integers(START.toordinal() - 30, LATER.toordinal() + 30, n)
    expected = brute_force(lon, lat, day)
    monkeypatch.setattr(zoning, "GRID_MIN", 10**9)
    assert ZoneIndex.build(ZONES).assign(lon, lat, day) == expected
    monkeypatch.setattr(zoning, "GRID_MIN", 100)  # the grid, for every snapshot
    index = ZoneIndex.build(ZONES)
    assert index.assign(lon, lat, day) == expected
    assert all(s.grid is not None for s in index.snapshots)


def test_assign__before_every_snapshot_or_without_coordinates_none():
    index = ZoneIndex.build(ZONES)
    day = START.toordinal()
    assert index.assign([40.0, np.nan], [36.5, np.nan], [day - 1, day]) == [None, None]
    assert index.assign([40.0], [36.5], [day]) == ["sdf"]
    assert ZoneIndex.build([]).assign([40.0], [36.5], [day]) == [None]
