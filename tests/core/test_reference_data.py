"""Data tests for the reference gazetteer: OCHA's units and neighbourhoods, the communities of the
REACH/IOM lists (`geodata/reference.py`), and the map layers derived from them. The files are
built by scripts/build_admin.py, build_localities.py and build_map_layers.py from ../shared; these
tests read only what is committed."""

from __future__ import annotations

import csv
import json
from collections import Counter
from functools import cache

import pytest
import shapely
from shapely.geometry import Point, shape

from geodata.dataset import DATA_DIR
from geodata.gazetteer import Gazetteer, load_fallback
from geodata.model import PlaceKind, Precision
from geodata.reference import reference_places

ROOT = DATA_DIR.parents[1]
LAYERS = ROOT / "dashboard" / "static" / "layers"
NEW_FILES = [
    DATA_DIR / n
    for n in (
        "syria_admin0.geojson",
        "syria_admin1.geojson",
        "syria_admin2.geojson",
        "syria_admin3.geojson",
        "neighbourhoods.geojson",
        "localities.csv",
        "water.geojson",
        "places.geojson",
    )
] + [LAYERS / n for n in ("admin.json", "neighbourhoods.json", "communities.json")]


@cache
def communities() -> list[dict[str, str]]:
    with (DATA_DIR / "localities.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def features(name: str) -> list[dict]:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))["features"]


def test_ocha_units_are_all_there_with_names_and_p_codes():
    counts = {n: len(features(f"syria_admin{n}.geojson")) for n in (1, 2, 3)}
    assert counts == {1: 14, 2: 62, 3: 272}
    assert len(features("neighbourhoods.geojson")) == 414
    for n in (1, 2, 3):
        for f in features(f"syria_admin{n}.geojson"):
            p = f["properties"]
            assert p["name_en"] and p["name_ar"] and p["pcode"].startswith("SY"), p["id"]
            assert any("OCHA" in s for s in p["sources"])


def test_open_syria_aliases_are_kept_and_consonant_skeletons_dropped():
    hasakah = next(
        f["properties"] for f in features("syria_admin3.geojson") if f["properties"]["pcode"] == "SY080000"
    )
    names = {n["text"] for n in hasakah["names"]}
    assert "Hasakah Subdistrict" in names and "ناحية مركز الحسكة" in names
    assert "nahyt mrkz alhskt" not in names


def test_levels_share_their_edges():
    """Districts and governorates are unions of the simplified sub-districts: nested exactly."""
    subs = [shape(f["geometry"]) for f in features("syria_admin3.geojson")]
    govs = [shape(f["geometry"]) for f in features("syria_admin1.geojson")]
    assert shapely.union_all(subs).symmetric_difference(shapely.union_all(govs)).area < 1e-6


def test_every_community_has_names_a_p_code_and_a_sub_district():
    rows = communities()
    assert len(rows) >= 7900
    subs = {f["properties"]["pcode"] for f in features("syria_admin3.geojson")}
    assert len({r["id"] for r in rows}) == len(rows)
    listed = [r for r in rows if r["pcode"]]
    assert len(listed) >= 7900 and all(r["pcode"].startswith("C") for r in listed)
    assert all(r["subdistrict"] in subs for r in rows)
    assert all(r["name_en"] and r["name_ar"] for r in rows)
    assert sum(r["name_ar"] != r["name_en"] for r in rows) >= 6000  # Arabic from REACH or OSM


def test_points_say_where_they_come_from_and_how_precise_they_are():
    rows = communities()
    by_source = Counter(r["point_source"] for r in rows)
    assert by_source["osm"] >= 2400 and by_source["subdistrict"] > 0
    for r in rows:
        assert (r["precision"] == "2") == (r["point_source"] == "subdistrict"), r["id"]


def test_osm_points_lie_in_their_own_sub_district():
    subs = {
        f["properties"]["pcode"]: shape(f["geometry"]).buffer(0.02) for f in features("syria_admin3.geojson")
    }
    osm = [r for r in communities() if r["point_source"] == "osm"]
    inside = sum(subs[r["subdistrict"]].contains(Point(float(r["lon"]), float(r["lat"]))) for r in osm)
    assert inside >= 0.97 * len(osm)  # the source says 98.6 % (its own check)


def test_list_qualifiers_are_stripped_from_names():
    by_pcode = {r["pcode"]: r for r in communities()}
    assert by_pcode["C4570"]["name_en"] == "Safieh" and by_pcode["C4570"]["name_ar"] == "صافية"
    assert by_pcode["C4335"]["name_ar"] == "الجديدة"  # «الجديدة - مركز الحسكة»
    assert by_pcode["C1202"]["name_en"] == "Al Bab"  # not "Al": the town of its sub-district


def test_reference_places_load_as_places_with_parents():
    places = reference_places(DATA_DIR)
    assert reference_places(DATA_DIR) is places  # cached: Gazetteer.build reuses its index
    kinds = Counter(p.kind for p in places)
    assert kinds[PlaceKind.SUBDISTRICT] == 272 and kinds[PlaceKind.DISTRICT] == 62
    assert kinds[PlaceKind.NEIGHBOURHOOD] == 414
    by_id = {p.id: p for p in places}
    village = next(p for p in places if p.pcode == "C4570")
    assert village.precision == Precision.NEAR and village.note.startswith("approximate")
    assert by_id[village.parent].kind == PlaceKind.SUBDISTRICT
    assert village.governorate == "hasakah-governorate"
    assert load_fallback(DATA_DIR / "localities.csv") is places


def test_a_curated_town_stands_for_its_community(shipped):
    gaz: Gazetteer = shipped.gazetteer
    assert "quamishli-c4564" not in gaz.places  # Qamishli (curated, C4564) is not listed twice
    hood = next(p for p in gaz.places.values() if p.pcode == "N0387")  # al-Askari, Hasakah
    assert hood.parent == "hasakah"
    assert gaz.subdistrict_of(gaz.places["tal-tamr"]) == "tal-tamer-subdistrict"


@pytest.mark.parametrize("path", NEW_FILES, ids=lambda p: p.name)
def test_shipped_layers_stay_small(path):
    assert path.stat().st_size < 1_000_000, f"{path.name}: simplify further"


def test_all_new_files_together_stay_under_6_mb():
    assert sum(p.stat().st_size for p in NEW_FILES) < 6_000_000


def test_map_layers_agree_with_the_gazetteer(shipped):
    doc = json.loads((LAYERS / "communities.json").read_text(encoding="utf-8"))
    curated = {
        p.pcode for p in shipped.gazetteer.places.values() if p.id in shipped.gazetteer.curated and p.pcode
    }
    expected = [r for r in communities() if not (r["pcode"] and r["pcode"] in curated)]
    assert len(doc["rows"]) == len(expected)
    hoods = json.loads((LAYERS / "neighbourhoods.json").read_text(encoding="utf-8"))
    assert len(hoods["features"]) == 414 - len({c for c in curated if c.startswith("N")})
    admin = json.loads((LAYERS / "admin.json").read_text(encoding="utf-8"))
    assert set(admin["lines"]) == {"1", "2", "3"} and len(admin["labels"]) == 62 + 272


def test_water_names_the_euphrates_in_both_languages():
    rivers = [f["properties"] for f in features("water.geojson")]
    assert any(r["name_en"] == "Euphrates" and r["name_ar"] == "نهر الفرات" for r in rivers)
    assert {r["kind"] for r in rivers} == {"river", "lake"}
