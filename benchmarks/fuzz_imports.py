"""`make fuzz`: ten thousand hostile files through `zonemap import`, as a user would run it, and
the table of what came of them, written to docs/fuzz.md and into README.md (between the
`fuzz:begin`/`fuzz:end` marks).

Each file is `tests/formats/hostile_files.make(seed)` for seeds 0..N-1 (so file 4711 is the
same everywhere: `--seed 4711` runs it alone); each run is `tests/formats/fuzz_run.run`
(click's CliRunner in a worker process, against a fresh copy of a seeded SQLite database over
the test suite's small data set), which says whether it was a clean refusal, an accepted
import that `zonemap db undo` reverted, or not. The parent gives each file 30 s of wall-clock
time; a worker still running then is SIGKILLed, its database checked (integrity, and whether
it changed), and a new worker started.

    python benchmarks/fuzz_imports.py [-n 10000] [--workers 2] [--limit 30] [--seed S]
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import multiprocessing as mp
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "formats")]

DOC = ROOT / "docs" / "fuzz.md"
CHECKS = 10  # making a file, and the checks after an import, may take ten times the limit
OUTCOMES = [  # kind, the table's wording
    ("refused", "clean refusal (exit 1 with a message: `Error:` or the rejected records)"),
    ("accepted", "accepted and written (exit 0, change number; `zonemap db undo` restored the data)"),
    ("traceback", "**Python traceback shown to the user**"),
    ("timeout", "**still running after {limit:g} s (killed)**"),
    ("changed", "**a run that did not succeed but left the database changed**"),
    ("undo failed", "**accepted, but `zonemap db undo` did not restore the data**"),
    ("unexpected", "**another exit status, or a refusal without a message**"),
]


@dataclass(frozen=True)
class Result:
    seed: int
    category: str
    kind: str
    integrity: bool
    seconds: float
    detail: str


# -- a worker: files in, outcomes out ------------------------------------------------------------


def _pristine(folder: Path) -> Any:
    """A seeded database in `folder` (the settings to reach it), and its files' copy."""
    from test_store_support import settings_for

    from geodata.store import open_store

    ctx = settings_for("sqlite", folder)
    settings = ctx.__enter__()
    open_store(settings).close()
    shutil.copytree(folder, folder.parent / f"{folder.name}-pristine", ignore=shutil.ignore_patterns("files"))
    return settings


def _restore(folder: Path) -> None:
    pristine = folder.parent / f"{folder.name}-pristine"
    for f in folder.glob("zonemap.sqlite*"):
        f.unlink()
    for f in pristine.glob("zonemap.sqlite*"):
        shutil.copyfile(f, folder / f.name)


def worker(folder: Path, conn: Connection) -> None:
    import warnings

    warnings.simplefilter("ignore")
    from fuzz_run import run
    from hostile_files import make

    settings = _pristine(folder)
    files = folder / "files"
    files.mkdir(exist_ok=True)
    conn.send("ready")
    while True:
        seed = conn.recv()
        if seed is None:
            return
        _restore(folder)
        hostile = make(seed)
        start = time.monotonic()
        conn.send(("started", hostile.category))
        try:
            outcome = run(hostile, files, settings, imported=lambda code: conn.send(("imported", code)))
            kind, ok, detail = outcome.kind, outcome.integrity, outcome.detail
        except Exception as exc:  # the harness itself failed: counted, never hidden
            kind, ok, detail = "unexpected", True, f"harness: {type(exc).__name__}: {exc}"
        conn.send(Result(seed, hostile.category, kind, ok, time.monotonic() - start, detail[:300]))
        for f in files.iterdir():
            f.unlink() if f.is_file() else shutil.rmtree(f)


# -- the parent: seeds out, a wall-clock limit, the table ----------------------------------------


class Pool:
    """Worker processes, each on its own database, each file under a wall-clock limit."""

    def __init__(self, n: int, base: Path, limit: float) -> None:
        self.base, self.limit = base, limit
        self.ctx = mp.get_context("fork")
        self.slots: dict[int, dict[str, Any]] = {}
        for i in range(n):
            self._spawn(i)

    def _spawn(self, i: int) -> None:
        folder = self.base / f"w{i}"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(self.base / f"w{i}-pristine", ignore_errors=True)
        folder.mkdir(parents=True)
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=worker, args=(folder, child), daemon=True)
        proc.start()
        child.close()
        assert parent.recv() == "ready"
        self.slots[i] = {
            "proc": proc,
            "conn": parent,
            "seed": None,
            "since": 0.0,
            "category": "?",
            "folder": folder,
            "phase": "",
            "status": None,
        }

    def run(self, seeds: list[int], progress: Any) -> list[Result]:
        todo, results = collections.deque(seeds), []
        while todo or any(s["seed"] is not None for s in self.slots.values()):
            for slot in self.slots.values():
                if slot["seed"] is None and todo:
                    slot["seed"], slot["since"] = todo.popleft(), time.monotonic()
                    slot["phase"], slot["status"] = "making", None
                    slot["conn"].send(slot["seed"])
            busy = [s["conn"] for s in self.slots.values() if s["seed"] is not None]
            for conn in wait(busy, timeout=1.0):
                i, slot = next((i, s) for i, s in self.slots.items() if s["conn"] is conn)
                msg = conn.recv()
                if isinstance(msg, tuple):  # the import began, or returned (then: the checks)
                    slot["since"] = time.monotonic()
                    if msg[0] == "started":
                        slot["category"], slot["phase"] = msg[1], "import"
                    else:
                        slot["phase"], slot["status"] = "checks", msg[1]
                    continue
                results.append(msg)
                slot["seed"] = None
                progress(results)
            for i, slot in list(self.slots.items()):
                limit = self.limit * (1 if slot["phase"] == "import" else CHECKS)
                if slot["seed"] is not None and time.monotonic() - slot["since"] > limit:
                    results.append(self._timed_out(i, slot))
                    progress(results)
        return results

    def _timed_out(self, i: int, slot: dict[str, Any]) -> Result:
        """SIGKILL the worker past the limit; what it left in its database; a new worker.
        Past the limit of the import itself: a `timeout` if the database is as before, else
        `changed`. Past the (ten times longer) limit of making the file or of the checks that
        follow an import: `unexpected`, the harness's own failure, said as such."""
        from fuzz_run import dump, integrity_ok

        os.kill(slot["proc"].pid, signal.SIGKILL)
        slot["proc"].join()
        folder: Path = slot["folder"]
        db = folder / "zonemap.sqlite"
        ok = integrity_ok(db)
        changed = dump(_at(db)) != dump(_at(folder.parent / f"{folder.name}-pristine" / "zonemap.sqlite"))
        if slot["phase"] == "import":
            kind, detail = ("changed" if changed else "timeout"), f"killed after {self.limit:g} s"
        else:
            kind, detail = (
                "unexpected",
                (
                    f"harness: {slot['phase']} (import exit status "
                    f"{slot['status']}) over {self.limit * CHECKS:g} s"
                ),
            )
        result = Result(slot["seed"], slot["category"], kind, ok, time.monotonic() - slot["since"], detail)
        self._spawn(i)
        return result

    def close(self) -> None:
        for slot in self.slots.values():
            slot["conn"].send(None)
            slot["proc"].join(timeout=10)


def _at(db: Path) -> Any:
    """Settings of the SQLite database `db`."""
    from dataclasses import replace

    from geodata.settings import get_settings

    return replace(get_settings({}), db_path=db, database_url=None)


# -- the table -------------------------------------------------------------------------------


def table(results: list[Result], args: argparse.Namespace, seconds: float) -> str:
    counts = collections.Counter(r.kind for r in results)
    bad_integrity = sum(not r.integrity for r in results)
    n = len(results)
    lines = [
        f"Generated by `make fuzz` (`benchmarks/fuzz_imports.py`) on {dt.date.today()}: "
        f"{n:,} hostile files (seeds {args.start}..{args.start + n - 1} of "
        "`tests/formats/hostile_files.py`) through `zonemap import`, "
        f"{args.workers} worker process(es), a limit of {args.limit:.0f} s per file; "
        f"{seconds / 60:.1f} minutes on {os.cpu_count()} cores.",
        "",
        "| outcome | count |",
        "|---|---|",
    ]
    for kind, text in OUTCOMES:
        lines.append(f"| {text.format(limit=args.limit)} | {counts.get(kind, 0):,} |")
    lines.append(f"| **database failing `PRAGMA integrity_check`** | {bad_integrity:,} |")
    return "\n".join(lines) + "\n"


def details(results: list[Result]) -> str:
    by_cat: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for r in results:
        by_cat[r.category][r.kind] += 1
    lines = ["| category | files | refused | accepted | other |", "|---|---|---|---|---|"]
    for cat in sorted(by_cat):
        c = by_cat[cat]
        other = sum(v for k, v in c.items() if k not in ("refused", "accepted"))
        lines.append(f"| {cat} | {sum(c.values()):,} | {c['refused']:,} | {c['accepted']:,} | {other:,} |")
    slow = sorted(results, key=lambda r: -r.seconds)[:5]
    lines += [
        "",
        "Slowest files (seconds, wall clock, including the worker's database copy): "
        + ", ".join(f"{r.seconds:.1f} (seed {r.seed}, {r.category})" for r in slow)
        + ".",
    ]
    bad = [r for r in results if r.kind not in ("refused", "accepted") or not r.integrity]
    if bad:
        lines += ["", "Failures (reproduce one with `python benchmarks/fuzz_imports.py --seed SEED`):", ""]
        lines += [f"- seed {r.seed} ({r.category}): {r.kind}: {r.detail}" for r in bad[:50]]
    return "\n".join(lines) + "\n"


def write(results: list[Result], args: argparse.Namespace, seconds: float) -> str:
    summary = table(results, args, seconds)
    doc = (
        "# Fuzzing the importers\n\nEvery file is hostile (issue 15): random bytes, truncated "
        "and bit-flipped files of every format, wrong types, NaN and infinite coordinates, "
        "huge numbers, random self-intersecting polygons, degenerate rings, wrong CRSs, deep "
        "nesting, BOMs, wrong encodings and lone surrogates, formula-injection cells, KML "
        "entities, zip slip and zip bombs, missing Shapefile parts, GeoPackage views, files "
        "over the limits; and valid files of every format, which must be accepted and "
        "undone. See `tests/formats/hostile_files.py`.\n\n" + summary + "\n" + details(results)
    )
    args.out.write_text(doc, encoding="utf-8")
    if args.out.resolve() != DOC.resolve():
        return summary  # a trial run: the README keeps the table of the real one
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    block = f"<!-- fuzz:begin -->\n{summary}<!-- fuzz:end -->"
    new = re.sub(r"<!-- fuzz:begin -->.*?<!-- fuzz:end -->", lambda _: block, text, flags=re.S)
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="How many files.")
    parser.add_argument("--start", type=int, default=0, help="The first seed.")
    parser.add_argument("--seed", type=int, help="Run this one file and say what came of it.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=float, default=30.0, help="Seconds per file.")
    parser.add_argument(
        "--out", type=Path, default=DOC, help="Where the table goes (README.md too, when it is docs/fuzz.md)."
    )
    args = parser.parse_args()
    seeds = [args.seed] if args.seed is not None else list(range(args.start, args.start + args.n))
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="zonemap-fuzz-") as tmp:
        pool = Pool(1 if args.seed is not None else args.workers, Path(tmp), args.limit)

        def progress(results: list[Result]) -> None:
            if args.seed is not None or len(results) % 250 == 0:
                c = collections.Counter(r.kind for r in results)
                print(
                    f"{len(results):,}/{len(seeds):,} in {time.monotonic() - start:.0f} s: "
                    + ", ".join(f"{k} {v}" for k, v in sorted(c.items())),
                    flush=True,
                )

        results = pool.run(seeds, progress)
        pool.close()
    if args.seed is not None:
        print(results[0])
        return 0 if results[0].kind in ("refused", "accepted") else 1
    print(write(results, args, time.monotonic() - start))
    return 0 if all(r.kind in ("refused", "accepted") and r.integrity for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
