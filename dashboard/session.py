"""What one browser session sees: the cached dataset and map, the sidebar controls, and the view
state kept in step with the URL query (`dashboard.view_state`).

The view lives in `st.session_state["view"]`; the sidebar widgets (keys `date`, `types`,
`actors`, `layers`, `basemap`, `place_search`) are seeded from it, and every run writes the view
back to `st.query_params`, so that the address bar is always a link to what is on screen.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from geodata.dataset import Dataset
from geodata.errors import ZonemapError
from geodata.events import filter_events, published
from geodata.model import Event, EventType
from geodata.store import Store
from geodata.validation import HORIZON_DAYS
from geodata.views import EventFilter
from geodata.zones import latest_snapshot, snapshot_dates, snapshot_on

from . import assets, data, i18n, language, offline, time_control
from .i18n import t, tmd
from .layers_control import layers_control
from .map import build_map
from .map.interaction import toggled, view_report
from .map.popup import place_id_from_tooltip, place_zoom
from .markdown import md
from .view_state import Notice, ViewState, from_query, to_query

log = logging.getLogger(__name__)

STORE = "_store"  # session state: (key, Store) of this session
LAYERS_FROM_MAP = "_layers_from_map"  # the zone layers toggled in the map, for the sidebar


def store() -> Store:
    """The read-only store of this session: what viewers read and editors sign in to. Root keys
    of `.streamlit/secrets.toml` (ZONEMAP_EDITOR_SECRET, ZONEMAP_DATABASE_URL) count as
    environment variables.

    One store per session, not per process: the store keeps one connection per thread, and
    Streamlit runs every rerun in a new thread, so a store shared by the process would gather a
    connection per rerun (with PostgreSQL, until the server refuses more). Closing the store
    closes this session's connection at the end of each run (`app.py` closes it); the next run
    reconnects."""
    key = store_key()
    settings = data.settings()
    held = st.session_state.get(STORE)
    if held is not None and held[0] == key:
        return held[1]
    try:
        opened = data.connect(settings)
    except (ZonemapError, OSError) as exc:
        log.exception("cannot open the database")  # the full reason, path included: the log's
        st.error(tmd("error.database", reason=data.public_reason(exc)))
        st.stop()
        raise  # st.stop() raises; this line is for type checkers
    if held is not None:
        held[1].close()
    st.session_state[STORE] = (key, opened)
    return opened


def store_key() -> tuple[str, ...]:
    """What tells this server's database (and editor secret) from another."""
    st.secrets.load_if_toml_exists()
    return data.store_key(data.settings())


@st.cache_resource(show_spinner=False, max_entries=8)  # the spinner: `_cached`, in the page's language
def _datasets(_store: Store, key: tuple[str, ...], revision: int) -> tuple[Dataset, Dataset]:  # noqa: ARG001 (a cache key: the cached function is keyed on it)
    """Everything in the store, and what viewers see of it; reloaded when the store's revision
    grows, so that an edit shows at once."""
    everything = data.load(_store)
    return everything, published(everything)


@st.cache_resource(show_spinner=False, max_entries=8)
def references(
    _store: Store,
    key: tuple[str, ...],  # noqa: ARG001 (a cache key: the cached function is keyed on it)
    revision: int,  # noqa: ARG001 (a cache key too)
) -> tuple[Dataset, tuple[dt.date, dt.date] | None]:
    """What viewers' pages hold in memory: places, actors, factions, zones and sources (no
    events: views ask the store for those), and the first and last day of the events."""
    return data.load_reference(_store), _store.event_span()


def _cached(load: Callable[[Store, tuple[str, ...], int], Any], message: str) -> Any:
    """`load` (cached) of the store at its revision, the first wait with a spinner saying
    `message`; a data problem becomes a message on the page, not a traceback."""
    s = store()
    try:
        key, revision = store_key(), s.revision()
        with language.spinner(message, (load.__name__, key, revision)):
            return load(s, key, revision)
    except (ZonemapError, OSError) as exc:
        log.exception("cannot load the data")
        st.error(tmd("error.data", reason=data.public_reason(exc)))
        st.stop()
        raise  # st.stop() raises; this line is for type checkers


def reference() -> Dataset:
    """The cached reference dataset of viewers' pages (no events), per store revision."""
    return _cached(references, "spinner.places")[0]


def event_filter(view: ViewState) -> EventFilter:
    """The events a view shows, as the store's view reads take it."""
    return EventFilter(view.date or today(), tuple(view.types), tuple(view.actors))


def dataset() -> Dataset:
    """The cached dataset of every accepted event, for editors' pages and exports (viewers'
    pages read `reference()` and the store's view reads); a data problem becomes a message on
    the page, not a traceback."""
    return _cached(_datasets, "spinner.data")[1]


def full_dataset() -> Dataset:
    """Everything in the store, drafts and rejected events included: for editors' pages."""
    return _cached(_datasets, "spinner.data")[0]


@st.cache_resource
def _offline_assets(base_url_path: str) -> offline.Report:
    assets.ensure_vendor()
    return offline.activate(base_url_path=base_url_path)


def offline_report() -> offline.Report:
    return _offline_assets(str(st.get_option("server.baseUrlPath") or ""))


def today() -> dt.date:
    return dt.date.today()


def default_date(ds: Dataset) -> dt.date:
    """The date a view without one shows: the latest control-zone snapshot's (today when
    there is none), as `zonemap controller` does."""
    return latest_snapshot([z for z in ds.zones if z.valid_from <= horizon()]) or today()


def horizon() -> dt.date:
    """The latest date a view offers: a year after today (`validation.HORIZON_DAYS`; writes
    refuse zones dated later). A date beyond it in the database anyway -- a snapshot of
    9999-12-31 -- is never the default date nor the end of the date picker."""
    return today() + dt.timedelta(days=HORIZON_DAYS)


def date_range(ds: Dataset) -> tuple[dt.date, dt.date]:
    span = _cached(references, "spinner.places")[1] or ()
    days = [d for d in (*snapshot_dates(ds.zones), *(e.date for e in ds.events), *span) if d <= horizon()]
    first = min(days) if days else dt.date(2011, 1, 1)
    return first, max(today(), *days) if days else today()


def _init(ds: Dataset) -> None:
    """On a session's first run: read the URL into the view, and remember the warnings."""
    if "view" in st.session_state:
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    view, warnings = from_query(
        params,
        actors=ds.actors.keys(),
        places=ds.gazetteer.places.keys(),
        factions=ds.factions.keys(),
    )
    first, last = date_range(ds)
    if view.date is not None and not first <= view.date <= last:
        default = default_date(ds)
        warnings.append(
            Notice("link.date_outside_data", date=view.date, first=first, last=last, default=default)
        )
        view = view.replace(date=default)
    if view.compare is not None and not first <= view.compare <= last:
        warnings.append(Notice("link.from_outside_data", date=view.compare, first=first, last=last))
        view = view.replace(compare=None)
    if view.place and view.center is None:
        place = ds.gazetteer.places[view.place]
        lat, lon = place.point
        view = view.replace(lat=round(lat, 5), lon=round(lon, 5), zoom=view.zoom or place_zoom(place))
    st.session_state["view"] = view
    st.session_state["url_warnings"] = warnings
    st.session_state["map_init"] = (view.center, view.zoom)


WIDGET_KEYS = ("date", "types", "actors", "layers", "basemap", "place_search")


def _seed_widgets(ds: Dataset, view: ViewState, page: str) -> None:
    """Give each sidebar widget its value from the view when it has none (first run), or when
    the page changed: Streamlit tells widgets of different pages apart even when their keys are
    the same, so another page's value would not carry over by itself."""
    if st.session_state.get("_page") != page:
        for key in WIDGET_KEYS:
            st.session_state.pop(key, None)
        st.session_state["_page"] = page
    seeds = {
        "date": view.date or default_date(ds),
        "types": list(view.types),
        "actors": [a for a in view.actors if a in ds.actors],
        "layers": list(ds.factions) if view.layers is None else list(view.layers),
        "basemap": view.basemap,
        "place_search": "",
    }
    for key, value in seeds.items():
        if key not in st.session_state:
            st.session_state[key] = value


def _jump_to_search() -> None:
    query = st.session_state.get("place_search", "").strip()
    if not query:
        return
    ds = reference()
    results = ds.gazetteer.search(query, limit=6)
    st.session_state["search_results"] = [r.place.id for r in results]
    if results:
        select_place(results[0].place.id, jump=True)
    else:
        st.session_state["search_results"] = []


def select_place(place_id: str | None, *, jump: bool = False) -> None:
    """Select a place (None to clear); with `jump`, centre the map on it."""
    view: ViewState = st.session_state["view"]
    if place_id is None:
        st.session_state["view"] = view.replace(place=None, popup=False)
        return
    place = reference().gazetteer.places.get(place_id)
    if place is None:
        return
    view = view.replace(place=place_id, popup=False)
    if jump:
        lat, lon = place.point
        view = view.replace(lat=round(lat, 5), lon=round(lon, 5), zoom=place_zoom(place))
    st.session_state["view"] = view


COMPACT_CSS = """<style>
[data-testid="stMainBlockContainer"]{padding-top:3.75rem;padding-bottom:2rem}
@media (max-width:639px){
 [data-testid="stMainBlockContainer"]{padding-left:.25rem;padding-right:.25rem;padding-top:3.25rem}
 [data-testid="stExpandSidebarButton"],[data-testid="stSidebarCollapseButton"] button,
 [data-testid="stMain"] button,[data-testid="stSidebar"] button{min-width:40px;min-height:40px}
}
</style>"""  # below 640 px (a phone): the map fills the width, tap targets of 40 px at least


def _search_results(ds: Dataset, lang: str) -> None:
    """Under the place search: "no place matches", or the other matches as buttons."""
    sb = st.sidebar
    results = [p for p in st.session_state.get("search_results", []) if p in ds.gazetteer.places]
    if st.session_state.get("place_search") and not results:
        sb.caption(t("sidebar.no_match"))
    elif len(results) > 1:
        sb.caption(t("sidebar.other_matches"))
        for pid in results[1:]:
            place = ds.gazetteer.places[pid]
            first_name, second = (
                (place.name_ar, place.name_en) if i18n.is_rtl(lang) else (place.name_en, place.name_ar)
            )
            sb.button(
                md("{} · {} ({})", first_name, second, i18n.text(lang, f"kind.{place.kind.value}")),
                key=f"pick-{pid}",
                on_click=select_place,
                args=(pid,),
                kwargs={"jump": True},
            )


def sidebar(ds: Dataset, page: str) -> ViewState:
    """Draw the sidebar controls of `page` and return the view they describe."""
    st.html(COMPACT_CSS)  # more of the screen for the map: less blank space above it
    _init(ds)
    view: ViewState = st.session_state["view"]
    _seed_widgets(ds, view, page)
    if (pending := st.session_state.pop(LAYERS_FROM_MAP, None)) is not None:
        st.session_state["layers"] = pending  # toggled in the map's layer control
    first, last = date_range(ds)
    sb = st.sidebar
    lang = i18n.current()
    sb.date_input(t("sidebar.date"), key="date", min_value=first, max_value=last, help=t("sidebar.date_help"))
    time_control.date_typing(sb, first, last)
    sb.multiselect(
        t("sidebar.types"),
        options=[x.value for x in EventType],
        key="types",
        format_func=lambda v: i18n.text(lang, f"type.{v}.plural"),
        placeholder=t("sidebar.types_all"),
    )
    name = "name_ar" if i18n.is_rtl(lang) else "name_en"
    actor_names = {a.id: getattr(a, name) or a.name_en for a in ds.actors.values()}
    sb.multiselect(
        t("sidebar.actors"),
        options=sorted(actor_names, key=lambda a: actor_names[a].lower()),
        key="actors",
        format_func=lambda a: actor_names.get(a, a),
        placeholder=t("sidebar.actors_all"),
        help=t("sidebar.actors_help"),
    )
    sb.text_input(
        t("sidebar.find"),
        key="place_search",
        on_change=_jump_to_search,
        placeholder="Qamishli · القامشلي · Qamişlo",
        help=t("sidebar.find_help"),
    )
    _search_results(ds, lang)
    drawn = layers_control(sb, ds, lang)  # its widgets only while open
    view = _widgets_view(ds, view, lang, layers_drawn=drawn)
    st.session_state["view"] = view
    return view


def _widgets_view(ds: Dataset, view: ViewState, lang: str, *, layers_drawn: bool = True) -> ViewState:
    """`view` with what the sidebar's widgets hold (date, filters, and, when drawn, layers and
    background) and the language; the place, centre, zoom, popup, change view and hidden
    overlays are kept."""
    view = view.replace(
        date=st.session_state["date"],
        types=tuple(t for t in (x.value for x in EventType) if t in st.session_state["types"]),
        actors=tuple(sorted(st.session_state["actors"])),
        lang=lang,
    )
    if not layers_drawn:
        return view
    layers = tuple(sorted(st.session_state["layers"]))
    return view.replace(
        layers=None if set(layers) == set(ds.factions) else layers,
        basemap=st.session_state["basemap"],
    )


def show_warnings() -> None:
    warnings = st.session_state.get("url_warnings") or []
    if not warnings:
        return
    st.warning(
        t("link.warnings")
        + "\n\n"
        + "\n".join(
            "- " + (tmd(w.key, **w.values) if isinstance(w, Notice) else md("{}", w)) for w in warnings
        ),
        icon=":material/warning:",
    )
    if st.button(t("link.dismiss"), key="dismiss_warnings"):
        st.session_state["url_warnings"] = []
        st.rerun()


def sync_url(view: ViewState) -> None:
    """Write the view into the address bar (only when it changed)."""
    query = to_query(view)
    current = {k: st.query_params.get(k) for k in st.query_params}
    if current != query:
        st.query_params.from_dict(query)


def share_url(view: ViewState) -> str:
    base = ""
    try:
        base = (st.context.url or "").split("?", 1)[0]
    except Exception:  # outside a browser session (AppTest): a relative link still works
        base = ""
    return f"{base}?{urlencode(to_query(view))}"


def share_control(view: ViewState) -> None:
    with st.popover(t("share.button"), icon=":material/link:", width="stretch"):
        st.caption(t("share.caption"))
        st.code(share_url(view), language=None, wrap_lines=True)


def filtered_events(ds: Dataset, view: ViewState) -> list[Event]:
    """The view's events from a loaded dataset (editors' pages; viewers' ask the store)."""
    return filter_events(
        ds.events,
        day=view.date or today(),
        types=set(view.types) or None,
        actors=set(view.actors) or None,
    )


def map_view(view: ViewState) -> ViewState:
    """The view the map is *built* with: the session's first centre and zoom, so that panning
    (which moves the map through st_folium's `center`/`zoom`) does not rebuild it."""
    center, zoom = st.session_state.get("map_init", (None, None))
    lat, lon = center if center else (None, None)
    return view.replace(place=None, lat=lat, lon=lon, zoom=zoom)


def map_for(ds: Dataset, view: ViewState):
    """The base map of this run: background, zones of the date, legend and controls, without
    the places (the live map sends those as a data layer, `live_map.py`). Built afresh: a Map
    cannot be handed to st_folium twice, because st_folium renames and adds to the map's
    elements in place while rendering it (`live_map` deep-copies this one per rendering)."""
    return build_map(ds, map_view(view), tiles=tiles_url(), link_base=link_base(), places=False)


def link_base() -> str:
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/" if base else "/"


def tiles_url() -> str | None:
    if not assets.tiles_available():
        return None
    return offline.static_url("tiles/{z}/{x}/{y}.png", str(st.get_option("server.baseUrlPath") or ""))


def apply_map_output(out: dict, view: ViewState) -> ViewState:
    """Take what the map reported (a clicked place, the centre and zoom after a pan) into the
    view. Only changes since the previous report count, so that a place picked in the sidebar is
    not undone by the map's older report."""
    prev = st.session_state.get("map_seen", {})
    report = view_report(out)
    if report is not None and report["key"] != prev.get("report"):
        view = _toggled(view, report)
    tip = out.get("last_object_clicked_tooltip")
    center = out.get("center") or None
    zoom = out.get("zoom")
    if tip and tip != prev.get("tip"):
        key = place_id_from_tooltip(tip)
        st.session_state["map_clicked"] = key  # the live map opens its popup on this run
        pid = key.removeprefix("place:") if key else None
        known = bool(pid) and pid in reference().gazetteer.places
        view = view.replace(place=pid, popup=True) if known else view.replace(popup=False)
    if center and zoom is not None and (center, zoom) != (prev.get("center"), prev.get("zoom")):
        try:
            lat, lon, z = round(float(center["lat"]), 5), round(float(center["lng"]), 5), int(zoom)
        except (KeyError, TypeError, ValueError):
            pass
        else:
            if -85 <= lat <= 85 and -180 <= lon <= 180 and 3 <= z <= 18:
                view = view.replace(lat=lat, lon=lon, zoom=z)
    st.session_state["map_seen"] = {
        "tip": tip,
        "center": center,
        "zoom": zoom,
        "report": report and report["key"],
    }
    st.session_state["view"] = view
    return view


def _toggled(view: ViewState, report: dict) -> ViewState:
    """The view with the map's layer-control toggles and popup state (`interaction.toggled`);
    a change of the zone layers also moves the sidebar's select on the next full run."""
    factions = reference().factions
    new = toggled(view, report, factions.keys())
    if new.layers != view.layers:
        st.session_state[LAYERS_FROM_MAP] = list(factions) if new.layers is None else list(new.layers)
    return new


def summary_line(ds: Dataset, view: ViewState, n_events: int) -> str:
    """One line above the map: what is in view (plain text for st.caption: digits and dates)."""
    lang = view.lang
    day = view.date or today()
    snap = snapshot_on(ds.zones, day)
    zones = (
        i18n.text(lang, "summary.zones_of", date=snap.as_of)
        if snap and snap.as_of == day
        else i18n.text(lang, "summary.zones_snapshot", date=snap.as_of)
        if snap
        else i18n.text(lang, "summary.no_zones")
    )
    filters = []
    if view.types:
        filters.append(i18n.text(lang, "summary.n_types", n=len(view.types)))
    if view.actors:
        filters.append(i18n.text(lang, "summary.n_actors", n=len(view.actors)))
    shown = i18n.text(lang, "summary.n_events", n=n_events)
    if filters:
        shown = i18n.text(
            lang, "summary.matching", events=shown, filters=i18n.text(lang, "summary.and").join(filters)
        )
    return i18n.text(lang, "summary.line", shown=shown, zones=zones)
