"""The places on the map: a marker per place, styled by kind and coloured by the faction holding it
on the date, with its popup and tooltip; regions, neighbourhoods and enclaves also as polygons.
Neighbourhoods and sites inside a city are `zm-detail`, shown from city zoom on
(`DETAIL_ZOOM`), so that they do not pile up on the city's marker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import folium

from geodata.dataset import Dataset
from geodata.events import events_at
from geodata.geometry import polygonal
from geodata.model import ControlZone, Event, Place, PlaceKind
from geodata.zones import controllers

from .elements import Bind
from .geojson import feature
from .popup import PopupContext, place_tooltip, popup_html
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
CONTEXT_KINDS = (PlaceKind.CITY,)  # shown even without events, for orientation
AREA_KINDS = (PlaceKind.REGION, PlaceKind.NEIGHBOURHOOD, PlaceKind.FACILITY)
DETAIL_KINDS = (PlaceKind.NEIGHBOURHOOD, PlaceKind.FACILITY, PlaceKind.VILLAGE)
ENCLOSING_KINDS = (PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.REGION)


def places_in_view(dataset: Dataset, events: Sequence[Event]) -> list[Place]:
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
                if a is not None and a.kind in ENCLOSING_KINDS:
                    wanted[anc] = None
    for pid in curated:
        place = gaz.places.get(pid)
        if place is not None and place.kind in CONTEXT_KINDS:
            wanted[pid] = None
    return [gaz.places[pid] for pid in sorted(wanted)]


def marker_html(place: Place, colour: str, n_events: int, label: bool) -> tuple[str, int]:
    shape, size = KIND_STYLE.get(place.kind, ("circle", 10))
    html = macro("map.html", "marker", {
        "shape": shape, "id": place.id, "kind": place.kind.value, "colour": colour,
        "count": n_events, "label": place.name_en if label else None,
    })
    return str(html), size


def _area(place: Place, colour: str, detail_class: str) -> folium.GeoJson | None:
    geom = polygonal(place.geometry) if place.kind in AREA_KINDS else None
    if geom is None:
        return None
    return folium.GeoJson(
        feature(geom, id=place.id),
        style_function=lambda _f, c=colour, k=detail_class: {
            "color": "#111111", "weight": 1.5, "dashArray": "5 4", "fillColor": c,
            "fillOpacity": 0.18, "className": "zm-area" + k,
        },
        highlight_function=lambda _f: {"weight": 3, "fillOpacity": 0.3},
        control=False,
    )


def _marker(place: Place, colour: str, n_events: int, detail_class: str) -> folium.Marker:
    html, size = marker_html(place, colour, n_events, label=True)
    return folium.Marker(
        list(place.point),
        # Cities above the neighbourhoods and sites drawn around their point at city zoom.
        z_index_offset=1000 if place.kind in (PlaceKind.CITY, PlaceKind.TOWN) else 0,
        icon=folium.DivIcon(html=html, icon_size=(size, size), icon_anchor=(size // 2, size // 2),
                            class_name="zm-icon" + detail_class),
    )


def add_place_layers(m: folium.Map, dataset: Dataset, events: Sequence[Event], day: dt.date,
                     ctx: PopupContext) -> None:
    """The places in view, each with its popup (its events and those of the places inside
    it, from `events`) and who holds it on `day`."""
    shown = places_in_view(dataset, events)
    holders: Sequence[ControlZone | None] = controllers(shown, day, dataset.zones) if shown else []
    per_place = events_at(dataset.gazetteer, events, (p.id for p in shown))
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
        area = _area(place, colour, detail_class)
        if area is not None:
            Bind(popup=popup, tooltip=tooltip).add_to(area)
            area.add_to(areas)
        marker = _marker(place, colour, len(evs), detail_class)
        Bind(popup=popup, tooltip=tooltip, place=place.id).add_to(marker)
        marker.add_to(main)
    areas.add_to(m)
    main.add_to(m)
