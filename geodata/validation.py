"""Validation of data files: every problem at once, each with file, record id and field.

`parse_*` turn raw records into models, collecting problems instead of stopping; `check_*`
look across records (unknown ids, overlapping zones, evidence against its source text).
`dataset.load_dataset` refuses data with problems; `zonemap validate` prints them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import numpy as np
import pydantic
import shapely
from shapely.geometry.base import BaseGeometry

from .errors import Problem
from .formats.geojson import RawRecord
from .model import Actor, ControlZone, Event, Faction, Place, PlaceKind, Source

M = TypeVar("M", bound=pydantic.BaseModel)
OVERLAP_TOLERANCE = 1e-7  # square degrees, about 1000 m²: slivers from simplification


class FieldProblem(Exception):
    """Raised by a `prepare` hook of `parse` to report one field of one record."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field, self.reason = field, reason


def _pydantic_problems(raw: RawRecord, exc: pydantic.ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(record)"
        out.append(Problem(raw.file, raw.record_id, where, err["msg"]))
    return out


def _geometry_problems(raw: RawRecord, geom: object, allowed: set[str]) -> list[Problem]:
    if "_geometry_error" in raw.data:
        return [Problem(raw.file, raw.record_id, "geometry",
                        f"not a GeoJSON geometry ({raw.data['_geometry_error']})")]
    if not isinstance(geom, BaseGeometry):
        return [Problem(raw.file, raw.record_id, "geometry", "missing geometry")]
    out = []
    if geom.geom_type not in allowed:
        out.append(Problem(raw.file, raw.record_id, "geometry",
                           f"is a {geom.geom_type}; expected {' or '.join(sorted(allowed))}"))
    if geom.is_empty:
        out.append(Problem(raw.file, raw.record_id, "geometry", "is empty"))
    elif not geom.is_valid:
        out.append(Problem(raw.file, raw.record_id, "geometry",
                           f"invalid geometry: {shapely.is_valid_reason(geom)}"))
    return out


def parse(
    records: Iterable[RawRecord],
    model: type[M],
    *,
    prepare: Callable[[dict], dict] = lambda d: d,
    geometry: set[str] | None = None,
) -> tuple[list[M], list[Problem]]:
    out: list[M] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for raw in records:
        if "_error" in raw.data:
            problems.append(Problem(raw.file, raw.record_id, "(record)", raw.data["_error"]))
            continue
        data = {k: v for k, v in raw.data.items() if not k.startswith("_")}
        geom_problems = (
            _geometry_problems(raw, data.get("geometry"), geometry) if geometry else []
        )
        problems += geom_problems
        if geom_problems:
            continue
        try:
            item = model.model_validate(prepare(data))
        except pydantic.ValidationError as exc:
            problems += _pydantic_problems(raw, exc)
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


def check_places(
    places: Sequence[Place], file: str, outline: BaseGeometry | None,
    known_ids: Iterable[str] = (),
) -> list[Problem]:
    """`known_ids`: ids of records that failed to parse, so that their children are not
    reported as well (one problem, one line)."""
    ids = {p.id for p in places} | set(known_ids)
    problems = []
    for p in places:
        for fld in ("parent", "governorate"):
            ref = getattr(p, fld)
            if ref is not None and ref not in ids:
                problems.append(Problem(file, p.id, fld, f"unknown place id {ref!r}"))
        if p.kind in (PlaceKind.REGION, PlaceKind.GOVERNORATE) and p.geometry.geom_type == "Point":
            problems.append(Problem(file, p.id, "geometry",
                                    f"a {p.kind.value} needs a polygon, not a point"))
    if outline is not None and places:
        inside = shapely.covered_by(
            np.array([p.geometry for p in places], dtype=object), outline.buffer(0.05)
        )
        for p, ok in zip(places, inside, strict=True):
            if not ok:
                lat, lon = p.point
                problems.append(Problem(file, p.id, "geometry",
                                        f"lies outside Syria (near {lat:.3f}, {lon:.3f}); "
                                        "check the order of longitude and latitude"))
    return problems


def check_actors(actors: Sequence[Actor], factions: Mapping[str, Faction], file: str) -> list[Problem]:
    return [
        Problem(file, a.id, "faction", f"unknown faction {a.faction!r}")
        for a in actors
        if a.faction is not None and a.faction not in factions
    ]


def check_zones(
    zones: Sequence[ControlZone], factions: Mapping[str, Faction], files: Mapping[str, str]
) -> list[Problem]:
    """Unknown factions, bad date ranges, non-polygonal geometry and overlaps within a date."""
    problems = []
    for z in zones:
        file = files.get(z.id, "zones")
        if z.faction not in factions:
            problems.append(Problem(file, z.id, "faction", f"unknown faction {z.faction!r}; "
                                    f"known: {', '.join(sorted(factions))}"))
        if z.valid_to is not None and z.valid_to <= z.valid_from:
            problems.append(Problem(file, z.id, "valid_to",
                                    f"{z.valid_to} is not after valid_from {z.valid_from}"))
        if z.geometry.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(Problem(file, z.id, "geometry", f"is a {z.geometry.geom_type}; "
                                    "a control zone must be a (Multi)Polygon"))
    for day in sorted({z.valid_from for z in zones}):
        snap = [z for z in zones if z.valid_on(day)]
        geoms = np.array([z.geometry for z in snap], dtype=object)
        left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
        pairs = left < right
        left, right = left[pairs], right[pairs]
        areas = shapely.area(shapely.intersection(geoms[left], geoms[right]))
        for i, j, area in zip(left, right, areas, strict=True):
            if area > OVERLAP_TOLERANCE:
                a, b = snap[i], snap[j]
                problems.append(Problem(files.get(b.id, "zones"), b.id, "geometry",
                                        f"overlaps zone {a.id!r} on {day} "
                                        f"({area * 1e4:.2f} km² approx.); zones of one date "
                                        "must not overlap"))
    return problems


def check_events(
    events: Sequence[Event],
    place_ids: Iterable[str],
    actor_ids: Iterable[str],
    file: str,
    source_texts: Mapping[str, str] | None = None,
) -> list[Problem]:
    places, actors = set(place_ids), set(actor_ids)
    event_ids = {e.id for e in events}
    problems = []
    for e in events:
        for pid in e.places:
            if pid not in places:
                problems.append(Problem(file, e.id, "places", f"unknown place id {pid!r}"))
        for fld in ("actor", "target", "mediator"):
            ref = getattr(e, fld)
            if ref is not None and ref not in actors:
                problems.append(Problem(file, e.id, fld, f"unknown actor id {ref!r}"))
        for link in e.links:
            if link.event not in event_ids:
                problems.append(Problem(file, e.id, "links",
                                        f"links to unknown event {link.event!r}"))
        published = e.source.published
        if published is not None and e.date > published + dt.timedelta(days=7):
            problems.append(Problem(file, e.id, "date", f"{e.date} is after the source was "
                                    f"published ({published}); dates out of order"))
        if e.since is not None and e.since > e.date and e.type == "blockade":
            problems.append(Problem(file, e.id, "since",
                                    f"blockade since {e.since} is after its report date {e.date}"))
        text = (source_texts or {}).get(e.source.id)
        if text is not None:
            problems += _evidence_problems(e, text, file)
    return problems


def _evidence_problems(e: Event, text: str, file: str) -> list[Problem]:
    ev = e.evidence
    if text[ev.start : ev.end] == ev.quote:
        return []
    where = text.find(ev.quote)
    hint = (f"; the quote occurs at {where}–{where + len(ev.quote)}" if where >= 0
            else "; the quote is not in the source text at all")
    return [Problem(file, e.id, "evidence",
                    f"text[{ev.start}:{ev.end}] of source {e.source.id!r} is not the quote{hint}")]


def check_source_hashes(sources: Sequence[Source], texts: Mapping[str, str], file: str) -> list[Problem]:
    problems = []
    for s in sources:
        text = texts.get(s.id)
        if text is None or s.text_sha256 is None:
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != s.text_sha256:
            problems.append(Problem(file, s.id, "text_sha256",
                                    "the source text at hand differs from the one the events "
                                    "were taken from; offsets may not match"))
    return problems


def read_source_texts(directory: Path | None, sources: Sequence[Source]) -> dict[str, str]:
    """Source texts named `<source id>.txt` in `directory`, when one is given."""
    if directory is None or not directory.is_dir():
        return {}
    out = {}
    for s in sources:
        path = directory / f"{s.id}.txt"
        if path.is_file():
            out[s.id] = path.read_text(encoding="utf-8")
    return out
