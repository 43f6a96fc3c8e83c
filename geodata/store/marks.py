"""A map view's marks (`geodata.views`): per place or coordinate, or per grid cell, computed
from the columnar cache (`columns.py`, what the store serves) or with SQL GROUP BY
(`marks_sql`: the reference the tests compare with, and the benchmark's other contender).

Both follow the same rules. The rows of the filter and the box are grouped by location (a place,
or a coordinate without place); when there are at most `views.place_budget(zoom)` of them (and
at most `limit`), each is a mark at its point, labelled by the place's name or, for a
coordinate, by the first (alphabetically) of the names its rows keep. Otherwise locations are
grouped by the grid cell their point falls in (`views.cell_of`, computed as floor((lon + 180) /
size)): a cell's mark sits at the mean position of its rows, counts its distinct locations as
`n_places`, and is labelled by its busiest location (by rows; a place before a coordinate, then
by place id, or by longitude and latitude); the `limit` cells with most events are kept (ties by
cell index). Counts are of events: an event at two places of one cell counts once. Precision is
the best (lowest) of the rows'. The marks are the same on both backends.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..views import Mark, MarkQuery, MarkSet, cell_key, cell_size, per_place, point_key
from .columns import Columns

UNNAMED = "unnamed location"


@dataclass
class Group:
    """What is counted for one location (or cell) before it becomes a `Mark`."""

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

    def rank(self) -> tuple[Any, ...]:
        """The busiest location of a cell has the smallest rank."""
        return (self.place is None, -self.n_rows, self.place or "", self.lon, self.lat)


@dataclass(frozen=True)
class PlaceNames:
    """How a place is named and what kind it is (the store's place index)."""

    name: Callable[[str], str]
    kind: Callable[[str], str | None]


def location_mark(g: Group, names: PlaceNames) -> Mark:
    by_type = dict(sorted(g.by_type.items()))
    if g.place is not None:
        return Mark(
            f"place:{g.place}",
            g.lat,
            g.lon,
            names.name(g.place),
            g.n_events,
            by_type,
            g.place,
            names.kind(g.place),
            g.precision,
        )
    return Mark(
        point_key(g.lon, g.lat),
        g.lat,
        g.lon,
        g.label or UNNAMED,
        g.n_events,
        by_type,
        None,
        None,
        g.precision,
    )


def ordered(marks: list[Mark]) -> list[Mark]:
    return sorted(marks, key=lambda m: (-m.n_events, m.key))


def cell_of(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    size = cell_size(zoom)
    return math.floor((lon + 180.0) / size), math.floor((lat + 90.0) / size)


# -- from the columnar cache ---------------------------------------------------------------------


def marks_of_columns(cols: Columns, q: MarkQuery, names: PlaceNames) -> MarkSet:
    rows = np.nonzero(cols.mask(q.filter, q.bbox.clamp()))[0]  # NaN coordinates never match
    total = len(cols.distinct_events(rows))
    if not len(rows):
        return MarkSet([], False, 0)
    per_loc = np.bincount(cols.loc[rows], minlength=len(cols.loc_lon))
    present = np.nonzero(per_loc)[0]
    if per_place(q, len(present)):
        return MarkSet(ordered(_location_marks(cols, rows, present, names)), False, total)
    return MarkSet(_cell_marks(cols, rows, present, q, names), True, total)


def _group_of_rows(cols: Columns, rows: np.ndarray, present: np.ndarray) -> np.ndarray:
    remap = np.full(len(cols.loc_lon), -1, dtype=np.int64)
    remap[present] = np.arange(len(present))
    return remap[cols.loc[rows]]


def _min_precision(group: np.ndarray, precision: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, 3, dtype=np.int64)
    for p in (2, 1):
        out[np.bincount(group[precision == p], minlength=n) > 0] = p
    return out


def _labels(cols: Columns, rows: np.ndarray, group: np.ndarray, n: int) -> list[str | None]:
    """Per group, the first (alphabetically) of the names its rows keep."""
    label = cols.label[rows]
    named = np.nonzero(label >= 0)[0]
    best = np.full(n, len(cols.label_order), dtype=np.int64)
    np.minimum.at(best, group[named], cols.label_rank[label[named]])
    return [cols.label_order[b] if b < len(cols.label_order) else None for b in best.tolist()]


def _location_marks(cols: Columns, rows: np.ndarray, present: np.ndarray, names: PlaceNames) -> list[Mark]:
    k, types = len(present), cols.values("type")
    g = _group_of_rows(cols, rows, present)
    by_type = np.bincount(g * len(types) + cols.type[rows], minlength=k * len(types)).reshape(k, len(types))
    precision = _min_precision(g, cols.precision[rows], k)
    labels = _labels(cols, rows, g, k)
    places = cols.values("place")
    out = []
    for i, code in enumerate(present.tolist()):
        counts = {types[t]: int(n) for t, n in enumerate(by_type[i]) if n}
        place = places[code] if code < cols.n_places else None
        out.append(
            location_mark(
                Group(
                    float(cols.loc_lon[code]),
                    float(cols.loc_lat[code]),
                    0,
                    counts,
                    int(precision[i]),
                    place,
                    labels[i],
                ),
                names,
            )
        )
    return out


def _cell_marks(
    cols: Columns, rows: np.ndarray, present: np.ndarray, q: MarkQuery, names: PlaceNames
) -> list[Mark]:
    """Cells from the present locations (each lies in one cell), kept busiest first."""
    size, types = cell_size(q.zoom), cols.values("type")
    lx, ly = cols.loc_lon[present], cols.loc_lat[present]
    key = (np.floor((lx + 180.0) / size).astype(np.int64) << 32) | np.floor((ly + 90.0) / size).astype(
        np.int64
    )
    cells, loc_cell = np.unique(key, return_inverse=True)
    n = len(cells)
    group = _group_of_rows(cols, rows, present)
    row_cell = loc_cell.reshape(-1)[group]
    per_loc = np.bincount(group, minlength=len(present))
    distinct = cols.distinct_events(np.arange(len(rows)), row_cell)
    by_type = np.bincount(
        row_cell[distinct] * len(types) + cols.type[rows][distinct], minlength=n * len(types)
    ).reshape(n, len(types))
    n_events = by_type.sum(axis=1)
    ci, cj = cells >> 32, cells & 0xFFFFFFFF
    kept = np.lexsort((cj, ci, -n_events))[: q.limit]
    busiest = _busiest(cols, present, loc_cell.reshape(-1), per_loc)
    label = _cell_labels(cols, rows, present, busiest[kept], names)
    n_rows = np.bincount(loc_cell, weights=per_loc, minlength=n)
    sum_lon = np.bincount(loc_cell, weights=per_loc * lx, minlength=n)
    sum_lat = np.bincount(loc_cell, weights=per_loc * ly, minlength=n)
    precision = _min_precision(row_cell, cols.precision[rows], n)
    n_places = np.bincount(loc_cell, minlength=n)
    return [
        Mark(
            cell_key(q.zoom, int(ci[c]), int(cj[c])),
            float(sum_lat[c] / n_rows[c]),
            float(sum_lon[c] / n_rows[c]),
            label[i],
            int(n_events[c]),
            dict(sorted((types[t], int(m)) for t, m in enumerate(by_type[c]) if m)),
            None,
            None,
            int(precision[c]),
            int(n_places[c]),
        )
        for i, c in enumerate(kept.tolist())
    ]


def _busiest(cols: Columns, present: np.ndarray, loc_cell: np.ndarray, per_loc: np.ndarray) -> np.ndarray:
    """Per cell, the index (into `present`) of its busiest location (see the docstring)."""
    is_place = (present < cols.n_places).astype(np.int64)
    # One key: a place first, then more rows, then the location's order (`Columns.loc_rank`).
    key = ((1 - is_place) << 62) | ((np.int64(2**30) - per_loc) << 31) | cols.loc_rank[present]
    order = np.lexsort((key, loc_cell))
    first = np.r_[True, loc_cell[order][1:] != loc_cell[order][:-1]]
    return order[first]  # cells in order 0..n-1


def _cell_labels(
    cols: Columns, rows: np.ndarray, present: np.ndarray, chosen: np.ndarray, names: PlaceNames
) -> list[str]:
    places = cols.values("place")
    codes = present[chosen]
    points = codes[codes >= cols.n_places]
    named: dict[int, str | None] = {}
    if len(points):
        sub = rows[np.isin(cols.loc[rows], points)]
        found = _labels(cols, sub, np.searchsorted(np.sort(points), cols.loc[sub]), len(points))
        named = dict(zip(np.sort(points).tolist(), found, strict=True))
    return [names.name(places[c]) if c < cols.n_places else (named.get(c) or UNNAMED) for c in codes.tolist()]


# -- with SQL GROUP BY ---------------------------------------------------------------------------


def marks_sql(
    cur: Any,
    where: tuple[str, list[Any]],
    q: MarkQuery,
    names: PlaceNames,
    cell_sql: Callable[[str, float], str],
) -> MarkSet:
    """The same marks computed by the database (`where`: the filter and the box as SQL)."""
    sql, params = where
    cur.execute(f"SELECT COUNT(DISTINCT event_id) FROM locations WHERE {sql}", params)
    total = int(cur.fetchone()[0])
    cur.execute(
        "SELECT place_id, lon, lat, type, COUNT(*), MIN(precision), MIN(label) "
        f"FROM locations WHERE {sql} GROUP BY place_id, lon, lat, type",
        params,
    )
    found: dict[tuple[Any, float, float], Group] = {}
    for place, lon, lat, kind, n, precision, label in cur.fetchall():
        g = found.setdefault((place, lon, lat), Group(lon, lat, 0, {}, 3, place, None))
        g.n_rows += n
        g.by_type[kind] = n
        g.precision = min(g.precision, precision)
        g.label = (
            min(x for x in (g.label, label) if x is not None) if (g.label, label) != (None, None) else None
        )
    if not found:
        return MarkSet([], False, total)
    if per_place(q, len(found)):
        return MarkSet(ordered([location_mark(g, names) for g in found.values()]), False, total)
    size = cell_size(q.zoom)
    ci, cj = cell_sql("lon + 180.0", size), cell_sql("lat + 90.0", size)
    cur.execute(
        f"SELECT {ci}, {cj}, type, COUNT(DISTINCT event_id), SUM(lon), SUM(lat), "
        f"COUNT(*) FROM locations WHERE {sql} GROUP BY 1, 2, 3",
        params,
    )
    cells: dict[tuple[int, int], Group] = {}
    for i, j, kind, n, sum_lon, sum_lat, n_rows in cur.fetchall():
        c = cells.setdefault((int(i), int(j)), Group(0.0, 0.0))
        c.by_type[kind] = int(n)
        c.sum_lon, c.sum_lat, c.n_rows = c.sum_lon + sum_lon, c.sum_lat + sum_lat, c.n_rows + n_rows
    return MarkSet(_sql_cells(found.values(), cells, q, names), True, total)


def _sql_cells(
    locations: Iterable[Group], cells: dict[tuple[int, int], Group], q: MarkQuery, names: PlaceNames
) -> list[Mark]:
    busiest: dict[tuple[int, int], Group] = {}
    for g in locations:
        cell = cell_of(g.lon, g.lat, q.zoom)
        c, seen = cells[cell], cell in busiest
        c.n_places = c.n_places + 1 if seen else 1
        c.precision = min(c.precision, g.precision) if seen else g.precision
        if not seen or g.rank() < busiest[cell].rank():
            busiest[cell] = g
    kept = sorted(cells.items(), key=lambda kv: (-kv[1].n_events, kv[0]))[: q.limit]
    out = []
    for (i, j), c in kept:
        b = busiest[(i, j)]
        label = names.name(b.place) if b.place is not None else (b.label or UNNAMED)
        out.append(
            Mark(
                cell_key(q.zoom, i, j),
                c.sum_lat / c.n_rows,
                c.sum_lon / c.n_rows,
                label,
                c.n_events,
                dict(sorted(c.by_type.items())),
                None,
                None,
                c.precision,
                c.n_places,
            )
        )
    return out
