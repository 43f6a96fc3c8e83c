"""Events: filtering, grouping by place, the exchange links; their generated summaries are in
`summaries` (re-exported here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from .model import Event, EventType, LinkRel, ReviewStatus, Status
from .summaries import feminine_ar as feminine_ar  # re-exported: callers import them from here
from .summaries import summary as summary
from .summaries import summary_ar as summary_ar
from .summaries import summary_en as summary_en

if TYPE_CHECKING:
    from .dataset import Dataset
    from .gazetteer import Gazetteer


class TypeLabel(NamedTuple):
    singular: str  # "lifting a blockade", in a sentence or a popup line
    plural: str  # "Lifting of blockades", a heading or a filter's option


# What people read for each event type (the popup, the filters, the pages).
TYPE_LABELS: dict[EventType, TypeLabel] = {
    EventType.DEMAND: TypeLabel("demand", "Demands"),
    EventType.BLOCKADE: TypeLabel("blockade", "Blockades"),
    EventType.LIFT_BLOCKADE: TypeLabel("lifting a blockade", "Lifting of blockades"),
    EventType.MEETING: TypeLabel("meeting", "Meetings"),
    EventType.THREAT: TypeLabel("threat", "Threats"),
    EventType.ARREST: TypeLabel("arrest", "Arrests"),
    EventType.CLASH: TypeLabel("clash", "Clashes"),
    EventType.AGREEMENT: TypeLabel("agreement", "Agreements"),
    EventType.OTHER: TypeLabel("other", "Other"),
}

# Where each type is listed in a place's popup.
SECTIONS: dict[str, tuple[EventType, ...]] = {
    "Demands": (EventType.DEMAND,),
    "Blockades": (EventType.BLOCKADE, EventType.LIFT_BLOCKADE),
    "Meetings and threats": (EventType.MEETING, EventType.THREAT, EventType.AGREEMENT),
    "Other": (EventType.ARREST, EventType.CLASH, EventType.OTHER),
}


def filter_events(  # noqa: PLR0913 (keyword-only filters)
    events: Iterable[Event],
    *,
    day: dt.date | None = None,
    types: Collection[str] | None = None,
    actors: Collection[str] | None = None,
    places: Collection[str] | None = None,
    include_drafts: bool = False,
) -> list[Event]:
    """Events known as of `day` (begun by then), of the given types, involving the given
    actors (as actor, target or mediator) or places. None means no filter on that field."""
    out = []
    for e in events:
        if not include_drafts and e.review != "accepted":
            continue
        if day is not None and not e.visible_on(day):
            continue
        if types is not None and e.type not in types:
            continue
        if actors is not None and not ({e.actor, e.target, e.mediator} & set(actors)):
            continue
        if places is not None and not (set(e.places) & set(places)):
            continue
        out.append(e)
    return sorted(out, key=lambda e: (e.date, e.id))


def events_at(
    gazetteer: Gazetteer, events: Iterable[Event], place_ids: Iterable[str]
) -> dict[str, list[Event]]:
    """The events of each of `place_ids`: its own and those of the places inside it (a city's
    popup lists what happens at its security square). An event is listed once per place."""
    wanted = set(place_ids)
    out: dict[str, list[Event]] = {pid: [] for pid in wanted}
    for event in events:
        targets: dict[str, None] = {}
        for pid in event.places:
            place = gazetteer.places.get(pid)
            if place is None:
                continue
            for target in (pid, *gazetteer.ancestors(place)):
                if target in wanted:
                    targets[target] = None
        for target in targets:
            out[target].append(event)
    return out


def published(dataset: Dataset) -> Dataset:
    """What a viewer may see: accepted events only, and no source that only drafts or rejected
    events cite (an ingested report under review stays with the editors)."""
    shown = [e for e in dataset.events if e.review == ReviewStatus.ACCEPTED]
    hidden = {e.source.id for e in dataset.events} - {e.source.id for e in shown}
    sources = {sid: s for sid, s in dataset.sources.items() if sid not in hidden}
    return type(dataset)(dataset.gazetteer, dataset.actors, dataset.factions, dataset.zones, shown, sources)


def events_by_place(events: Iterable[Event]) -> dict[str, list[Event]]:
    """An event with several places is listed under each of them."""
    out: dict[str, list[Event]] = {}
    for e in events:
        for pid in e.places:
            out.setdefault(pid, []).append(e)
    return out


def exchange_pairs(events: Sequence[Event]) -> list[tuple[Event, Event]]:
    """Pairs (a, b) where a is offered in exchange for b, each pair once."""
    by_id = {e.id: e for e in events}
    seen: set[frozenset[str]] = set()
    out = []
    for e in events:
        for other_id in e.linked(LinkRel.IN_EXCHANGE_FOR):
            other = by_id.get(other_id)
            key = frozenset((e.id, other_id))
            if other is not None and key not in seen:
                seen.add(key)
                out.append((e, other))
    return out


def status_on(event: Event, day: dt.date) -> Status | None:
    """A blockade's status as of `day`: lifted once `until` has passed."""
    if event.type == EventType.BLOCKADE and event.until is not None and event.until <= day:
        return Status.LIFTED
    return event.status
