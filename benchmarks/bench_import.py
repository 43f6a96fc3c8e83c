"""Import benchmark (issue 10): generated ACLED files of 10k, 100k and 1M events pushed through
the real import path -- `read_import` (streamed, validated, spooled) then `Editor.apply` (one
transaction, bulk writes, the `locations` rows) -- into a freshly seeded database, on SQLite
and, when ZONEMAP_TEST_DATABASE_URL is set, on PostgreSQL.

Each import runs in its own process: wall and CPU time of reading and of writing, the peak
resident memory of that process (`resource.getrusage` maxrss: the interpreter, the libraries,
the shipped gazetteer and the import together), the database size. Targets at 1M: import
<= 5 minutes, peak memory <= 1.5 GB. The databases stay for `bench_queries.py`.

    .venv/bin/python benchmarks/bench_import.py [--sizes 10000,100000] [--backends sqlite]
"""

from __future__ import annotations

import json
import resource
import time
from typing import Any

from report import machine
from storebench import (
    LIMITS,
    SECRET,
    arguments,
    child,
    csv_of,
    fresh,
    sizes,
    write_section,
)

from geodata.formats import read_import
from geodata.store import init_db, open_store

TARGET_S, TARGET_MB = 300, 1536


def measure(backend: str, n: int) -> dict[str, Any]:
    """One import, in this (child) process."""
    path = csv_of(n)
    settings = fresh(backend, n)
    init_db(settings)
    store = open_store(settings)
    dataset = store.load_dataset()
    t0, c0 = time.perf_counter(), time.process_time()
    result = read_import(path, dataset=dataset, limits=LIMITS)
    t1, c1 = time.perf_counter(), time.process_time()
    applied = store.as_editor("bench", SECRET).apply(result)
    t2, c2 = time.perf_counter(), time.process_time()
    size = settings.db_path.stat().st_size if backend == "sqlite" else _pg_size(store)
    store.close()
    return {
        "n": n,
        "backend": backend,
        "rejected": result.rejected_records,
        "inserted": applied.inserted,
        "read_s": t1 - t0,
        "write_s": t2 - t1,
        "read_cpu_s": c1 - c0,
        "write_cpu_s": c2 - c1,
        "cpu_s": c2 - c0,
        "total_s": t2 - t0,
        "db_mb": size / 2**20,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _pg_size(store: Any) -> int:
    with store._backend.read() as cur:
        cur.execute(
            "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN "
            "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = "
            "current_schema() AND c.relkind = 'r'"
        )
        return int(cur.fetchone()[0] or 0)


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| events | backend | read | write | total (target <= 5 min at 1M) | "
        "CPU (read + write) | peak memory (target <= 1.5 GB) | database |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ok = (
            ""
            if r["n"] < 1_000_000
            else (" ✓" if r["total_s"] <= TARGET_S and r["peak_mb"] <= TARGET_MB else " ✗")
        )
        lines.append(
            f"| {r['n']:,} | {r['backend']} | {r['read_s']:.0f} s | {r['write_s']:.0f} s "
            f"| {r['total_s']:.0f} s{ok} | {r['read_cpu_s']:.0f} + {r['write_cpu_s']:.0f} s "
            f"| {r['peak_mb']:.0f} MB | "
            f"{r['db_mb']:.0f} MB |"
        )
    return "\n".join(lines)


def main() -> None:
    args = arguments(__doc__)
    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]))))
        return
    rows = []
    header = f"## Import ({machine()})\n\n"
    for n in sizes(args):
        csv_of(n)
        for backend in args.backends.split(","):
            rows.append(child(__file__, backend, n))
            r = rows[-1]
            print(
                f"{n:>9,} {backend:<10} read {r['read_s']:7.1f} s  write {r['write_s']:7.1f} s"
                f"  cpu {r['cpu_s']:7.1f} s  peak {r['peak_mb']:6.0f} MB  "
                f"db {r['db_mb']:6.0f} MB  rejected {r['rejected']}",
                flush=True,
            )
            write_section("import", header + table(rows))


if __name__ == "__main__":
    main()
