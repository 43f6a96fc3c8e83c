"""One hostile file through `zonemap import`, as a user would run it (click's CliRunner, in this
process), and what came of it: the fuzz harness of the test suite and `make fuzz`
(benchmarks/fuzz_imports.py, which adds the wall-clock limit) share it.

An outcome is one of:

- `refused`: exit status 1 with a message (an `Error: ...` line, or the report's problems with
  file, record and field), and the database exactly as before (`dump`: every row of every
  table);
- `accepted`: exit status 0; when the import changed anything, it printed its change number,
  and `zonemap db undo` brought the data back exactly (places, zones, events, sources, actors,
  factions; all but the `rev` columns, which count every write, an undo too);
- `traceback`: an exception escaped (or a traceback was printed);
- `changed`: the run did not succeed, yet the database is not as before;
- `undo failed`: accepted, but the undo did not restore the data;
- `unexpected`: any other exit status, or a refusal without a message;

and, besides, whether `PRAGMA integrity_check` still says ok.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from hostile_files import Hostile
from test_store_support import SECRET, env_of

from geodata.cli import main
from geodata.settings import Settings

DATA_TABLES = ("factions", "actors", "sources", "places", "zones", "events")
PROBLEM = re.compile(r": record .+: field .+: \S")
CHANGE = re.compile(r"\(change #(\d+);")


@dataclass(frozen=True)
class Outcome:
    kind: str  # refused, accepted, traceback, changed, undo failed, unexpected
    integrity: bool
    detail: str = ""  # the last line printed, or the exception


def dump(settings: Settings, *, data_only: bool = False) -> dict[str, list[tuple]]:
    """Every row of every table (`data_only`: of DATA_TABLES, without their `rev` columns)."""
    conn = sqlite3.connect(f"file:{settings.db_path}?mode=ro", uri=True)
    try:
        tables = (
            DATA_TABLES
            if data_only
            else [
                r[0]
                for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            ]
        )
        out = {}
        for table in tables:
            cur = conn.execute(f'SELECT * FROM "{table}" ORDER BY 1')
            keep = [i for i, d in enumerate(cur.description) if not data_only or d[0] != "rev"]
            out[table] = [tuple(row[i] for i in keep) for row in cur]
        return out
    finally:
        conn.close()


def integrity_ok(db: Path) -> bool:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def environment(settings: Settings) -> dict[str, str]:
    return {
        **env_of(settings),
        "ZONEMAP_EDITOR_SECRET": SECRET,
        "ZONEMAP_USER": "fuzzer",
        "ZONEMAP_DATABASE_URL": "",
    }


def invoke(*args: str, env: dict[str, str]) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(main, list(args), env=env)
    exc = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.output, exc


def run(
    hostile: Hostile, folder: Path, settings: Settings, imported: Callable[[int], None] | None = None
) -> Outcome:
    """Import `hostile` (written into `folder`) into the database of `settings`;
    `imported(exit_status)` is called once `zonemap import` returned, before the checks."""
    path = folder / hostile.name
    path.write_bytes(hostile.data)
    env = environment(settings)
    before, data = dump(settings), dump(settings, data_only=True)
    code, out, exc = invoke("import", str(path), *hostile.args, env=env)
    if imported is not None:
        imported(code)
    lines = [ln for ln in out.splitlines() if ln.strip()]
    last = lines[-1][:200] if lines else ""
    if exc is not None or "Traceback (most recent call last)" in out:
        return Outcome(
            "traceback",
            integrity_ok(settings.db_path),
            f"{type(exc).__name__}: {exc}" if exc is not None else last,
        )
    if code == 0:
        return _accepted(settings, data, out, env, last)
    ok = integrity_ok(settings.db_path)
    if dump(settings) != before:
        return Outcome("changed", ok, last)
    message = any(ln.startswith("Error: ") and len(ln) > 17 for ln in lines) or any(
        PROBLEM.search(ln) for ln in lines
    )
    if code != 1 or not message:
        return Outcome("unexpected", ok, f"exit {code}: {last}")
    return Outcome("refused", ok, last)


def _accepted(
    settings: Settings, before: dict[str, list[tuple]], out: str, env: dict[str, str], last: str
) -> Outcome:
    """An import that succeeded: said its change number, and `db undo` reverts it."""
    found = CHANGE.search(out)
    if found is None:  # nothing changed: then nothing may have changed
        kind = "accepted" if dump(settings, data_only=True) == before else "changed"
        return Outcome(kind, integrity_ok(settings.db_path), last)
    code, undo_out, exc = invoke("db", "undo", env=env)
    restored = dump(settings, data_only=True)
    ok = integrity_ok(settings.db_path)
    if exc is not None or code != 0 or f"undid change #{found.group(1)}" not in undo_out:
        return Outcome("undo failed", ok, f"undo: exit {code}: {exc or undo_out[-200:]}")
    if restored != before:
        differ = [t for t in DATA_TABLES if restored[t] != before[t]]
        return Outcome("undo failed", ok, f"undo did not restore {', '.join(differ)}")
    return Outcome("accepted", ok, last)
