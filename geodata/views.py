"""What a view asks the store for, and what it gets: bounded by the screen, never by the data.

A map view needs marks (a few thousand at most), a popup needs one place's events, a table one
page of rows. The store answers each with an indexed query (`geodata/store/views.py`); nothing
here loads events. This module holds the questions and answers as plain data, and the one
clustering scheme both backends compute in SQL:

**Clustering.** Below `PLACE_ZOOM`, or when a view would hold more than `MAX_MARKS` places,
events are grouped by grid cell rather than by place. A cell is a square of `cell_size(zoom)`
degrees aligned on longitude -180 and latitude -90 (`cell_of`), so the cells are the same
whichever way the map is panned: a pan adds and drops cells, it never regroups them. At zoom z
a cell is 360 / 2**(z + 2) degrees, about 64 screen pixels at Syria's latitude. A cell's mark
sits at the mean position of its events and is labelled by its busiest place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

PLACE_ZOOM = 10  # from this zoom on, one mark per place (or per event coordinate)
MAX_MARKS = 2000  # a view never holds more marks than this
POPUP_EVENTS = 6  # events per section of a popup; the rest are counted


class BBox(NamedTuple):
    """West, south, east, north in degrees (EPSG:4326)."""

    west: float
    south: float
    east: float
    north: float

    def clamp(self) -> BBox:
        return BBox(max(self.west, -180.0), max(self.south, -90.0), min(self.east, 180.0),
                    min(self.north, 90.0))


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
