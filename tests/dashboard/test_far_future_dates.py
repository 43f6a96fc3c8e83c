"""A control-zone snapshot dated 9999-12-31 that is in the database anyway (written before the
store refused such dates, issue 16): it never becomes the viewers' default date, and the Edit
page shows it without crashing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dashboard_fixtures import use_db
from shapely.geometry import MultiPolygon, box
from streamlit.testing.v1 import AppTest

from geodata.model import ControlZone
from geodata.settings import get_settings
from geodata.store import backend_for, rows
from geodata.store.transaction import Entry, Tx

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
SECRET = "correct horse battery staple"
FAR = dt.date(9999, 12, 31)


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = use_db(monkeypatch, tmp_path, SECRET)
    backend = backend_for(get_settings())
    with backend.write() as cur:  # past the store's checks, as an older Zonemap let it in
        tx = Tx(backend, cur, Entry("legacy", "zone snapshot", "a snapshot of 9999-12-31"))
        tx.put(
            "zones",
            rows.document(
                ControlZone(
                    id="z-far",
                    faction="sdf",
                    valid_from=FAR,
                    source="typo",
                    confidence="low",
                    geometry=MultiPolygon([box(40.0, 36.0, 40.5, 36.5)]),
                )
            ),
        )
    backend.close()
    return path


def test_far_future_snapshot_is_not_the_default_date(db):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    shown = at.date_input(key="date").value
    assert shown <= dt.date.today() + dt.timedelta(days=366)
    assert "9999" not in " ".join(c.value for c in at.caption)


def test_edit_page_shows_a_far_future_zone(db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["date"] = "2021-01-20"
    at.run()
    at.text_input(key="signin_user").set_value("rana")
    at.text_input(key="signin_secret").set_value(SECRET)
    at.button(key="signin_submit").click().run()
    at.switch_page("app_pages/edit.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="zv_pick").value == "z-far"  # the newest first
    assert at.date_input(key="zv_from").value == FAR
    at.button(key="zv_save").click().run()  # its dates saved as they are: refused, with a reason
    assert not at.exception, at.exception
    assert any("more than 366 days after today" in e.value for e in at.error)
