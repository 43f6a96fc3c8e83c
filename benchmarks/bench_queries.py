"""Query benchmark (issue 10): what a view asks the store, on the databases `bench_import.py`
left (10k, 100k, 1M events; built here when missing), SQLite and PostgreSQL.

Each figure is the median of 5 calls after a first one (the first loads the columnar cache;
its time is shown apart): `marks` for a Syria-wide view at zoom 7 and a city view (Aleppo) at
zoom 12; `place_events` of the busiest place (with the places inside it); `events_page` (the
first 50, newest first); `cell_events` of the busiest cell at zoom 7; `faction_counts`; zone
assignment of every event (`zoning.ZoneIndex`, the grids built beforehand, their building
shown apart); the first marks after an event is added, then edited (the cache brought up to
date; both undone after). Beside them, the same marks with SQL GROUP BY (`marks_sql`) and the bare GROUP BY
of cells and types: why the marks come from the columnar cache. Target: each query <= 0.5 s
at 1M (and its ratio to 10k, on a noisy machine); zone assignment of 1M events <= 0.5 s.

    .venv/bin/python benchmarks/bench_queries.py [--sizes 10000,100000] [--backends sqlite]
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from report import machine
from storebench import (
    SECRET,
    arguments,
    child,
    exists,
    settings_of,
    sizes,
    write_section,
)

from geodata.store import open_store
from geodata.store.locations import zone_rows
from geodata.store.views import bbox_sql, cell_sql, filter_sql
from geodata.store.zoning import ZoneIndex
from geodata.views import BBox, EventFilter, MarkQuery, cell_size

DAY = dt.date(2026, 1, 1)
ALL = EventFilter(DAY)
SYRIA = BBox(35.5, 32.3, 42.5, 37.4)
ALEPPO = BBox(37.0, 36.1, 37.3, 36.3)
ROWS = [
    ("marks_syria", "marks, Syria, zoom 7"),
    ("marks_city", "marks, Aleppo, zoom 12"),
    ("place_events", "place_events, busiest place"),
    ("events_page", "events_page, first 50"),
    ("cell_events", "cell_events, busiest cell"),
    ("faction_counts", "faction_counts"),
    ("zones", "zone assignment, every event"),
    ("cache", "first call: columnar cache load"),
    ("after_add", "first marks after an event is added (cache brought up to date)"),
    ("after_edit", "first marks after an event is edited (rows replaced)"),
    ("grids", "zone grids built (once per snapshot change)"),
    ("sql_marks", "marks_sql, Syria, zoom 7 (SQL GROUP BY)"),
    ("sql_group_by", "bare SQL GROUP BY cell, type (zoom 7)"),
    ("numpy_group_by", "bare numpy bincount of cell, type (zoom 7)"),
    ("duckdb_group_by", "bare DuckDB GROUP BY cell, type, over a copy (zoom 7)"),
]


def median_time(fn: Callable[[], Any], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def once(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def measure(backend: str, n: int) -> dict[str, Any]:
    store = open_store(settings_of(backend, n))
    out: dict[str, Any] = {"n": n, "backend": backend}
    out["cache"], _ = once(lambda: store.marks(MarkQuery(ALL, SYRIA, 7)))
    out["marks_syria"] = median_time(lambda: store.marks(MarkQuery(ALL, SYRIA, 7)))
    out["marks_city"] = median_time(lambda: store.marks(MarkQuery(ALL, ALEPPO, 12)))
    cols = store._columns()
    counts = np.bincount(cols.place[cols.place >= 0])
    busiest = cols.values("place")[int(counts.argmax())]
    out["place_events"] = median_time(lambda: store.place_events(busiest, ALL, 6))
    out["events_page"] = median_time(lambda: store.events_page(ALL, None, 0, 50))
    cell = store.marks(MarkQuery(ALL, SYRIA, 7)).marks[0].key.split(":")
    out["cell_events"] = median_time(lambda: store.cell_events(7, int(cell[2]), int(cell[3]), ALL, 6))
    out["faction_counts"] = median_time(lambda: store.faction_counts(ALL))
    out["grids"], out["zones"] = zone_assignment(store, cols)
    out["after_add"], out["after_edit"] = after_writes(store)
    out["sql_marks"], _ = once(lambda: store.marks_sql(MarkQuery(ALL, SYRIA, 7)))
    out["sql_group_by"] = bare_group_by(store)
    out["numpy_group_by"] = median_time(lambda: bare_bincount(cols))
    out["duckdb_group_by"] = duckdb_group_by(cols)
    out["place"] = busiest
    store.close()
    return out


def after_writes(store: Any) -> tuple[float, float]:
    """Seconds of the first marks after adding an event, then after editing it (both undone
    after)."""
    editor = store.as_editor("bench", SECRET)
    event = store.events_page(ALL, None, 0, 1)[0][0].model_copy(update={"id": "bench-write"})
    q = MarkQuery(ALL, SYRIA, 7)
    store.marks(q)
    editor.add_events([event])
    added, _ = once(lambda: store.marks(q))
    editor.update_event(event.model_copy(update={"type": "other", "cameo": "010"}))
    edited, _ = once(lambda: store.marks(q))
    editor.undo_last()
    editor.undo_last()
    return added, edited


def zone_assignment(store: Any, cols: Any) -> tuple[float, float]:
    """Seconds to build the snapshots' grids, and to assign every located row."""
    with store._reading() as r:
        zones = zone_rows(r)
    known = ~np.isnan(cols.lon)
    lon, lat, day = cols.lon[known], cols.lat[known], cols.day[known]
    index = ZoneIndex.build(zones)
    grids, _ = once(lambda: index.assign(lon, lat, day))
    return grids, median_time(lambda: index.assign(lon, lat, day), 3)


def bare_group_by(store: Any) -> float:
    b = store._backend
    cell = cell_sql(b)
    size = cell_size(7)
    where = filter_sql(ALL)
    box = bbox_sql(b, SYRIA)
    sql = (
        f"SELECT {cell('lon + 180.0', size)}, {cell('lat + 90.0', size)}, type, COUNT(*) "
        f"FROM locations WHERE {where[0]} AND {box[0]} GROUP BY 1, 2, 3"
    )
    with store._reading() as r:
        t, _ = once(lambda: r._ex(sql, [*where[1], *box[1]]).fetchall())
    return t


def bare_bincount(cols: Any) -> np.ndarray:
    """The bare aggregation of the SQL above, over the columnar cache."""
    size = cell_size(7)
    rows = np.nonzero(cols.mask(ALL, SYRIA))[0]
    ci = np.floor((cols.lon[rows] + 180.0) / size).astype(np.int64)
    cj = np.floor((cols.lat[rows] + 90.0) / size).astype(np.int64)
    key = ((ci - ci.min()) * (cj.max() - cj.min() + 1) + cj - cj.min()) * 16 + cols.type[rows]
    return np.bincount(key)


def duckdb_group_by(cols: Any) -> float:
    """The same GROUP BY in DuckDB over an in-memory copy of the columns (NaN when DuckDB is
    not installed: it is no dependency). DuckDB cannot read the SQLite file offline: its
    sqlite extension is downloaded at run time."""
    try:
        import duckdb
        import pandas as pd
    except ImportError:
        return float("nan")
    con = duckdb.connect()
    frame = pd.DataFrame(
        {"lon": cols.lon, "lat": cols.lat, "day": cols.day, "type": cols.type, "review": cols.review}
    )
    con.register("loc", frame)
    size, w, s, e, n = cell_size(7), *SYRIA
    sql = (
        f"SELECT floor((lon + 180) / {size}), floor((lat + 90) / {size}), type, count(*) "
        f"FROM loc WHERE day <= {DAY.toordinal()} AND review = "
        f"{cols.codes['review'].code('accepted')} AND lon BETWEEN {w} AND {e} AND lat "
        f"BETWEEN {s} AND {n} GROUP BY 1, 2, 3"
    )
    con.execute(sql).fetchall()
    return median_time(lambda: con.execute(sql).fetchall())


def table(results: list[dict[str, Any]]) -> str:
    cols = [(r["n"], r["backend"]) for r in results]
    lines = [
        "| seconds | " + " | ".join(f"{n:,} {b}" for n, b in cols) + " | 1M / 10k |",
        "|---|" + "---|" * (len(cols) + 1),
    ]
    for key, label in ROWS:
        cells = [f"{r[key]:.3f}" if r.get(key) == r.get(key) else "-" for r in results]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {ratio(results, key)} |")
    return "\n".join(lines)


def ratio(results: list[dict[str, Any]], key: str) -> str:
    out = []
    for backend in dict.fromkeys(r["backend"] for r in results):
        by_n = {r["n"]: r[key] for r in results if r["backend"] == backend}
        if 10_000 in by_n and 1_000_000 in by_n and by_n[10_000] > 0 and by_n[1_000_000] == by_n[1_000_000]:
            out.append(f"{by_n[1_000_000] / by_n[10_000]:.1f}×")
    return " / ".join(out) or "-"


def main() -> None:
    args = arguments(__doc__)
    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]))))
        return
    results = []
    for n in sizes(args):
        for backend in args.backends.split(","):
            if not exists(backend, n):
                child(str(__file__).replace("bench_queries", "bench_import"), backend, n)
            results.append(child(__file__, backend, n))
            r = results[-1]
            print(
                f"{n:>9,} {backend:<10} " + "  ".join(f"{k} {r.get(k, 0):.3f}" for k, _ in ROWS), flush=True
            )
            write_section(
                "queries",
                f"## Queries ({machine()})\n\nMedian of 5 calls after "
                "the first (which loads the columnar cache); targets: each query "
                "<= 0.5 s at 1M, zone assignment of 1M events <= 0.5 s.\n\n" + table(results),
            )


if __name__ == "__main__":
    main()
