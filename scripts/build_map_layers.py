"""Build the map's background layers: rivers and lakes, and the layers the map fetches by zoom.

Writes
- `geodata/data/water.geojson`: the rivers and lakes of Natural Earth 1:10m (public domain;
  `../shared/geo-sources/naturalearth_10m_syria/`) that reach Syria, with English and Arabic
  names and the zoom their label starts at. Drawn in the page itself (about 30 kB).
- `dashboard/static/layers/admin.json`: the boundaries of governorates, districts and
  sub-districts as three line layers, each shared edge once (from `syria_admin3.geojson` and its
  unions), and a label point per district and sub-district.
- `dashboard/static/layers/neighbourhoods.json`: OCHA's neighbourhood polygons, but those a
  curated place stands for (drawn with the curated places).
- `dashboard/static/layers/communities.json`: every community of `localities.csv` a curated
  place does not stand for, as rows `[lon, lat, name_en, name_ar, kind, population, precision]`.
The map (`dashboard/map/background.py`) fetches the last three from /app/static/layers/ when
the zoom first needs them, so that the page stays small; the offline HTML export leaves them out.

Run: `python scripts/build_map_layers.py` (after build_admin.py, build_localities.py and
build_places.py; only the rivers and lakes need ../shared).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import shapely
from geo_sources import NATURAL_EARTH, NATURAL_EARTH_DIR, ROOT
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from geodata.formats.geojson import write_feature_collection

DATA = ROOT / "geodata" / "data"
LAYERS = ROOT / "dashboard" / "static" / "layers"
KINDS = {"city": 0, "town": 1, "village": 2}
# Natural Earth's names, and the Arabic ones it lacks.
WATER_NAMES = {
    "Euphrates": ("Euphrates", "نهر الفرات"),
    "Al Furat": ("Euphrates", "نهر الفرات"),
    "Firat": ("Euphrates", "نهر الفرات"),
    "Tigris": ("Tigris", "نهر دجلة"),
    "Dicle": ("Tigris", "نهر دجلة"),
    "Jordan": ("Jordan", "نهر الأردن"),
    "Buhayrat al-Assad": ("Lake Assad", "بحيرة الأسد"),
    "Sea of Galilee": ("Sea of Galilee", "بحيرة طبريا"),
}


def rounded(geom: BaseGeometry) -> Any:
    return mapping(shapely.set_precision(geom, 1e-5))["coordinates"]


def features(path: Path) -> list[tuple[dict[str, Any], BaseGeometry]]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [(f["properties"], shape(f["geometry"])) for f in doc["features"]]


def curated_pcodes() -> set[str]:
    return {p["pcode"] for p, _ in features(DATA / "places.geojson") if p.get("pcode")}


def build_water() -> None:
    outline = features(DATA / "syria_admin0.geojson")[0][1].buffer(0.3)
    out = []
    for name, kind in (("rivers_lake_centerlines", "river"), ("lakes", "lake")):
        for props, geom in features(NATURAL_EARTH_DIR / f"ne_10m_{name}_syria_bbox.geojson"):
            if not geom.intersects(outline):
                continue
            en, ar = WATER_NAMES.get(props.get("name") or "", (props.get("name") or "", ""))
            minzoom = max(6, int(float(props.get("min_label") or props.get("min_zoom") or 7)))
            out.append(
                (
                    {"kind": kind, "name_en": en, "name_ar": ar, "minzoom": minzoom, "source": NATURAL_EARTH},
                    shapely.simplify(geom, 0.002, preserve_topology=True),
                )
            )
    write_feature_collection(DATA / "water.geojson", out)


def admin_lines() -> dict[str, Any]:
    """Each boundary once, at the coarsest level it belongs to, and the unit label points."""
    levels = {n: features(DATA / f"syria_admin{n}.geojson") for n in (1, 2, 3)}
    borders = {n: shapely.union_all([g.boundary for _, g in fs]) for n, fs in levels.items()}
    lines = {"1": borders[1], "2": borders[2].difference(borders[1]), "3": borders[3].difference(borders[2])}
    labels = [
        [*rounded(g.representative_point()), p["name_en"], p["name_ar"], n]
        for n in (2, 3)
        for p, g in levels[n]
    ]
    return {
        "lines": {k: rounded(shapely.line_merge(v)) for k, v in lines.items()},
        "labels": labels,
        "source": "OCHA COD-AB (CC BY-IGO 3.0)",
    }


def neighbourhoods(skip: set[str]) -> dict[str, Any]:
    feats = [
        {
            "type": "Feature",
            "properties": {"n": p["name_en"], "a": p["name_ar"]},
            "geometry": {"type": g.geom_type, "coordinates": rounded(g)},
        }
        for p, g in features(DATA / "neighbourhoods.geojson")
        if p["pcode"] not in skip
    ]
    return {"type": "FeatureCollection", "source": "OCHA COD-AB (CC BY-IGO 3.0)", "features": feats}


def communities(skip: set[str]) -> dict[str, Any]:
    rows = []
    with (DATA / "localities.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["pcode"] and r["pcode"] in skip:
                continue
            rows.append(
                [
                    float(r["lon"]),
                    float(r["lat"]),
                    r["name_en"],
                    r["name_ar"],
                    KINDS[r["kind"]],
                    int(r["population"] or 0),
                    int(r["precision"]),
                ]
            )
    rows.sort(key=lambda r: (r[4], -r[5]))  # cities first, then by population
    return {
        "fields": ["lon", "lat", "name_en", "name_ar", "kind", "population", "precision"],
        "kinds": list(KINDS),
        "rows": rows,
        "source": "REACH / IOM DTM lists (OCHA p-codes); points © OpenStreetMap contributors "
        "(ODbL), GeoNames (CC BY 4.0), or the sub-district's centre (precision 2)",
    }


def write_json(name: str, doc: dict[str, Any]) -> None:
    """One record (row, feature, line layer) per line, so that diffs stay readable."""
    path = LAYERS / name
    LAYERS.mkdir(parents=True, exist_ok=True)
    dumps = lambda x: json.dumps(x, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    parts = []
    for key, value in doc.items():
        if isinstance(value, list) and value and isinstance(value[0], list | dict):
            parts.append(f"{dumps(key)}:[\n" + ",\n".join(dumps(v) for v in value) + "\n]")
        elif isinstance(value, dict) and key == "lines":
            parts.append(
                f"{dumps(key)}:{{\n" + ",\n".join(f"{dumps(k)}:{dumps(v)}" for k, v in value.items()) + "\n}"
            )
        else:
            parts.append(f"{dumps(key)}:{dumps(value)}")
    path.write_text("{" + ",\n".join(parts) + "}\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1e3:.0f} kB")


def main() -> None:
    if NATURAL_EARTH_DIR.is_dir():
        build_water()
    else:
        print(f"{NATURAL_EARTH_DIR} not found: water.geojson left as it is")
    skip = curated_pcodes()
    write_json("admin.json", admin_lines())
    write_json("neighbourhoods.json", neighbourhoods(skip))
    write_json("communities.json", communities(skip))


if __name__ == "__main__":
    main()
