"""Who held a place on a date and since which snapshot (`geodata.zones.held_since` and its batch
form `holdings`), on documented facts: the shipped places (geodata/data/places.geojson: Aleppo
and Manbij are cities, so a 3 km disc; the security squares their outlines) over the 15 shipped
snapshots. "Since" is the first snapshot of the holder's unbroken run: the change happened
between the snapshot before it and that one. And the vectorised footprints are the discs
`Point.buffer` draws."""

from __future__ import annotations

import datetime as dt
import functools
import math

import pytest
from shapely import affinity
from shapely.geometry import Point
from test_zones_history import all_zones

from geodata.dataset import DATA_DIR
from geodata.formats.geojson import read_features
from geodata.model import Place, PlaceKind
from geodata.zones import FOOTPRINT_KM, footprint, footprints, held_since, holdings

D = dt.date.fromisoformat


@functools.cache
def places() -> dict[str, Place]:
    return {r.data["id"]: Place(**r.data) for r in read_features(DATA_DIR / "places.geojson")}


@pytest.mark.parametrize(
    ("pid", "day", "faction", "since", "before"),
    [
        # The HTS-led offensive reached Aleppo on 29-30 November 2024; the city passed to the new
        # authorities when the Assad government fell on 8 December.
        ("aleppo", "2024-12-05", "hts", "2024-11-30", "government"),
        ("aleppo", "2024-12-15", "transition", "2024-12-08", "hts"),
        ("aleppo", "2024-11-26", "government", "2019-10-01", None),  # since the first snapshot
        # The SNA's Dawn of Freedom took Tal Rifaat (1-2 December 2024) and Manbij (9-10 December).
        ("tal-rifaat", "2024-12-10", "sna", "2024-12-02", "shared"),
        ("manbij", "2024-12-15", "sna", "2024-12-10", "sdf"),
        # The SDF took the government's security squares of Hasakah and Qamishli on 7-8 December.
        ("hasakah-security-square", "2024-12-15", "sdf", "2024-12-08", "government"),
        ("hasakah-security-square", "2024-12-05", "government", "2019-10-01", None),
        ("qamishli-security-square", "2025-03-20", "sdf", "2024-12-08", "government"),
        # Operation Peace Spring (October 2019): Ras al-Ain from the SDF to the SNA.
        ("ras-al-ain", "2019-10-01", "sdf", "2019-10-01", None),
        ("ras-al-ain", "2019-11-01", "sna", "2019-11-01", "sdf"),
        # January 2026: the SDF left Raqqa to the government.
        ("raqqa", "2026-01-25", "transition", "2026-01-25", "sdf"),
    ],
)
def test_held_since__documented_facts(pid, day, faction, since, before):
    got = held_since(places()[pid], D(day), all_zones())
    assert (got.faction, got.since, got.before) == (faction, D(since), before)


def test_held_since__a_date_between_snapshots_counts_from_the_snapshot_shown():
    got = held_since(places()["aleppo"], D("2024-12-07"), all_zones())  # the 5 December map
    assert (got.faction, got.since) == ("hts", D("2024-11-30"))


def test_holdings__the_same_as_one_place_at_a_time():
    some = [
        places()[p]
        for p in (
            "aleppo",
            "manbij",
            "tal-rifaat",
            "hasakah-security-square",
            "ras-al-ain",
            "raqqa",
            "qamishli-security-square",
        )
    ]
    for day in (D("2019-11-01"), D("2024-12-05"), D("2026-01-25")):
        assert holdings(some, day, all_zones()) == [held_since(p, day, all_zones()) for p in some]


def test_footprints__the_discs_buffer_draws():
    for kind, (lon, lat) in ((PlaceKind.CITY, (37.16, 36.2)), (PlaceKind.TOWN, (40.07, 36.84))):
        p = Place(id="x", name_en="X", name_ar="س", kind=kind, geometry=Point(lon, lat))
        old = affinity.scale(
            Point(lon, lat).buffer(FOOTPRINT_KM[kind] / 111.32, quad_segs=8),
            xfact=1.0 / math.cos(math.radians(lat)),
            yfact=1.0,
        )
        got = footprint(p)
        assert got.symmetric_difference(old).area < 1e-9 * old.area
        assert len(got.exterior.coords) == len(old.exterior.coords)
    village = Place(id="v", name_en="V", name_ar="ق", kind="village", geometry=Point(38, 36))
    assert list(footprints([village])) == [Point(38, 36)]
    assert len(footprints([])) == 0


def test_holdings__without_areas_an_area_gets_its_holder_only():
    some = [places()["hasakah-governorate"], places()["aleppo"]]
    day = D("2024-12-15")
    region, city = holdings(some, day, all_zones(), areas=False)
    assert region.since is None and region.before is None
    assert region.zone == holdings(some, day, all_zones())[0].zone  # the same holder of the day
    assert city == held_since(places()["aleppo"], day, all_zones())  # a city: walked back


def test_holdings__the_same_whatever_was_asked_before(monkeypatch):
    """Controllers are kept per snapshot and place between calls (`zones._KEPT`): stepping
    through the dates in any order, with a cold or a warm memo, or one that overflows and starts
    again, gives what a fresh computation gives."""
    from geodata import zones as zones_module

    zones, chosen = all_zones(), list(places().values())[:60]
    days = [D(d) for d in ("2019-10-01", "2020-03-10", "2024-11-26", "2024-12-05", "2024-12-15")]

    def fresh(day: dt.date) -> list:
        zones_module._KEPT.clear()
        return holdings(chosen, day, zones)

    expected = {day: fresh(day) for day in days}
    zones_module._KEPT.clear()
    for day in [*days, *reversed(days)]:  # a warm memo, forwards then back
        assert holdings(chosen, day, zones) == expected[day]
        assert holdings(chosen[::7], day, zones) == expected[day][::7]
    monkeypatch.setattr(zones_module, "_KEPT_PLACES", 25)  # overflows on every call
    for day in days:
        assert holdings(chosen, day, zones) == expected[day]


def test_large_footprints_sampled__the_same_holder_as_the_exact_overlay(monkeypatch):
    """Regions and governorates share themselves among the zones by sample points
    (`zones.EXACT_DEG2`), overlaid exactly only in a close call: at every shipped snapshot each
    curated place's holding faction is the one the exact overlay gives."""
    from geodata import zones as zones_module

    zones, chosen = all_zones(), list(places().values())
    feet = footprints(chosen)
    for day in sorted({z.valid_from for z in zones}):
        current = zones_module.zones_on(zones, day)
        sampled = zones_module._controllers(feet, current)
        with monkeypatch.context() as m:
            m.setattr(zones_module, "EXACT_DEG2", float("inf"))
            exact = zones_module._controllers(feet, current)
        assert [z and z.faction for z in sampled] == [z and z.faction for z in exact], day
    assert sum(f.area > zones_module.EXACT_DEG2 for f in feet) > 20  # the sampled path ran
