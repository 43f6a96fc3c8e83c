"""The map: `build_map` (a pure function from a dataset and a view to a `folium.Map`), its layers
one module each, the popups (`popup.py` and `templates/`), the rule that rendered text is never
compiled again (`rendering.py`), and the standalone offline HTML export (`html_export.py`).
See `builder.py` for the order of the layers."""

from .background import OFFLINE_TILES, OSM_ATTRIBUTION, OSM_TILES
from .builder import SYRIA_CENTER, SYRIA_ZOOM, build_map, highlight
from .place_layers import DETAIL_ZOOM, places_in_view

__all__ = [
    "DETAIL_ZOOM",
    "OFFLINE_TILES",
    "OSM_ATTRIBUTION",
    "OSM_TILES",
    "SYRIA_CENTER",
    "SYRIA_ZOOM",
    "build_map",
    "highlight",
    "places_in_view",
]
