"""The HTML of one place's popup, and of the map's tooltips.

This module gathers what a popup says (plain values); the autoescaped Jinja templates of
`dashboard/map/templates/popup.html` lay it out, so every text that comes from data (names, objects,
quotes, outlets, notes) is escaped by construction, and every URL goes through `safe_url`:
reports are written by others, and Leaflet inserts popup and tooltip content as HTML. Links to
other places are built by the caller's `link` function (a URL that reopens the dashboard on that
place).

What a popup lists is bounded: at most `max_items` events per section (the newest), then a count
of the rest. A place with 10,000 events costs the browser as much as one with 10.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from geodata.events import SECTIONS, status_on
from geodata.model import ControlZone, Event, Faction, LinkRel, Place, PlaceKind
from geodata.normalize import is_arabic
from geodata.zones import Holding

from .. import i18n
from .rendering import macro

# A place id, or a mark key of geodata.views (place:<id>, point:<lon>,<lat>, cell:<z>:<i>:<j>).
ID_MARK = re.compile(
    r"⟦((?:place:)?[a-z0-9]+(?:-[a-z0-9]+)*|point:-?\d+\.\d+,-?\d+\.\d+"
    r"|cell:\d+:-?\d+:-?\d+)⟧"
)
RTL_LANGS = ("ar", "ku-Arab", "fa", "syc")
# The words of the popup and tooltip templates, from the catalogue (`popup.<name>`): the
# templates are given them translated, and escape them as any other value.
WORDS = (
    "mediator",
    "at",
    "since",
    "until",
    "source",
    "confidence",
    "in",
    "held_by",
    "on",
    "uncovered",
    "none",
    "exchange",
    "as_of",
    "zone_source",
)


def place_zoom(place: Place) -> int:
    """The map zoom that shows a place whole."""
    return {
        PlaceKind.COUNTRY: 6,
        PlaceKind.GOVERNORATE: 8,
        PlaceKind.REGION: 10,
        PlaceKind.CITY: 12,
        PlaceKind.TOWN: 13,
        PlaceKind.VILLAGE: 14,
    }.get(place.kind, 15)


TEMPLATE = "popup.html"


def esc(text: object) -> str:
    """Text as inert HTML: &, <, >, " and ' escaped (as the templates' autoescape does)."""
    return str(escape("" if text is None else str(text)))


def safe_url(url: str | None) -> str | None:
    """An http(s) URL (to be escaped where it is written); None for anything else
    (javascript:, data:, protocol-relative...)."""
    if not url:
        return None
    url = url.strip()
    if not re.match(r"^https?://[^\s<>\"'`]+$", url, flags=re.IGNORECASE):
        return None
    return url


def text_dir(text: str, lang: str | None = None) -> str:
    if lang in RTL_LANGS or (lang is None and is_arabic(text or "")):
        return "rtl"
    return "ltr"


def id_mark(place_id: str) -> str:
    """A hidden marker in a tooltip that tells the app which place was clicked (st_folium returns
    the clicked object's tooltip *text*)."""
    return str(macro(TEMPLATE, "id_mark", place_id))


def place_id_from_tooltip(text: str | None) -> str | None:
    match = ID_MARK.search(text or "")
    return match.group(1) if match else None


def _exchange_links(events: dict[str, Event]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """event -> the events traded for it (both ways), and event -> the events concerning it."""
    exchanged: dict[str, list[str]] = {}
    concerned_by: dict[str, list[str]] = {}
    for e in events.values():
        for other in e.linked(LinkRel.IN_EXCHANGE_FOR):
            if other in events:
                for a, b in ((e.id, other), (other, e.id)):
                    if b not in exchanged.setdefault(a, []):
                        exchanged[a].append(b)
        for other in e.linked(LinkRel.CONCERNS):
            concerned_by.setdefault(other, []).append(e.id)
    return exchanged, concerned_by


@dataclass(frozen=True)
class PopupContext:
    """What every popup of one map needs to know, built once per map. `events` are those a
    popup may point to (the day's, unfiltered: an offer's counterpart stays named when a filter
    hides it)."""

    day: dt.date
    places: dict[str, Place]
    actors: dict[str, tuple[str, str]]  # id -> (English name, Arabic name)
    factions: dict[str, Faction]
    events: Iterable[Event]
    link: Callable[[str], str]  # place id -> URL of the dashboard showing that place
    max_items: int = 6
    lang: str = "en"  # the interface's language (dashboard.i18n)
    events_by_id: dict[str, Event] = field(init=False)
    exchanged: dict[str, list[str]] = field(init=False)  # event -> counterpart ids
    concerned_by: dict[str, list[str]] = field(init=False)  # event -> ids concerning it

    def __post_init__(self) -> None:
        by_id = {e.id: e for e in self.events}
        exchanged, concerned_by = _exchange_links(by_id)
        object.__setattr__(self, "events_by_id", by_id)
        object.__setattr__(self, "exchanged", exchanged)
        object.__setattr__(self, "concerned_by", concerned_by)

    def actor(self, actor_id: str | None) -> str:
        if actor_id is None:
            return self.text("popup.unknown")
        names = self.actors.get(actor_id, (actor_id, actor_id))
        return (names[1] or names[0]) if i18n.is_rtl(self.lang) else names[0]

    def place_name(self, place_id: str) -> str:
        place = self.places.get(place_id)
        return local_name(place, self.lang) if place else place_id

    def text(self, key: str, /, **values: object) -> str:
        return i18n.text(self.lang, key, **values)

    def type_label(self, event: Event) -> str:
        return self.text(f"type.{event.type.value}.singular")

    def what(self, event: Event) -> str:
        """What an event is about: its object in the interface's language when it has one."""
        local = event.object_ar if i18n.is_rtl(self.lang) else None
        return local or event.object_en or self.type_label(event)

    def place_ref(self, place_id: str) -> dict[str, Any]:
        """What a link to a place needs: on the map, a click moves the map there (see
        map._PlaceLinks); the href opens the dashboard on that place in a new tab."""
        place = self.places.get(place_id)
        return {
            "href": self.link(place_id),
            "id": place_id,
            "name": self.place_name(place_id),
            "zoom": place_zoom(place) if place else 12,
        }

    def place_link(self, place_id: str) -> Markup:
        return macro(TEMPLATE, "place_link", self.place_ref(place_id))


def words(lang: str) -> dict[str, str]:
    """The templates' words in `lang`, and the direction of the text."""
    return {"dir": i18n.direction(lang), "lang": lang, **{w: i18n.text(lang, f"popup.{w}") for w in WORDS}}


def local_name(place: Place, lang: str) -> str:
    """A place's name in the interface's language (Arabic first in Arabic)."""
    return (place.name_ar or place.name_en) if i18n.is_rtl(lang) else place.name_en


def _short_actor(name: str) -> str:
    """'Syrian Democratic Forces (SDF)' -> 'SDF': the abbreviation in brackets when there is one."""
    match = re.search(r"\(([A-Z]{2,8})\)\s*$", name)
    return match.group(1) if match else name


def _counterparts(ctx: PopupContext, ids: Sequence[str], label: str) -> dict[str, Any]:
    items = []
    for other_id in ids[: ctx.max_items]:
        other = ctx.events_by_id[other_id]
        items.append(
            {
                "places": [ctx.place_ref(p) for p in other.places],
                "actor": _short_actor(ctx.actor(other.actor)),
                "what": ctx.what(other),
            }
        )
    more = len(ids) - ctx.max_items
    return {
        "label": label,
        "entries": items,
        "more": more,
        "more_text": ctx.text("popup.more", n=more) if more > 0 else "",
    }


def _traded(event: Event, ctx: PopupContext) -> dict[str, Any]:
    """A blockade whose lifting is demanded in exchange for something: what, and by whom."""
    demands = ctx.concerned_by.get(event.id, [])
    trades = [other for demand_id in demands for other in ctx.exchanged.get(demand_id, [])]
    demanders = {_short_actor(ctx.actor(ctx.events_by_id[d].actor)) for d in demands if ctx.exchanged.get(d)}
    label = ctx.text("popup.traded", actors=", ".join(sorted(demanders)))
    return _counterparts(ctx, list(dict.fromkeys(trades)), label)


def event_view(event: Event, ctx: PopupContext, here: str | None = None) -> dict[str, Any]:
    """What one event item shows. `here` is the popup's place: the event's places are named
    when one of them differs from it (an event at the security square in Qamishli's popup)."""
    status = status_on(event, ctx.day)
    quote = event.evidence.quote
    src = event.source
    return {
        "id": event.id,
        "type": event.type.value,
        "type_label": ctx.type_label(event),
        "actor": _short_actor(ctx.actor(event.actor)),
        "target": _short_actor(ctx.actor(event.target)) if event.target else None,
        "mediator": _short_actor(ctx.actor(event.mediator)) if event.mediator else None,
        "object": (event.object_ar if i18n.is_rtl(ctx.lang) else None) or event.object_en or "",
        "places": ([ctx.place_ref(p) for p in event.places] if any(p != here for p in event.places) else []),
        "date": event.date.isoformat(),
        "status": status.value if status is not None else None,
        "status_label": ctx.text(f"status.{status.value}") if status is not None else None,
        "since": event.since.isoformat() if event.since else None,
        "until": event.until.isoformat() if event.until else None,
        "exchanged": _counterparts(ctx, ctx.exchanged.get(event.id, []), ctx.text("popup.exchange")),
        "traded": _traded(event, ctx),
        "quote": quote,
        "quote_dir": text_dir(quote, event.evidence.lang),
        "quote_lang": event.evidence.lang,
        "source": {
            "url": safe_url(src.url),
            "outlet": src.outlet,
            "published": src.published.isoformat() if src.published else None,
        },
        "confidence": ctx.text(f"confidence.{event.confidence.value}"),
        "w": words(ctx.lang),
    }


def event_item(event: Event, ctx: PopupContext, here: str | None = None) -> str:
    """One event as an HTML list item."""
    return str(macro(TEMPLATE, "event_item", event_view(event, ctx, here)))


def held_since_text(holding: Holding | None, ctx: PopupContext) -> str:
    """Since when the holder of the day has held the place, from the snapshots: "since
    2024-11-30" (it changed hands between the snapshot before and that one), or "since at least"
    the first snapshot; "" without a holding or without its `since`."""
    if holding is None or holding.since is None:  # (an area: held in parts)
        return ""
    key = "popup.held_since_first" if holding.before is None else "popup.held_since"
    return ctx.text(key, date=holding.since.isoformat())


def popup_view(
    place: Place,
    events: Sequence[Event],
    ctx: PopupContext,
    holder: ControlZone | None,
    holding: Holding | None = None,
) -> dict[str, Any]:
    """What a place's popup shows: names, kind, parent, who holds it on the day and since when
    (`holding`, when given, names the holder), then its events by section (newest first, at
    most `ctx.max_items` each)."""
    held = None
    holder = holding.zone if holding is not None else holder
    if holder is not None:
        faction = ctx.factions.get(holder.faction)
        held = {
            "colour": faction.colour if faction else "#777777",
            "name": local_faction(faction, ctx.lang) if faction else holder.faction,
            "since": held_since_text(holding, ctx),
        }
    newest = sorted(events, key=lambda e: (e.date, e.id), reverse=True)
    sections = []
    for title, types in SECTIONS.items():
        items = [e for e in newest if e.type in types]
        if items:
            more = len(items) - ctx.max_items
            sections.append(
                {
                    "title": ctx.text(section_key(title)),
                    "total": len(items),
                    "more": more,
                    "more_text": ctx.text("popup.more_section", n=more) if more > 0 else "",
                    "events": [event_view(e, ctx, here=place.id) for e in items[: ctx.max_items]],
                }
            )
    return {
        "id": place.id,
        "name_en": place.name_en,
        "name_ar": place.name_ar,
        "kind": (
            ctx.text(f"kind.{place.kind.value}")
            if isinstance(place, Place)
            else ctx.text("popup.events_here")
        ),
        "parent": ctx.place_ref(place.parent) if place.parent else None,
        "holder": held,
        "day": ctx.day.isoformat(),
        "sections": sections,
        "w": words(ctx.lang),
        "ar_first": i18n.is_rtl(ctx.lang),
    }


def section_key(title: str) -> str:
    """The catalogue key of a popup section (`geodata.events.SECTIONS`): `section.<slug>`."""
    return "section." + re.sub(r"\W+", "_", title.lower())


def local_faction(faction: Faction, lang: str) -> str:
    return (faction.name_ar or faction.name_en) if i18n.is_rtl(lang) else faction.name_en


def popup_html(
    place: Place,
    events: Sequence[Event],
    ctx: PopupContext,
    *,
    holder: ControlZone | None = None,
    holding: Holding | None = None,
) -> str:
    """A place's popup as HTML: `holding` (`geodata.zones.held_since`) says who holds it and
    since when; `holder` alone, who holds it."""
    return str(macro(TEMPLATE, "popup", popup_view(place, events, ctx, holder, holding)))


def place_tooltip(place: Place, holder_name: str | None, n_events: int, lang: str = "en") -> str:
    return str(
        macro(
            TEMPLATE,
            "place_tooltip",
            {
                "id": place.id,
                "name_en": place.name_en,
                "name_ar": place.name_ar,
                "kind": i18n.text(lang, f"kind.{place.kind.value}"),
                "holder": holder_name,
                "count": i18n.text(
                    lang, "popup.events_one" if n_events == 1 else "popup.events_other", n=n_events
                )
                if n_events
                else "",
                "ar_first": i18n.is_rtl(lang),
                "dir": i18n.direction(lang),
            },
        )
    )


def zone_tooltip(  # noqa: PLR0913 (the zone, its dates and source, the language)
    faction: Faction | None,
    zone: ControlZone,
    as_of: dt.date,
    day: dt.date,
    source: str,
    lang: str = "en",
) -> str:
    return str(
        macro(
            TEMPLATE,
            "zone_tooltip",
            {
                "name": local_faction(faction, lang) if faction else zone.faction,
                "as_of": as_of.isoformat(),
                "day": day.isoformat(),
                "before": i18n.text(lang, "popup.before", date=day.isoformat()),
                "confidence": i18n.text(lang, f"confidence.{zone.confidence.value}"),
                "source": source,
                "note": zone.note,
                "w": words(lang),
            },
        )
    )


def exchange_tooltip(pairs: Sequence[tuple[Event, Event]], ctx: PopupContext, limit: int = 3) -> str:
    """What is traded for what along one line (several trades may share a pair of places)."""
    rows = [
        {
            "actor": _short_actor(ctx.actor(a.actor)),
            "what": ctx.what(a),
            "other_actor": _short_actor(ctx.actor(b.actor)),
            "other_what": ctx.what(b),
        }
        for a, b in pairs[:limit]
    ]
    more = len(pairs) - limit
    return str(
        macro(
            TEMPLATE,
            "exchange_tooltip",
            rows,
            more,
            ctx.text("popup.more", n=more) if more > 0 else "",
            words(ctx.lang),
        )
    )
