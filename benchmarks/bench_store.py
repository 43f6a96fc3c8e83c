"""Storage benchmark: seed, load, import and export on the embedded SQLite file, and on
PostgreSQL when ZONEMAP_TEST_DATABASE_URL (or ZONEMAP_DATABASE_URL) is set.

    .venv/bin/python benchmarks/bench_store.py [--events 5000]
    bash scripts/with_postgres.sh .venv/bin/python benchmarks/bench_store.py
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import io
import os
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geodata import formats as exports
from geodata.formats import read_import
from geodata.settings import get_settings
from geodata.store import open_store

HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,"
    "civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,"
    "longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
)


def acled_csv(n: int) -> str:
    out = io.StringIO()
    out.write(HEADER + "\n")
    w = csv.writer(out, lineterminator="\n")
    for i in range(n):
        w.writerow(
            [
                f"BENCH{i}",
                "2021-01-20",
                "2021",
                "1",
                "Political violence",
                "Battles",
                "Armed clash",
                "SDF: Syrian Democratic Forces",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "760",
                "Middle East",
                "Syria",
                "Aleppo",
                "",
                "",
                f"Place {i % 300}",
                f"{35.0 + (i % 300) * 0.003:.4f}",
                f"{38.0 + (i % 300) * 0.003:.4f}",
                "1",
                "SOHR",
                "",
                f"Clash number {i}.",
                "0",
                "",
                "1",
            ]
        )
    return out.getvalue()


def timed(label: str, fn: Callable[[], Any]) -> Any:
    t0 = time.perf_counter()
    result = fn()
    print(f"  {label:<32} {time.perf_counter() - t0:7.2f} s")
    return result


def run(settings: Any, name: str, n: int, tmp: Path) -> None:
    print(f"{name}:")
    store = timed("open (create, migrate, seed)", lambda: open_store(settings))
    editor = store.as_editor("bench", settings.editor_secret)
    ds = timed("load_dataset (seed)", store.load_dataset)
    path = tmp / "acled.csv"
    path.write_text(acled_csv(n), encoding="utf-8")
    result = timed(f"read_import ({n} ACLED rows)", lambda: read_import(path, dataset=ds))
    timed(f"apply ({len(result.records)} events)", lambda: editor.apply(result))
    ds = timed(f"load_dataset ({len(ds.events) + n} events)", store.load_dataset)
    for fmt in ("geojson", "csv", "gpkg", "kml"):
        out = tmp / f"events{exports.SUFFIX[fmt]}"
        timed(
            f"export events as {fmt}",
            lambda out=out, fmt=fmt: exports.export(ds, "events", fmt, out, attrs=store.event_attrs()),
        )
    timed("undo the import", editor.undo_last)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = dataclasses.replace(
            get_settings({}),
            db_path=Path(tmp) / "bench.sqlite",
            database_url=None,
            editor_secret="bench-editor-secret",
        )
        run(base, "sqlite", args.events, Path(tmp))
        url = os.environ.get("ZONEMAP_TEST_DATABASE_URL") or os.environ.get("ZONEMAP_DATABASE_URL")
        if url:
            import psycopg

            schema = f"bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f"CREATE SCHEMA {schema}")
            try:
                sep = "&" if "?" in url else "?"
                pg = dataclasses.replace(
                    base, database_url=f"{url}{sep}options=-csearch_path%3D{schema},public"
                )
                run(pg, "postgresql", args.events, Path(tmp))
            finally:
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    main()
