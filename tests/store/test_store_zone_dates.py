"""Changing a zone's dates over the shipped snapshots (issue 12), on both backends: a start that
would overlap every older snapshot is refused with nothing written, and the same zone then
closed a month after its own start is accepted. The Edit page once wrote the refused start a
second time (its date picker, ending ten years after the date it held, dropped the start entered
again: tests/dashboard/test_dashboard_editing.py); the store was never the cause, and this pins
it."""

from __future__ import annotations

import datetime as dt

import pytest
from test_store_support import BACKENDS, SECRET, dump, settings_for

from geodata.dataset import DATA_DIR
from geodata.errors import ValidationError
from geodata.store import open_store
from geodata.zones import latest_snapshot


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path):
    with settings_for(request.param, tmp_path, data=DATA_DIR) as s:
        yield s


def test_set_zone_validity__newest_snapshot_closed_after_a_refused_start(settings):
    store = open_store(settings)
    try:
        editor = store.as_editor("rana", SECRET)
        zones = store.load_dataset().zones
        newest = latest_snapshot(zones)
        zone = max(z.id for z in zones if z.valid_from == newest)
        before = dump(settings)
        with pytest.raises(ValidationError) as exc:
            editor.set_zone_validity(zone, dt.date(2015, 1, 1), None)
        assert f"record {zone}: field geometry: overlaps zone '2019-10-01-" in str(exc.value)
        assert dump(settings) == before
        end = newest + dt.timedelta(days=30)
        editor.set_zone_validity(zone, newest, end)
        (changed,) = [z for z in store.load_dataset().zones if z.id == zone]
        assert (changed.valid_from, changed.valid_to) == (newest, end)
    finally:
        store.close()
