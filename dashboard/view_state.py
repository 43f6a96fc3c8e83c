"""What a view of the dashboard is, and how it travels in a URL.

Every piece of view state (as-of date, filters, selected place, map centre and zoom, visible
layers, basemap) lives in the URL query so that a copied link reproduces the view. `from_query`
reads whatever a URL holds, keeps what is valid, and explains what it dropped: it never raises,
because a URL is typed, pasted, truncated and tampered with by people.

Query keys (all optional):

| key | example | meaning |
|---|---|---|
| date | 2021-01-20 | as-of date (ISO); the later date of the change view |
| from | 2024-11-26 | the earlier date of the change view: what changed hands from it to `date` |
| types | demand,blockade | event types shown (all when absent) |
| actors | sdf,asayish | actors shown, as actor, target or mediator (all when absent) |
| place | qamishli | the selected place |
| lat, lon | 37.05,41.22 | map centre |
| zoom | 11 | map zoom (3-18) |
| layers | sdf,government | control-zone layers shown, by faction id (all when absent; `none` for none) |
| basemap | offline / osm | background: offline tiles and outlines, or OpenStreetMap (online) |
| popup | 1 | the selected place's popup is open (only with `place`) |
| hide | changes | other overlays of the map's layer control turned off (`changes`: the change view's areas) |
| lang | ar | the interface's language: `en` (the default, left out) or `ar` (`dashboard.i18n`) |
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from geodata.model import EventType

from . import i18n

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BASEMAPS = ("offline", "osm")
MIN_ZOOM, MAX_ZOOM = 3, 18
MIN_DATE, MAX_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
NO_LAYERS = "none"
MAX_LIST = 200  # more items than any real filter holds: a longer list is junk
OVERLAYS = ("changes",)  # overlays of the layer control a link may hide, besides the zones
EVENT_TYPES = tuple(t.value for t in EventType)
LANGS = ("en", "ar")  # dashboard.i18n.LANGS: the first is the default


@dataclass(frozen=True)
class ViewState:
    date: dt.date | None = None  # None: the page's default (today)
    types: tuple[str, ...] = ()  # empty: every type
    actors: tuple[str, ...] = ()  # empty: every actor
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    zoom: int | None = None
    layers: tuple[str, ...] | None = None  # None: every faction; () none
    basemap: str = "offline"
    popup: bool = False  # the selected place's popup is open (with `place` only)
    hide: tuple[str, ...] = ()  # overlays of the layer control turned off, other than zones
    compare: dt.date | None = None  # the change view's earlier date; None: no change view
    lang: str = "en"  # the interface's language

    def replace(self, **changes: Any) -> ViewState:
        return dataclasses.replace(self, **changes)

    @property
    def center(self) -> tuple[float, float] | None:
        return None if self.lat is None or self.lon is None else (self.lat, self.lon)


def _first(value: Any) -> str | None:
    """A query value as one string: Streamlit gives str, other callers lists of str."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _split(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def _float(raw: str, lo: float, hi: float) -> float | None:
    try:
        value = float(raw)
    except (ValueError, OverflowError):
        return None
    if not math.isfinite(value) or not lo <= value <= hi:
        return None
    return round(value, 5)


def _short(raw: str, limit: int = 40) -> str:
    """A received value, quoted and cut, for a warning message (shown as text, never HTML)."""
    text = raw if len(raw) <= limit else raw[:limit] + "…"
    return repr(text)


class Notice(str):
    """A message for the reader of the page: its English text (the string itself), and the
    catalogue key and values that say it in the page's language (`i18n.tmd(key, **values)`)."""

    key: str
    values: dict[str, object]

    def __new__(cls, key: str, /, **values: object) -> Notice:
        notice = super().__new__(cls, i18n.text(i18n.DEFAULT, key, **values))
        notice.key, notice.values = key, values
        return notice


def _date(key: str, raw: str, warnings: list[Notice]) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(raw.strip())
    except ValueError:
        warnings.append(Notice("link.bad_date", key=key, raw=_short(raw)))
        return None
    if not MIN_DATE <= day <= MAX_DATE:
        warnings.append(
            Notice("link.date_out_of_range" if key == "date" else "link.from_out_of_range", day=day)
        )
        return None
    return day


def _position(get: Mapping[str, str | None], warnings: list[Notice]) -> dict[str, Any]:
    """The map centre (`lat`, `lon`) and `zoom` of a query, the valid ones."""
    fields: dict[str, Any] = {}
    lat_raw, lon_raw = get.get("lat"), get.get("lon")
    if lat_raw is not None or lon_raw is not None:
        lat = _float(lat_raw or "", -85.0, 85.0)
        lon = _float(lon_raw or "", -180.0, 180.0)
        if lat is None or lon is None:
            warnings.append(Notice("link.bad_position", lat=_short(lat_raw or ""), lon=_short(lon_raw or "")))
        else:
            fields["lat"], fields["lon"] = lat, lon

    if (raw := get.get("zoom")) is not None:
        zoom = _float(raw, MIN_ZOOM, MAX_ZOOM)
        if zoom is None:
            warnings.append(Notice("link.bad_zoom", raw=_short(raw), low=MIN_ZOOM, high=MAX_ZOOM))
        else:
            fields["zoom"] = round(zoom)
    return fields


def _ids(
    key: str,
    raw: str,
    known: Collection[str] | None,
    warnings: list[Notice],
    unknown: str = "link.unknown_values",
) -> tuple[str, ...] | None:
    """The ids of a list value, the known ones; a warning (message `unknown`) names the others."""
    parts = _split(raw)
    if len(parts) > MAX_LIST:
        warnings.append(Notice("link.too_many", key=key, n=len(parts), limit=MAX_LIST))
        return None
    good, bad = [], []
    for part in parts:
        if part in known if known is not None else ID.match(part):
            if part not in good:
                good.append(part)
        else:
            bad.append(part)
    if bad:
        shown = ", ".join(_short(b, 30) for b in bad[:5])
        allowed = ", ".join(known or ()) if unknown == "link.unknown_values" else ""
        warnings.append(Notice(unknown, key=key, values=shown, allowed=allowed))
    return tuple(good)


def _choices(get: Mapping[str, str | None], warnings: list[Notice]) -> dict[str, str]:
    """The `basemap` and `lang` of a query, when they are one of the allowed values."""
    fields = {}
    for key, allowed in (("basemap", BASEMAPS), ("lang", LANGS)):
        if (raw := get.get(key)) is not None:
            if raw.strip() in allowed:
                fields[key] = raw.strip()
            else:
                warnings.append(
                    Notice("link.bad_choice", key=key, raw=_short(raw), allowed=", ".join(allowed))
                )
    return fields


def from_query(
    params: Mapping[str, Any],
    *,
    actors: Collection[str] | None = None,
    places: Collection[str] | None = None,
    factions: Collection[str] | None = None,
) -> tuple[ViewState, list[Notice]]:
    """The view a URL query describes, and a warning for each value that was dropped.

    `actors`, `places` and `factions` are the known ids; when given, unknown ids are dropped
    too. Never raises: anything unusable falls back to the default.
    """
    warnings: list[Notice] = []
    fields: dict[str, Any] = {}
    try:
        get = {str(k): _first(v) for k, v in dict(params).items()}
    except Exception:  # a Mapping that cannot even be iterated: use every default
        return ViewState(), [Notice("link.unreadable")]

    for key, field in (("date", "date"), ("from", "compare")):
        if (raw := get.get(key)) is not None and (day := _date(key, raw, warnings)):
            fields[field] = day

    if (raw := get.get("types")) is not None:
        types = _ids("types", raw, EVENT_TYPES, warnings)
        if types:
            fields["types"] = tuple(t for t in EVENT_TYPES if t in types)  # canonical order

    if (raw := get.get("actors")) is not None:
        got = _ids("actors", raw, actors, warnings, "link.unknown_actors")
        if got:
            fields["actors"] = tuple(sorted(got))

    if (raw := get.get("place")) is not None and raw.strip():
        pid = raw.strip()
        if ID.match(pid) and (places is None or pid in places):
            fields["place"] = pid
        else:
            warnings.append(Notice("link.unknown_place", raw=_short(pid)))

    fields.update(_position(get, warnings))

    if (raw := get.get("layers")) is not None:
        if raw.strip() == NO_LAYERS:
            fields["layers"] = ()
        else:
            got = _ids("layers", raw, factions, warnings, "link.unknown_layers")
            if got:
                fields["layers"] = tuple(sorted(got))

    fields.update(_popup_and_hidden(get, fields.get("place"), warnings))
    fields.update(_choices(get, warnings))

    return ViewState(**fields), warnings


def _popup_and_hidden(
    get: Mapping[str, str | None], place: str | None, warnings: list[Notice]
) -> dict[str, Any]:
    """`popup` (1 or 0; only with a selected place) and `hide` (overlay ids) of a query."""
    fields: dict[str, Any] = {}
    if (raw := get.get("popup")) is not None and raw.strip() not in ("", "0"):
        if raw.strip() != "1":
            warnings.append(Notice("link.bad_popup", raw=_short(raw)))
        elif place is None:
            warnings.append(Notice("link.popup_needs_place"))
        else:
            fields["popup"] = True
    if (raw := get.get("hide")) is not None:
        got = _ids("hide", raw, OVERLAYS, warnings)
        if got:
            fields["hide"] = tuple(sorted(got))
    return fields


def to_query(state: ViewState, *, keep_view: bool = True) -> dict[str, str]:
    """The URL query of a view: only what differs from the defaults (the date always, so that a
    link opened next month shows the same day). `keep_view=False` leaves out centre and zoom."""
    q: dict[str, str] = {}
    if state.date is not None:
        q["date"] = state.date.isoformat()
    if state.compare is not None:
        q["from"] = state.compare.isoformat()
    if state.types:
        q["types"] = ",".join(state.types)
    if state.actors:
        q["actors"] = ",".join(state.actors)
    if state.place:
        q["place"] = state.place
        if state.popup:
            q["popup"] = "1"
    if keep_view and state.lat is not None and state.lon is not None:
        q["lat"] = f"{state.lat:.5f}".rstrip("0").rstrip(".")
        q["lon"] = f"{state.lon:.5f}".rstrip("0").rstrip(".")
    if keep_view and state.zoom is not None:
        q["zoom"] = str(state.zoom)
    if state.layers is not None:
        q["layers"] = ",".join(state.layers) if state.layers else NO_LAYERS
    if state.hide:
        q["hide"] = ",".join(state.hide)
    if state.basemap != "offline":
        q["basemap"] = state.basemap
    if state.lang != LANGS[0]:
        q["lang"] = state.lang
    return q


def normalise(state: ViewState) -> ViewState:
    """The canonical form of a state (what a URL round trip yields)."""
    return from_query(to_query(state))[0]


def page_link(view: ViewState, base: str = "/") -> Callable[[str], str]:
    """place id -> URL of the dashboard showing that place with the same filters."""
    query = to_query(view.replace(place=None), keep_view=False)

    def link(place_id: str) -> str:
        return base + "?" + urlencode({**query, "place": place_id})

    return link
