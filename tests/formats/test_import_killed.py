"""An import is all or nothing whenever it is killed: `zonemap import` of a generated
200,000-row file, into a fresh copy of a seeded SQLite database, killed at random moments,
leaves the database either exactly as before (every table, row for row) or exactly as after
the import's reported success (the same, timestamps aside), and `PRAGMA integrity_check` ok.

Ten trials, one import each would take ten imports' time (about 35 s of CPU each here), so:

- a pilot import of one row and one of a tenth of the file (both to completion) estimate how
  long the whole takes;
- trials 1-9 freeze one real import of the whole file (`zonemap import`, a subprocess) with
  SIGSTOP at random moments, copy its database files as the kernel holds them and let it go on
  (SIGCONT). A copy taken while the process is stopped is what SIGKILL at that instant leaves
  behind: SIGKILL discards the process's memory, never what it wrote. The import then runs to
  its end and must report success with its change number: its database is "after";
- trial 10 starts the import again on another fresh copy and SIGKILLs it at a random moment.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_store_support import env_of, settings_for

from geodata.store import open_store

ROOT = Path(__file__).resolve().parents[2]
ROWS = 200_000
TRIALS = 10
SEED = int(os.environ.get("ZONEMAP_KILL_SEED", "15"))
pytestmark = pytest.mark.slow


def _places_csv(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write("id,name_en,name_ar,kind,latitude,longitude\n")
        for i in range(n):
            f.write(
                f"kill-{i},Village {i},قرية {i},village,{35.3 + (i // 1000) * 0.006:.4f},"
                f"{38.0 + (i % 1000) * 0.002:.4f}\n"
            )
    return path


def _copy(db: Path, to: Path) -> Path:
    """The database files (main, WAL, shared memory) as they are now, into folder `to`."""
    to.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        src = Path(f"{db}{suffix}")
        if src.exists():
            shutil.copyfile(src, to / f"{db.name}{suffix}")
    return to / db.name


def _state(db: Path) -> tuple[str, str, bool]:
    """Digests of every table's rows, exact and with timestamps masked, and whether
    `PRAGMA integrity_check` says ok. Opening the copy recovers it as SQLite would after a
    crash (the WAL's committed transactions only)."""
    conn = sqlite3.connect(db)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        exact, masked = hashlib.sha256(), hashlib.sha256()
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        for table in tables:
            cur = conn.execute(f'SELECT * FROM "{table}" ORDER BY 1')
            stamps = [i for i, d in enumerate(cur.description) if d[0] == "at" or d[0].endswith("_at")]
            for row in cur:
                exact.update(repr((table, row)).encode())
                masked.update(
                    repr((table, tuple(None if i in stamps else v for i, v in enumerate(row)))).encode()
                )
        return exact.hexdigest(), masked.hexdigest(), ok
    finally:
        conn.close()


def _start(csv: Path, db: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "geodata.cli", "import", str(csv), "--user", "killer"],
        cwd=ROOT,
        env={**env, "ZONEMAP_DB": str(db)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run(csv: Path, db: Path, env: dict[str, str]) -> tuple[float, str]:
    start = time.monotonic()
    proc = _start(csv, db, env)
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err
    return time.monotonic() - start, out


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("killed")
    with settings_for("sqlite", tmp) as s:
        open_store(s).close()  # created, migrated and seeded: the "before"
        env = {**os.environ, **env_of(s)}
        env.pop("ZONEMAP_DATABASE_URL", None)
        yield tmp, s.db_path, env


def test_import_killed_at_random_moments_leaves_before_or_after(setup):
    tmp, template, env = setup
    rng = random.Random(SEED)
    before = _state(_copy(template, tmp / "before"))
    assert before[2]
    fixed, _ = _run(_places_csv(tmp / "one.csv", 1), _copy(template, tmp / "one"), env)
    pilot, _ = _run(_places_csv(tmp / "pilot.csv", ROWS // 10), _copy(template, tmp / "pilot"), env)
    big = _places_csv(tmp / "big.csv", ROWS)
    estimate = fixed + 10 * max(pilot - fixed, 0.1)  # start-up, then rows at the pilot's pace
    moments = sorted(rng.uniform(0, estimate) for _ in range(TRIALS - 1))

    db = _copy(template, tmp / "run")
    proc, snapshots, paused, start = _start(big, db, env), [], 0.0, time.monotonic()
    for k, moment in enumerate(moments):
        time.sleep(max(0.0, moment - (time.monotonic() - start - paused)))
        if proc.poll() is not None:
            snapshots.append(_copy(db, tmp / f"snap{k}"))  # the import is over: its end state
            continue
        stop = time.monotonic()
        proc.send_signal(signal.SIGSTOP)
        snapshots.append(_copy(db, tmp / f"snap{k}"))
        proc.send_signal(signal.SIGCONT)
        paused += time.monotonic() - stop
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err
    change = re.search(
        r"imported big\.csv: 200000 inserted, .*\(change #(\d+); `zonemap db "
        r"undo` reverts it\)",
        out,
    )
    assert change, out
    after = _state(db)
    assert after[2]

    states = []
    for snap in snapshots:
        exact, masked, ok = _state(snap)
        assert ok, snap
        states.append("before" if exact == before[0] else "after" if exact == after[0] else "changed")
        shutil.rmtree(snap.parent)
    assert "changed" not in states, states

    db = _copy(template, tmp / "killed")
    moment = rng.uniform(0, 0.9 * estimate)  # most likely while it runs: a kill for real
    proc = _start(big, db, env)
    time.sleep(moment)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    exact, masked, ok = _state(db)
    assert ok
    last = "before" if exact == before[0] else "after" if masked == after[1] else "changed"
    assert last != "changed"
    if proc.returncode == 0:  # it had finished: then it said so
        assert "(change #" in out and last == "after"
    states.append(last)
    print(
        f"start-up {fixed:.1f} s, pilot {pilot:.1f} s; moments "
        f"{[round(m, 1) for m in moments]} and {moment:.1f} s; states {states}"
    )
