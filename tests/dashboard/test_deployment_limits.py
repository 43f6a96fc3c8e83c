"""What a shared deployment must not allow by default: listening on every interface, uploads
larger than the import cap, a page that crashes on sources without a date, and a page that shows
an anonymous viewer the server's database path (issue 16)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from dashboard_fixtures import make_dataset
from streamlit.testing.v1 import AppTest

from dashboard import importing
from dashboard.about import sources_frame
from geodata.model import Source
from geodata.settings import get_settings
from geodata.store import migrate_db

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def test_the_server_listens_on_this_machine_only_by_default():
    server = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["server"]
    assert server["address"] == "127.0.0.1"


def test_uploads_are_capped_at_the_import_limit():
    server = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["server"]
    assert server["maxUploadSize"] == importing.MAX_MB


def test_about_lists_undated_sources_after_dated_ones():
    """An ACLED import brings sources without a date; sorting a date against an id crashed
    the About page for everyone."""
    ds = make_dataset()
    undated = [Source(id=f"acled-{i}", outlet=f"ACLED {i}") for i in (2, 1)]
    dated = Source(id="zz-dated", outlet="Dated", published=dt.date(2020, 5, 1))
    sources = {**ds.sources, **{s.id: s for s in [*undated, dated]}}
    frame = sources_frame(type(ds)(ds.gazetteer, ds.actors, ds.factions, ds.zones, ds.events, sources))
    assert list(frame["outlet"]) == ["Dated", "Test outlet", "ACLED 1", "ACLED 2"]


@pytest.mark.parametrize(
    ("prepare", "command"),
    [
        (None, "zonemap db init"),  # never created: opening must not create it either
        (5, "zonemap db migrate"),  # created by an older Zonemap
    ],
)
def test_a_database_not_ready_says_what_to_run_and_never_its_path(tmp_path, monkeypatch, prepare, command):
    path = tmp_path / "private-folder" / "zonemap.sqlite"
    monkeypatch.setenv("ZONEMAP_DB", str(path))
    monkeypatch.delenv("ZONEMAP_DATABASE_URL", raising=False)
    if prepare is not None:
        migrate_db(get_settings(), target=prepare)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error).replace("\\", "").replace("\u2060", "")
    assert "The database cannot be opened" in shown and command in shown
    assert "private-folder" not in shown and str(tmp_path) not in shown
    assert path.exists() == (prepare is not None)
