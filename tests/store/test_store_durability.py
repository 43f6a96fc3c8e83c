"""What the store promises under stress, on both backends: concurrent writers lose nothing, and
a process killed in the middle of an import leaves the database exactly as it was."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_store_support import BACKENDS, SECRET, dump, env_of, event, settings_for

from geodata.store import open_store

WRITERS, ADDS = 8, 50  # each writer: 50 inserts + 50 review changes = 100 write transactions
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path):
    with settings_for(request.param, tmp_path) as s:  # created and seeded (init_db)
        yield s


def _writer(settings, k: int, start, errors) -> None:
    try:
        store = open_store(settings)
        editor = store.as_editor(f"writer-{k}", SECRET)
        source = store.load_dataset().sources["src"]
        start.wait()
        for i in range(ADDS):
            editor.add_events([event(source, f"w{k}-{i}", review="draft")])
            editor.set_review(f"w{k}-{i}", "accepted" if i % 2 else "rejected")
        store.close()
    except BaseException as exc:  # reported to the parent, which fails the test
        errors.put(f"writer {k}: {type(exc).__name__}: {exc}")
        raise


def test_concurrent_writers_lose_nothing(settings):
    ctx = multiprocessing.get_context("fork")
    start, errors = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(settings, k, start, errors)) for k in range(WRITERS)]
    for p in procs:
        p.start()
    t0 = time.monotonic()
    start.set()
    for p in procs:
        p.join(timeout=240)
    elapsed = time.monotonic() - t0
    failures = []
    while not errors.empty():
        failures.append(errors.get())
    assert failures == []
    assert [p.exitcode for p in procs] == [0] * WRITERS

    store = open_store(settings)
    events = {e.id: e for e in store.load_dataset().events}
    for k in range(WRITERS):
        for i in range(ADDS):
            assert events[f"w{k}-{i}"].review == ("accepted" if i % 2 else "rejected")
    changes = [c for c in store.history(limit=10_000) if c.user.startswith("writer-")]
    assert len(changes) == WRITERS * ADDS * 2
    entries = [a for a in store.audit_log(limit=10_000) if a.user.startswith("writer-")]
    assert len(entries) == WRITERS * ADDS * 2
    assert len({a.change_id for a in entries}) == WRITERS * ADDS * 2
    print(f"{WRITERS} writers x {ADDS * 2} writes on {store.backend}: {elapsed:.1f} s")
    store.close()


CHILD = """
import sys, time
from geodata.formats import read_import
from geodata.store import open_store

store = open_store()
result = read_import(sys.argv[1], "places", dataset=store.load_dataset())
assert not result.rejected, result.rejected[:3]
editor = store.as_editor("importer", sys.argv[2])

def progress(done, total):
    print(f"wrote {done} {total}", flush=True)
    time.sleep(0.2)  # a slow consumer: the parent kills the process while the batch is open

editor.apply(result, progress=progress)
print("committed", flush=True)
"""


def _big_places_file(path: Path, n: int) -> None:
    features = [
        {
            "type": "Feature",
            "properties": {
                "id": f"big-{i}",
                "name_en": f"Big {i}",
                "name_ar": f"قرية {i}",
                "kind": "village",
            },
            "geometry": {"type": "Point", "coordinates": [37.5 + (i % 100) * 0.02, 34.5 + (i // 100) * 0.05]},
        }
        for i in range(n)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")


def test_import_killed_midway_leaves_database_exactly_as_before(settings, tmp_path):
    big = tmp_path / "big.geojson"
    _big_places_file(big, 3000)  # 6 batches of 500 rows in one transaction
    before = dump(settings)
    env = {**os.environ, **env_of(settings)}
    seen, stderr = [], ""
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(big), SECRET],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        for line in proc.stdout:
            seen.append(line.strip())
            if line.startswith("wrote") and int(line.split()[1]) >= 1000:
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=60)
        stderr = proc.stderr.read()
    assert proc.returncode == -signal.SIGKILL, (seen, stderr)
    assert "committed" not in seen and any(s.startswith("wrote 1000") for s in seen)
    assert dump(settings) == before

    # The database is intact and writable, and the same import then succeeds in full.
    if not settings.database_url:
        conn = sqlite3.connect(settings.db_path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    done = subprocess.run(
        [sys.executable, "-c", CHILD.replace("time.sleep(0.2)", "pass"), str(big), SECRET],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "committed" in done.stdout, done.stderr
    store = open_store(settings)
    assert sum(1 for p in store.load_dataset().gazetteer.places if p.startswith("big-")) == 3000
    store.close()
