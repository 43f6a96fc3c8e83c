"""Records on their way out: what to export (`select`, `ExportJob`) and each record as a feature
(its properties and a geometry) that every writer shares.

Every property of a record is exported, so `read_import` reads an export back to the same
records (an event's source travels with it as an object; what an import kept beside an event
travels as `attrs`). An event's geometry is its places' points, for other tools only: importing
events reads their `places` ids.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

import shapely
from pydantic import BaseModel
from shapely.geometry import MultiPoint
from shapely.geometry.base import BaseGeometry

from ..errors import ExportError
from ..events import filter_events
from ..model import Event
from ..zones import footprint, zones_on
from .records import KINDS, MODELS

if TYPE_CHECKING:
    from ..dataset import Dataset

WHAT = KINDS
Feature = tuple[dict[str, Any], BaseGeometry | None]
Attrs = Mapping[str, Mapping[str, Any]]  # what an import kept beside events, by event id


class Filters(TypedDict, total=False):
    """What `select` keeps (see there)."""

    day: dt.date | None
    types: Collection[str] | None
    place: str | None
    include_drafts: bool


def check_options(options: Mapping[str, Any], allowed: type, func: str) -> None:
    """Raise TypeError, as Python does for a keyword a function lacks, when `options` (the
    `**options` of `func`) holds a key the TypedDict `allowed` does not declare: a misspelt
    option is an error, never silently ignored."""
    keys = getattr(allowed, "__optional_keys__", frozenset()) | getattr(
        allowed, "__required_keys__", frozenset()
    )
    unknown = sorted(set(options) - keys)
    if unknown:
        name = unknown[0]
        close = difflib.get_close_matches(name, sorted(keys), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise TypeError(
            f"{func}() got an unexpected keyword argument {name!r}{hint} "
            f"(its options are {', '.join(sorted(keys))})"
        )


def select(dataset: Dataset, what: str, **filters: Unpack[Filters]) -> list[Any]:
    """The records to export: places (the curated gazetteer), zones (of the snapshot in force
    on `day`, when given) or events (known by `day`, of `types`); `place` keeps what lies in
    that place (the place and those inside it; zones touching it; events there). An unknown
    keyword raises TypeError."""
    check_options(filters, Filters, "select")
    if what not in WHAT:
        raise ExportError(f"`what` was {what!r} but is expected to be one of {', '.join(WHAT)}")
    day, types, place = filters.get("day"), filters.get("types"), filters.get("place")
    gaz = dataset.gazetteer
    within: set[str] | None = None
    if place is not None:
        if place not in gaz.places:
            raise ExportError(f"no place with id {place!r}")
        within = gaz.within(place)
    if what == "places":
        ids = [pid for pid in gaz.places if pid in gaz.curated]
        return [gaz.places[pid] for pid in sorted(ids) if within is None or pid in within]
    if what == "zones":
        zones = zones_on(dataset.zones, day) if day else list(dataset.zones)
        if place is not None:
            area = footprint(gaz.places[place])
            zones = [z for z in zones if z.geometry.intersects(area)]
        return sorted(zones, key=lambda z: (z.valid_from, z.id))
    return filter_events(
        dataset.events,
        day=day,
        types=set(types) if types else None,
        places=within,
        include_drafts=filters.get("include_drafts", False),
    )


@dataclass(frozen=True)
class ExportJob:
    """One export as asked: of `dataset`, `what` (places, zones, events) selected by the
    filters; `select_fn` may narrow the selection (the dashboard keeps the events of the
    actors in view). What every exporter receives, with the path to write."""

    dataset: Dataset
    what: str
    day: dt.date | None = None
    types: Collection[str] | None = None
    place: str | None = None
    include_drafts: bool = False
    attrs: Attrs | None = None
    select_fn: Callable[..., list[Any]] = select

    def records(self, what: str | None = None) -> list[Any]:
        """The selected records of `what` (by default the job's own)."""
        return self.select_fn(
            self.dataset,
            what or self.what,
            day=self.day,
            types=self.types,
            place=self.place,
            include_drafts=self.include_drafts,
        )


# -- records as features -----------------------------------------------------------------------


def properties(record: BaseModel, attrs: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every field of a record but its geometry, as JSON values; an event's source as an
    object; `attrs` (what an import kept beside an event) when there are any."""
    props = record.model_dump(mode="json")
    props.pop("geometry", None)
    if attrs:
        props["attrs"] = dict(attrs)
    return props


def geometry_of(record: BaseModel, dataset: Dataset | None) -> BaseGeometry | None:
    if isinstance(record, Event):
        if dataset is None:
            return None
        points = [dataset.gazetteer.places[p].point for p in record.places if p in dataset.gazetteer.places]
        if not points:
            return None
        if len(points) == 1:
            return shapely.Point(points[0][1], points[0][0])
        return MultiPoint([(lon, lat) for lat, lon in points])
    return getattr(record, "geometry", None)


def features(
    records: Iterable[BaseModel], dataset: Dataset | None = None, attrs: Attrs | None = None
) -> list[Feature]:
    attrs = attrs or {}
    return [(properties(r, attrs.get(getattr(r, "id", ""))), geometry_of(r, dataset)) for r in records]


def columns(what: str, feats: Sequence[Feature]) -> list[str]:
    """The fields of `what` but geometry, in the model's order; `attrs` when any has them."""
    cols = [c for c in MODELS[what].model_fields if c != "geometry"]
    if any("attrs" in p for p, _ in feats):
        cols.append("attrs")
    return cols


def cell(value: Any) -> str | None:
    """A property as one text cell: lists and objects as compact JSON."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)
