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

from report import Report

from geodata import formats as exports
from geodata.formats import read_import
from geodata.formats.acled import ACLED_COLUMNS
from geodata.settings import get_settings
from geodata.store import init_db, open_store

TIMES: list[str] = []  # "label x.xx s" of the backend being run


def acled_csv(n: int) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(ACLED_COLUMNS)
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
    seconds = time.perf_counter() - t0
    print(f"  {label:<32} {seconds:7.2f} s")
    TIMES.append(f"{label} {seconds:.2f} s")
    return result


def run(settings: Any, name: str, n: int, tmp: Path, report: Report) -> None:
    print(f"{name}:")
    TIMES.clear()
    timed("init (create, migrate, seed)", lambda: init_db(settings))
    store = timed("open", lambda: open_store(settings))
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
    report.line(f"{name}: " + "; ".join(TIMES) + ".")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    args = parser.parse_args()
    report = Report("bench-store-ops", "benchmarks/bench_store.py", "Store operations benchmark")
    with tempfile.TemporaryDirectory() as tmp:
        base = dataclasses.replace(
            get_settings({}),
            db_path=Path(tmp) / "bench.sqlite",
            database_url=None,
            editor_secret="bench-editor-secret",
        )
        run(base, "sqlite", args.events, Path(tmp), report)
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
                run(pg, "postgresql", args.events, Path(tmp), report)
            finally:
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute(f"DROP SCHEMA {schema} CASCADE")
    report.write()


if __name__ == "__main__":
    main()
