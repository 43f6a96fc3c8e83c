"""What no control zone may be when written (issue 16), on both backends: coordinates that are
not finite or out of range (a zone at 1e308 became the only zone of every later date), a zone
outside Syria's outline, a snapshot dated far in the future (9999-12-31 became every viewer's
default date). Each is refused with every problem named, and nothing is written; a zone stored
before these limits does not block later writes."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from shapely.geometry import MultiPolygon, Polygon, box
from test_store_support import BACKENDS, SECRET, dump, settings_for

from geodata.errors import ValidationError
from geodata.model import ControlZone
from geodata.store import backend_for, open_store, rows
from geodata.store.transaction import Entry, Tx
from geodata.validation import HORIZON_DAYS, check_zone_limits

IN_SYRIA = box(37.0, 36.0, 37.3, 36.4)
FAR = dt.date(9999, 12, 31)


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path):
    with settings_for(request.param, tmp_path) as s:
        yield s


@pytest.fixture
def editor(settings):
    store = open_store(settings)
    yield store.as_editor("rana", SECRET)
    store.close()


def zone(geom=IN_SYRIA, day=dt.date(2021, 6, 1), id="z-new", **kw) -> ControlZone:
    return ControlZone(
        id=id,
        faction="sdf",
        valid_from=day,
        source="test",
        confidence="high",
        geometry=MultiPolygon([geom]),
        **kw,
    )


def refused(call) -> str:
    with pytest.raises(ValidationError) as exc:
        call()
    return str(exc.value)


@pytest.mark.parametrize(
    ("geom", "reason"),
    [
        (
            box(1e308, 36.0, 1.5e308, 36.4),
            "reaches longitude 1.5e+308, latitude 36.4: outside -180..180 / -90..90",
        ),
        (box(36.0, 37.0, 36.4, 95.0), "latitude 95: outside -180..180 / -90..90"),
        (box(2.0, 46.0, 2.5, 46.5), "lies outside Syria (near 46.250, 2.250)"),
    ],
)
def test_zone_snapshot__out_of_range_or_outside_syria_refused(settings, editor, geom, reason):
    before = dump(settings)
    message = refused(lambda: editor.add_zone_snapshot([zone(geom)]))
    assert "record z-new: field geometry" in message and reason in message
    assert dump(settings) == before


def test_zone_limits__a_coordinate_that_is_no_number():
    with np.errstate(invalid="ignore"):  # shapely warns about the NaN it is given
        nan = Polygon([(37.0, 36.0), (float("nan"), 36.0), (37.3, 36.4), (37.0, 36.0)])
    z = zone(box(37, 36, 37.3, 36.4)).model_copy(update={"geometry": MultiPolygon([nan])})
    (problem,) = check_zone_limits([z], None, {})
    assert problem.reason == "has a coordinate that is not a finite number"


def test_zone_snapshot__far_future_date_refused(settings, editor):
    before = dump(settings)
    message = refused(lambda: editor.add_zone_snapshot([zone(day=FAR)]))
    assert f"field valid_from: 9999-12-31 is more than {HORIZON_DAYS} days after today" in message
    editor_store = editor
    message = refused(lambda: editor_store.set_zone_validity("z-sdf", dt.date(2021, 1, 20), FAR))
    assert "record z-sdf: field valid_to: 9999-12-31 is more than" in message
    assert dump(settings) == before
    soon = dt.date.today() + dt.timedelta(days=30)  # a snapshot a little ahead is allowed
    assert editor.add_zone_snapshot([zone(day=soon)]).inserted == 1


def test_zone_snapshot__a_far_future_zone_stored_before_does_not_block_writes(settings, editor):
    backend = backend_for(settings)
    with backend.write() as cur:  # as a database written before the limits may hold
        tx = Tx(backend, cur, Entry("legacy", "zone snapshot", "before the limits"))
        tx.put("zones", rows.document(zone(day=FAR, id="z-far")))
    backend.close()
    applied = editor.add_zone_snapshot([zone(day=dt.date(2021, 6, 1))])
    assert applied.inserted == 1
    ds = editor.load_dataset()
    assert {z.id for z in ds.zones if z.valid_on(dt.date(2022, 1, 1))} == {"z-new"}
