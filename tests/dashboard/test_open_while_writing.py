"""A new viewer while an editor writes (issue 16): opening the store and loading the dashboard
never wait for a write transaction, on both backends, and read the state last committed."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest
from shapely.geometry import MultiPolygon, box
from streamlit.testing.v1 import AppTest
from test_store_support import BACKENDS, SECRET, env_of, settings_for

from geodata.model import ControlZone
from geodata.store import open_store

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
LATER = dt.date(2021, 6, 1)  # the snapshot being written; the committed one is of 2021-01-20
BUDGET_S = 2.0


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path, monkeypatch):
    """A created and seeded database, selected for the app through the environment."""
    with settings_for(request.param, tmp_path) as s:
        monkeypatch.delenv("ZONEMAP_DATABASE_URL", raising=False)
        for key, value in env_of(s).items():
            monkeypatch.setenv(key, value)
        yield s


def _snapshot() -> list[ControlZone]:
    return [
        ControlZone(
            id="z-later",
            faction="sdf",
            valid_from=LATER,
            source="test",
            confidence="high",
            geometry=MultiPolygon([box(37.0, 36.0, 37.3, 36.4)]),
        )
    ]


class HeldWrite:
    """An editor's zone snapshot, stopped inside its write transaction (rows written, the lock
    taken, nothing committed) until `release()`."""

    def __init__(self, settings) -> None:
        self.store = open_store(settings)
        self.editor = self.store.as_editor("importer", SECRET)
        self.inside, self.go, self.errors = threading.Event(), threading.Event(), []
        self.thread = threading.Thread(target=self._write)

    def _hold(self, done: int, total: int) -> None:
        self.inside.set()
        assert self.go.wait(60), "the test never released the writer"

    def _write(self) -> None:
        try:
            self.editor.add_zone_snapshot(_snapshot(), progress=self._hold)
        except BaseException as exc:  # reported by release()
            self.errors.append(exc)
            self.inside.set()

    def __enter__(self) -> HeldWrite:
        self.thread.start()
        assert self.inside.wait(30) and not self.errors, self.errors
        return self

    def release(self) -> None:
        self.go.set()
        self.thread.join(60)
        self.store.close()
        assert not self.errors, self.errors

    def __exit__(self, *exc: object) -> None:
        if not self.go.is_set():
            self.release()


def _map_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["date"] = LATER.isoformat()
    return at.run()


def _captions(at: AppTest) -> str:
    text = " ".join(c.value for c in at.caption)
    return text.replace("\\", "").replace("\u2060", "")  # Markdown escapes and joiners off


def test_open_and_dashboard_while_a_write_is_held(settings):
    _map_page()  # the app's modules imported once, before the clock starts
    with HeldWrite(settings) as writer:
        t0 = time.monotonic()
        with open_store(settings) as store:
            zones = {z.id for z in store.load_dataset().zones}
        at = _map_page()
        elapsed = time.monotonic() - t0
        assert not at.exception, at.exception
        assert not at.error, [e.value for e in at.error]
        assert elapsed < BUDGET_S, f"opening and loading took {elapsed:.2f} s behind a writer"
        assert zones == {"z-sdf", "z-gov"}  # the committed state, not the held snapshot
        assert "control zones of the 2021-01-20 snapshot" in _captions(at)
        writer.release()
    with open_store(settings) as store:
        assert "z-later" in {z.id for z in store.load_dataset().zones}
    assert "control zones of 2021-06-01" in _captions(_map_page())
