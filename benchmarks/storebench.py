"""What the store benchmarks share (`bench_import.py`, `bench_queries.py`): the generated ACLED
files (benchmarks/generate_acled.py, seed 1), one database per size and backend, kept between
the two scripts, and the generated table in docs/bench-store.md.

Files and databases live in ZONEMAP_BENCH_DIR (default: <tmp>/zonemap-bench). PostgreSQL is
measured when ZONEMAP_TEST_DATABASE_URL is set (`bash scripts/with_postgres.sh make bench`), in
one schema per size. Sizes: --sizes 10000,100000 (default 10k, 100k and 1M).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geodata.formats import Limits  # noqa: E402
from geodata.settings import Settings, get_settings  # noqa: E402

DIR = Path(os.environ.get("ZONEMAP_BENCH_DIR", Path(tempfile.gettempdir()) / "zonemap-bench"))
SIZES = (10_000, 100_000, 1_000_000)
PG_URL = os.environ.get("ZONEMAP_TEST_DATABASE_URL")
SECRET = "benchmark-editor-secret"
# A benchmark file is larger than what one upload may be: the limits of a trusted import.
LIMITS = Limits(bytes=2**40, records=10**8, seconds=10**7)
TABLE = ROOT / "docs" / "bench-store.md"


def arguments(doc: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="numbers of events, comma-separated"
    )
    parser.add_argument("--backends", default="sqlite,postgresql" if PG_URL else "sqlite")
    parser.add_argument("--child", nargs=2, metavar=("BACKEND", "N"), help=argparse.SUPPRESS)
    return parser.parse_args()


def sizes(args: argparse.Namespace) -> list[int]:
    return [int(s) for s in args.sizes.split(",") if s]


def csv_of(n: int) -> Path:
    """The generated ACLED file of `n` events (written once)."""
    path = DIR / f"acled-{n}.csv"
    if not path.exists():
        DIR.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate_acled.py"), str(n), "-o", str(tmp)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        tmp.rename(path)
    return path


def settings_of(backend: str, n: int) -> Settings:
    base = dataclasses.replace(
        get_settings({}), db_path=DIR / f"store-{n}.sqlite", database_url=None, editor_secret=SECRET
    )
    if backend == "sqlite":
        return base
    sep = "&" if "?" in (PG_URL or "") else "?"
    return dataclasses.replace(base, database_url=f"{PG_URL}{sep}options=-csearch_path%3Dbench_{n},public")


def fresh(backend: str, n: int) -> Settings:
    """An empty database for `n` events (the previous one dropped)."""
    s = settings_of(backend, n)
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{s.db_path}{suffix}").unlink(missing_ok=True)
    else:
        import psycopg

        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS bench_{n} CASCADE")
            conn.execute(f"CREATE SCHEMA bench_{n}")
    return s


def exists(backend: str, n: int) -> bool:
    s = settings_of(backend, n)
    if backend == "sqlite":
        return s.db_path.exists()
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (f"bench_{n}.locations",)).fetchone()[0]


def child(script: str, backend: str, n: int) -> dict[str, Any]:
    """Run `script --child backend n` in its own process (its memory measured alone); the
    figures it prints last, as JSON."""
    out = subprocess.run(
        [sys.executable, script, "--child", backend, str(n)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def write_section(name: str, markdown: str) -> None:
    """Replace the section `name` of docs/bench-store.md (generated; never edited by hand)."""
    head = (
        "# Store benchmarks (generated)\n\nWritten by `benchmarks/bench_import.py` and "
        "`benchmarks/bench_queries.py` (`make bench`); see those scripts for what is "
        "measured. Do not edit by hand.\n"
    )
    text = TABLE.read_text(encoding="utf-8") if TABLE.exists() else head
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    block = f"{start}\n{markdown.rstrip()}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    TABLE.write_text(text, encoding="utf-8")
