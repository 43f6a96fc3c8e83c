"""The places on the map: a marker per place, styled by kind and coloured by the faction holding it
on the date, with its popup and tooltip; regions, neighbourhoods and enclaves also as polygons.

Every curated city, town, village, neighbourhood and site is drawn: those the filtered events
name at every zoom, the others from the zoom their kind reads at (`QUIET_ZOOM`, a `zm-minN`
class that the background script shows from zoom N on). Neighbourhoods and sites inside a city
are `zm-detail`, shown from city zoom on (`DETAIL_ZOOM`). Smaller places lie above larger ones:
neighbourhoods, enclaves and sites, their outlines too, sit in panes above the markers of
cities and towns, so that a click inside the Hasakah security square opens the square, not the
city whose point lies in it. The background (`background.py`) lays out every label."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import folium

from geodata.dataset import Dataset
from geodata.events import events_at
from geodata.geometry import polygonal
from geodata.model import Event, Place, PlaceKind
from geodata.zones import Holding, holdings

from .background import ZOOM_CLASSES
from .elements import Bind
from .geojson import feature
from .popup import PopupContext, local_faction, place_tooltip, popup_html
from .rendering import macro
from .zone_layers import UNHELD_COLOUR

DETAIL_ZOOM = 11

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
# Shown even without events, from these zooms (the kinds of curated places the map draws).
QUIET_ZOOM: dict[PlaceKind, int] = {
    PlaceKind.CITY: 0,
    PlaceKind.TOWN: 8,
    PlaceKind.VILLAGE: 10,
    PlaceKind.FACILITY: 11,
    PlaceKind.NEIGHBOURHOOD: 12,
}
# Panes above Leaflet's marker pane (600), below its tooltips (650): smaller places on top.
SMALL_AREA_PANE, SMALL_MARKER_PANE = ("zmSmallAreas", 610), ("zmSmallMarkers", 640)
SMALL_KINDS = (PlaceKind.NEIGHBOURHOOD, PlaceKind.FACILITY, PlaceKind.VILLAGE)
AREA_KINDS = (PlaceKind.REGION, PlaceKind.NEIGHBOURHOOD, PlaceKind.FACILITY)
DETAIL_KINDS = (PlaceKind.NEIGHBOURHOOD, PlaceKind.FACILITY, PlaceKind.VILLAGE)
ENCLOSING_KINDS = (PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.REGION)


def places_in_view(dataset: Dataset, events: Sequence[Event]) -> list[Place]:
    """The curated places the map shows: those the filtered events name, the cities, regions
    and towns they lie in, and every curated city, town, village, neighbourhood and site (the
    quiet ones from their kind's zoom, `QUIET_ZOOM`)."""
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
                if a is not None and a.kind in ENCLOSING_KINDS:
                    wanted[anc] = None
    for pid in curated:
        place = gaz.places.get(pid)
        if place is not None and place.kind in QUIET_ZOOM:
            wanted[pid] = None
    return [gaz.places[pid] for pid in sorted(wanted)]


def marker_html(place: Place, colour: str, n_events: int, label: bool) -> tuple[str, int]:
    shape, size = KIND_STYLE.get(place.kind, ("circle", 10))
    html = macro(
        "map.html",
        "marker",
        {
            "shape": shape,
            "id": place.id,
            "kind": place.kind.value,
            "colour": colour,
            "count": n_events,
            "label": place.name_en if label else None,
        },
    )
    return str(html), size


def _area(place: Place, colour: str, detail_class: str) -> folium.GeoJson | None:
    geom = polygonal(place.geometry) if place.kind in AREA_KINDS else None
    if geom is None:
        return None
    pane = {"pane": SMALL_AREA_PANE[0]} if place.kind in SMALL_KINDS else {}
    return folium.GeoJson(
        feature(geom, id=place.id),
        style_function=lambda _f, c=colour, k=detail_class: {
            "color": "#111111",
            "weight": 1.5,
            "dashArray": "5 4",
            "fillColor": c,
            "fillOpacity": 0.18,
            "className": "zm-area" + k,
        },
        highlight_function=lambda _f: {"weight": 3, "fillOpacity": 0.3},
        control=False,
        **pane,
    )


def _marker(place: Place, colour: str, n_events: int, detail_class: str) -> folium.Marker:
    html, size = marker_html(place, colour, n_events, label=True)
    pane = {"pane": SMALL_MARKER_PANE[0]} if place.kind in SMALL_KINDS else {}
    return folium.Marker(
        list(place.point),
        icon=folium.DivIcon(
            html=html,
            icon_size=(size, size),
            icon_anchor=(size // 2, size // 2),
            class_name="zm-icon" + detail_class,
        ),
        **pane,
    )


def _classes(place: Place, n_events: int, shown_ids: set[str]) -> str:
    """`zm-detail` for a neighbourhood or site inside a city on the map, `zm-minN` for a place
    without events that reads only from zoom N."""
    out = ""
    if place.kind in DETAIL_KINDS and place.parent and place.parent in shown_ids:
        out += " zm-detail"
    quiet = QUIET_ZOOM.get(place.kind, 0)
    if not n_events and quiet in ZOOM_CLASSES:
        out += f" zm-min{quiet}"
    return out


def add_place_layers(
    m: folium.Map, dataset: Dataset, events: Sequence[Event], day: dt.date, ctx: PopupContext
) -> None:
    """The places in view, each with its popup (its events and those of the places inside
    it, from `events`) and who holds it on `day` and since which snapshot."""
    shown = places_in_view(dataset, events)
    held: Sequence[Holding | None] = holdings(shown, day, dataset.zones, areas=False) if shown else []
    per_place = events_at(dataset.gazetteer, events, (p.id for p in shown))
    for name, z in (SMALL_AREA_PANE, SMALL_MARKER_PANE):
        folium.map.CustomPane(name, z_index=z, pointer_events=True).add_to(m)
    areas = folium.FeatureGroup(name="Regions and enclaves", control=False)
    main = folium.FeatureGroup(name="Places", control=True)
    shown_ids = {p.id for p in shown}
    for place, holding in zip(shown, held, strict=True):
        faction = dataset.factions.get(holding.faction) if holding else None
        colour = faction.colour if faction else UNHELD_COLOUR
        evs = per_place.get(place.id, [])
        popup = popup_html(place, evs, ctx, holding=holding)
        tooltip = place_tooltip(
            place, local_faction(faction, ctx.lang) if faction else None, len(evs), ctx.lang
        )
        detail_class = _classes(place, len(evs), shown_ids)
        area = _area(place, colour, detail_class)
        if area is not None:
            Bind(popup=popup, tooltip=tooltip).add_to(area)
            area.add_to(areas)
        marker = _marker(place, colour, len(evs), detail_class)
        Bind(popup=popup, tooltip=tooltip, place=place.id).add_to(marker)
        marker.add_to(main)
    areas.add_to(m)
    main.add_to(m)
