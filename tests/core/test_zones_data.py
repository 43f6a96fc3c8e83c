"""The shipped control-zone snapshots (geodata/data/zones/*.geojson, built by
scripts/build_zones.py from control_labels.csv and zones/snapshots.csv): well-formed, tiled
without overlaps, covering Syria, each faction existing on its date, and right about who held a
handful of places on the first dates (the turning points are in test_zones_history.py)."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import itertools
import json
import math

import numpy as np
import pytest
import shapely
from shapely.geometry import Point, shape

from geodata.dataset import DATA_DIR
from geodata.formats.geojson import read_features, read_records
from geodata.model import ControlZone, Faction

ZONES_DIR = DATA_DIR / "zones"
D2019 = dt.date(2019, 10, 1)
D2021 = dt.date(2021, 1, 20)


def _snapshots() -> dict[dt.date, dt.date | None]:
    with (ZONES_DIR / "snapshots.csv").open(encoding="utf-8", newline="") as f:
        return {
            dt.date.fromisoformat(r["date"]): dt.date.fromisoformat(r["valid_to"]) if r["valid_to"] else None
            for r in csv.DictReader(f)
        }


SNAPSHOTS = _snapshots()
FIRST_UNIT_ROW = dt.date(2024, 11, 30)  # before it, every label is a point row


@functools.cache
def load(day: dt.date) -> list[ControlZone]:
    path = ZONES_DIR / f"{day.isoformat()}.geojson"
    return [ControlZone(**rec.data) for rec in read_features(path)]


@pytest.fixture(scope="module", params=sorted(SNAPSHOTS), ids=str)
def snapshot(request) -> tuple[dt.date, list[ControlZone]]:
    return request.param, load(request.param)


@pytest.fixture(scope="module")
def outline():
    doc = json.loads((DATA_DIR / "syria_outline.geojson").read_text(encoding="utf-8"))
    return shape(doc["features"][0]["geometry"])


@pytest.fixture(scope="module")
def places() -> dict:
    doc = json.loads((DATA_DIR / "places.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["id"]: shape(f["geometry"]) for f in doc["features"]}


def holder(zones: list[ControlZone], lat: float, lon: float) -> str | None:
    """The faction of the zone containing the point (a tiny stand-in for geodata.zones)."""
    hits = [z.faction for z in zones if z.geometry.contains(Point(lon, lat))]
    assert len(hits) <= 1, f"({lat}, {lon}) is in several zones: {hits}"
    return hits[0] if hits else None


def test_every_snapshot_is_shipped_and_small():
    assert len(SNAPSHOTS) >= 12
    shipped = {dt.date.fromisoformat(p.stem) for p in ZONES_DIR.glob("*.geojson")}
    assert shipped == set(SNAPSHOTS)
    for day in SNAPSHOTS:
        path = ZONES_DIR / f"{day.isoformat()}.geojson"
        assert path.stat().st_size < 300_000, f"{path} is {path.stat().st_size} bytes"


def test_snapshots_follow_one_another():
    days = sorted(SNAPSHOTS)
    assert days[0] == D2019 and SNAPSHOTS[days[-1]] is None  # the latest stays open
    for day, nxt in itertools.pairwise(days):
        assert SNAPSHOTS[day] is not None and day < SNAPSHOTS[day] <= nxt, day


def test_records_load_with_ids_dates_and_sources(snapshot):
    day, zones = snapshot
    assert zones
    ids = [z.id for z in zones]
    assert len(set(ids)) == len(ids)
    for z in zones:
        assert z.id.startswith(f"{day.isoformat()}-{z.faction}-")
        assert z.valid_from == day and z.valid_to == SNAPSHOTS[day]
        assert z.source and z.note and "approximate" in z.note


def test_geometries_are_valid_multipolygons(snapshot):
    _, zones = snapshot
    for z in zones:
        assert z.geometry.geom_type == "MultiPolygon", z.id
        assert z.geometry.is_valid, (z.id, shapely.is_valid_reason(z.geometry))
        assert not z.geometry.is_empty, z.id


def test_zones_of_one_date_do_not_overlap(snapshot):
    _, zones = snapshot
    geoms = np.array([z.geometry for z in zones], dtype=object)
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = [(i, j) for i, j in zip(left, right, strict=True) if i < j]
    for i, j in pairs:
        area = shapely.intersection(geoms[i], geoms[j]).area
        assert area < 1e-9, (zones[i].id, zones[j].id, area)


def test_zones_cover_syria(snapshot, outline):
    _, zones = snapshot
    union = shapely.union_all([z.geometry for z in zones])
    assert shapely.intersection(union, outline).area >= 0.98 * outline.area
    # ...and stay inside it (up to the simplification at the border).
    assert shapely.difference(union, outline).area < 0.01 * outline.area


@functools.cache
def factions() -> dict[str, Faction]:
    return {f.id: f for f in (Faction(**rec.data) for rec in read_records(DATA_DIR / "factions.json"))}


def test_every_faction_is_in_factions_json_and_exists_on_the_date(snapshot):
    day, zones = snapshot
    assert {z.faction for z in zones} <= set(factions())
    for z in zones:
        assert factions()[z.faction].active_on(day), (z.id, day)


def label_rows() -> list[dict[str, str]]:
    with (DATA_DIR / "control_labels.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_zones_agree_with_the_point_labels_they_were_built_from(snapshot, outline):
    """Up to the first unit row, a point's label is its latest point row; the zone there must
    say the same."""
    day, zones = snapshot
    if day >= FIRST_UNIT_ROW:
        pytest.skip("labels by administrative unit: see the test below")
    latest: dict[tuple[str, str], dict[str, str]] = {}
    for r in label_rows():
        if r["date"] <= day.isoformat():
            assert r["lat"] and r["lon"], r  # a point row: a community's, or a locality's
            latest[(r["lat"], r["lon"])] = r
    assert len(latest) >= 300
    inside = [r for r in latest.values() if outline.contains(Point(float(r["lon"]), float(r["lat"])))]
    agree = sum(holder(zones, float(r["lat"]), float(r["lon"])) == r["faction"] for r in inside)
    # Not all: an enclave (the Hasakah security square) sits on its city's point.
    assert agree >= 0.99 * len(inside)


def test_labels_name_known_factions_units_and_dates():
    rows = label_rows()
    assert min(r["date"] for r in rows) == D2019.isoformat()
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    for r in rows:
        day = dt.date.fromisoformat(r["date"])
        assert factions()[r["faction"]].active_on(day), r
        assert r["confidence"] in {"high", "medium", "low"}, r
        # A unit (an OCHA p-code), a point, or a community and its point.
        assert r["unit"].startswith(("SY", "C")) or (r["lat"] and r["lon"]), r
        assert not (r["unit"].startswith("SY") and r["lat"]), r
        if r["was"]:
            assert r["was"].split("@")[0] in factions(), r
        assert r["basis"].strip(), r


SPOTS = [
    # (name, lat, lon, holder on 2019-10-01, holder on 2021-01-20); a set means "any of them".
    # Natural Earth's outline runs a few hundred metres south of the GeoNames points of the
    # border towns (Tal Abyad, Kobani, Ras al-Ain), so their points here are 1 km inside it.
    ("Afrin", 36.512, 36.869, "sna", "sna"),
    ("Idlib", 35.930, 36.634, "hts", "hts"),
    ("Raqqa", 35.950, 39.010, "sdf", "sdf"),
    ("Deir ez-Zor", 35.336, 40.140, "government", "government"),
    ("Tal Abyad", 36.688, 38.957, "sdf", "sna"),
    ("Ras al-Ain", 36.840, 40.070, "sdf", "sna"),
    ("Manbij", 36.528, 37.955, {"sdf", "shared"}, {"sdf", "shared"}),
    ("Tal Rifaat", 36.473, 37.097, {"sdf", "shared"}, "shared"),
    ("al-Tanf", 33.500, 38.660, "coalition", "coalition"),
    ("Damascus", 33.513, 36.292, "government", "government"),
    ("Aleppo", 36.200, 37.160, "government", "government"),
    ("Saraqib", 35.864, 36.806, "hts", "government"),
    ("Maarat al-Numan", 35.648, 36.677, "hts", "government"),
    ("Khan Shaykhun", 35.442, 36.651, "government", "government"),
    ("al-Bab", 36.370, 37.516, "sna", "sna"),
    ("Azaz", 36.587, 37.046, "sna", "sna"),
    ("Jarabulus", 36.818, 38.011, "sna", "sna"),
    ("Kobani", 36.880, 38.354, "sdf", "sdf"),
    ("Qamishli west", 37.055, 41.195, "sdf", "sdf"),
    ("Hasakah", 36.485, 40.760, "sdf", "sdf"),
    ("Palmyra", 34.562, 38.284, "government", "government"),
    ("Albu Kamal", 34.452, 40.919, "government", "government"),
    ("Hajin", 34.695, 40.831, "sdf", "sdf"),
]


@pytest.mark.parametrize(("name", "lat", "lon", "h2019", "h2021"), SPOTS, ids=[s[0] for s in SPOTS])
def test_who_held_what(name, lat, lon, h2019, h2021):
    for day, expected in ((D2019, h2019), (D2021, h2021)):
        got = holder(load(day), lat, lon)
        allowed = expected if isinstance(expected, set) else {expected}
        assert got in allowed, f"{name} on {day}: {got}, expected {expected}"


def _shifted(p: Point, km: float, bearing_deg: float) -> Point:
    dlat = km / 111.32 * math.cos(math.radians(bearing_deg))
    dlon = km / (111.32 * math.cos(math.radians(p.y))) * math.sin(math.radians(bearing_deg))
    return Point(p.x + dlon, p.y + dlat)


@pytest.mark.parametrize(
    "enclave", ["hasakah-security-square", "qamishli-security-square", "qamishli-airport"]
)
def test_government_enclaves_inside_sdf_territory(snapshot, places, enclave):
    day, zones = snapshot
    if day >= dt.date(2024, 12, 8):
        pytest.skip("the SDF took the government's enclaves on 7-8 December 2024")
    poly = places[enclave]
    inside = poly.representative_point()
    assert holder(zones, inside.y, inside.x) == "government"
    # 2 km from the enclave's edge, in each direction that stays in town: the SDF.
    centre = poly.centroid
    radius_km = max(centre.distance(Point(x, y)) for x, y in poly.exterior.coords) * 111.32
    for bearing in (0, 90, 180, 270):
        p = _shifted(centre, radius_km + 2.0, bearing)
        if p.y > 37.06:  # north of Qamishli is Turkey
            continue
        assert not poly.contains(p)
        assert holder(zones, p.y, p.x) == "sdf", (enclave, bearing)


def aleppo_holder(day: dt.date) -> str:
    if day < dt.date(2024, 11, 30):
        return "government"
    return "hts" if day < dt.date(2024, 12, 8) else "transition"


def test_sheikh_maqsoud_is_an_sdf_enclave_in_aleppo_until_january_2026(snapshot, places):
    day, zones = snapshot
    inside = places["sheikh-maqsoud"].representative_point()
    outside = _shifted(places["sheikh-maqsoud"].centroid, 3.0, 180)
    enclave = "sdf" if day < dt.date(2026, 1, 10) else aleppo_holder(day)
    assert holder(zones, inside.y, inside.x) == enclave
    assert holder(zones, outside.y, outside.x) == aleppo_holder(day)


@functools.cache
def resolved_points():
    """The build script's localities (needs the committed OCHA sub-districts)."""
    import sys

    sys.path.insert(0, str(DATA_DIR.parents[1] / "scripts"))
    import build_zones

    rows, (units, polys) = build_zones.read_rows(), build_zones.read_units()
    points = build_zones.collect_points(rows, units, polys, build_zones.read_communities())
    return build_zones, rows, points


def test_every_labelled_locality_lies_in_a_zone_of_its_label(snapshot, outline):
    """The labels as the build script resolves them on the snapshot's date (units, `was`,
    localities following the nearest point row) against the zones: all but the few under an
    enclave, a carved area (Israel's buffer zone) or a simplified edge agree."""
    day, zones = snapshot
    if not (DATA_DIR / "syria_admin3.geojson").exists():
        pytest.skip("the OCHA sub-districts are not in geodata/data")
    build_zones, rows, points = resolved_points()
    faction, _ = build_zones.resolve(rows, points, day)
    geoms = np.array([z.geometry for z in zones], dtype=object)
    inside = shapely.contains_xy(outline, points.xy[:, 0], points.xy[:, 1]) & (faction != "")
    hit_point, hit_zone = shapely.STRtree(geoms).query(
        shapely.points(points.xy[inside]), predicate="intersects"
    )
    got = np.full(inside.sum(), "", dtype=object)
    got[hit_point] = np.array([z.faction for z in zones], dtype=object)[hit_zone]
    agree = (got == faction[inside]).mean()
    assert agree >= 0.99, (day, agree)
