"""Validation of data files: every problem at once, each with file, record id and field.

Records become models in `geodata.formats.records.parse`, which collects the problems of each
record (with `pydantic_problems` and `geometry_problems` here) instead of stopping; `check_*`
look across records (unknown ids, overlapping zones, evidence against its source text).
`dataset.load_dataset` refuses data with problems; `zonemap validate` prints them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pydantic
import shapely
from shapely.errors import GEOSException
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from .errors import Problem
from .model import Actor, ControlZone, Event, Faction, Place, PlaceKind, Source

OVERLAP_TOLERANCE = 1e-7  # square degrees, about 1000 m²: slivers from simplification
HORIZON_DAYS = 366  # a zone dated later than this after today is refused
OVERLAP_CHUNK = 64  # zones whose overlaps are computed at a time
MAX_OVERLAPS = 1000  # overlap problems reported per date, at most


def pydantic_problems(file: str, record: str, exc: pydantic.ValidationError) -> list[Problem]:
    """Each error pydantic found in one record, with the field it is about."""
    return [
        Problem(file, record, ".".join(str(p) for p in err["loc"]) or "(record)", err["msg"])
        for err in exc.errors()
    ]


def geometry_problems(file: str, record: str, geom: BaseGeometry, allowed: Collection[str]) -> list[Problem]:
    """What is wrong with one record's geometry: a type not allowed, and empty or invalid."""
    out = []
    if geom.geom_type not in allowed:
        out.append(
            Problem(
                file, record, "geometry", f"is a {geom.geom_type}; expected {' or '.join(sorted(allowed))}"
            )
        )
    with np.errstate(all="ignore"):  # NaN or huge coordinates: reported, not warned about
        if geom.is_empty:
            out.append(Problem(file, record, "geometry", "is empty"))
        elif not geom.is_valid:
            out.append(
                Problem(file, record, "geometry", f"invalid geometry: {shapely.is_valid_reason(geom)}")
            )
    return out


def check_places(
    places: Sequence[Place],
    file: str,
    outline: BaseGeometry | None,
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
        if p.kind in (PlaceKind.REGION, PlaceKind.GOVERNORATE) and isinstance(p.geometry, Point):
            problems.append(Problem(file, p.id, "geometry", f"a {p.kind.value} needs a polygon, not a point"))
    if outline is not None and places:
        area = outline.buffer(0.05)
        shapely.prepare(area)  # a prepared polygon tests 200,000 points in milliseconds
        inside = shapely.covers(area, np.array([p.geometry for p in places], dtype=object))
        for p, ok in zip(places, inside, strict=True):
            if not ok:
                lat, lon = p.point
                problems.append(
                    Problem(
                        file,
                        p.id,
                        "geometry",
                        f"lies outside Syria (near {lat:.3f}, {lon:.3f}); "
                        "check the order of longitude and latitude",
                    )
                )
    return problems


def check_actors(actors: Sequence[Actor], factions: Mapping[str, Faction], file: str) -> list[Problem]:
    return [
        Problem(file, a.id, "faction", f"unknown faction {a.faction!r}")
        for a in actors
        if a.faction is not None and a.faction not in factions
    ]


def check_zones(
    zones: Sequence[ControlZone],
    factions: Mapping[str, Faction],
    files: Mapping[str, str],
    *,
    tick: Callable[[str], None] | None = None,
) -> list[Problem]:
    """Unknown factions, bad date ranges, non-polygonal geometry and overlaps within a date.
    `tick(where)` is called as the overlaps are computed (an import's time budget)."""
    problems = []
    for z in zones:
        file = files.get(z.id, "zones")
        if z.faction not in factions:
            problems.append(
                Problem(
                    file,
                    z.id,
                    "faction",
                    f"unknown faction {z.faction!r}; known: {', '.join(sorted(factions))}",
                )
            )
        if z.valid_to is not None and z.valid_to <= z.valid_from:
            problems.append(
                Problem(file, z.id, "valid_to", f"{z.valid_to} is not after valid_from {z.valid_from}")
            )
        if z.geometry.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(
                Problem(
                    file,
                    z.id,
                    "geometry",
                    f"is a {z.geometry.geom_type}; a control zone must be a (Multi)Polygon",
                )
            )
    for day in sorted({z.valid_from for z in zones}):
        snap = [z for z in zones if z.valid_on(day)]
        problems += _overlaps(snap, day, files, tick)
    return problems


def _overlaps(
    snap: Sequence[ControlZone], day: dt.date, files: Mapping[str, str], tick: Callable[[str], None] | None
) -> list[Problem]:
    """The zones of one date that overlap another, a chunk of zones at a time, at most
    MAX_OVERLAPS (however many zones cross each other, the work stays bounded)."""
    geoms = np.array([z.geometry for z in snap], dtype=object)
    tree = shapely.STRtree(geoms)
    problems: list[Problem] = []
    for start in range(0, len(geoms), OVERLAP_CHUNK):
        if tick is not None:
            tick(f"checking overlaps of the zones of {day}")
        left, right = tree.query(geoms[start : start + OVERLAP_CHUNK], predicate="intersects")
        left = left + start
        pairs = left < right
        left, right = left[pairs], right[pairs]
        for i, j, area in zip(left, right, _areas(geoms[left], geoms[right]), strict=True):
            a, b = snap[i], snap[j]
            file = files.get(b.id, "zones")
            if area is None:
                problems.append(
                    Problem(
                        file,
                        b.id,
                        "geometry",
                        f"cannot be checked for overlaps with zone {a.id!r} on {day} (GEOS failed)",
                    )
                )
            elif area > OVERLAP_TOLERANCE:
                problems.append(
                    Problem(
                        file,
                        b.id,
                        "geometry",
                        f"overlaps zone {a.id!r} on {day} "
                        f"({area * 1e4:.2f} km² approx.); zones of one date "
                        "must not overlap",
                    )
                )
            if len(problems) >= MAX_OVERLAPS:
                return problems
    return problems


def _areas(left: np.ndarray, right: np.ndarray) -> list[float | None]:
    """Areas of the pairwise intersections; None where GEOS cannot intersect the pair."""
    with np.errstate(all="ignore"):
        try:
            return list(shapely.area(shapely.intersection(left, right)))
        except GEOSException:
            out: list[float | None] = []
            for a, b in zip(left, right, strict=True):
                try:
                    out.append(float(shapely.area(shapely.intersection(a, b))))
                except GEOSException:
                    out.append(None)
            return out


def check_zone_limits(
    zones: Sequence[ControlZone],
    outline: BaseGeometry | None,
    files: Mapping[str, str],
    today: dt.date | None = None,
) -> list[Problem]:
    """What no control zone written from now on may be (`zone_extent_problems` and
    `zone_date_problems`): a zone at 1e308 or dated 9999-12-31 would be every later view's."""
    return [*zone_extent_problems(zones, outline, files), *zone_date_problems(zones, files, today)]


def zone_extent_problems(
    zones: Sequence[ControlZone], outline: BaseGeometry | None, files: Mapping[str, str]
) -> list[Problem]:
    """Zones with a coordinate that is not a finite number or lies outside longitude
    -180..180 / latitude -90..90, or (when `outline` is given) that do not overlap it."""
    problems = []
    for z in zones:
        reason = _extent_problem(z.geometry, outline)
        if reason:
            problems.append(Problem(files.get(z.id, "zones"), z.id, "geometry", reason))
    return problems


def zone_date_problems(
    zones: Sequence[ControlZone], files: Mapping[str, str], today: dt.date | None = None
) -> list[Problem]:
    """Zones valid from or until a date more than HORIZON_DAYS after `today`."""
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=HORIZON_DAYS)
    return [
        Problem(
            files.get(z.id, "zones"),
            z.id,
            fld,
            f"{day} is more than {HORIZON_DAYS} days after today ({today}): control "
            "is recorded as observed, not ahead",
        )
        for z in zones
        for fld, day in (("valid_from", z.valid_from), ("valid_to", z.valid_to))
        if day is not None and day > horizon
    ]


def _extent_problem(geom: BaseGeometry, outline: BaseGeometry | None) -> str | None:
    coords = shapely.get_coordinates(geom)
    if not np.isfinite(coords).all():
        return "has a coordinate that is not a finite number"
    lon, lat = coords[:, 0], coords[:, 1]
    if len(coords) and (np.abs(lon).max() > 180 or np.abs(lat).max() > 90):
        return (
            f"reaches longitude {lon[np.abs(lon).argmax()]:.6g}, latitude "
            f"{lat[np.abs(lat).argmax()]:.6g}: outside -180..180 / -90..90 (check the "
            "order of longitude and latitude)"
        )
    if outline is not None and not geom.is_empty and not geom.intersects(outline):
        x, y = geom.representative_point().coords[0]
        return f"lies outside Syria (near {y:.3f}, {x:.3f}); a control zone must overlap Syria's outline"
    return None


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
        problems += [
            Problem(file, e.id, "places", f"unknown place id {pid!r}")
            for pid in e.places
            if pid not in places
        ]
        for fld in ("actor", "target", "mediator"):
            ref = getattr(e, fld)
            if ref is not None and ref not in actors:
                problems.append(Problem(file, e.id, fld, f"unknown actor id {ref!r}"))
        problems += [
            Problem(file, e.id, "links", f"links to unknown event {link.event!r}")
            for link in e.links
            if link.event not in event_ids
        ]
        published = e.source.published
        # (e.date - published), not published + 7 days: that overflows past 9999-12-24
        if published is not None and (e.date - published).days > 7:
            problems.append(
                Problem(
                    file,
                    e.id,
                    "date",
                    f"{e.date} is after the source was published ({published}); dates out of order",
                )
            )
        if e.since is not None and e.since > e.date and e.type == "blockade":
            problems.append(
                Problem(file, e.id, "since", f"blockade since {e.since} is after its report date {e.date}")
            )
        text = (source_texts or {}).get(e.source.id)
        if text is not None:
            problems += _evidence_problems(e, text, file)
    return problems


def _evidence_problems(e: Event, text: str, file: str) -> list[Problem]:
    ev = e.evidence
    if text[ev.start : ev.end] == ev.quote:
        return []
    where = text.find(ev.quote)
    hint = (
        f"; the quote occurs at {where}–{where + len(ev.quote)}"
        if where >= 0
        else "; the quote is not in the source text at all"
    )
    return [
        Problem(
            file,
            e.id,
            "evidence",
            f"text[{ev.start}:{ev.end}] of source {e.source.id!r} is not the quote{hint}",
        )
    ]


def check_source_hashes(sources: Sequence[Source], texts: Mapping[str, str], file: str) -> list[Problem]:
    problems = []
    for s in sources:
        text = texts.get(s.id)
        if text is None or s.text_sha256 is None:
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != s.text_sha256:
            problems.append(
                Problem(
                    file,
                    s.id,
                    "text_sha256",
                    "the source text at hand differs from the one the events "
                    "were taken from; offsets may not match",
                )
            )
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
