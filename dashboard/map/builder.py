"""`build_map`: a pure function from a dataset and a view to a `folium.Map` (no Streamlit here),
composed of the layers, bottom to top:

- background (`background.py`): raster tiles, Syria's outline, the governorates;
- control zones as of the view's date, one toggleable layer per faction (`zone_layers.py`);
- places, with their popups and tooltips (`place_layers.py`, `popup.py`);
- concessions traded for one another (`trades.py`);
- the legend (`legend.py`) and the layer control.

What reaches the browser is bounded by the places in view, not by the number of events: a popup
is built per place from the filtered events, at most `POPUP_MAX_ITEMS` per section.
"""

from __future__ import annotations

import datetime as dt

import folium

from geodata.dataset import Dataset
from geodata.events import filter_events
from geodata.model import Place
from geodata.zones import snapshot_on

from .. import offline
from ..view_state import ViewState, page_link
from .background import OFFLINE_TILES, add_outlines, add_tiles
from .elements import Css, DetailFromZoom, Legend, PlaceLinks
from .interaction import FitPopups, ReportView, WheelAfterFocus
from .legend import legend_html
from .marks_layer import RING
from .place_layers import DETAIL_ZOOM, SMALL_AREA_PANE, SMALL_MARKER_PANE, add_place_layers
from .popup import PopupContext
from .trades import add_trade_lines
from .zone_layers import add_zone_layers

SYRIA_CENTER = (35.0, 38.5)
SYRIA_ZOOM = 7
POPUP_MAX_ITEMS = 6  # events per popup section; the rest are counted, and listed under the map


def _base(view: ViewState) -> folium.Map:
    m = folium.Map(
        location=list(view.center or SYRIA_CENTER),
        zoom_start=view.zoom or SYRIA_ZOOM,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        maxZoom=18,
        minZoom=4,
        zoomSnap=1,
    )
    # Leaflet is all the map needs: folium's Map also loads jQuery, Bootstrap and awesome-markers
    # (three more scripts, loaded one after another before the map starts) and five style
    # sheets (Bootstrap's, Font Awesome's...), which no element of the map uses.
    m.default_js = [asset for asset in m.default_js if asset[0] == "leaflet"]
    m.default_css = [asset for asset in m.default_css if asset[0] == "leaflet_css"]
    offline.IconImagePath().add_to(m)
    Css().add_to(m)
    for element in (WheelAfterFocus(), FitPopups(), ReportView()):
        element.add_to(m)
    return m


def popup_context(dataset: Dataset, view: ViewState, day: dt.date, link_base: str) -> PopupContext:
    return PopupContext(
        day=day,
        places=dataset.gazetteer.places,
        actors={a.id: (a.name_en, a.name_ar) for a in dataset.actors.values()},
        factions=dataset.factions,
        events=filter_events(dataset.events, day=day),
        link=page_link(view.replace(date=day), link_base),
        max_items=POPUP_MAX_ITEMS,
        lang=view.lang,
    )


def build_map(
    dataset: Dataset,
    view: ViewState,
    *,
    tiles: str | None = OFFLINE_TILES,
    link_base: str = "/",
    places: bool = True,
) -> folium.Map:
    """The map of `dataset` as `view` asks: date, event types, actors, visible layers, basemap,
        initial centre and zoom. `tiles` is the offline tile URL template (None when the tiles were
        not fetched: the vector outlines remain). Without `places`, the base map of the live
    dashboard: no place markers nor trade lines (it sends the places in view as a data layer,
    `marks_layer.py`), and no events read. Pure: reads the dataset, returns a new Map."""
    day = view.date or dt.date.today()
    events = (
        filter_events(dataset.events, day=day, types=set(view.types) or None, actors=set(view.actors) or None)
        if places
        else []
    )
    snapshot = snapshot_on(dataset.zones, day)
    m = _base(view)
    add_tiles(m, view, tiles)
    add_outlines(m, filled=not (tiles or view.basemap == "osm"))
    visible = None if view.layers is None else set(view.layers)
    by_faction = add_zone_layers(m, dataset, snapshot, day, visible, view.lang)
    ctx = popup_context(dataset, view, day, link_base) if places else None
    if ctx is not None:
        add_place_layers(m, dataset, events, day, ctx)
    else:
        for name, z in (SMALL_AREA_PANE, SMALL_MARKER_PANE):
            folium.map.CustomPane(name, z_index=z, pointer_events=True).add_to(m)
    DetailFromZoom(DETAIL_ZOOM).add_to(m)
    PlaceLinks().add_to(m)
    has_trades = add_trade_lines(m, dataset, events, ctx) if ctx is not None else False
    Legend(legend_html(dataset, by_faction, snapshot, day, has_trades, view.lang)).add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    return m


def highlight(place: Place | None) -> folium.FeatureGroup | None:
    """A ring around the selected place, sent to the map without rebuilding it (st_folium's
    `feature_group_to_add`)."""
    if place is None:
        return None
    group = folium.FeatureGroup(name="Selected place", control=False)
    folium.CircleMarker(list(place.point), **RING).add_to(group)  # as marks.js rings a click
    return group
