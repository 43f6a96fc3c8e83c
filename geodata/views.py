"""What a view asks the store for, and what it gets: bounded by the screen, never by the data.

A map view needs marks (a few thousand at most), a popup needs one place's events, a table one
page of rows. The store answers each with an indexed query (`geodata/store/views.py`); nothing
here loads events. This module holds the questions and answers as plain data, and the one
clustering scheme both backends compute in SQL:

**Clustering.** A view shows one mark per location (a place, or an event coordinate without
place) when the locations in its box number at most `place_budget(zoom)` =
min(`MAX_MARKS`, 50 * 2**(zoom - 5)): 25 at zoom 4, 200 at zoom 7, 1,600 at zoom 10, then
`MAX_MARKS`. The budget grows with the zoom as the screen's ground shrinks, so a sparse data
set (the shipped one: a few dozen places) is drawn per place at the country's zoom, and a dense
one (thousands of locations) is clustered until the view is a city. Otherwise events are
grouped by grid cell rather than by place. A cell is a square of `cell_size(zoom)`
degrees aligned on longitude -180 and latitude -90 (`cell_of`), so the cells are the same
whichever way the map is panned: a pan adds and drops cells, it never regroups them. At zoom z
a cell is 360 / 2**(z + 2) degrees, about 64 screen pixels at Syria's latitude. A cell's mark
sits at the mean position of its events and is labelled by its busiest place.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

PLACE_ZOOM = 10  # from this zoom on, a view's place budget is at least 1,600 locations
MAX_MARKS = 2000  # a view never holds more marks than this
VIEW_PX = (1800, 800)  # the screen a view's box covers: a wide screen's map, with a margin
SNAP_PX = 256  # the grid a view's box is aligned on, in screen pixels (see `view_box`)
POPUP_EVENTS = 6  # events per section of a popup; the rest are counted


class BBox(NamedTuple):
    """West, south, east, north in degrees (EPSG:4326)."""

    west: float
    south: float
    east: float
    north: float

    def clamp(self) -> BBox:
        return BBox(
            max(self.west, -180.0), max(self.south, -90.0), min(self.east, 180.0), min(self.north, 90.0)
        )


@dataclass(frozen=True)
class EventFilter:
    """The events a view shows: known by `day`, of `types`, involving `actors` (as actor,
    target or mediator); empty means no filter. Viewers see accepted events only."""

    day: dt.date
    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    include_drafts: bool = False


@dataclass(frozen=True)
class MarkQuery:
    filter: EventFilter
    bbox: BBox
    zoom: int
    limit: int = MAX_MARKS


@dataclass(frozen=True)
class Mark:
    """One mark on the map: a place, an event coordinate no gazetteer place stands for, or a
    cell of several. `key` says which, and is what a click sends back: `place:<id>`,
    `point:<lon>,<lat>` or `cell:<zoom>:<i>:<j>`."""

    key: str
    lat: float
    lon: float
    label: str
    n_events: int
    by_type: dict[str, int] = field(default_factory=dict)
    place_id: str | None = None
    kind: str | None = None  # the place's kind; None for a point or a cell
    precision: int = 1  # ACLED's geo_precision: 1 the place itself, 2 near it, 3 a region
    n_places: int = 1

    @property
    def is_cell(self) -> bool:
        return self.key.startswith("cell:")


@dataclass(frozen=True)
class MarkSet:
    marks: list[Mark]
    clustered: bool  # marks are cells (zoomed out, or too many places in view)
    total_events: int  # events in the filter and the box, whatever the marks


def place_budget(zoom: int) -> int:
    """How many locations a view at `zoom` shows one by one (see the module docstring)."""
    return int(min(MAX_MARKS, 50 * 2.0 ** (zoom - 5)))


def per_place(q: MarkQuery, n_locations: int) -> bool:
    """Whether a view of `n_locations` locations in its box shows a mark per location (else
    per cell): at most `place_budget(q.zoom)` of them, and at most `q.limit`."""
    return n_locations <= min(q.limit, place_budget(q.zoom))


def in_box(points: Iterable[tuple[str, float, float]], box: BBox, limit: int) -> list[str]:
    """The ids of (id, lat, lon) points inside `box`, the first `limit` by id: what a view
    draws of the places it knows without asking the store (bounded whatever the gazetteer)."""
    w, s, e, n = box.clamp()
    return sorted(i for i, lat, lon in points if w <= lon <= e and s <= lat <= n)[:limit]


def view_box(lat: float, lon: float, zoom: int, size_px: tuple[int, int] = VIEW_PX) -> BBox:
    """The box a map view of `size_px` screen pixels centred on (lat, lon) asks for.

    Its centre is snapped to a grid of `SNAP_PX` pixels at `zoom` (Web Mercator, as the map
    draws) and the box grown by one step, so it covers the screen wherever the centre lies in
    its grid square, and is the same box (the same query, the same data layer) for every
    centre in that square: a small pan, or the pan a popup makes to fit on the screen, has
    nothing new to ask or to send."""
    scale = 256.0 * 2.0**zoom
    siny = min(max(math.sin(math.radians(lat)), -0.9999), 0.9999)
    x = (lon + 180.0) / 360.0 * scale
    y = (0.5 - math.log((1 + siny) / (1 - siny)) / (4 * math.pi)) * scale
    cx, cy = round(x / SNAP_PX) * SNAP_PX, round(y / SNAP_PX) * SNAP_PX
    half_w, half_h = (size_px[0] + SNAP_PX) / 2, (size_px[1] + SNAP_PX) / 2

    def lon_of(px: float) -> float:
        return px / scale * 360.0 - 180.0

    def lat_of(py: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * py / scale))))

    return BBox(lon_of(cx - half_w), lat_of(cy + half_h), lon_of(cx + half_w), lat_of(cy - half_h)).clamp()


def cell_size(zoom: int) -> float:
    """The side of a cluster cell at `zoom`, in degrees."""
    return 360.0 / 2 ** (max(0, zoom) + 2)


def cell_of(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    """The cell holding a point at `zoom` (see the module docstring)."""
    size = cell_size(zoom)
    return int((lon + 180.0) // size), int((lat + 90.0) // size)


def cell_key(zoom: int, i: int, j: int) -> str:
    return f"cell:{zoom}:{i}:{j}"


def point_key(lon: float, lat: float) -> str:
    return f"point:{lon:.5f},{lat:.5f}"


def parse_key(key: str) -> tuple[str, tuple[str, ...]]:
    """`place:qamishli` -> ("place", ("qamishli",)); unknown shapes -> ("", ())."""
    kind, _, rest = key.partition(":")
    if kind == "place" and rest:
        return kind, (rest,)
    if kind == "point" and "," in rest:
        return kind, tuple(rest.split(",", 1))
    if kind == "cell" and rest.count(":") == 2:
        return kind, tuple(rest.split(":"))
    return "", ()
