"""What a shared deployment must not allow by default: listening on every interface, uploads
larger than the import cap, and a page that crashes on sources without a date (issue 16)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from dashboard_fixtures import make_dataset

from dashboard import importing
from dashboard.about import sources_frame
from geodata.model import Source

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


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
    frame = sources_frame(type(ds)(ds.gazetteer, ds.actors, ds.factions, ds.zones, ds.events,
                                   sources))
    assert list(frame["outlet"]) == ["Dated", "Test outlet", "ACLED 1", "ACLED 2"]
