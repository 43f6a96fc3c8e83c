"""Syria's land borders and border triangles as curated regions, from Natural Earth's boundary
lines (`../shared/geo-sources/naturalearth_10m_syria/ne_10m_admin_0_boundary_lines_land_syria_bbox
.geojson`, public domain).

News places events "on the Turkish-Syrian border", «على الحدود السورية العراقية», «في مثلث الحدود
السورية الأردنية العراقية», "the tri-border area". For each neighbour this module makes
- `syria-<neighbour>-border`: the strip of Syria within about 15 km of that boundary line;
- `syria-<a>-<b>-border-triangle`: for two neighbours whose lines meet on Syria's outline, the
  part of Syria within about 15 km of the point where the three countries meet.
Their names are generated, every order of the countries' adjectives («الحدود السورية التركية»,
«الحدود التركية السورية», "Syrian-Turkish border", "Turkish-Syrian border", "Syria-Turkey
border", "the border with Turkey" ...). Each is precision 3 (only a region) and approximate.
Not a script to run: `build_places.py` imports it (`border_rows`); the boundary lines are read
when the places are built, and only the derived polygons are committed (places.geojson).
"""

from __future__ import annotations

import json
from itertools import permutations
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, shape
from shapely.ops import nearest_points

LINES = (
    Path(__file__).resolve().parents[2]
    / "shared/geo-sources/naturalearth_10m_syria/ne_10m_admin_0_boundary_lines_land_syria_bbox.geojson"
)
SOURCE = (
    "Natural Earth 10m admin-0 boundary lines (public domain), "
    "ne_10m_admin_0_boundary_lines_land_syria_bbox.geojson: the line Syria shares with {}"
)
STRIP = 0.15  # degrees (about 15 km) each side of a line; clipped to Syria
SIMPLIFY = 0.01  # degrees: a strip this wide needs no finer line
# Neighbour: (English name, English adjective, Arabic name, Arabic adjective)
NEIGHBOURS = {
    "turkey": ("Turkey", "Turkish", "تركيا", "التركية"),
    "iraq": ("Iraq", "Iraqi", "العراق", "العراقية"),
    "jordan": ("Jordan", "Jordanian", "الأردن", "الأردنية"),
    "lebanon": ("Lebanon", "Lebanese", "لبنان", "اللبنانية"),
}


def boundary_lines(path: Path = LINES) -> dict[str, LineString | MultiLineString]:
    """The line Syria shares with each neighbour of NEIGHBOURS, by its key."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    parts: dict[str, list[Any]] = {}
    for f in doc["features"]:
        sides = {f["properties"].get("adm0_left"), f["properties"].get("adm0_right")}
        if "Syria" not in sides or len(sides) != 2:
            continue
        (other,) = sides - {"Syria"}
        if other.lower() in NEIGHBOURS:
            parts.setdefault(other.lower(), []).append(shape(f["geometry"]))
    return {k: shapely.line_merge(shapely.union_all(v)) for k, v in parts.items()}


def _latlon(line: Any) -> list[list[list[float]]]:
    lines = getattr(line.simplify(SIMPLIFY), "geoms", [line.simplify(SIMPLIFY)])
    return [[[round(y, 5), round(x, 5)] for x, y in g.coords] for g in lines]


def _border_names(key: str) -> dict[str, list[str]]:
    en, adj, ar, ar_adj = NEIGHBOURS[key]
    names_en = [
        f"{a}-{b} border" for a, b in (("Syrian", adj), (adj, "Syrian"), ("Syria", en), (en, "Syria"))
    ]
    names_en += [f"{n} area" for n in names_en] + [f"border with {en}", f"{adj} border", f"{en} border"]
    ar_words = [f"الحدود {a} {b}" for a, b in (("السورية", ar_adj), (ar_adj, "السورية"))]
    ar_words += [f"الحدود مع {ar}", f"الحدود {ar_adj}", f"الشريط الحدودي مع {ar}"]
    ar_words += [f"الشريط الحدودي {a} {b}" for a, b in (("السوري", ar_adj[:-1]), (ar_adj[:-1], "السوري"))]
    return {"en": names_en, "ar": ar_words}


def _triangle_names(a: str, b: str) -> dict[str, list[str]]:
    en = [NEIGHBOURS[k][0] for k in (a, b)]
    adj = [NEIGHBOURS[k][1] for k in (a, b)]
    ar_adj = [NEIGHBOURS[k][3] for k in (a, b)]
    names_en, names_ar = [], []
    for order in permutations(range(3)):
        countries = [["Syria", *en][i] for i in order]
        adjectives = [["Syrian", *adj][i] for i in order]
        names_en += [
            f"{'-'.join(countries)} border triangle",
            f"{'-'.join(countries)} tri-border area",
            f"{'-'.join(adjectives)} border triangle",
            f"{'-'.join(adjectives)} tri-border area",
        ]
        words = " ".join(["السورية", *ar_adj][i] for i in order)
        names_ar += [f"مثلث الحدود {words}", f"المثلث الحدودي {words}"]
    names_en += ["tri-border area", "border triangle"]
    names_ar += ["المثلث الحدودي", "مثلث الحدود"]
    return {"en": names_en, "ar": names_ar}


def _meeting_point(a: Any, b: Any) -> tuple[float, float] | None:
    """Where two boundary lines meet (the nearest points of the two, if they only touch)."""
    pa, pb = nearest_points(a, b)
    if pa.distance(pb) > 0.01:
        return None
    return round(pa.y, 5), round(pa.x, 5)


def border_rows(existing: set[str], path: Path = LINES) -> list[dict[str, Any]]:
    """The rows (the curated table's format) of the borders and border triangles."""
    if not path.exists():
        raise SystemExit(f"{path} is missing: the border regions are built from it")
    lines = boundary_lines(path)
    rows: list[dict[str, Any]] = []
    for key, line in lines.items():
        en, _, _, ar_adj = NEIGHBOURS[key]
        strip = {"union": [{"buffer": [{"line": part}, STRIP]} for part in _latlon(line)]}
        rows.append(
            {
                "id": f"syria-{key}-border",
                "name_en": f"Syria–{en} border",
                "name_ar": f"الحدود السورية {ar_adj}",
                "kind": "region",
                "gov": None,
                "precision": 3,
                "geometry": {"tidy": {"in_syria": strip}},
                "names": _border_names(key),
                "source": SOURCE.format(en),
                "note": f"Syria within about {round(STRIP * 111)} km of the line it shares with {en}; "
                "derived, approximate",
            }
        )
    for a, b in ((a, b) for a in lines for b in lines if a < b):
        point = _meeting_point(lines[a], lines[b])
        if point is None:
            continue
        ens = [NEIGHBOURS[k][0] for k in (a, b)]
        rows.append(
            {
                "id": f"syria-{a}-{b}-border-triangle",
                "name_en": f"Syria–{ens[0]}–{ens[1]} border triangle",
                "name_ar": f"مثلث الحدود السورية {NEIGHBOURS[a][3]} {NEIGHBOURS[b][3]}",
                "kind": "region",
                "gov": None,
                "precision": 3,
                "geometry": {"tidy": {"in_syria": {"circle": [*point, STRIP]}}},
                "names": _triangle_names(a, b),
                "source": SOURCE.format(f"{ens[0]} and {ens[1]}"),
                "note": f"Syria within about {round(STRIP * 111)} km of the point where Syria, "
                f"{ens[0]} and {ens[1]} meet; derived, approximate",
            }
        )
    return [r for r in rows if r["id"] not in existing]
