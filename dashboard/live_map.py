"""The map page's live part: the map and the selected place's panel, one `st.fragment`, so that a
pan or a click reruns only this (thin Streamlit glue; the rules live in `geodata.views` and the
store's view reads).

Each run asks the store for the marks of the view's box and zoom (at most `MAX_MARKS`), colours
them by the faction holding each point on the day, adds quiet marks and outlines of the curated
places in the box, and, on the run that follows a click, the clicked mark's popup (fetched by
its key with one indexed query). All of it travels as st_folium's data layer
(`feature_group`) over the base map (date, layers, background, change view), rendered once per
`base_key` and kept (`map/component.py`): its script is the same on every run, so the browser
keeps its map and swaps the data layer only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import folium
import streamlit as st

from geodata import views
from geodata.dataset import Dataset
from geodata.events import filter_events
from geodata.kept import KeptFor
from geodata.model import Event, LinkRel, Place, PlaceKind
from geodata.store import Store
from geodata.views import MAX_MARKS, BBox, Mark, MarkQuery, cell_size, in_box, parse_key
from geodata.zones import Holding, holders_at, holdings, snapshot_on

from . import i18n, panels, session, time_control
from .map import component, highlight
from .map.builder import POPUP_MAX_ITEMS, SYRIA_CENTER, SYRIA_ZOOM
from .map.marks_layer import OpenBound, OpenPopup, areas_group, context_mark, marks_group, view_mark
from .map.place_layers import AREA_KINDS, DETAIL_ZOOM, QUIET_ZOOM
from .map.popup import PopupContext, local_name, place_tooltip, popup_html
from .map.zone_layers import UNHELD_COLOUR
from .markdown import md
from .view_state import ViewState, page_link, to_query

RETURNED = ["last_object_clicked_tooltip", "zoom", "center", "selected_layers"]  # layers: ReportView
CONTEXT_LIMIT = 300  # quiet marks and outlines of curated places per view
POPUP_EVENTS = 100  # events a popup is built from (it lists POPUP_MAX_ITEMS per section)
HELD = "_held"  # session state: (dataset, snapshot date, {place id: Holding | None})
PREBUILT = (60, 2000)  # popups sent with the marks when a view has at most 60 places, 2000 events
DETAIL_AREAS = (PlaceKind.NEIGHBOURHOOD, PlaceKind.FACILITY)  # outlines shown from DETAIL_ZOOM
POPUPS = "_popups"  # session state: (dataset, {(place id, view scope): popup HTML or None})
# The data layers of views shown, kept for every session (a few views' worth, then started again)
LAYERS: KeptFor[tuple[str, dict[str, str | None]]] = KeptFor(64)
SENT = "_sent_layer"  # session state: the data layer's script last sent to the browser
POPUP_MEMO = 2000  # popups a session keeps (a few filters' worth), then forgotten at once


def view_box(view: ViewState) -> BBox:
    """The box the view asks the store for (`geodata.views.view_box`)."""
    lat, lon = view.center or SYRIA_CENTER
    return views.view_box(lat, lon, view.zoom or SYRIA_ZOOM)


@dataclass(frozen=True)
class Spot:
    """What a popup names for a coordinate or a cell (duck-typed as a place)."""

    id: str
    name_en: str
    name_ar: str = ""
    parent: str | None = None
    kind: Any = field(default_factory=lambda: SimpleNamespace(value="events here"))


def _colours(ds: Dataset, view: ViewState, points: list[tuple[float, float]]) -> list[str]:
    held = holders_at([p[1] for p in points], [p[0] for p in points], view.date or session.today(), ds.zones)
    return [ds.factions[f].colour if f in ds.factions else UNHELD_COLOUR for f in held]


def _context(ds: Dataset, view: ViewState, box: BBox, shown: set[str]) -> list[Place]:
    """The curated places in the box drawn without events (their kind's zoom reached)."""
    gaz, zoom = ds.gazetteer, view.zoom or SYRIA_ZOOM
    curated = getattr(gaz, "curated", None) or frozenset(gaz.places)
    pts = [(pid, *gaz.places[pid].point) for pid in curated if pid in gaz.places]
    out = [gaz.places[pid] for pid in in_box(pts, box, CONTEXT_LIMIT)]
    return [
        p
        for p in out
        if (p.kind in AREA_KINDS and p.geometry is not None)
        or (p.id not in shown and QUIET_ZOOM.get(p.kind, 99) <= zoom)
    ]


def held(ds: Dataset, day: dt.date, places: list[Place]) -> dict[str, Holding | None]:
    """Who holds each place on `day` and since when (an area: who holds most of it, without
    `since`), kept for the session per dataset and snapshot: a pan or a click at the same
    snapshot asks only about places not seen yet (`holdings` overlays the places with every
    earlier snapshot, tens of milliseconds for a view's places)."""
    snap = snapshot_on(ds.zones, day)
    memo = st.session_state.get(HELD)
    if memo is None or memo[0] is not ds or memo[1] != (snap.as_of if snap else None):
        memo = (ds, snap.as_of if snap else None, {})
        st.session_state[HELD] = memo
    known: dict[str, Holding | None] = memo[2]
    new = [p for p in places if p.id not in known]
    if new:
        known.update(zip([p.id for p in new], holdings(new, day, ds.zones, areas=False), strict=True))
    return {p.id: known[p.id] for p in places}


def popup_for(s: Store, ds: Dataset, view: ViewState, key: str) -> tuple[float, float, str] | None:
    """The popup of a mark (a place id or a mark key): where it opens, and its HTML."""
    f = session.event_filter(view)
    kind, parts = parse_key(key) if ":" in key else ("place", (key,))
    place = ds.gazetteer.places.get(parts[0]) if kind == "place" else None
    if place is not None:
        events, _ = s.place_events(place.id, f, POPUP_EVENTS)
        where: Any = place
        lat, lon = place.point
    elif kind == "point":
        lon, lat = float(parts[0]), float(parts[1])
        events, n = s.point_events(lon, lat, f, POPUP_EVENTS)
        where = Spot(key, i18n.text(view.lang, "map.at_location", n=n))
    elif kind == "cell":
        z, i, j = (int(p) for p in parts)
        events, n = s.cell_events(z, i, j, f, POPUP_EVENTS)
        if not events:
            return None
        where = Spot(key, i18n.text(view.lang, "map.in_area", n=n))
        size = cell_size(z)
        lon, lat = (i + 0.5) * size - 180.0, (j + 0.5) * size - 90.0
    else:
        return None
    holding = held(ds, f.day, [place])[place.id] if place is not None else None
    html = popup_html(where, events, _context_of(s, ds, view, events), holding=holding)
    return lat, lon, html


def _context_of(s: Store, ds: Dataset, view: ViewState, events: list[Event]) -> PopupContext:
    """A popup's context: its events and their exchange counterparts, fetched by id."""
    day = view.date or session.today()
    have = {e.id for e in events}
    wanted = [i for e in events for i in e.linked(LinkRel.IN_EXCHANGE_FOR) if i not in have]
    others = filter_events(s.events_by_id(wanted), day=day) if wanted else []
    return PopupContext(
        day=day,
        places=ds.gazetteer.places,
        actors={a.id: (a.name_en, a.name_ar) for a in ds.actors.values()},
        factions=ds.factions,
        events=[*events, *others],
        link=page_link(view.replace(date=day), session.link_base()),
        max_items=POPUP_MAX_ITEMS,
        lang=view.lang,
    )


def layers(s: Store, ds: Dataset, view: ViewState, clicked: str | None) -> str:
    """The data layer's script: the view's outlines and marks (`data_layer`), then the clicked
    mark's popup and the selected place's ring. A click on a mark whose popup came with the
    marks sends the script sent before, unchanged: the browser opened that popup and ringed
    the mark itself (marks.js), and st_folium redraws its data layer only when the script
    changes (a fifth of a second of the browser's time on the shipped data, during which the
    place's panel, already received, could not be painted)."""
    script, popups = data_layer(s, ds, view)
    sent = st.session_state.get(SENT)
    if clicked and _bound(clicked, popups) and sent is not None and sent.startswith(script):
        return str(sent)
    extra = [_opened(s, ds, view, clicked, popups)] if clicked else []
    ring = highlight(ds.gazetteer.places.get(view.place or ""))
    extra += [ring] if ring is not None else []
    out = script + component.layer_script(extra, start=2)
    st.session_state[SENT] = out
    return out


def _bound(key: str, popups: dict[str, str | None]) -> bool:
    """Whether the mark of `key` is a place whose popup was sent with the marks."""
    return ":" not in key and bool(popups.get(key))


def data_layer(s: Store, ds: Dataset, view: ViewState) -> tuple[str, dict[str, str | None]]:
    """The outlines and marks of a view as st_folium's script, with the popups sent in them,
    kept for every session (`LAYERS`) until the view's box (which a small pan keeps), its
    filters and layers, the dataset (a new one per store revision), the day or the links
    change: the rerun a click causes sends the layer it sent before, with the popup and the
    ring added, instead of asking the store for the marks and rendering them again (most of a
    click's server time); a small pan sends the same layer, which the browser keeps; and a
    new reader of a view already shown (the page as it opens, most of all) is sent it at once."""
    scope = (
        view.replace(place=None, popup=False, lat=None, lon=None, zoom=view.zoom or SYRIA_ZOOM),
        view_box(view),  # the same for a small pan: see `geodata.views.view_box`
        view.date or session.today(),
        session.link_base(),
    )

    def build() -> tuple[str, dict[str, str | None]]:
        st.session_state["_layers_built"] = st.session_state.get("_layers_built", 0) + 1
        groups, popups = _view_groups(s, ds, view)
        return component.layer_script(groups), popups

    return LAYERS.get(ds, build, scope)


def _view_groups(
    s: Store, ds: Dataset, view: ViewState
) -> tuple[list[folium.FeatureGroup], dict[str, str | None]]:
    """The feature groups of a view's outlines and marks, and the popups sent in them."""
    box = view_box(view)
    found = s.marks(MarkQuery(session.event_filter(view), box, view.zoom or SYRIA_ZOOM))
    shown = {m.place_id for m in found.marks if m.place_id}
    quiet = _context(ds, view, box, shown)
    drawn = _drawn(quiet, view)
    drawn_ids = {p.id for p in drawn}
    colours = _colours(ds, view, [(m.lat, m.lon) for m in found.marks] + [p.point for p in quiet])
    # A small view sends its places' popups with the marks; a larger one fetches the popup of
    # the mark clicked (one query) on the rerun the click causes.
    prebuild = not found.clustered and len(found.marks) <= PREBUILT[0] and found.total_events <= PREBUILT[1]
    popups: dict[str, str | None] = {}
    if prebuild:
        ids = [*(m.place_id for m in found.marks if m.place_id), *(p.id for p in drawn)]
        popups = _popups(s, ds, view, ids)
    marks = [
        {
            **view_mark(m, c, _label(ds, m, view.lang), view.lang),
            "popup": popups.get(m.place_id or ""),
            **_named(ds, m, view.lang),
        }
        for m, c in zip(found.marks, colours, strict=False)
    ]
    context = list(zip(quiet, colours[len(found.marks) :], strict=True))
    # Every quiet place has its mark and label; an area (a neighbourhood, a region, a site) its
    # outline too, and a place with events its mark from the store.
    marks += [
        context_mark(
            p,
            c,
            tooltip=place_tooltip(p, None, 0, view.lang),
            popup=popups.get(p.id),
            label=local_name(p, view.lang),
        )
        for p, c in context
        if p.id not in shown
        and (p.kind not in AREA_KINDS or QUIET_ZOOM.get(p.kind, 99) <= (view.zoom or SYRIA_ZOOM))
    ]
    areas = [
        (p, c, place_tooltip(p, None, 0, view.lang), popups.get(p.id))
        for p, c in context
        if p.kind in AREA_KINDS and p.id in drawn_ids
    ]
    return [areas_group(areas[:CONTEXT_LIMIT]), marks_group(marks[: MAX_MARKS + CONTEXT_LIMIT])], popups


def _drawn(quiet: list[Place], view: ViewState) -> list[Place]:
    """The quiet places drawn in a view: neighbourhoods' and sites' outlines are shown from
    city zoom on (`DETAIL_ZOOM`, `elements.DetailFromZoom`), so not sent (nor their popups
    built) before."""
    zoom = view.zoom or SYRIA_ZOOM
    return [p for p in quiet if p.kind not in DETAIL_AREAS or p.geometry is None or zoom >= DETAIL_ZOOM]


def _popups(s: Store, ds: Dataset, view: ViewState, ids: list[str]) -> dict[str, str | None]:
    """The popups of places `ids`, each built once per session, dataset (a new one per store
    revision) and what a popup shows of the view (filter, date, language, links): a pan, a zoom
    or a click sends the popups built before; a filter change builds those of the places in
    view."""
    day = view.date or session.today()
    scope = (
        tuple(to_query(view.replace(date=day, place=None), keep_view=False).items()),
        session.event_filter(view),
        view.lang,
        session.link_base(),
    )
    memo = st.session_state.get(POPUPS)
    if memo is None or memo[0] is not ds or len(memo[1]) > POPUP_MEMO:
        memo = (ds, {})
        st.session_state[POPUPS] = memo
    known: dict[tuple[str, Any], str | None] = memo[1]
    new = [pid for pid in dict.fromkeys(ids) if (pid, scope) not in known]
    if new:
        held(
            ds,
            day,
            [
                ds.gazetteer.places[p]
                for p in new  # at once: one overlay per snapshot
                if p in ds.gazetteer.places
            ],
        )
        for pid in new:
            known[(pid, scope)] = (popup_for(s, ds, view, pid) or (0, 0, None))[2]
    return {pid: known[(pid, scope)] for pid in ids}


def _label(ds: Dataset, m: Mark, lang: str) -> str | None:
    """A place mark's label in the interface's language (None: the store's)."""
    place = ds.gazetteer.places.get(m.place_id or "")
    return local_name(place, lang) if place is not None and i18n.is_rtl(lang) else None


def _named(ds: Dataset, m: Mark, lang: str) -> dict[str, str]:
    """A place's mark says what the map always said of it: its English and Arabic names, its
    kind and its number of events (the tooltip carries the click key too)."""
    place = ds.gazetteer.places.get(m.place_id or "")
    return {"tooltip": place_tooltip(place, None, m.n_events, lang)} if place is not None else {}


def _opened(
    s: Store, ds: Dataset, view: ViewState, clicked: str, popups: dict[str, str | None]
) -> folium.FeatureGroup:
    """The popup of the mark just clicked: reopened where it was sent with the marks (the rerun
    replaced the mark it was open on), else fetched by its key."""
    group = folium.FeatureGroup(name="Popup", control=False)
    kind, parts = parse_key(clicked) if ":" in clicked else ("place", (clicked,))
    if kind == "place" and popups.get(parts[0]):
        OpenBound(parts[0]).add_to(group)
    elif (opened := popup_for(s, ds, view, clicked)) is not None:
        OpenPopup(*opened).add_to(group)
    return group


def base_key(view: ViewState) -> tuple[Any, ...]:
    """What the base map of `view` depends on (`session.map_for` and the change view over it):
    not the filters nor the selected place, which only the data layer shows."""
    built = session.map_view(view).replace(types=(), actors=(), popup=False)
    return built, session.tiles_url(), session.link_base()


@st.fragment
def live_map(ds: Dataset, base: Callable[[], folium.Map], key: tuple[Any, ...] | None = None) -> None:
    """The map and the place panel; reruns alone on a pan or a click. `base` builds the map
    under the data layer, rendered once per `key` (`base_key` of the view it was made for;
    None: every run) and kept: a pan, a click or a filter change sends the same script, and
    only the data layer is built anew."""
    st.session_state["_fragment_runs"] = st.session_state.get("_fragment_runs", 0) + 1
    view = session.apply_map_output(st.session_state.get("map") or {}, st.session_state["view"])
    clicked = st.session_state.pop("map_clicked", None)
    if clicked is None and view.popup and view.place:
        clicked = view.place  # the popup a link asks for, or open before the map was redrawn
    session.sync_url(view)
    # The panel is written first into its place under the map: its few kB reach the browser
    # before the map's half a megabyte (st_folium resends its whole script on every run), so a
    # click's panel shows without waiting for the map to be sent and taken in.
    map_slot, panel_slot = st.container(), st.container()
    with panel_slot:
        if line := time_control.holder_line(ds, view):
            st.caption(md("{}", line))
        panels.place_panel(ds, view)
    layer = layers(session.store(), ds, view, clicked)
    rendered = component.base_map(ds, key, base) if key is not None else component.render_base(base())
    with map_slot:
        component.show(
            rendered,
            layer,
            key="map",
            height=620,
            returned_objects=RETURNED,
            center=view.center,
            zoom=view.zoom,
        )
