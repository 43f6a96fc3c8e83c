"""An editor adds a control-zone snapshot by importing a file of zones for a date (the importer
sets every zone's date from --as-of / the Import page's date), with the audit and undo of every
other edit; the snapshot before it is closed on that date and reopened by the undo. On the
shipped data, in a temporary SQLite database."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from shapely.geometry import box, mapping
from test_store_support import SECRET, settings_for

from geodata.dataset import DATA_DIR
from geodata.formats import read_import
from geodata.store import open_store
from geodata.zones import latest_snapshot, snapshot_dates, snapshot_on

NEW = dt.date(2026, 6, 1)
LATEST = dt.date(2026, 1, 25)


@pytest.fixture
def store(tmp_path):
    with settings_for("sqlite", tmp_path, data=DATA_DIR) as settings, open_store(settings) as st:
        yield st


def zones_file(tmp_path, valid_from: str | None = None):
    west, east = box(36.0, 34.0, 38.5, 37.0), box(38.5, 34.0, 42.0, 37.0)
    feats = [
        {
            "type": "Feature",
            "geometry": mapping(geom),
            "properties": {
                "id": f"test-{fid}",
                "faction": fid,
                "confidence": "low",
                "source": "an editor's test map",
                **({"valid_from": valid_from} if valid_from else {}),
            },
        }
        for fid, geom in (("transition", west), ("sdf", east))
    ]
    path = tmp_path / "zones.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), "utf-8")
    return path


def test_import_sets_the_snapshot_date_from_as_of(store, tmp_path):
    ds = store.load_dataset()
    result = read_import(zones_file(tmp_path, valid_from="2020-01-01"), "zones", as_of=NEW, dataset=ds)
    assert not result.rejected and result.as_of == NEW
    assert {z.valid_from for z in result.records} == {NEW}
    undated = read_import(zones_file(tmp_path), "zones", dataset=ds)
    assert [p.field for p in undated.rejected] == ["valid_from", "valid_from"]


def test_an_imported_snapshot_is_audited_becomes_the_latest_and_is_undone(store, tmp_path):
    before = store.load_dataset()
    editor = store.as_editor("rana", SECRET)
    applied = editor.apply(read_import(zones_file(tmp_path), "zones", as_of=NEW, dataset=before))
    after = store.load_dataset()
    assert latest_snapshot(after.zones) == NEW and NEW in snapshot_dates(after.zones)
    assert {z.valid_to for z in after.zones if z.valid_from == LATEST} == {NEW}  # closed
    assert snapshot_on(after.zones, dt.date(2026, 3, 1)).as_of == LATEST
    change = store.last_change()
    assert change.id == applied.change_id and change.user == "rana"
    audit = [(e.user, e.action, e.table) for e in store.audit_log() if e.record_id == "test-sdf"]
    assert audit == [("rana", "insert", "zones")]
    closed = [e for e in store.audit_log() if e.record_id.startswith("2026-01-25-")]
    assert closed and all(e.action == "update" for e in closed)
    editor.undo_last()
    undone = store.load_dataset()
    assert sorted(undone.zones, key=lambda z: z.id) == sorted(before.zones, key=lambda z: z.id)
    assert latest_snapshot(undone.zones) == LATEST
    assert {z.valid_to for z in undone.zones if z.valid_from == LATEST} == {None}
