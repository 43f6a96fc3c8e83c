"""Places an import would add twice: a new place with the same or a similar name as a place
already in the database, close to it. Pure: the Import page (`dashboard/app_pages/imports.py`)
warns with what `find_duplicates` returns and applies what `resolve` makes of the choice.

- **The same place** is a new record (an id the database does not hold: a record with a held
  id is an update of that record, not a duplicate) whose centre lies within `max_km`
  (`MAX_KM`, 5 km) of an existing place's and one of whose names -- English, Arabic or any
  alternate, compared by their matching keys (`normalize.name_key`: 'Tell Abyad' and 'Tal
  Abiad' agree) -- scores at least `min_score` (`MIN_SCORE`, 90) with rapidfuzz's ratio
  against one of the existing place's names in the same script. 100 is "the same name".
- **Merge** keeps the existing place (its id, geometry and kind) and adds what the new record
  brings: its names as alternate names, and the p-code, GeoNames id, parent, governorate and
  sources the existing one lacks. **Skip** leaves the new record out. **Add** imports it as a
  place of its own. References to a merged or skipped record from the rest of the import
  (a parent, a governorate) are pointed at the existing place.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from .matching import haversine_km
from .model import Name, Place
from .normalize import is_arabic, name_key

MAX_KM = 5.0
MIN_SCORE = 90.0
MERGE, SKIP, ADD = "merge", "skip", "add"
CHOICES = (MERGE, SKIP, ADD)


@dataclass(frozen=True)
class Duplicate:
    """An imported place (`new`) that seems to be `existing`: how far apart, how alike the
    closest names are (0-100), and which names."""

    new: Place
    existing: Place
    km: float
    score: float
    names: tuple[str, str]  # (the new place's name, the existing place's name)


def _keys(place: Place) -> list[tuple[bool, str, str]]:
    """(Arabic?, key, name as written) for every name of the place."""
    found = []
    for n in place.all_names():
        key = name_key(n.text)
        if key:
            found.append((is_arabic(n.text), key, n.text))
    return found


def name_similarity(a: Place, b: Place) -> tuple[float, tuple[str, str]]:
    """The best score between a name of `a` and a name of `b` in the same script, and the
    two names."""
    best, pair = 0.0, ("", "")
    for arabic, key, text in _keys(a):
        for other_arabic, other_key, other_text in _keys(b):
            if arabic == other_arabic:
                score = 100.0 if key == other_key else fuzz.ratio(key, other_key)
                if score > best:
                    best, pair = score, (text, other_text)
    return round(best, 1), pair


def _cell(point: tuple[float, float], size: float) -> tuple[int, int]:
    return (math.floor(point[0] / size), math.floor(point[1] / size))


def find_duplicates(
    new: Sequence[Place],
    existing: Mapping[str, Place] | Iterable[Place],
    *,
    max_km: float = MAX_KM,
    min_score: float = MIN_SCORE,
) -> list[Duplicate]:
    """For each new place (an id `existing` does not hold), the existing place it most likely
    repeats (the best name score, then the nearest), if any. In the order of `new`."""
    if max_km <= 0 or not 0 < min_score <= 100:
        raise ValueError(f"expected max_km > 0 and 0 < min_score <= 100; got {max_km}, {min_score}")
    held = dict(existing) if isinstance(existing, Mapping) else {p.id: p for p in existing}
    size = max_km / 111.0 * 2  # degrees: a cell is wider than max_km at Syria's latitudes
    grid: dict[tuple[int, int], list[Place]] = defaultdict(list)
    for place in held.values():
        grid[_cell(place.point, size)].append(place)
    found = []
    for place in new:
        if place.id in held:
            continue
        i, j = _cell(place.point, size)
        best: Duplicate | None = None
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for other in grid.get((i + di, j + dj), ()):
                    km = haversine_km(place.point, other.point)
                    if km > max_km:
                        continue
                    score, names = name_similarity(place, other)
                    if score >= min_score and (best is None or (score, -km) > (best.score, -best.km)):
                        best = Duplicate(place, other, round(km, 2), score, names)
        if best is not None:
            found.append(best)
    return found


def merge(existing: Place, new: Place) -> Place:
    """`existing` with what `new` adds (see the module docstring); never changes its id,
    geometry or kind."""
    written = {(n.text, n.lang) for n in existing.all_names()}
    added = {(n.text, n.lang): None for n in new.all_names() if (n.text, n.lang) not in written}
    update: dict[str, Any] = {
        "names": (*existing.names, *(Name(text=t, lang=lang) for t, lang in added)),
        "sources": tuple(dict.fromkeys((*existing.sources, *new.sources))),
    }
    for name in ("pcode", "geonames_id", "parent", "governorate"):
        if getattr(existing, name) is None and getattr(new, name) is not None:
            update[name] = getattr(new, name)
    return existing.model_copy(update=update)


def resolve(
    records: Sequence[Place], duplicates: Sequence[Duplicate], choices: Mapping[str, str]
) -> list[Place]:
    """The places to write: each duplicate (by the new record's id) merged, skipped or added
    as `choices` says (SKIP when it says nothing); references to a merged or skipped record
    pointed at the existing place."""
    bad = {c for c in choices.values() if c not in CHOICES}
    if bad:
        raise ValueError(
            f"a duplicate's choice was {sorted(bad)} but is expected to be one of {', '.join(CHOICES)}"
        )
    by_new = {d.new.id: d for d in duplicates}
    moved = {i: d.existing.id for i, d in by_new.items() if choices.get(i, SKIP) != ADD}
    out: dict[str, Place] = {}  # by id: two records merged into one place make one record
    for place in records:
        dup = by_new.get(place.id)
        choice = choices.get(place.id, SKIP) if dup is not None else ADD
        if choice == SKIP:
            continue
        record = place
        if dup is not None and choice == MERGE:
            record = merge(out.get(dup.existing.id, dup.existing), place)
        refs = {
            k: moved[v]
            for k in ("parent", "governorate")
            if (v := getattr(record, k)) in moved and moved[v] != record.id
        }
        out[record.id] = record.model_copy(update=refs) if refs else record
    return list(out.values())


def with_places(result: Any, places: Sequence[Place]) -> Any:
    """An import result (`formats.ImportResult`) holding `places` as its records."""
    return dataclasses.replace(result, records=tuple(places))
