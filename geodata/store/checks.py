"""The checks a write passes before it is committed: records valid on their own (`valid`,
`unique`, before the transaction) and against what the database holds (`check_places`,
`check_events`, `check_zones`, inside it), and zones being written within limits
(`check_new_zones`). Each raises one ValidationError with every problem found, the `file` of
each problem being "database"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pydantic
from pydantic import BaseModel

from .. import validation as v
from ..errors import Problem, ValidationError
from ..model import ControlZone, Event, Place, ReviewStatus
from .reads import Reads

WHERE = "database"  # the `file` of a Problem found while writing
POINT_OR_AREA = ("Point", "Polygon", "MultiPolygon")  # a place's geometry
AREA = ("Polygon", "MultiPolygon")  # a control zone's


def _geometry_problems(records: Iterable[Place | ControlZone], allowed: tuple[str, ...]) -> list[Problem]:
    """The first thing wrong with each record's geometry (a wrong type hides the rest)."""
    return [pr for r in records for pr in v.geometry_problems(WHERE, r.id, r.geometry, allowed)[:1]]


def check_places(tx: Reads, places: Sequence[Place]) -> None:
    problems = _geometry_problems(places, POINT_OR_AREA)
    known = tx.ids("places") | {p.id for p in tx.b.fallback_places()}
    problems += v.check_places(places, WHERE, tx.b.outline(), known_ids=known)
    if problems:
        raise ValidationError(problems)


def check_events(tx: Reads, events: Sequence[Event], *, extra_places: Iterable[str] = ()) -> None:
    place_ids = tx.ids("places") | {p.id for p in tx.b.fallback_places()} | set(extra_places)
    actor_ids = tx.ids("actors")
    unlinked = [e.model_copy(update={"links": ()}) for e in events]
    problems = v.check_events(unlinked, place_ids, actor_ids, WHERE)
    batch = {e.id for e in events}
    targets = {link.event for e in events for link in e.links} - batch
    found = set(tx.get_many("events", targets)) if targets else set()
    for e in events:
        for link in e.links:
            if link.event not in batch and link.event not in found:
                problems.append(Problem(WHERE, e.id, "links", f"links to unknown event {link.event!r}"))
    if problems:
        raise ValidationError(problems)


def check_zones(tx: Reads) -> None:
    zones = tx.models("zones")
    problems = _geometry_problems(zones, AREA)
    factions = {f.id: f for f in tx.models("factions")}
    problems += v.check_zones(zones, factions, {})
    if problems:
        raise ValidationError([Problem(WHERE, p.record, p.field, p.reason) for p in problems])


def check_new_zones(tx: Reads, zones: Sequence[ControlZone], *, dates_only: bool = False) -> None:
    """The limits of zones being written (`validation.check_zone_limits`): finite coordinates
    in range, overlapping Syria's outline, dated at most a year ahead. Zones already stored
    are not held to them (`dates_only`: only the dates, for a change of dates)."""
    problems = v.zone_date_problems(zones, {})
    if not dates_only:
        problems = v.zone_extent_problems(zones, tx.b.outline(), {}) + problems
    if problems:
        raise ValidationError([Problem(WHERE, p.record, p.field, p.reason) for p in problems])


def valid(records: Iterable[Any]) -> list[Any]:
    """The records validated again: `model_copy(update=...)` skips pydantic's checks, and
    nothing invalid may reach the database."""
    out, problems = [], []
    for r in records:
        try:
            out.append(type(r).model_validate(r.model_dump(warnings=False)))
        except pydantic.ValidationError as exc:
            problems += v.pydantic_problems(WHERE, str(getattr(r, "id", "?")), exc)
    if problems:
        raise ValidationError(problems)
    return out


def valid_document(model: type[BaseModel], doc: Mapping[str, Any]) -> None:
    """ValidationError unless `doc` (a record as changed in place) makes a valid `model`."""
    try:
        model.model_validate(doc)
    except pydantic.ValidationError as exc:
        raise ValidationError(v.pydantic_problems(WHERE, str(doc.get("id", "?")), exc)) from None


def review_status(event_id: str, status: ReviewStatus | str) -> ReviewStatus:
    try:
        return ReviewStatus(status)
    except ValueError:
        allowed = ", ".join(s.value for s in ReviewStatus)
        raise ValidationError(
            [Problem(WHERE, event_id, "review", f"was {status!r} but is expected to be one of {allowed}")]
        ) from None


def unique(records: Sequence[BaseModel]) -> None:
    seen: set[str] = set()
    dupes = []
    for r in records:
        rid = getattr(r, "id", None)
        if str(rid) in seen:
            dupes.append(Problem(WHERE, str(rid), "id", f"duplicate id {rid!r}"))
        seen.add(str(rid))
    if dupes:
        raise ValidationError(dupes)
