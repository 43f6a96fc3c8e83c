"""The marks of a view as one data layer: one JSON array drawn by one script
(`templates/leaflet/marks.js`), instead of a folium Marker, DivIcon and popup element per place,
each compiled by branca (at 10,000 places that alone took a minute).

A mark carries its icon, tooltip and, when the map is small enough to carry them (the offline
export, a bounded set of curated places), its popup, all finished HTML from the autoescaped
templates. The live dashboard sends marks without popups and opens the popup of the mark
clicked (`OpenPopup`), fetched by its key with one indexed query.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import folium

from geodata.geometry import polygonal
from geodata.kept import KeptFor
from geodata.model import Place, PlaceKind
from geodata.views import Mark

from .. import i18n
from .elements import _Element
from .geojson import feature
from .place_layers import SMALL_AREA_PANE, SMALL_MARKER_PANE
from .place_layers import SMALL_KINDS as SMALL_KINDS_
from .popup import id_mark
from .rendering import js_json, js_string, macro

# The selected place's ring (folium's names): drawn by the server (builder.highlight) and, on a
# click, by the browser (marks.js, with the options folium derives from these: the same ring).
RING = {
    "radius": 17,
    "color": "#000000",
    "weight": 3,
    "fill": False,
    "dash_array": "3 3",
    "interactive": False,
    "class_name": "zm-ring",
}
# folium drops `interactive` from a circle's options: put back, so that a click through the ring
# reaches the mark under it.
RING_OPTIONS = json.dumps({**folium.CircleMarker([0.0, 0.0], **RING).options, "interactive": False})
TOOLTIP_OPTIONS = {"sticky": True, "direction": "top", "opacity": 0.95}
POPUP_OPTIONS = {"maxWidth": 440, "minWidth": 300, "autoPanPadding": [30, 30]}

# Marker look by kind: shape (CSS class) and size in px; a cell of several places is a disc.
KIND_STYLE: dict[str, tuple[str, int]] = {
    PlaceKind.CITY.value: ("circle", 16),
    PlaceKind.TOWN.value: ("circle", 12),
    PlaceKind.VILLAGE.value: ("circle", 9),
    PlaceKind.NEIGHBOURHOOD.value: ("diamond", 12),
    PlaceKind.FACILITY.value: ("square", 12),
    PlaceKind.REGION.value: ("ring", 16),
    PlaceKind.GOVERNORATE.value: ("ring", 16),
    PlaceKind.COUNTRY.value: ("ring", 16),
}
POINT_STYLE = ("point", 8)  # an event coordinate no gazetteer place stands for
CELL_SIZES = ((1000, 34), (100, 28), (10, 22), (0, 18))  # events -> disc size in px
# Smaller places above larger ones, so that a security square can be clicked inside its city.
Z_BY_KIND = {
    "country": 0,
    "governorate": 100,
    "region": 200,
    "city": 300,
    "town": 400,
    "village": 500,
    "neighbourhood": 600,
    "facility": 700,
}
# Neighbourhoods, sites and villages sit in a pane above cities' marks (see place_layers.py);
# neighbourhoods and sites show from city zoom on (elements.DetailFromZoom).
SMALL_KINDS = {k.value for k in SMALL_KINDS_}
DETAIL_KINDS = {PlaceKind.NEIGHBOURHOOD.value, PlaceKind.FACILITY.value}


def _placement(kind: str | None, detail: bool = False) -> dict[str, Any]:
    """The pane and CSS classes of a mark of a place of `kind`."""
    out: dict[str, Any] = {"cls": "zm-icon zm-detail" if detail or kind in DETAIL_KINDS else "zm-icon"}
    if kind in SMALL_KINDS:
        out["pane"] = SMALL_MARKER_PANE[0]
    return out


@dataclass(frozen=True)
class MarkStyle:
    colour: str
    label: bool = True
    detail: bool = False  # shown from city zoom on only (see elements.DetailFromZoom)


def _cell_size(n_events: int) -> int:
    return next(size for least, size in CELL_SIZES if n_events >= least)


def place_mark(  # noqa: PLR0913 (and its label)
    place: Place,
    n_events: int,
    style: MarkStyle,
    *,
    tooltip: str,
    popup: str | None = None,
    label: str | None = None,
) -> dict[str, Any]:
    """A curated place's mark (the offline map and the places of a bounded view)."""
    shape, size = KIND_STYLE.get(place.kind.value, ("circle", 10))
    icon = macro(
        "map.html",
        "marker",
        {
            "shape": shape,
            "id": place.id,
            "kind": place.kind.value,
            "colour": style.colour,
            "count": n_events,
            "label": (label or place.name_en) if style.label else None,
        },
    )
    return {
        "key": place.id,
        "place": place.id,
        "lat": place.point[0],
        "lon": place.point[1],
        "icon": str(icon),
        "size": size,
        "cls": "zm-icon zm-detail" if style.detail else "zm-icon",
        "z": Z_BY_KIND.get(place.kind.value, 0),
        "tooltip": tooltip,
        "popup": popup,
    }


def context_mark(
    place: Place, colour: str, *, tooltip: str, popup: str | None = None, label: str | None = None
) -> dict[str, Any]:
    """A quiet mark of a curated place without events in the view (a city, a town...), to
    find one's way and to click: its popup lists the events of the places inside it."""
    mark = place_mark(place, 0, MarkStyle(colour), tooltip=tooltip, popup=popup, label=label)
    return {**mark, **_placement(place.kind.value)}


def view_mark(mark: Mark, colour: str, label: str | None = None, lang: str = "en") -> dict[str, Any]:
    """A mark the store computed for a view (a place, an event coordinate or a cell); `label`
    replaces the store's (a place's name in the interface's language); its tooltip is in
    `lang`."""
    label = label or mark.label
    if mark.is_cell:
        shape, size = "cell", _cell_size(mark.n_events)
    elif mark.kind:
        shape, size = KIND_STYLE.get(mark.kind, ("circle", 10))
    else:
        shape, size = POINT_STYLE
    icon = macro(
        "map.html",
        "marker",
        {
            "shape": shape,
            "id": mark.place_id or mark.key,
            "kind": mark.kind or shape,
            "colour": colour,
            "count": mark.n_events,
            "label": label,
        },
    )
    tooltip = macro(
        "map.html",
        "mark_tooltip",
        {"label": label, "dir": i18n.direction(lang), **_tooltip_meta(mark, lang)},
    ) + id_mark(mark.key)
    return {
        "key": mark.key,
        "place": mark.place_id,
        "lat": mark.lat,
        "lon": mark.lon,
        "icon": str(icon),
        "size": size,
        "z": Z_BY_KIND.get(mark.kind or "", 800),
        "tooltip": str(tooltip),
        "popup": None,
        **_placement(mark.kind),
    }


def _tooltip_meta(mark: Mark, lang: str) -> dict[str, Any]:
    """What a store mark's tooltip says under its name, in `lang`: how many places (a cell),
    events, how precisely located, and the events by type."""
    meta = []
    if mark.is_cell:
        many = "popup.mark_meta.places_one" if mark.n_places == 1 else "popup.mark_meta.places_other"
        meta.append(i18n.text(lang, many, n=mark.n_places))
    events = "popup.events_one" if mark.n_events == 1 else "popup.events_other"
    meta.append(i18n.text(lang, events, n=mark.n_events))
    if mark.precision > 1:
        near = "popup.mark_meta.near" if mark.precision == 2 else "popup.mark_meta.region"
        meta.append(i18n.text(lang, near))
    by_type = [
        (i18n.text(lang, f"type.{t}.singular") if i18n.is_rtl(lang) else t, n)
        for t, n in sorted(mark.by_type.items())
    ]
    return {"meta": meta, "by_type": by_type}


class MarksLayer(_Element):
    """The marks, drawn into the feature group it is added to."""

    template_file = "marks.js"

    def __init__(self, marks: list[dict[str, Any]]) -> None:
        super().__init__()
        self.data = js_json(marks)
        self.tooltip_options = json.dumps(TOOLTIP_OPTIONS)
        self.popup_options = json.dumps(POPUP_OPTIONS)
        self.ring_options = RING_OPTIONS


class OpenPopup(_Element):
    """A popup opened on the map at a point (the live map's popup of the mark clicked)."""

    template_file = "open_popup.js"

    def __init__(self, lat: float, lon: float, html: str) -> None:
        super().__init__()
        self.lat, self.lon = float(lat), float(lon)
        self.html = js_string(html)
        self.options = json.dumps(POPUP_OPTIONS)


class OpenBound(_Element):
    """Opens the popup bound to the mark registered under `key` (a place id)."""

    template_file = "open_bound.js"

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = js_string(key)


def marks_group(marks: list[dict[str, Any]], name: str = "Places") -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=name, control=True)
    MarksLayer(marks).add_to(group)
    return group


AREA_STYLE = {"color": "#111111", "weight": 1.5, "dashArray": "5 4", "fillOpacity": 0.18}
AREA_HIGHLIGHT = {"weight": 3, "fillOpacity": 0.3}


class AreasLayer(_Element):
    """The outlines of curated areas, drawn into the feature group it is added to."""

    template_file = "areas.js"

    def __init__(self, areas: list[dict[str, Any]]) -> None:
        """`areas` as `areas_group` makes them: "geo" already a JSON literal (made once per
        place), the rest serialised here."""
        super().__init__()
        self.data = "[" + ",".join(_with_geo(a) for a in areas) + "]"
        self.style = json.dumps(AREA_STYLE)
        self.highlight = json.dumps(AREA_HIGHLIGHT)
        self.tooltip_options = json.dumps(TOOLTIP_OPTIONS)
        self.popup_options = json.dumps(POPUP_OPTIONS)


def areas_group(areas: list[tuple[Place, str, str, str | None]]) -> folium.FeatureGroup:
    """The outlines of curated regions, neighbourhoods and sites in view, (place, colour,
    tooltip, popup) each, clickable like their marks: smaller places in a pane above the
    cities' marks, so that a click inside the Hasakah security square opens the square. One
    data layer (`AreasLayer`): a folium GeoJson element per area cost a hundred lines of script
    and its own template rendering each."""
    group = folium.FeatureGroup(name="Regions and enclaves", control=False)
    drawn = []
    for place, colour, tooltip, popup in areas:
        geo = _outline(place)
        if geo is None:
            continue
        kind = place.kind.value
        drawn.append(
            {
                "geo": geo,
                "fill": colour,
                "cls": "zm-area zm-detail" if kind in DETAIL_KINDS else "zm-area",
                **({"pane": SMALL_AREA_PANE[0]} if kind in SMALL_KINDS else {}),
                "tooltip": tooltip or None,
                "popup": popup or None,
            }
        )
    AreasLayer(drawn).add_to(group)
    return group


def _with_geo(area: dict[str, Any]) -> str:
    """One area as a JSON object literal, its ready-made "geo" literal spliced in."""
    rest = js_json({k: v for k, v in area.items() if k != "geo"})
    return '{"geo":' + area["geo"] + ("," + rest[1:] if rest != "{}" else "}")


_OUTLINES: KeptFor[str | None] = KeptFor(50_000)


def _outline(place: Place) -> str | None:
    """The area's GeoJSON feature, rounded, as a JSON literal, made once per place object:
    rounding, mapping and serialising every outline in view was a third of a rerun's time."""
    return _OUTLINES.get(place, lambda: _feature_json(place))


def _feature_json(place: Place) -> str | None:
    geom = polygonal(place.geometry)
    return None if geom is None else js_json(feature(geom, id=place.id))
