"""Build the control-zone snapshots `geodata/data/zones/<date>.geojson` from control labels.

Method (an honest approximation, the way community-level control maps such as the Carter
Center's are drawn: who holds each locality on a date, and the zones derived from that):

1. `geodata/data/control_labels.csv` is a log of control by date. Each row says who held
   something from its `date` on, with a confidence and its `basis`:
   - a point (`lat`, `lon`): a community of the gazetteer (`unit` its p-code, the position
     its point), a GeoNames locality the gazetteer lacks, or a hand-placed point that shapes a
     front line or the desert (the 566 points of the first map, 2019-10-01, and later ones);
   - an administrative unit (`unit`, an OCHA p-code: `SY` Syria, `SY02` a governorate, `SY0205`
     a district, `SY020500` a sub-district; or a community's `C1234`): every locality in it, so
     that what is only known at the level of a sub-district or district is labelled at that
     level and no finer. With `was` set, only the localities held by that faction the day
     before (or on the day given as `faction@YYYY-MM-DD`) change hands: "everything the Assad
     government held passed to the new authorities on 8 December 2024".
   The labels of a date are those of the day before, changed by the rows of the date: first
   the unit rows, coarse before fine, then the point rows. The localities that carry no point
   row (one point inside each OCHA sub-district, and the gazetteer's other communities with a
   point of their own) take the label of the nearest point row unless a unit row about them
   is as recent.
2. For each snapshot of `geodata/data/zones/snapshots.csv`, every labelled locality gets its
   Voronoi cell; the cells are clipped to Syria's outline (Natural Earth's) and dissolved by
   (faction, confidence), so one faction has up to three zones (`shared` is always low). The
   edges between zones are simplified as a coverage (about 0.005 degrees) and snapped to the
   1e-5 degree grid of the files; parts under about 0.01 km² are dropped.
3. Areas drawn by hand are cut out of the tessellation: the US-led coalition's 55 km al-Tanf
   circle; Israel's buffer zone from 8 December 2024 (the Golan it has occupied since 1967 lies
   outside the outline); and the enclaves of `ENCLAVES` (the government's security squares,
   airport and military neighbourhood inside SDF territory until the SDF took them on 7-8
   December 2024; Sheikh Maqsoud, SDF-held inside Aleppo until January 2026), whose polygons
   come from `geodata/data/places.geojson`.
4. Only polygonal parts are kept, each zone is a MultiPolygon, and the zones of one date are
   checked not to overlap.

Validity (`valid_from` / `valid_to`, end exclusive) comes from `snapshots.csv`: usually the
next snapshot's date, earlier where the lines are known to have started moving (the 2019-10-01
map ends on 2019-10-09, when Peace Spring began). The latest snapshot's `valid_to` is open.

Run: `python scripts/build_zones.py` (every snapshot) or `python scripts/build_zones.py DATE...`.
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
from geodata.geometry import polygon_parts
from geodata.model import Faction
from geodata.zones import area_km2

LABELS = DATA_DIR / "control_labels.csv"
ZONES_DIR = DATA_DIR / "zones"
SNAPSHOTS = ZONES_DIR / "snapshots.csv"
OUTLINE = DATA_DIR / "syria_outline.geojson"
ADMIN3 = DATA_DIR / "syria_admin3.geojson"
OCHA_ADMIN3 = DATA_DIR.parents[1].parent / "shared/geo-sources/ocha_codab_2026/syr_admin3.shp"
COMMUNITIES = DATA_DIR / "localities.csv"
PLACES = DATA_DIR / "places.geojson"
FACTIONS = DATA_DIR / "factions.json"

CONFIDENCES = ("high", "medium", "low")
TOLERANCE = 0.005  # degrees, coverage simplification
GRID = 1e-5  # degrees, the precision the GeoJSON files are written with
MIN_PART = 1e-6  # square degrees (about 0.01 km²): smaller parts are slivers of the overlays
NEVER = 0  # the ordinal date of "no row yet"
FALL = dt.date(2024, 12, 8)  # the fall of the Assad government


@dataclass(frozen=True)
class Carve:
    """An area drawn by hand and cut out of the tessellation between two dates."""

    faction: str
    confidence: str
    start: dt.date | None  # None: since before the data
    end: dt.date | None  # exclusive; None: still
    what: str

    def on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


TANF_LAT, TANF_LON, TANF_RADIUS_M = 33.50, 38.66, 55_000
TANF = Carve(
    "coalition",
    "medium",
    None,
    None,
    "the US-led coalition's 55 km deconfliction zone around the al-Tanf garrison (33.50N "
    "38.66E), held with the Syrian Free Army (Maghawir al-Thawra); the Rukban camp lies "
    "inside",
)
# Israel's buffer zone from 8 December 2024: a band about 5 km wide along the outline's edge
# with the Golan (Natural Earth's outline leaves out the Golan occupied since 1967, so no zone is
# drawn there), and the Syrian slopes of Mount Hermon (lon/lat, drawn by hand, approximate).
GOLAN_EDGE = (35.6, 32.70, 35.95, 33.42)  # the box in which the outline's edge is the 1974 line
BUFFER_WIDTH = 0.05  # degrees, about 5 km
HERMON = [(35.80, 33.36), (35.83, 33.33), (35.90, 33.36), (35.96, 33.45), (35.90, 33.50)]
BUFFER = Carve(
    "israel",
    "low",
    FALL,
    None,
    "Israel's forces in the UN-patrolled area of separation and on the Syrian side of "
    "Mount Hermon since 8 December 2024, with posts beyond it in places; drawn as a band "
    "about 5 km wide along the 1974 ceasefire line, approximate",
)

# Enclaves: id in places.geojson -> the periods it is carved, each a Carve.
ENCLAVES: dict[str, tuple[Carve, ...]] = {
    "hasakah-security-square": (
        Carve(
            "government",
            "high",
            None,
            FALL,
            "Hasakah security square, a government enclave inside "
            "SDF territory until the SDF took it on 7-8 December 2024",
        ),
    ),
    "qamishli-security-square": (
        Carve(
            "government",
            "high",
            None,
            FALL,
            "Qamishli security square, a government enclave inside "
            "SDF territory until the SDF took it on 7-8 December 2024",
        ),
    ),
    "qamishli-airport": (
        Carve(
            "government",
            "high",
            None,
            FALL,
            "Qamishli airport, a government enclave inside SDF "
            "territory (a Russian base too from November 2019) until December 2024",
        ),
    ),
    # Carved for issue 11 (the community gazetteer): a government-held quarter from the
    # 2021-01-20 map on. Enclaves that other work adds go in this table, one entry each.
    "qamishli-military-neighbourhood": (
        Carve(
            "government",
            "low",
            dt.date(2021, 1, 20),
            FALL,
            "Qamishli's military neighbourhood, a "
            "government-held quarter inside SDF territory, whose extent is not published",
        ),
    ),
    "sheikh-maqsoud": (
        Carve(
            "sdf",
            "medium",
            None,
            dt.date(2026, 1, 10),
            "Sheikh Maqsoud, a YPG/Asayish-held "
            "neighbourhood inside Aleppo (part of Ashrafiyah too, not drawn) until the government "
            "took it in January 2026; Asayish-held under the agreement of 1 April 2025",
        ),
    ),
}
SOURCE = (
    "{rests_on} Zonemap's control labels of {n} localities for {date} "
    "(geodata/data/control_labels.csv), Voronoi-tessellated and clipped to Natural Earth's outline "
    "of Syria."
)
NOTES = {
    "shared": "approximate; shared presence: an SDF-held area with government and Russian "
    "posts (the Tal Rifaat pocket, the Manbij, Kobani, Ain Issa and Tal Tamr fronts)",
    "hts": "approximate; the HTS-dominated opposition area, incl. other factions",
    "transition": "approximate; the new authorities (caretaker, then transitional, government "
    "and the new army)",
    "suwayda": "approximate; as-Suwayda's Druze factions",
}


@dataclass(frozen=True)
class Row:
    """One row of control_labels.csv."""

    date: dt.date
    unit: str  # an OCHA p-code, or "" for a point row
    was: str  # "", "faction" or "faction@YYYY-MM-DD"
    lat: float | None
    lon: float | None
    name: str
    faction: str
    confidence: str
    basis: str

    @property
    def point(self) -> bool:
        """A point row (a locality with a position, a community's included), not a unit row."""
        return self.lat is not None

    @property
    def key(self) -> tuple[float, float]:
        return round(self.lon or 0.0, 5), round(self.lat or 0.0, 5)


@dataclass(frozen=True)
class Snapshot:
    day: dt.date
    valid_to: dt.date | None
    confidence: str
    rests_on: str


def read_rows(path: Path = LABELS) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Row(
                dt.date.fromisoformat(r["date"]),
                r["unit"],
                r["was"],
                float(r["lat"]) if r["lat"] else None,
                float(r["lon"]) if r["lon"] else None,
                r["name"],
                r["faction"],
                r["confidence"],
                r["basis"],
            )
            for r in csv.DictReader(f)
        ]


def read_snapshots(path: Path = SNAPSHOTS) -> list[Snapshot]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Snapshot(
                dt.date.fromisoformat(r["date"]),
                dt.date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
                r["confidence"],
                r["rests_on"],
            )
            for r in csv.DictReader(f)
        ]


def read_factions(path: Path = FACTIONS) -> dict[str, Faction]:
    return {f["id"]: Faction(**f) for f in json.loads(path.read_text(encoding="utf-8"))}


def check_rows(
    rows: list[Row],
    factions: dict[str, Faction],
    units: list[str],
    communities: dict[str, tuple[float, float]],
) -> None:
    """Every problem of the labels at once: unknown factions, units and confidences, and
    factions labelled on a date they did not exist."""
    problems = []
    for i, r in enumerate(rows, start=2):
        was = r.was.split("@")[0]
        if r.faction not in factions or (was and was not in factions):
            problems.append(f"line {i}: unknown faction in {r}")
        elif not factions[r.faction].active_on(r.date):
            problems.append(f"line {i}: {r.faction} does not exist on {r.date}")
        if r.confidence not in CONFIDENCES:
            problems.append(f"line {i}: confidence {r.confidence!r}")
        if r.unit.startswith("SY") and not any(u.startswith(r.unit) for u in units):
            problems.append(f"line {i}: no OCHA sub-district lies in unit {r.unit!r}")
        if r.unit.startswith("C") and r.unit not in communities:
            problems.append(f"line {i}: no community {r.unit!r} with a point in {COMMUNITIES}")
        elif (
            r.unit.startswith("C")
            and r.point
            and max(abs(a - b) for a, b in zip(communities[r.unit], r.key, strict=True)) > 0.01
        ):
            problems.append(f"line {i}: {r.unit} is at {communities[r.unit]} in the gazetteer")
    if problems:
        raise ValueError(f"{LABELS}:\n" + "\n".join(problems))


def read_outline(path: Path = OUTLINE) -> BaseGeometry:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return shapely.make_valid(shape(doc["features"][0]["geometry"]))


def read_units() -> tuple[list[str], np.ndarray]:
    """OCHA's sub-districts: p-codes and polygons (the committed copy, else ../shared's)."""
    if ADMIN3.exists():
        feats = json.loads(ADMIN3.read_text(encoding="utf-8"))["features"]
        return (
            [f["properties"]["pcode"] for f in feats],
            np.array([shape(f["geometry"]) for f in feats], dtype=object),
        )
    import geopandas as gpd

    frame = gpd.read_file(OCHA_ADMIN3).to_crs(4326)
    return list(frame["adm3_pcode"]), np.array(list(frame.geometry), dtype=object)


def read_communities(path: Path = COMMUNITIES) -> list[tuple[float, float, str]]:
    """(lon, lat, p-code) of the gazetteer's communities placed on a point of their own
    (precision 1); none while localities.csv is the older GeoNames list."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if "pcode" not in (reader.fieldnames or []):
            return []
        return [
            (float(r["lon"]), float(r["lat"]), r["pcode"])
            for r in reader
            if r["pcode"].startswith("C") and r.get("precision") == "1"
        ]


@dataclass
class Points:
    """Every locality the labels speak of: `lead` marks those with point rows."""

    xy: np.ndarray  # (n, 2) lon, lat
    unit: np.ndarray  # OCHA sub-district p-code of each
    community: np.ndarray  # community p-code, or ""
    lead: np.ndarray  # bool


def collect_points(
    rows: list[Row], units: list[str], polys: np.ndarray, communities: list[tuple[float, float, str]]
) -> Points:
    """Point rows' positions, one point inside each sub-district, and the communities; each
    with the sub-district it falls in (points outside Syria are left out)."""
    seen: dict[tuple[float, float], str] = {}
    for r in rows:
        if r.point:
            seen.setdefault(r.key, r.unit)
    lead_keys = set(seen)
    for poly in polys:
        p = poly.representative_point()
        seen.setdefault((round(p.x, 5), round(p.y, 5)), "")
    for lon, lat, code in communities:
        seen.setdefault((round(lon, 5), round(lat, 5)), code)
    xy = np.array(list(seen))
    tree = shapely.STRtree(polys)
    pt_idx, poly_idx = tree.query(shapely.points(xy), predicate="intersects")
    unit = np.full(len(xy), "", dtype=object)
    unit[pt_idx] = np.array(units, dtype=object)[poly_idx]
    keep = unit != ""
    lead = np.array([k in lead_keys for k in seen])
    return Points(xy[keep], unit[keep], np.array(list(seen.values()), dtype=object)[keep], lead[keep])


def _unit_mask(points: Points, unit: str) -> np.ndarray:
    if unit.startswith("C"):
        return points.community == unit
    return np.array([u.startswith(unit) for u in points.unit])


def _nearest_leader(points: Points, labelled: np.ndarray) -> np.ndarray:
    """For each point, the index of the nearest labelled leader."""
    leaders = np.flatnonzero(points.lead & labelled)
    tree = shapely.STRtree(shapely.points(points.xy[leaders]))
    _, hit = tree.query_nearest(shapely.points(points.xy), all_matches=False)
    return leaders[hit]


def resolve(rows: list[Row], points: Points, until: dt.date) -> tuple[np.ndarray, np.ndarray]:
    """(faction, confidence) of every point on `until`, by the rules of the module docstring."""
    n = len(points.xy)
    index = {(round(x, 5), round(y, 5)): i for i, (x, y) in enumerate(points.xy)}
    fac = np.full(n, "", dtype=object)
    conf = np.full(n, "", dtype=object)
    pfac, pconf = fac.copy(), conf.copy()  # leaders' own point labels
    t_rule = np.full(n, NEVER)  # ordinal date of the latest unit row about each point
    t_point = np.full(n, NEVER)  # ordinal date of each leader's latest point row
    history: list[tuple[dt.date, np.ndarray]] = []
    by_date: dict[dt.date, list[Row]] = defaultdict(list)
    for r in rows:
        if r.date <= until:
            by_date[r.date].append(r)
    for day in sorted(by_date):
        before = fac.copy()
        units = sorted((r for r in by_date[day] if not r.point), key=lambda r: len(r.unit))
        for r in units:
            mask = _unit_mask(points, r.unit) & _was(r, before, history)
            fac[mask], conf[mask], t_rule[mask] = r.faction, r.confidence, day.toordinal()
        for r in (r for r in by_date[day] if r.point):
            i = index.get(r.key)
            if i is not None:
                pfac[i], pconf[i], t_point[i] = r.faction, r.confidence, day.toordinal()
        own = points.lead & (t_point >= t_rule) & (t_point > NEVER)
        fac[own], conf[own] = pfac[own], pconf[own]
        near = _nearest_leader(points, t_point > NEVER)
        follow = ~points.lead & (t_point[near] > t_rule)
        fac[follow], conf[follow] = pfac[near[follow]], pconf[near[follow]]
        history.append((day, fac.copy()))
    return fac, conf


def _was(row: Row, before: np.ndarray, history: list[tuple[dt.date, np.ndarray]]) -> np.ndarray:
    """Where `row.was` held on the day before the row (or on the day it names)."""
    if not row.was:
        return np.ones(len(before), dtype=bool)
    faction, _, on = row.was.partition("@")
    if not on:
        return before == faction
    day = dt.date.fromisoformat(on)
    states = [state for d, state in history if d <= day]
    return states[-1] == faction if states else np.zeros(len(before), dtype=bool)


def polygonal(geom: BaseGeometry | None) -> MultiPolygon:
    """The polygonal parts of `geom`, slivers dropped, as one MultiPolygon (possibly empty)."""
    return MultiPolygon(polygon_parts(geom, MIN_PART))


def voronoi_cells(xy: np.ndarray, extent: BaseGeometry) -> np.ndarray:
    """One Voronoi cell per point, in point order, covering `extent`'s envelope."""
    minx, miny, maxx, maxy = extent.bounds
    frame = box(minx - 1, miny - 1, maxx + 1, maxy + 1)
    cells = shapely.voronoi_polygons(shapely.multipoints(xy), extend_to=frame, ordered=True)
    cells = np.asarray(shapely.get_parts(cells))
    if len(cells) != len(xy) or not shapely.contains_xy(cells, xy[:, 0], xy[:, 1]).all():
        raise RuntimeError("voronoi_polygons did not return one cell per point, in order")
    return cells


def tessellate(
    xy: np.ndarray, fac: np.ndarray, conf: np.ndarray, outline: BaseGeometry
) -> dict[tuple[str, str], MultiPolygon]:
    """(faction, confidence) -> the dissolved, clipped, simplified, grid-snapped zone."""
    cells = shapely.intersection(voronoi_cells(xy, outline), outline)
    conf = np.where(fac == "shared", "low", conf)  # shared presence is never better than low
    order = {f: i for i, f in enumerate(dict.fromkeys(sorted(set(fac))))}
    keys = sorted(
        {(f, c) for f, c in zip(fac, conf, strict=True)}, key=lambda k: (order[k[0]], CONFIDENCES.index(k[1]))
    )
    merged = [polygonal(shapely.union_all(cells[(fac == f) & (conf == c)])) for f, c in keys]
    simplified = shapely.coverage_simplify(np.array(merged, dtype=object), TOLERANCE, simplify_boundary=False)
    snapped = shapely.set_precision(simplified, GRID)
    return {k: polygonal(g) for k, g in zip(keys, snapped, strict=True)}


def tanf_circle() -> BaseGeometry:
    """The 55 km circle around al-Tanf, drawn in an azimuthal equidistant projection."""
    aeqd = pyproj.CRS.from_proj4(f"+proj=aeqd +lat_0={TANF_LAT} +lon_0={TANF_LON} +datum=WGS84")
    to_wgs = pyproj.Transformer.from_crs(aeqd, 4326, always_xy=True).transform
    return shapely.transform(
        Point(0, 0).buffer(TANF_RADIUS_M, quad_segs=16),
        lambda xy: np.column_stack(to_wgs(xy[:, 0], xy[:, 1])),
    )


def buffer_zone(outline: BaseGeometry) -> BaseGeometry:
    """Israel's buffer zone since December 2024, before clipping (see `GOLAN_EDGE`)."""
    edge = shapely.intersection(outline.boundary, box(*GOLAN_EDGE))
    return shapely.union(edge.buffer(BUFFER_WIDTH, quad_segs=4), Polygon(HERMON))


def read_enclaves(path: Path = PLACES) -> dict[str, tuple[BaseGeometry, str]]:
    """Enclave id -> (polygon, where the polygon came from); every enclave must be there."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    found = {
        f["properties"]["id"]: shapely.make_valid(shape(f["geometry"]))
        for f in doc["features"]
        if f["properties"].get("id") in ENCLAVES
    }
    missing = [
        pid for pid in ENCLAVES if pid not in found or found[pid].geom_type not in ("Polygon", "MultiPolygon")
    ]
    if missing:
        raise ValueError(f"{path} has no polygon for the enclave(s) {', '.join(missing)}")
    return {pid: (found[pid], f"polygon of `{pid}` in geodata/data/places.geojson") for pid in ENCLAVES}


def carve_outs(
    day: dt.date, land: BaseGeometry, enclaves: dict[str, tuple[BaseGeometry, str]]
) -> list[tuple[Carve, MultiPolygon, str]]:
    """The hand-drawn areas of `day`, clipped to the land and kept apart (earlier ones win)."""
    todo: list[tuple[Carve, BaseGeometry, str]] = [
        (TANF, tanf_circle(), "a 55 km circle drawn in scripts/build_zones.py"),
        (BUFFER, buffer_zone(land), "drawn in scripts/build_zones.py"),
    ]
    for pid, (geom, origin) in enclaves.items():
        todo += [(c, geom, origin) for c in ENCLAVES[pid]]
    out: list[tuple[Carve, MultiPolygon, str]] = []
    for carve, geom, origin in todo:
        if not carve.on(day):
            continue
        geom = shapely.intersection(shapely.set_precision(geom, GRID), land, grid_size=GRID)  # noqa: PLW2901 (the value is refined step by step)
        for _, other, _ in out:
            geom = shapely.difference(geom, other, grid_size=GRID)  # noqa: PLW2901 (the value is refined step by step)
        out.append((carve, polygonal(geom), origin))
    return out


def build(
    snap: Snapshot,
    rows: list[Row],
    points: Points,
    outline: BaseGeometry,
    enclaves: dict[str, tuple[BaseGeometry, str]],
) -> list[tuple[dict, MultiPolygon]]:
    fac, conf = resolve(rows, points, snap.day)
    labelled = fac != ""
    zones = tessellate(points.xy[labelled], fac[labelled], conf[labelled], outline)
    land = shapely.union_all(list(zones.values()), grid_size=GRID)
    carved = carve_outs(snap.day, land, enclaves)
    cut = shapely.union_all([g for _, g, _ in carved], grid_size=GRID)
    zones = {k: polygonal(shapely.difference(g, cut, grid_size=GRID)) for k, g in zones.items()}
    source = SOURCE.format(rests_on=snap.rests_on, n=int(labelled.sum()), date=snap.day.isoformat())
    count: dict[str, int] = defaultdict(int)
    features: list[tuple[dict, MultiPolygon]] = []

    def add(faction: str, confidence: str, geom: MultiPolygon, src: str, note: str) -> None:
        if geom.is_empty:
            return
        count[faction] += 1
        features.append(
            (
                {
                    "id": f"{snap.day.isoformat()}-{faction}-{count[faction]}",
                    "faction": faction,
                    "valid_from": snap.day.isoformat(),
                    "valid_to": snap.valid_to.isoformat() if snap.valid_to else None,
                    "source": src,
                    "confidence": confidence,
                    "note": note,
                },
                geom,
            )
        )

    for (faction, confidence), geom in zones.items():
        add(faction, confidence, geom, source, NOTES.get(faction, "approximate"))
    for carve, geom, origin in carved:
        add(
            carve.faction,
            carve.confidence,
            geom,
            f"{carve.what[0].upper()}{carve.what[1:]}: {origin}.",
            f"approximate; {carve.what}",
        )
    check(features)
    return features


def check(features: list[tuple[dict, MultiPolygon]]) -> None:
    """Assert valid MultiPolygons that do not overlap (pairwise intersection area < 1e-9)."""
    geoms = np.array([g for _, g in features], dtype=object)
    for props, geom in features:
        assert geom.geom_type == "MultiPolygon" and geom.is_valid, props["id"]
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    for i, j in zip(left, right, strict=True):
        if i < j:
            area = shapely.intersection(geoms[i], geoms[j]).area
            assert area < 1e-9, (features[i][0]["id"], features[j][0]["id"], area)


def main(argv: list[str]) -> None:
    snapshots = read_snapshots()
    wanted = {dt.date.fromisoformat(a) for a in argv} or {s.day for s in snapshots}
    rows, (units, polys), factions = read_rows(), read_units(), read_factions()
    communities = read_communities()
    check_rows(rows, factions, units, {code: (lon, lat) for lon, lat, code in communities})
    points = collect_points(rows, units, polys, communities)
    print(f"{len(points.xy)} localities ({int(points.lead.sum())} with point rows), {len(rows)} label rows")
    outline, enclaves = read_outline(), read_enclaves()
    for pid, (_, origin) in enclaves.items():
        print(f"{pid}: {origin}")
    for snap in (s for s in snapshots if s.day in wanted):
        features = build(snap, rows, points, outline, enclaves)
        path = ZONES_DIR / f"{snap.day.isoformat()}.geojson"
        write_feature_collection(path, features)
        print(
            f"{path.relative_to(DATA_DIR.parent.parent)}: {len(features)} zones, "
            f"{path.stat().st_size / 1000:.0f} kB"
        )
        for props, geom in features:
            print(f"  {props['id']:<30} {props['confidence']:<7} {area_km2(geom):>10.1f} km²")


if __name__ == "__main__":
    main(sys.argv[1:])
