"""Records on their way in: parsed into models and validated in this one place.

Every reader ends here. The shipped data (`dataset.read_dataset`) hands `parse` the
`RawRecord`s of a file; an import's format module (`geojson`, `csv`, `gdal`) hands
`fields.normalise` the `Row`s it read, which maps them onto the model's fields and hands them to
`validate`, and `acled` hands `validate` records it has already mapped. Then `validate` rejects
every record holding a duplicated id, parses the rest (`parse`: every problem of a record, never
only the first), checks references against the store's data when it is given, and drops, until
nothing changes, the records that refer to a rejected one. Every problem is `shown_problem`: safe to
print and store whatever text the file held."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import pydantic
from shapely.geometry.base import BaseGeometry

from .. import validation as v
from ..errors import FieldProblem, ImportFileError, Problem
from ..model import ControlZone, Event, Place
from . import repair
from .limits import DEFAULT, Budget, Limits, shown, value_problem

if TYPE_CHECKING:
    from ..dataset import Dataset

M = TypeVar("M", bound=pydantic.BaseModel)
Progress = Callable[[int, int], None]

KINDS = ("places", "zones", "events")
MODELS: dict[str, type[pydantic.BaseModel]] = {
    "places": Place,
    "zones": ControlZone,
    "events": Event,
}
GEOMETRY_TYPES = {"places": {"Point", "Polygon", "MultiPolygon"}, "zones": {"Polygon", "MultiPolygon"}}


# -- records as read, and parsed -----------------------------------------------------------------


@dataclass(frozen=True)
class RawRecord:
    """One record as read from a file, before validation: enough to name it in an error."""

    file: str
    index: int
    data: dict[str, Any]

    @property
    def record_id(self) -> str:
        rid = self.data.get("id")
        return str(rid) if rid is not None else f"#{self.index}"


def _geometry_problems(raw: RawRecord, geom: object, allowed: set[str]) -> list[Problem]:
    if "_geometry_error" in raw.data:
        return [Problem(raw.file, raw.record_id, "geometry", str(raw.data["_geometry_error"]))]
    if not isinstance(geom, BaseGeometry):
        return [Problem(raw.file, raw.record_id, "geometry", "missing geometry")]
    if raw.data.get("_checked"):  # by fields.normalise: valid, only the type to check
        return (
            []
            if geom.geom_type in allowed
            else [
                Problem(
                    raw.file,
                    raw.record_id,
                    "geometry",
                    f"is a {geom.geom_type}; expected {' or '.join(sorted(allowed))}",
                )
            ]
        )
    problem = repair.checked(geom)
    if problem:
        return [Problem(raw.file, raw.record_id, "geometry", problem)]
    return v.geometry_problems(raw.file, raw.record_id, geom, allowed)


def shown_problem(p: Problem) -> Problem:
    """A problem safe to print and store: its texts without lone surrogates (`shown`)."""
    parts = (p.file, p.record, p.field, p.reason)
    safe = tuple(shown(x) for x in parts)
    return p if safe == parts else Problem(*safe)


def parse(
    records: Iterable[RawRecord],
    model: type[M],
    *,
    prepare: Callable[[dict], dict] = lambda d: d,
    geometry: set[str] | None = None,
    tick: Callable[[int], None] | None = None,
) -> tuple[list[M], list[Problem]]:
    """The records that make valid `model`s, and every problem of the others. `prepare` may
    raise `FieldProblem`; `geometry`, when given, is the geometry types allowed; `tick(n)` is
    called before the n-th record (the time budget of an import)."""
    out, problems = _parse(records, model, prepare, geometry, tick)
    return out, [shown_problem(p) for p in problems]


def _parse(
    records: Iterable[RawRecord],
    model: type[M],
    prepare: Callable[[dict], dict],
    geometry: set[str] | None,
    tick: Callable[[int], None] | None,
) -> tuple[list[M], list[Problem]]:
    out: list[M] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for n, raw in enumerate(records, 1):
        if tick is not None:
            tick(n)
        if "_error" in raw.data:
            problems.append(Problem(raw.file, raw.record_id, "(record)", raw.data["_error"]))
            continue
        data = {k: val for k, val in raw.data.items() if not k.startswith("_")}
        if not raw.data.get("_checked"):  # not by fields.normalise: a data file's record
            found = [(k, p) for k, val in data.items() if k != "geometry" and (p := value_problem(val))]
            if found:
                problems += [Problem(raw.file, raw.record_id, k, p) for k, p in found]
                continue
        geom_problems = _geometry_problems(raw, data.get("geometry"), geometry) if geometry else []
        problems += geom_problems
        if geom_problems:
            continue
        try:
            item = model.model_validate(prepare(data))
        except pydantic.ValidationError as exc:
            problems += v.pydantic_problems(raw.file, raw.record_id, exc)
            continue
        except FieldProblem as exc:
            problems.append(Problem(raw.file, raw.record_id, exc.field, exc.reason))
            continue
        item_id = str(getattr(item, "id", ""))
        if item_id in seen:
            problems.append(Problem(raw.file, raw.record_id, "id", f"duplicate id {item_id!r}"))
            continue
        seen.add(item_id)
        out.append(item)
    return out, problems


# -- an import: what was asked, what was read, what came of it ----------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What a file holds: its valid records of one kind, and every record rejected, with why."""

    file: str
    kind: str  # places, zones or events
    format: str
    records: tuple[Any, ...]
    rejected: tuple[Problem, ...] = ()
    places: tuple[Place, ...] = ()  # places the events need that the gazetteer lacks (ACLED)
    attrs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # by event id
    as_of: dt.date | None = None
    total: int = 0  # records read
    notes: tuple[str, ...] = ()

    @property
    def rejected_records(self) -> int:
        return len({p.record for p in self.rejected})

    def summary(self) -> str:
        head = (
            f"{self.file}: {self.total} record(s) read as {self.kind} ({self.format}); "
            f"{len(self.records)} valid, {self.rejected_records} rejected"
        )
        if self.places:
            head += f"; {len(self.places)} new place(s) for them"
        if self.as_of:
            head += f"; snapshot of {self.as_of}"
        return shown(head)

    def report(self) -> list[str]:
        """The summary, the notes, then one line per problem of a rejected record."""
        return [self.summary(), *(shown(f"note: {n}") for n in self.notes), *(str(p) for p in self.rejected)]


@dataclass
class ReadContext:
    """One import under way: what the caller asked (`shown` names the file in messages), and
    the notes gathered on what was done to the data."""

    shown: str
    kind: str | None = None
    as_of: dt.date | None = None
    dataset: Dataset | None = None  # the store's data: references and ACLED names resolve in it
    encoding: str | None = None
    progress: Progress | None = None
    limits: Limits = DEFAULT
    notes: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    budget: Budget = field(init=False)

    def __post_init__(self) -> None:
        self.budget = Budget(self.shown, self.limits)

    def read(self, done: int) -> None:
        """One more record read: within the record limit and the time budget."""
        self.budget.tick(done, "reading")

    def tick(self, done: int, total: int, doing: str = "checking") -> None:
        """One more record normalised or checked: progress, and the time budget."""
        self.budget.tick(done, doing)
        if self.progress is not None and (done % 200 == 0 or done == total):
            self.progress(done, total)


@dataclass
class Row:
    """One record as a format reads it, before its columns are matched to fields."""

    index: int  # 1-based record number
    props: dict[str, Any]
    geometry: Any = None  # shapely geometry, None, or the raw value that is not a geometry
    geometry_error: str | None = None


@dataclass
class Batch:
    """The records of one file, mapped to a model's fields, on their way to `validate`."""

    kind: str
    format: str
    records: list[RawRecord]
    total: int
    attrs: dict[str, dict[str, Any]] = field(default_factory=dict)  # kept beside events, by id
    places: Sequence[Place] = ()  # new places the events refer to (ACLED)


# -- records -> valid models -------------------------------------------------------------------


def validate(ctx: ReadContext, batch: Batch) -> ImportResult:
    """The valid records of a batch and every problem of the others (see the module
    docstring). Raises ImportFileError when a zones file is not one snapshot."""
    kind, records = batch.kind, batch.records
    problems = [
        Problem(r.file, r.record_id, f, reason) for r in records for f, reason in r.data.get("_errors", [])
    ]
    clean = [r for r in records if not r.data.get("_errors")]
    # A duplicated id: every record holding it is rejected (which one is right is unknown).
    dupes, found = _duplicates(ctx, clean)
    problems += found
    clean = [r for r in clean if str(r.data.get("id")) not in dupes or r.data.get("id") is None]
    valid: list[Any]
    valid, more_problems = parse(
        clean,
        MODELS[kind],
        prepare=_prepare(ctx, kind),
        geometry=GEOMETRY_TYPES.get(kind),
        tick=lambda n: ctx.budget.tick(n, "validating"),
    )
    problems += more_problems
    if kind == "zones" and ctx.as_of is None:
        dates = sorted({z.valid_from for z in valid})
        if len(dates) > 1:
            listed = ", ".join(map(str, dates[:10])) + (" ..." if len(dates) > 10 else "")
            raise ImportFileError(
                f"{ctx.shown}: the zones have several valid_from dates "
                f"({listed}); a zones import is one "
                "snapshot: give --as-of DATE or split the file"
            )
    ctx.budget.check("checking references")
    problems += _cross_check(ctx, batch, valid)
    valid = _without_stranded(ctx, batch, valid, problems)
    kept = {r.id for r in valid}
    places = tuple(p for p in batch.places if any(p.id in e.places for e in valid)) if batch.places else ()
    return ImportResult(
        file=ctx.shown,
        kind=kind,
        format=batch.format,
        records=tuple(valid),
        rejected=tuple(shown_problem(p) for p in problems),
        places=places,
        attrs={k: a for k, a in batch.attrs.items() if k in kept},
        as_of=ctx.as_of if kind == "zones" else None,
        total=batch.total,
        notes=tuple(ctx.notes),
    )


def _prepare(ctx: ReadContext, kind: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """An event's source given by id becomes the store's source of that id."""
    ds = ctx.dataset

    def prepare(data: dict[str, Any]) -> dict[str, Any]:
        if kind == "events" and isinstance(data.get("source"), str):
            sid = data["source"]
            if ds is None or sid not in ds.sources:
                raise FieldProblem(
                    "source", f"unknown source id {sid!r}; give the source as an object (id, outlet, ...)"
                )
            data = {**data, "source": ds.sources[sid]}
        return data

    return prepare


def _duplicates(ctx: ReadContext, records: Sequence[RawRecord]) -> tuple[set[str], list[Problem]]:
    counts: dict[str, list[int]] = {}
    for r in records:
        if r.data.get("id") is not None:
            counts.setdefault(str(r.data["id"]), []).append(r.index)
    problems = []
    for rid, where in counts.items():
        if len(where) > 1:
            marks = ", ".join(f"#{i}" for i in where)
            problems += [
                Problem(ctx.shown, f"{rid} (#{i})", "id", f"duplicate id {rid!r} (records {marks})")
                for i in where
            ]
    return {rid for rid, where in counts.items() if len(where) > 1}, problems


def _without_stranded(ctx: ReadContext, batch: Batch, valid: list[Any], problems: list[Problem]) -> list[Any]:
    """`valid` without the rejected records, and without those that refer to a rejected one,
    until nothing changes; the problems of the latter join `problems`."""
    bad = {p.record for p in problems}
    kept = [r for r in valid if r.id not in bad]
    if len(kept) == len(valid):
        return kept  # nothing dropped: the cross-check just made stands
    valid = kept
    while True:
        ctx.budget.check("checking references")
        more = [p for p in _cross_check(ctx, batch, valid) if p.record not in bad]
        if not more:
            return valid
        problems += more
        bad |= {p.record for p in more}
        valid = [r for r in valid if r.id not in bad]


def _cross_check(ctx: ReadContext, batch: Batch, valid: Sequence[Any]) -> list[Problem]:
    if batch.kind == "places":
        return _check_places(ctx, batch, valid)
    if batch.kind == "zones":
        factions = ctx.dataset.factions if ctx.dataset is not None else None
        found = v.check_zones(
            valid, factions or {}, dict.fromkeys((z.id for z in valid), ctx.shown), tick=ctx.budget.check
        )
        if factions is None:
            found = [p for p in found if p.field != "faction"]
        return found
    return _check_events(ctx, batch, valid)


def _check_places(ctx: ReadContext, batch: Batch, valid: Sequence[Place]) -> list[Problem]:
    ds = ctx.dataset
    known = [r.record_id for r in batch.records]
    if ds is not None:
        known += list(ds.gazetteer.places)
    else:  # without the data, parents may be anywhere: the store checks them
        known += [pid for p in valid for pid in (p.parent, p.governorate) if pid]
    return v.check_places(valid, ctx.shown, ds.outline if ds is not None else None, known_ids=known)


def _check_events(ctx: ReadContext, batch: Batch, valid: Sequence[Event]) -> list[Problem]:
    ds = ctx.dataset
    if ds is None:  # references and links are the store's to check
        return []
    unlinked = [e.model_copy(update={"links": ()}) for e in valid]
    place_ids = set(ds.gazetteer.places) | {p.id for p in batch.places}
    probs = v.check_events(unlinked, place_ids, ds.actors, ctx.shown)
    known_events = {e.id for e in valid} | {e.id for e in ds.events}
    probs += [
        Problem(ctx.shown, e.id, "links", f"links to unknown event {link.event!r}")
        for e in valid
        for link in e.links
        if link.event not in known_events
    ]
    return probs
