"""Records on their way in, normalised and validated in this one place.

Every reader ends here. The shipped data (`dataset.read_dataset`) hands `parse` the
`RawRecord`s of a file; an import's format module (`geojson`, `csv`, `gdal`) hands `normalise`
the `Row`s it read, and `acled` hands `validate` records it has already mapped. Then:

- `normalise` maps each row onto the model's fields: column names matched case-insensitively
  (and as a Shapefile truncates them to 10 characters), lists and objects given as JSON text
  decoded, blank cells of tabular formats dropped, unknown columns ignored and listed in the
  notes. Geometry loses Z and M; invalid geometry is repaired with `make_valid`; zones keep only
  their polygonal parts and become MultiPolygons. A zones file is one dated snapshot: `as_of`
  sets every zone's `valid_from`; missing ids, sources and confidences are filled in (and said).
- `validate` rejects every record holding a duplicated id, parses the rest (`parse`: every
  problem of a record, never only the first), checks references against the store's data when
  it is given, and drops, until nothing changes, the records that refer to a rejected one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pydantic
import shapely
from shapely.geometry import MultiPolygon
from shapely.geometry.base import BaseGeometry

from .. import validation as v
from ..errors import FieldProblem, ImportFileError, Problem
from ..model import Confidence, ControlZone, Event, Place
from .cells import attrs_of, field_of, nested, plain, slug

if TYPE_CHECKING:
    from ..dataset import Dataset

M = TypeVar("M", bound=pydantic.BaseModel)
Progress = Callable[[int, int], None]

KINDS = ("places", "zones", "events")
MODELS: dict[str, type[pydantic.BaseModel]] = {
    "places": Place, "zones": ControlZone, "events": Event,
}
_FIELDS = {kind: frozenset(model.model_fields) for kind, model in MODELS.items()}
GEOMETRY_TYPES = {"places": {"Point", "Polygon", "MultiPolygon"},
                  "zones": {"Polygon", "MultiPolygon"}}
# Fields holding lists or objects: JSON text in CSV, GeoPackage, KML and Shapefile.
NESTED = {"places": ("names", "sources"), "zones": (), "events": ("places", "links", "source",
                                                                 "evidence")}
# Columns a format adds by itself (CSV coordinates, KML's placemark fields): never reported.
FORMAT_COLUMNS = frozenset({
    "latitude", "longitude", "lat", "lon", "lng", "wkt", "geometry", "attrs", "fid", "name",
    "description", "timestamp", "begin", "end", "altitudemode", "tessellate", "extrude",
    "visibility", "draworder", "icon", "snippet", "styleurl",
})


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
        return [Problem(raw.file, raw.record_id, "geometry",
                        f"not a GeoJSON geometry ({raw.data['_geometry_error']})")]
    if not isinstance(geom, BaseGeometry):
        return [Problem(raw.file, raw.record_id, "geometry", "missing geometry")]
    return v.geometry_problems(raw.file, raw.record_id, geom, allowed)


def parse(
    records: Iterable[RawRecord],
    model: type[M],
    *,
    prepare: Callable[[dict], dict] = lambda d: d,
    geometry: set[str] | None = None,
) -> tuple[list[M], list[Problem]]:
    """The records that make valid `model`s, and every problem of the others. `prepare` may
    raise `FieldProblem`; `geometry`, when given, is the geometry types allowed."""
    out: list[M] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for raw in records:
        if "_error" in raw.data:
            problems.append(Problem(raw.file, raw.record_id, "(record)", raw.data["_error"]))
            continue
        data = {k: val for k, val in raw.data.items() if not k.startswith("_")}
        geom_problems = (
            _geometry_problems(raw, data.get("geometry"), geometry) if geometry else []
        )
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
        head = (f"{self.file}: {self.total} record(s) read as {self.kind} ({self.format}); "
                f"{len(self.records)} valid, {self.rejected_records} rejected")
        if self.places:
            head += f"; {len(self.places)} new place(s) for them"
        if self.as_of:
            head += f"; snapshot of {self.as_of}"
        return head

    def report(self) -> list[str]:
        """The summary, the notes, then one line per problem of a rejected record."""
        return [self.summary(), *(f"note: {n}" for n in self.notes),
                *(str(p) for p in self.rejected)]


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
    notes: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    def tick(self, done: int, total: int) -> None:
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


# -- rows -> records ---------------------------------------------------------------------------


def guess_kind(rows: Sequence[Row]) -> str:
    keys = {k.lower() for r in rows[:50] for k in r.props}
    if "faction" in keys:
        return "zones"
    if "evidence" in keys or {"type", "date"} <= keys:
        return "events"
    return "places"


def normalise(ctx: ReadContext, rows: list[Row], fmt: str, *, tabular: bool) -> ImportResult:
    """Map the rows a format read onto the fields of their kind, then `validate` them."""
    kind = ctx.kind or guess_kind(rows)
    if ctx.as_of is not None and kind != "zones":
        ctx.notes.append(f"as_of applies to zones only; ignored for {kind}")
    ignored: set[str] = set()
    records: list[RawRecord] = []
    total = len(rows)
    for n, row in enumerate(rows, 1):
        data, errors = _fields(row, kind, tabular, ignored)
        if kind in GEOMETRY_TYPES:
            geom, err = _geometry(ctx, kind, row)
            data["geometry"] = geom
            if err:
                data["_geometry_error"] = err
        if kind == "zones":
            data = _zone_defaults(ctx, data, row.index)
        for fld, reason in errors:
            data.setdefault("_errors", []).insert(0, (fld, reason))
        records.append(RawRecord(ctx.shown, row.index, data))
        ctx.tick(n, total)
    if ignored:
        ctx.notes.append(f"ignored column(s) not in the {kind} format: "
                         + ", ".join(sorted(ignored)))
    if ctx.repaired:
        shown = ", ".join(ctx.repaired[:10])
        more = f" and {len(ctx.repaired) - 10} more" if len(ctx.repaired) > 10 else ""
        ctx.notes.append(f"repaired {len(ctx.repaired)} invalid geometr"
                         f"{'y' if len(ctx.repaired) == 1 else 'ies'} with make_valid: "
                         f"{shown}{more}")
    attrs = {r.record_id: r.data["_attrs"] for r in records
             if isinstance(r.data.get("_attrs"), dict)}
    return validate(ctx, Batch(kind, fmt, records, total, attrs))


def _fields(row: Row, kind: str, tabular: bool, ignored: set[str]
            ) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """A row's cells as the model's fields, and the problems found on the way; the columns
    that are no field go into `ignored`."""
    fields = _FIELDS[kind]
    data: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []
    for key, cell in row.props.items():
        if key == "_error":
            errors.append(("(record)", str(cell)))
            continue
        name = field_of(str(key), fields)
        value = plain(cell)
        if tabular and isinstance(value, str):
            value = value.strip() or None
        if name is None:
            if str(key).lower() == "attrs" and value:
                got = attrs_of(value)
                if got is None:
                    errors.append(("attrs", "not a JSON object"))
                else:
                    data["_attrs"] = got
            elif str(key).lower() not in FORMAT_COLUMNS:
                ignored.add(str(key))
            continue
        if name in NESTED[kind] and isinstance(value, str):
            value, err = nested(name, value)
            if err:
                errors.append((name, err))
        if isinstance(value, float) and value.is_integer() and name in ("geonames_id",):
            value = int(value)
        if value is not None:
            data[name] = value
    return data, errors


def polygonal(g: BaseGeometry) -> BaseGeometry | None:
    """Only the polygonal parts of a geometry (None when there are none)."""
    if g.geom_type in ("Polygon", "MultiPolygon"):
        return g
    parts = [p for p in getattr(g, "geoms", []) if p.geom_type in ("Polygon", "MultiPolygon")]
    polys = [q for p in parts for q in (p.geoms if p.geom_type == "MultiPolygon" else [p])]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def _geometry(ctx: ReadContext, kind: str, row: Row) -> tuple[Any, str | None]:
    if row.geometry_error:
        return row.geometry, row.geometry_error
    g = row.geometry
    if g is None:
        return None, None
    if not isinstance(g, BaseGeometry):
        return g, "not a geometry"
    if shapely.has_z(g) or shapely.has_m(g):
        g = shapely.force_2d(g)
    if g.is_empty:
        return None, None
    if not g.is_valid:
        reason = shapely.is_valid_reason(g)
        g = polygonal(shapely.make_valid(g)) if g.geom_type in ("Polygon", "MultiPolygon") \
            else shapely.make_valid(g)
        if g is None or g.is_empty:
            return None, f"invalid geometry ({reason}) with no area left after repair"
        ctx.repaired.append(f"{row.props.get('id') or '#' + str(row.index)} ({reason})")
    if kind == "zones":
        poly = polygonal(g)
        if poly is None:
            return g, f"is a {g.geom_type}; a control zone must be a (Multi)Polygon"
        g = poly if poly.geom_type == "MultiPolygon" else MultiPolygon([poly])
    return g, None


def _zone_defaults(ctx: ReadContext, data: dict[str, Any], index: int) -> dict[str, Any]:
    if ctx.as_of is not None:
        data["valid_from"] = ctx.as_of.isoformat()
    elif "valid_from" not in data:
        data.setdefault("_errors", []).append(
            ("valid_from", "missing; give the date of the snapshot with --as-of DATE"))
    filled = []
    if "id" not in data and isinstance(data.get("faction"), str):
        day = data.get("valid_from") or "undated"
        data["id"] = f"{slug(data['faction'], 30)}-{day}-{index}"
        filled.append("id")
    if "source" not in data:
        data["source"] = f"import of {Path(ctx.shown).name}"
        filled.append("source")
    if "confidence" not in data:
        data["confidence"] = Confidence.MEDIUM.value
        filled.append("confidence")
    for f in filled:
        note = f"zones without {f}: filled in"
        if note not in ctx.notes:
            ctx.notes.append(note)
    return data


# -- records -> valid models -------------------------------------------------------------------


def validate(ctx: ReadContext, batch: Batch) -> ImportResult:
    """The valid records of a batch and every problem of the others (see the module
    docstring). Raises ImportFileError when a zones file is not one snapshot."""
    kind, records = batch.kind, batch.records
    problems = [Problem(r.file, r.record_id, f, reason) for r in records
                for f, reason in r.data.get("_errors", [])]
    clean = [r for r in records if not r.data.get("_errors")]
    # A duplicated id: every record holding it is rejected (which one is right is unknown).
    dupes, found = _duplicates(ctx, clean)
    problems += found
    clean = [r for r in clean if str(r.data.get("id")) not in dupes or r.data.get("id") is None]
    valid: list[Any]
    valid, more_problems = parse(clean, MODELS[kind], prepare=_prepare(ctx, kind),
                                 geometry=GEOMETRY_TYPES.get(kind))
    problems += more_problems
    problems += _cross_check(ctx, batch, valid)
    if kind == "zones" and ctx.as_of is None:
        dates = sorted({z.valid_from for z in valid})
        if len(dates) > 1:
            raise ImportFileError(f"{ctx.shown}: the zones have several valid_from dates "
                                  f"({', '.join(map(str, dates))}); a zones import is one "
                                  "snapshot: give --as-of DATE or split the file")
    valid = _without_stranded(ctx, batch, valid, problems)
    kept = {r.id for r in valid}
    places = tuple(p for p in batch.places
                   if any(p.id in e.places for e in valid)) if batch.places else ()
    return ImportResult(
        file=ctx.shown, kind=kind, format=batch.format, records=tuple(valid),
        rejected=tuple(problems), places=places,
        attrs={k: a for k, a in batch.attrs.items() if k in kept},
        as_of=ctx.as_of if kind == "zones" else None, total=batch.total,
        notes=tuple(ctx.notes),
    )


def _prepare(ctx: ReadContext, kind: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """An event's source given by id becomes the store's source of that id."""
    ds = ctx.dataset

    def prepare(data: dict[str, Any]) -> dict[str, Any]:
        if kind == "events" and isinstance(data.get("source"), str):
            sid = data["source"]
            if ds is None or sid not in ds.sources:
                raise FieldProblem("source", f"unknown source id {sid!r}; give the source "
                                   "as an object (id, outlet, ...)")
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
            problems += [Problem(ctx.shown, f"{rid} (#{i})", "id",
                                 f"duplicate id {rid!r} (records {marks})") for i in where]
    return {rid for rid, where in counts.items() if len(where) > 1}, problems


def _without_stranded(ctx: ReadContext, batch: Batch, valid: list[Any],
                      problems: list[Problem]) -> list[Any]:
    """`valid` without the rejected records, and without those that refer to a rejected one,
    until nothing changes; the problems of the latter join `problems`."""
    bad = {p.record for p in problems}
    valid = [r for r in valid if r.id not in bad]
    while True:
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
        found = v.check_zones(valid, factions or {}, dict.fromkeys((z.id for z in valid),
                                                                   ctx.shown))
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
    return v.check_places(valid, ctx.shown, ds.outline if ds is not None else None,
                          known_ids=known)


def _check_events(ctx: ReadContext, batch: Batch, valid: Sequence[Event]) -> list[Problem]:
    ds = ctx.dataset
    if ds is None:  # references and links are the store's to check
        return []
    unlinked = [e.model_copy(update={"links": ()}) for e in valid]
    place_ids = set(ds.gazetteer.places) | {p.id for p in batch.places}
    probs = v.check_events(unlinked, place_ids, ds.actors, ctx.shown)
    known_events = {e.id for e in valid} | {e.id for e in ds.events}
    probs += [Problem(ctx.shown, e.id, "links", f"links to unknown event {link.event!r}")
              for e in valid for link in e.links if link.event not in known_events]
    return probs
