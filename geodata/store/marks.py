"""A map view's marks (`geodata.views`): per place or coordinate, or per grid cell, computed
from the columnar cache (`columns.py`, what the store serves) or with SQL GROUP BY
(`marks_sql`: the reference the tests compare with, and the benchmark's other contender).

Both follow the same rules. The rows of the filter and the box are grouped by location (a
place, or a coordinate without place); from `PLACE_ZOOM` on, when there are at most `limit`
locations, each is a mark at its point. Otherwise locations are grouped by the grid cell their
point falls in (`views.cell_of`, computed as floor((lon + 180) / size)): a cell's mark sits at
the mean position of its rows, is labelled by its busiest place (failing that its busiest
coordinate's name), counts its distinct locations as `n_places`, and the `limit` busiest cells
are kept. Counts are of events: an event at two places of one cell counts once there.
Ties are broken by key, so the marks are the same on both backends and on every call.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..views import PLACE_ZOOM, Mark, MarkQuery, MarkSet, cell_key, cell_size, point_key
from .columns import Columns

UNNAMED = "unnamed location"


@dataclass
class Group:
    """What is counted for one mark (a location, or a cell) before it becomes a `Mark`."""

    lon: float
    lat: float
    n_rows: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    precision: int = 3
    place: str | None = None  # the place id, for a place's mark
    label: str | None = None  # a coordinate's name
    sum_lon: float = 0.0
    sum_lat: float = 0.0
    n_places: int = 1

    @property
    def n_events(self) -> int:
        return sum(self.by_type.values())


@dataclass(frozen=True)
class PlaceNames:
    """How a place is named and what kind it is (the store's place index)."""

    name: Callable[[str], str]
    kind: Callable[[str], str | None]


def location_mark(g: Group, names: PlaceNames) -> Mark:
    by_type = dict(sorted(g.by_type.items()))
    if g.place is not None:
        return Mark(f"place:{g.place}", g.lat, g.lon, names.name(g.place), g.n_events, by_type,
                    g.place, names.kind(g.place), g.precision)
    return Mark(point_key(g.lon, g.lat), g.lat, g.lon, g.label or UNNAMED, g.n_events, by_type,
                None, None, g.precision)


def cell_marks(locations: Iterable[Group], cells: dict[tuple[int, int], Group], q: MarkQuery,
               names: PlaceNames) -> list[Mark]:
    """The marks of the `q.limit` busiest cells; `cells` holds their counts and positions,
    `locations` what each cell holds (for its label and number of places)."""
    size = cell_size(q.zoom)
    best: dict[tuple[int, int], tuple[tuple[int, int], str]] = {}
    for g in locations:
        cell = (math.floor((g.lon + 180.0) / size), math.floor((g.lat + 90.0) / size))
        c, seen = cells[cell], cell in best
        c.n_places = c.n_places + 1 if seen else 1
        c.precision = min(c.precision, g.precision) if seen else g.precision
        name = names.name(g.place) if g.place is not None else (g.label or UNNAMED)
        # The busiest place names the cell (failing that the busiest coordinate); ties by name.
        rank = (int(g.place is not None), g.n_rows)
        if not seen or rank > best[cell][0] or (rank == best[cell][0] and name < best[cell][1]):
            best[cell] = (rank, name)
    for cell, (_, name) in best.items():
        cells[cell].label = name
    kept = sorted(cells.items(), key=lambda kv: (-kv[1].n_events, kv[0]))[: q.limit]
    return [Mark(cell_key(q.zoom, i, j), c.sum_lat / c.n_rows, c.sum_lon / c.n_rows,
                 c.label or UNNAMED, c.n_events, dict(sorted(c.by_type.items())), None, None,
                 c.precision, c.n_places) for (i, j), c in kept]


def ordered(marks: list[Mark]) -> list[Mark]:
    return sorted(marks, key=lambda m: (-m.n_events, m.key))


# -- from the columnar cache ---------------------------------------------------------------------


def marks_of_columns(cols: Columns, q: MarkQuery, names: PlaceNames) -> MarkSet:
    rows = np.nonzero(cols.mask(q.filter, q.bbox.clamp()))[0]  # NaN coordinates never match
    total = len(cols.distinct_events(rows))
    if not len(rows):
        return MarkSet([], q.zoom < PLACE_ZOOM, 0)
    per_loc = np.bincount(cols.loc[rows], minlength=len(cols.loc_lon))
    present = np.nonzero(per_loc)[0]
    groups = _location_groups(cols, rows, present)
    if q.zoom >= PLACE_ZOOM and len(present) <= q.limit:
        return MarkSet(ordered([location_mark(g, names) for g in groups]), False, total)
    return MarkSet(cell_marks(groups, _cells(cols, rows, q), q, names), True, total)


def _location_groups(cols: Columns, rows: np.ndarray, present: np.ndarray) -> list[Group]:
    k, types = len(present), cols.values("type")
    remap = np.full(len(cols.loc_lon), -1, dtype=np.int64)
    remap[present] = np.arange(k)
    g = remap[cols.loc[rows]]
    by_type = np.bincount(g * len(types) + cols.type[rows],
                          minlength=k * len(types)).reshape(k, len(types))
    precision = np.full(k, 127, dtype=np.int16)
    np.minimum.at(precision, g, cols.precision[rows])
    labels = cols.values("label")
    rank = np.argsort(np.argsort(np.array(labels, dtype=object))) if labels else np.zeros(0)
    best = np.full(k, len(labels), dtype=np.int64)
    with_label = np.nonzero(cols.label[rows] >= 0)[0]
    np.minimum.at(best, g[with_label], rank[cols.label[rows][with_label]].astype(np.int64))
    by_rank = sorted(labels)
    n_places, places = cols.n_places, cols.values("place")
    out = []
    for i, code in enumerate(present.tolist()):
        counts = {types[t]: int(n) for t, n in enumerate(by_type[i]) if n}
        out.append(Group(float(cols.loc_lon[code]), float(cols.loc_lat[code]),
                         int(by_type[i].sum()), counts, int(precision[i]),
                         places[code] if code < n_places else None,
                         by_rank[best[i]] if best[i] < len(labels) else None))
    return out


def _cells(cols: Columns, rows: np.ndarray, q: MarkQuery) -> dict[tuple[int, int], Group]:
    size = cell_size(q.zoom)
    ci = np.floor((cols.lon[rows] + 180.0) / size).astype(np.int64)
    cj = np.floor((cols.lat[rows] + 90.0) / size).astype(np.int64)
    pairs, cell = np.unique(np.stack([ci, cj], axis=1), axis=0, return_inverse=True)
    cell = cell.reshape(-1)
    n, types = len(pairs), cols.values("type")
    n_rows = np.bincount(cell, minlength=n)
    sum_lon = np.bincount(cell, weights=cols.lon[rows], minlength=n)
    sum_lat = np.bincount(cell, weights=cols.lat[rows], minlength=n)
    distinct = cols.distinct_events(np.arange(len(rows)), cell)
    by_type = np.bincount(cell[distinct] * len(types) + cols.type[rows][distinct],
                          minlength=n * len(types)).reshape(n, len(types))
    out = {}
    for c, (i, j) in enumerate(pairs.tolist()):
        counts = {types[t]: int(m) for t, m in enumerate(by_type[c]) if m}
        out[(i, j)] = Group(0.0, 0.0, int(n_rows[c]), counts, 3, None, None,
                            float(sum_lon[c]), float(sum_lat[c]))
    return out


# -- with SQL GROUP BY ---------------------------------------------------------------------------


def marks_sql(cur: Any, where: tuple[str, list[Any]], q: MarkQuery, names: PlaceNames,
              cell_sql: Callable[[str, float], str]) -> MarkSet:
    """The same marks computed by the database (`where`: the filter and the box as SQL)."""
    sql, params = where
    cur.execute(f"SELECT COUNT(DISTINCT event_id) FROM locations WHERE {sql}", params)
    total = int(cur.fetchone()[0])
    cur.execute("SELECT place_id, lon, lat, type, COUNT(*), MIN(precision), MIN(label) "
                f"FROM locations WHERE {sql} GROUP BY place_id, lon, lat, type", params)
    found: dict[tuple[Any, float, float], Group] = {}
    for place, lon, lat, kind, n, precision, label in cur.fetchall():
        g = found.setdefault((place, lon, lat), Group(lon, lat, 0, {}, 3, place, None))
        g.n_rows += n
        g.by_type[kind] = n
        g.precision = min(g.precision, precision)
        g.label = label if g.label is None or (label is not None and label < g.label) \
            else g.label
    if not found:
        return MarkSet([], q.zoom < PLACE_ZOOM, total)
    if q.zoom >= PLACE_ZOOM and len(found) <= q.limit:
        return MarkSet(ordered([location_mark(g, names) for g in found.values()]), False, total)
    size = cell_size(q.zoom)
    ci, cj = cell_sql("lon + 180.0", size), cell_sql("lat + 90.0", size)
    cur.execute(f"SELECT {ci}, {cj}, type, COUNT(DISTINCT event_id), SUM(lon), SUM(lat), "
                f"COUNT(*) FROM locations WHERE {sql} GROUP BY 1, 2, 3", params)
    cells: dict[tuple[int, int], Group] = {}
    for i, j, kind, n, sum_lon, sum_lat, n_rows in cur.fetchall():
        c = cells.setdefault((int(i), int(j)), Group(0.0, 0.0))
        c.by_type[kind] = int(n)
        c.sum_lon, c.sum_lat, c.n_rows = c.sum_lon + sum_lon, c.sum_lat + sum_lat, c.n_rows + n_rows
    return MarkSet(cell_marks(found.values(), cells, q, names), True, total)
