"""The columns kept on disk beside a SQLite database (`geodata.store.columns`, the snapshot): a
restarted server's first reader starts from them instead of reading every row again, and gets
exactly what a full read gives, after writes, for a database made anew at the same path, and
when the file is damaged."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest
from test_store_support import SECRET, settings_for
from test_store_views import ALL, SYRIA, located

from geodata.store import columns, init_db, open_store
from geodata.views import MarkQuery

Q = MarkQuery(ALL, SYRIA, 7)


@pytest.fixture
def counted_loads(monkeypatch):
    """Full reads of a table, counted; the in-process caches emptied, as in a new server."""
    loads, real = [], columns.load
    monkeypatch.setattr(columns, "load", lambda *a: loads.append(1) or real(*a))
    columns._CACHES.clear()
    yield loads
    columns._CACHES.clear()


def _restart() -> None:
    columns._CACHES.clear()  # a new server process: nothing in memory


def _marks(s) -> list[tuple]:
    with open_store(s) as store:
        found = store.marks(Q)
        sql = store.marks_sql(Q)
    assert [(m.key, m.n_events) for m in found.marks] == [(m.key, m.n_events) for m in sql.marks]
    return [(m.key, m.n_events, m.label, m.precision) for m in found.marks]


def test_a_restarted_server_starts_from_the_snapshot_and_catches_up_with_writes(tmp_path, counted_loads):
    with settings_for("sqlite", tmp_path) as s:
        init_db(s)
        with open_store(s) as store:
            store.as_editor("rana", SECRET).apply(located(store.load_dataset(), 200, 40))
        before = _marks(s)
        assert counted_loads == [1]
        assert Path(f"{s.db_path}{columns.SNAPSHOT}").is_file()

        _restart()
        assert _marks(s) == before and counted_loads == [1]  # no row read again

        with open_store(s) as store:  # written since the snapshot: added by `refresh`
            store.as_editor("rana", SECRET).apply(located(store.load_dataset(), 30, 7, start=500))
        _restart()
        after = _marks(s)
        assert sum(n for _, n, _, _ in after) == sum(n for _, n, _, _ in before) + 30
        assert counted_loads == [1]

        _restart()  # the snapshot still holds the first read: brought up to date again
        assert _marks(s) == after and counted_loads == [1]


def test_a_database_made_anew_at_the_same_path_ignores_the_old_snapshot(tmp_path, counted_loads):
    with settings_for("sqlite", tmp_path) as s:
        init_db(s)
        with open_store(s) as store:
            store.as_editor("rana", SECRET).apply(located(store.load_dataset(), 50, 10))
        old = sum(n for _, n, _, _ in _marks(s))  # the 50 and the seed's events in view
        for suffix in ("", "-wal", "-shm"):
            Path(f"{s.db_path}{suffix}").unlink(missing_ok=True)
        init_db(s)
        _restart()
        assert sum(n for _, n, _, _ in _marks(s)) == old - 50 and counted_loads == [1, 1]


@pytest.mark.parametrize("damage", [b"", b"not a numpy file", "truncated"])
def test_a_damaged_snapshot_is_ignored_and_said(tmp_path, counted_loads, caplog, damage):
    with settings_for("sqlite", tmp_path) as s:
        init_db(s)
        with open_store(s) as store:
            store.as_editor("rana", SECRET).apply(located(store.load_dataset(), 40, 8))
        expected = _marks(s)
        kept = Path(f"{s.db_path}{columns.SNAPSHOT}")
        data = kept.read_bytes()
        kept.write_bytes(data[: len(data) // 2] if damage == "truncated" else damage)
        _restart()
        with caplog.at_level(logging.WARNING, logger=columns.__name__):
            assert _marks(s) == expected
        assert counted_loads == [1, 1]
        assert any(str(kept) in r.getMessage() for r in caplog.records)
        with np.load(kept, allow_pickle=False) as again:  # written anew after the full read
            assert "head" in again.files
