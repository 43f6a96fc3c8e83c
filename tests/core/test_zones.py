import datetime as dt

import pyproj
import pytest
from fixtures import DAY, place, zone
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import Point, box

from geodata.zones import (
    area_km2,
    changed_places,
    changes,
    controller,
    controllers,
    held_since,
    holdings,
    latest_snapshot,
    snapshot_dates,
    snapshot_on,
    step_snapshot,
    zones_on,
)

# A city at (37.0, 36.2) held by "a", with a small enclave of "b" right on its point.
CITY = place("city", "City", "مدينة", "city", Point(37.0, 36.2))
ENCLAVE = place("enclave", "Enclave", "مربع", "neighbourhood", box(36.995, 36.195, 37.005, 36.205))
VILLAGE = place("village", "Village", "قرية", "village", Point(37.001, 36.2))
OUTSIDE = place("far", "Far", "بعيد", "village", Point(40.0, 30.0))

A = box(36.5, 35.5, 37.5, 36.8).difference(ENCLAVE.geometry)
ZONES = [
    zone("a1", "a", A),
    zone("b1", "b", ENCLAVE.geometry),
    zone("old-b", "b", box(36.5, 35.5, 37.5, 36.8), start=dt.date(2019, 10, 1), end=dt.date(2019, 10, 9)),
]


def test_controller__city_goes_to_the_majority_of_its_footprint_not_its_point():
    assert controller(CITY, DAY, ZONES).faction == "a"


def test_controller__enclave_polygon_and_a_point_inside_it():
    assert controller(ENCLAVE, DAY, ZONES).faction == "b"
    assert controller(VILLAGE, DAY, ZONES).faction == "b"


def test_controller__outside_every_zone_is_none():
    assert controller(OUTSIDE, DAY, ZONES) is None


def test_controllers__vectorised_matches_one_by_one():
    places = [CITY, ENCLAVE, VILLAGE, OUTSIDE]
    many = controllers(places, DAY, ZONES)
    assert [z.id if z else None for z in many] == [
        (controller(p, DAY, ZONES) or None) and controller(p, DAY, ZONES).id for p in places
    ]


def test_snapshot_on__exact_stale_and_before_everything():
    assert snapshot_on(ZONES, dt.date(2019, 10, 5)).exact
    stale = snapshot_on(ZONES, dt.date(2020, 6, 1))
    assert not stale.exact and stale.as_of == dt.date(2019, 10, 1)
    assert snapshot_on(ZONES, dt.date(2000, 1, 1)) is None
    assert snapshot_dates(ZONES) == [dt.date(2019, 10, 1), DAY]
    assert {z.id for z in zones_on(ZONES, DAY)} == {"a1", "b1"}


@given(st.floats(36.51, 37.49), st.floats(35.51, 36.79))
def test_controller__every_point_in_the_covered_box_has_exactly_the_zone_containing_it(lon, lat):
    p = place("p", "P", "ب", "village", Point(lon, lat))
    got = controller(p, DAY, ZONES)
    expected = "b" if ENCLAVE.geometry.covers(p.geometry) else "a"
    assert got is not None
    if not ENCLAVE.geometry.boundary.distance(p.geometry) < 1e-9:
        assert got.faction == expected


# -- through time ------------------------------------------------------------------------------

OLD = dt.date(2019, 10, 1)


def test_latest_and_step_snapshot():
    assert latest_snapshot(ZONES) == DAY
    assert latest_snapshot([]) is None
    assert step_snapshot(ZONES, OLD, +1) == DAY
    assert step_snapshot(ZONES, dt.date(2020, 6, 1), +1) == DAY  # from a stale day
    assert step_snapshot(ZONES, DAY, -1) == OLD
    assert step_snapshot(ZONES, DAY, +1) is None and step_snapshot(ZONES, OLD, -1) is None
    assert step_snapshot(ZONES, dt.date(2000, 1, 1), +1) == OLD
    assert step_snapshot(ZONES, dt.date(2000, 1, 1), -1) is None


def test_held_since__a_change_and_a_run_back_to_the_first_snapshot():
    got = held_since(VILLAGE, DAY, ZONES)  # "b" then and before
    assert (got.faction, got.since, got.before) == ("b", OLD, None)
    got = held_since(CITY, DAY, ZONES)  # "a" now, "b" on the old snapshot
    assert (got.faction, got.since, got.before) == ("a", DAY, "b")
    assert held_since(OUTSIDE, DAY, ZONES) is None
    assert held_since(CITY, dt.date(2000, 1, 1), ZONES) is None
    assert holdings([CITY, OUTSIDE, VILLAGE], DAY, ZONES)[1] is None


def test_area_km2__one_degree_square_matches_the_geodesic_area():
    square = box(38.0, 35.0, 39.0, 36.0)
    geodesic = abs(pyproj.Geod(ellps="WGS84").geometry_area_perimeter(square)[0]) / 1e6
    assert area_km2(square) == pytest.approx(geodesic, rel=0.002)


def test_changes__the_overlay_per_old_and_new_holder():
    got = changes(ZONES, OLD, DAY)
    assert got.start.as_of == OLD and got.end.as_of == DAY
    assert [(h.before, h.after) for h in got.handovers] == [("b", "a")]
    (handover,) = got.handovers
    assert handover.geometry.equals(A.normalize()) or handover.geometry.symmetric_difference(A).area < 1e-9
    assert handover.km2 == pytest.approx(area_km2(A))
    assert got.km2_start["b"] == pytest.approx(got.km2_end["a"] + got.km2_end["b"])
    assert changes(ZONES, dt.date(2000, 1, 1), DAY) is None


def test_changed_places__only_those_whose_holder_differs():
    moved = changed_places([CITY, VILLAGE, OUTSIDE], OLD, DAY, ZONES)
    assert [(p.id, a.faction, b.faction) for p, a, b in moved] == [("city", "b", "a")]


def test_controllers__a_faction_split_by_confidence_counts_as_one():
    # 30% "a" (high) + 30% "a" (low) + 40% "b": "a" holds most of the footprint.
    split = [
        zone("a-high", "a", box(0.0, 0.0, 0.3, 1.0)),
        zone("a-low", "a", box(0.3, 0.0, 0.6, 1.0), confidence="low"),
        zone("b", "b", box(0.6, 0.0, 1.0, 1.0)),
    ]
    square = place("sq", "Square", "مربع", "neighbourhood", box(0.0, 0.0, 1.0, 1.0))
    assert controller(square, DAY, split).faction == "a"
