"""The HTML of one place's popup, and of the map's tooltips.

Every piece of text that comes from data (names, objects, quotes, outlets, notes) goes through
`esc`, and every URL through `safe_url`: reports are written by others, and Leaflet inserts popup
and tooltip content as HTML. Links to other places are built by the caller's `link` function (a
URL that reopens the dashboard on that place).

What a popup lists is bounded: at most `max_items` events per section (the newest), then a count
of the rest. A place with 10,000 events costs the browser as much as one with 10.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from geodata.events import SECTIONS, status_on
from geodata.model import ControlZone, Event, EventType, Faction, LinkRel, Place, PlaceKind

ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
ID_MARK = re.compile(r"⟦([a-z0-9]+(?:-[a-z0-9]+)*)⟧")
RTL_LANGS = ("ar", "ku-Arab", "fa", "syc")

TYPE_LABEL = {
    EventType.DEMAND: "demand",
    EventType.BLOCKADE: "blockade",
    EventType.LIFT_BLOCKADE: "lifting a blockade",
    EventType.MEETING: "meeting",
    EventType.THREAT: "threat",
    EventType.ARREST: "arrest",
    EventType.CLASH: "clash",
    EventType.AGREEMENT: "agreement",
    EventType.OTHER: "other",
}


def place_zoom(place: Place) -> int:
    """The map zoom that shows a place whole."""
    return {
        PlaceKind.COUNTRY: 6, PlaceKind.GOVERNORATE: 8, PlaceKind.REGION: 10,
        PlaceKind.CITY: 12, PlaceKind.TOWN: 13, PlaceKind.VILLAGE: 14,
    }.get(place.kind, 15)


def esc(text: object) -> str:
    """Text as inert HTML: &, <, >, " and ' escaped."""
    return html.escape("" if text is None else str(text), quote=True)


def safe_url(url: str | None) -> str | None:
    """An http(s) URL, escaped for an attribute; None for anything else (javascript:, data:...)."""
    if not url:
        return None
    url = url.strip()
    if not re.match(r"^https?://[^\s<>\"'`]+$", url, flags=re.IGNORECASE):
        return None
    return esc(url)


def text_dir(text: str, lang: str | None = None) -> str:
    if lang in RTL_LANGS or (lang is None and ARABIC.search(text or "")):
        return "rtl"
    return "ltr"


def id_mark(place_id: str) -> str:
    """A hidden marker in a tooltip that tells the app which place was clicked (st_folium returns
    the clicked object's tooltip *text*)."""
    return f'<span class="zm-id" hidden>⟦{esc(place_id)}⟧</span>'


def place_id_from_tooltip(text: str | None) -> str | None:
    match = ID_MARK.search(text or "")
    return match.group(1) if match else None


@dataclass(frozen=True)
class PopupContext:
    """What every popup of one map needs to know, built once per map."""

    day: dt.date
    places: dict[str, Place]
    actors: dict[str, tuple[str, str]]  # id -> (English name, Arabic name)
    factions: dict[str, Faction]
    events_by_id: dict[str, Event]
    link: Callable[[str], str]  # place id -> URL of the dashboard showing that place
    exchanged: dict[str, list[str]] = field(default_factory=dict)  # event -> counterpart ids
    concerned_by: dict[str, list[str]] = field(default_factory=dict)  # event -> ids concerning it
    max_items: int = 6

    @classmethod
    def build(
        cls,
        *,
        day: dt.date,
        places: dict[str, Place],
        actors: dict[str, tuple[str, str]],
        factions: dict[str, Faction],
        events: Iterable[Event],
        link: Callable[[str], str],
        max_items: int = 6,
    ) -> PopupContext:
        by_id = {e.id: e for e in events}
        exchanged: dict[str, list[str]] = {}
        concerned_by: dict[str, list[str]] = {}
        for e in by_id.values():
            for other in e.linked(LinkRel.IN_EXCHANGE_FOR):
                if other in by_id:
                    for a, b in ((e.id, other), (other, e.id)):
                        if b not in exchanged.setdefault(a, []):
                            exchanged[a].append(b)
            for other in e.linked(LinkRel.CONCERNS):
                concerned_by.setdefault(other, []).append(e.id)
        return cls(day, places, actors, factions, by_id, link, exchanged, concerned_by, max_items)

    def actor(self, actor_id: str | None) -> str:
        if actor_id is None:
            return "unknown"
        return self.actors.get(actor_id, (actor_id, actor_id))[0]

    def place_name(self, place_id: str) -> str:
        place = self.places.get(place_id)
        return place.name_en if place else place_id

    def place_link(self, place_id: str) -> str:
        """A link to a place: on the map, a click moves the map there (see map._PlaceLinks);
        the href opens the dashboard on that place in a new tab."""
        place = self.places.get(place_id)
        zoom = place_zoom(place) if place else 12
        return (
            f'<a href="{esc(self.link(place_id))}" target="_blank" rel="noopener" '
            f'data-place-link="{esc(place_id)}" data-zoom="{zoom}">'
            f"{esc(self.place_name(place_id))}</a>"
        )


def _short_actor(name: str) -> str:
    """'Syrian Democratic Forces (SDF)' -> 'SDF': the abbreviation in brackets when there is one."""
    match = re.search(r"\(([A-Z]{2,8})\)\s*$", name)
    return match.group(1) if match else name


def _counterparts(ctx: PopupContext, ids: Sequence[str], label: str) -> str:
    if not ids:
        return ""
    items = []
    for other_id in ids[: ctx.max_items]:
        other = ctx.events_by_id[other_id]
        where = ", ".join(ctx.place_link(p) for p in other.places) or "—"
        what = esc(other.object_en or TYPE_LABEL[other.type])
        items.append(f"<li>{where}: {esc(_short_actor(ctx.actor(other.actor)))} — {what}</li>")
    more = len(ids) - ctx.max_items
    if more > 0:
        items.append(f"<li>… and {more} more</li>")
    return f'<div class="zm-x"><b>{esc(label)}</b><ul>{"".join(items)}</ul></div>'


def _status(event: Event, day: dt.date) -> str:
    parts = []
    status = status_on(event, day)
    if status is not None:
        parts.append(f'<span class="zm-st zm-st-{esc(status.value)}">{esc(status.value)}</span>')
    if event.since:
        parts.append(f"since {esc(event.since.isoformat())}")
    if event.until:
        parts.append(f"until {esc(event.until.isoformat())}")
    return " · ".join(parts)


def event_item(event: Event, ctx: PopupContext, here: str | None = None) -> str:
    """One event as an HTML list item. `here` is the popup's place: the event's own places are
    named when they differ from it (an event at the security square in Qamishli's popup)."""
    head = (
        f'<span class="zm-a">{esc(_short_actor(ctx.actor(event.actor)))}</span>'
        f' → <span class="zm-a">{esc(_short_actor(ctx.actor(event.target)))}</span>'
        if event.target
        else f'<span class="zm-a">{esc(_short_actor(ctx.actor(event.actor)))}</span>'
    )
    if event.mediator:
        head += f' <span class="zm-med">(mediator: {esc(_short_actor(ctx.actor(event.mediator)))})</span>'
    when = esc(event.date.isoformat())
    status = _status(event, ctx.day)
    parts = [
        f'<li class="zm-ev zm-t-{esc(event.type.value)}" data-event="{esc(event.id)}">',
        f'<div class="zm-h">{head} <span class="zm-type">{esc(TYPE_LABEL[event.type])}</span></div>',
        f'<div class="zm-obj">{esc(event.object_en or "")}</div>' if event.object_en else "",
    ]
    elsewhere = [p for p in event.places if p != here]
    if elsewhere:
        parts.append(
            f'<div class="zm-at">at {", ".join(ctx.place_link(p) for p in event.places)}</div>'
        )
    parts.append(f'<div class="zm-when">{when}{" · " + status if status else ""}</div>')
    parts.append(_counterparts(ctx, ctx.exchanged.get(event.id, []), "in exchange for"))
    # A blockade whose lifting is demanded in exchange for something: say what.
    trades = [
        other
        for demand_id in ctx.concerned_by.get(event.id, [])
        for other in ctx.exchanged.get(demand_id, [])
    ]
    if trades:
        demanders = {
            _short_actor(ctx.actor(ctx.events_by_id[d].actor))
            for d in ctx.concerned_by.get(event.id, [])
            if ctx.exchanged.get(d)
        }
        label = f"lifting it is demanded by {', '.join(sorted(demanders))} in exchange for"
        parts.append(_counterparts(ctx, list(dict.fromkeys(trades)), label))
    quote = event.evidence.quote
    parts.append(
        f'<blockquote class="zm-q" dir="{text_dir(quote, event.evidence.lang)}" '
        f'lang="{esc(event.evidence.lang)}">{esc(quote)}</blockquote>'
    )
    src = event.source
    url = safe_url(src.url)
    outlet = esc(src.outlet)
    outlet_html = (
        f'<a href="{url}" target="_blank" rel="noopener noreferrer">{outlet}</a>' if url else outlet
    )
    published = f", {esc(src.published.isoformat())}" if src.published else ""
    parts.append(
        f'<div class="zm-src">Source: {outlet_html}{published} · confidence '
        f"{esc(event.confidence.value)}</div></li>"
    )
    return "".join(parts)


def popup_html(
    place: Place,
    events: Sequence[Event],
    ctx: PopupContext,
    *,
    holder: ControlZone | None = None,
) -> str:
    """A place's popup: names, kind, parent, who holds it on the day, then its events by section
    (newest first, at most `ctx.max_items` each)."""
    parent = ctx.place_link(place.parent) if place.parent else ""
    if holder is not None:
        faction = ctx.factions.get(holder.faction)
        colour = faction.colour if faction else "#777777"
        name = faction.name_en if faction else holder.faction
        held = (
            f'held by <span class="zm-sw" style="background:{esc(colour)}"></span>'
            f"<b>{esc(name)}</b> on {esc(ctx.day.isoformat())}"
        )
    else:
        held = f"no control zone covers it on {esc(ctx.day.isoformat())}"
    out = [
        f'<div class="zm-popup" data-place="{esc(place.id)}">',
        '<div class="zm-title">',
        f'<span class="zm-en" lang="en">{esc(place.name_en)}</span>',
        f'<span class="zm-ar" dir="rtl" lang="ar">{esc(place.name_ar)}</span></div>',
        f'<div class="zm-meta">{esc(place.kind.value)}{" in " + parent if parent else ""}'
        f" · {held}</div>",
    ]
    if not events:
        out.append('<div class="zm-none">No events in the current filter.</div>')
    newest = sorted(events, key=lambda e: (e.date, e.id), reverse=True)
    for title, types in SECTIONS.items():
        items = [e for e in newest if e.type in types]
        if not items:
            continue
        out.append(f'<div class="zm-sec"><h4>{esc(title)} ({len(items)})</h4><ul>')
        out += [event_item(e, ctx, here=place.id) for e in items[: ctx.max_items]]
        if len(items) > ctx.max_items:
            out.append(
                f'<li class="zm-more">… and {len(items) - ctx.max_items} more: select the '
                "place and see the list under the map, or the Events page.</li>"
            )
        out.append("</ul></div>")
    out.append("</div>")
    return "".join(out)


def place_tooltip(place: Place, holder_name: str | None, n_events: int) -> str:
    count = f" · {n_events} event{'s' if n_events != 1 else ''}" if n_events else ""
    held = f" · {esc(holder_name)}" if holder_name else ""
    return (
        f'<b>{esc(place.name_en)}</b> <span dir="rtl" lang="ar">{esc(place.name_ar)}</span>'
        f'<br><span class="zm-tt-meta">{esc(place.kind.value)}{held}{count}</span>'
        f"{id_mark(place.id)}"
    )


def zone_tooltip(
    faction: Faction | None, zone: ControlZone, as_of: dt.date, day: dt.date, source: str
) -> str:
    name = faction.name_en if faction else zone.faction
    when = f"as of {esc(as_of.isoformat())}"
    if as_of != day:
        when += f" (latest snapshot before {esc(day.isoformat())})"
    note = f"<br><i>{esc(zone.note)}</i>" if zone.note else ""
    return (
        f"<b>{esc(name)}</b><br>{when}<br>confidence {esc(zone.confidence.value)}"
        f"<br>source: {esc(source)}{note}"
    )


def exchange_tooltip(pairs: Sequence[tuple[Event, Event]], ctx: PopupContext, limit: int = 3) -> str:
    """What is traded for what along one line (several trades may share a pair of places)."""
    rows = []
    for a, b in pairs[:limit]:
        rows.append(
            f"<b>{esc(_short_actor(ctx.actor(a.actor)))}</b>: {esc(a.object_en or TYPE_LABEL[a.type])}"
            f"<br><i>in exchange for</i><br><b>{esc(_short_actor(ctx.actor(b.actor)))}</b>: "
            f"{esc(b.object_en or TYPE_LABEL[b.type])}"
        )
    if len(pairs) > limit:
        rows.append(f"… and {len(pairs) - limit} more")
    return '<div class="zm-trade">' + "<hr>".join(rows) + "</div>"
