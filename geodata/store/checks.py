"""The checks a write passes before it is committed: records valid on their own (`valid`,
`unique`, before the transaction) and against what the database holds (`check_places`,
`check_events`, `check_zones`, inside it). Each raises one ValidationError with every problem
found, the `file` of each problem being "database"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pydantic
import shapely
from pydantic import BaseModel

from .. import validation as v
from ..errors import Problem, ValidationError
from ..model import ControlZone, Event, Place
from .reads import Reads

WHERE = "database"  # the `file` of a Problem found while writing


def _geometry_problems(p: Place | ControlZone, allowed: set[str]) -> list[Problem]:
    g = p.geometry
    if g.geom_type not in allowed:
        return [Problem(WHERE, p.id, "geometry",
                        f"is a {g.geom_type}; expected {' or '.join(sorted(allowed))}")]
    if g.is_empty:
        return [Problem(WHERE, p.id, "geometry", "is empty")]
    if not g.is_valid:
        return [Problem(WHERE, p.id, "geometry",
                        f"invalid geometry: {shapely.is_valid_reason(g)}")]
    return []


def check_places(tx: Reads, places: Sequence[Place]) -> None:
    problems: list[Problem] = []
    for p in places:
        problems += _geometry_problems(p, {"Point", "Polygon", "MultiPolygon"})
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
                problems.append(Problem(WHERE, e.id, "links",
                                        f"links to unknown event {link.event!r}"))
    if problems:
        raise ValidationError(problems)


def check_zones(tx: Reads) -> None:
    zones = tx.models("zones")
    problems = [pr for z in zones for pr in _geometry_problems(z, {"Polygon", "MultiPolygon"})]
    factions = {f.id: f for f in tx.models("factions")}
    problems += v.check_zones(zones, factions, {})
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
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"]) or "(record)"
                problems.append(Problem(WHERE, str(getattr(r, "id", "?")), where, err["msg"]))
    if problems:
        raise ValidationError(problems)
    return out


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
