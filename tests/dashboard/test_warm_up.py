"""The server's warm-up (`dashboard.warm_up`, started by `server.py`'s lifespan): made before any
reader, what a viewer's first run reads is found there, not loaded again."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from dashboard_fixtures import use_db
from streamlit.testing.v1 import AppTest

from dashboard import data, warm_up

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def _counting_loads(monkeypatch) -> list[str]:
    loads: list[str] = []
    real = data.load_reference

    def load_reference(store):  # the reference dataset: what a first run spent two seconds on
        loads.append("reference")
        return real(store)

    monkeypatch.setattr(data, "load_reference", load_reference)
    return loads


def test_the_first_run_after_the_warm_up_loads_nothing_again(monkeypatch, tmp_path):
    use_db(monkeypatch, tmp_path)
    st.cache_resource.clear()
    loads = _counting_loads(monkeypatch)
    warm_up.run()
    assert loads == ["reference"]
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert "Control as of" in " ".join(m.value for m in at.markdown) + " ".join(h.value for h in at.subheader)
    assert loads == ["reference"]  # the run found the warm-up's


def test_without_the_warm_up_the_first_run_loads_it(monkeypatch, tmp_path):
    """The test above means something: the same run, not warmed, loads the reference itself."""
    use_db(monkeypatch, tmp_path)
    st.cache_resource.clear()
    loads = _counting_loads(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert loads == ["reference"]


def test_a_warm_up_that_cannot_open_the_database_only_logs(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("ZONEMAP_DB", str(tmp_path / "missing" / "nowhere.sqlite"))
    monkeypatch.delenv("ZONEMAP_DATABASE_URL", raising=False)
    warm_up.run()  # no exception: the server keeps serving, the first reader sees the error
    assert "warm-up failed" in caplog.text
