"""Where an imported event happened, and who did it: names of a dataset's rows resolved against
the gazetteer and the actor lexicon, once per distinct name (a file of a million rows holds a
few thousand names).

`Locator`: the gazetteer's place when one of that name lies near the event's coordinates, else
none -- the coordinates stay the event's, with their precision, and never become a gazetteer
place (an editor may promote them, `Editor.promote_location`). Built once per import: every
place's name keys (`matching.key_of`), bucketed by first letter, and Syria's outline prepared.
A name matches a place when their keys are equal or close (rapidfuzz ratio of the keys at least
`matching.FUZZY_CUTOFF`, within the bucket) and the spellings score at least
`matching.MIN_SCORE` (`matching.spelling_score`): the places a name matches are found once per
distinct name; then per row only those are measured. Of the matches within the distance, the
best spelled wins, then the one of higher prior (a city over its governorate, as the gazetteer
ranks them), then the nearest (a polygon holding the point is at distance 0).

`ActorNames`: an actor name (and its variants, `acled.actor_names`) to the lexicon's actor on
a day, with `ActorLexicon.resolve`'s rule (the candidates active that day, else all; the
first), the name keys computed once per distinct name.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from rapidfuzz import fuzz, process
from shapely.geometry.base import BaseGeometry

from ..matching import FUZZY_CUTOFF, MIN_SCORE, key_of, spelling_score
from ..model import Actor, Place
from ..normalize import name_key

OUTLINE_MARGIN = 0.05  # degrees: as `validation.check_places`
Match = tuple[float, int]  # (spelling score, place index)


@lru_cache(maxsize=65_536)
def _key(name: str) -> str:
    return key_of(name)


def outside_reason(lon: float, lat: float) -> str:
    """Why a row's coordinates are refused (as `validation.check_places` says it)."""
    return f"lies outside Syria (near {lat:.3f}, {lon:.3f}); check the order of longitude and latitude"


def _km(place: tuple[float, float, float], lon: float, lat: float) -> float:
    """Haversine distance (km, `matching.haversine_km`'s) from a place given as (lat, lon in
    radians, cos lat): the place's half computed once."""
    la, lo = math.radians(lat), math.radians(lon)
    h = math.sin((la - place[0]) / 2) ** 2 + place[2] * math.cos(la) * math.sin((lo - place[1]) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


class Locator:
    """The places of a gazetteer, ready to be matched to (name, coordinates) pairs."""

    def __init__(self, places: Sequence[Place], outline: BaseGeometry | None = None) -> None:
        self.places = list(places)
        self.spellings: list[dict[str, list[str]]] = []  # per place: key -> its spellings
        self.by_key: dict[str, list[int]] = {}
        self.buckets: dict[str, list[str]] = {}  # first letter of a key -> keys
        for i, p in enumerate(self.places):
            names: dict[str, list[str]] = {}
            for n in p.all_names():
                names.setdefault(_key(n.text), []).append(n.text)
            self.spellings.append(names)
            for key in names:
                self.by_key.setdefault(key, []).append(i)
        for key in self.by_key:
            self.buckets.setdefault(key[:1], []).append(key)
        self._matches: dict[str, list[list[Match]]] = {}
        self._points: dict[int, tuple[tuple[float, float, float], Any, tuple[float, ...]]] = {}
        self.area: Any = None
        if outline is not None:
            self.area = shapely.buffer(outline, OUTLINE_MARGIN)
            shapely.prepare(self.area)

    def inside(self, lon: float, lat: float) -> bool:
        """Whether a point lies in the country (always, when no outline was given)."""
        return self.area is None or bool(shapely.contains_xy(self.area, lon, lat))

    def inside_many(self, lon: Sequence[float], lat: Sequence[float]) -> np.ndarray:
        """`inside` for many points at once."""
        if self.area is None:
            return np.ones(len(lon), dtype=bool)
        return np.asarray(shapely.contains_xy(self.area, np.asarray(lon), np.asarray(lat)))

    def matches(self, name: str) -> list[list[Match]]:
        """The places `name` may stand for, with how well it spells them, in groups of equal
        rank (score, then prior), best first; found once per name."""
        found = self._matches.get(name)
        if found is None:
            want = _key(name)
            keys = (
                process.extract(
                    want,
                    self.buckets.get(want[:1], []),
                    scorer=fuzz.ratio,
                    score_cutoff=FUZZY_CUTOFF,
                    limit=None,
                )
                if want
                else []
            )
            scored = []
            for key, similarity, _ in keys:
                for i in self.by_key[key]:
                    score = spelling_score(name, self.spellings[i][key], similarity)
                    if score >= MIN_SCORE:
                        scored.append((score, i))
            groups: dict[tuple[float, float], list[Match]] = {}
            for score, i in scored:
                groups.setdefault((-score, -self.places[i].prior), []).append((score, i))
            found = self._matches[name] = [groups[k] for k in sorted(groups)]
        return found

    def place(self, name: str, lon: float, lat: float, km: float) -> str | None:
        """The id of the place named `name` within `km` of (lon, lat), or None."""
        for group in self.matches(name.strip()) if name.strip() else ():
            best: tuple[float, str] | None = None
            for _, i in group:
                dist = self._distance(i, lon, lat)
                if dist <= km and (best is None or (dist, self.places[i].id) < best):
                    best = (dist, self.places[i].id)
            if best is not None:
                return best[1]
        return None

    def _distance(self, i: int, lon: float, lat: float) -> float:
        found = self._points.get(i)
        if found is None:
            place = self.places[i]
            area = place.geometry if place.geometry.geom_type != "Point" else None
            if area is not None:
                shapely.prepare(area)
            plat, plon = (math.radians(x) for x in place.point)
            found = self._points[i] = (
                (plat, plon, math.cos(plat)),
                area,
                area.bounds if area is not None else (0.0, 0.0, -1.0, -1.0),
            )
        point, area, (west, south, east, north) = found
        if west <= lon <= east and south <= lat <= north and shapely.contains_xy(area, lon, lat):
            return 0.0
        return _km(point, lon, lat)


class ActorNames:
    """Actor names resolved through the lexicon's keys (see the module docstring)."""

    def __init__(self, actors: Iterable[Actor], variants: Callable[[str], list[str]]) -> None:
        self.variants = variants
        self.by_key: dict[str, list[Actor]] = {}
        for actor in actors:
            for text in (actor.name_en, actor.name_ar, *(n.text for n in actor.aliases)):
                bucket = self.by_key.setdefault(name_key(text), [])
                if actor not in bucket:
                    bucket.append(actor)
        self._candidates: dict[str, list[list[Actor]]] = {}
        self._resolved: dict[tuple[str, dt.date | None], str | None] = {}

    def resolve(self, name: str, day: dt.date | None) -> str | None:
        """The id of the actor `name` (or the first of its variants that names one) stands for
        on `day`."""
        if not name:
            return None
        if (name, day) not in self._resolved:
            self._resolved[(name, day)] = self._resolve(name, day)
        return self._resolved[(name, day)]

    def _resolve(self, name: str, day: dt.date | None) -> str | None:
        found = self._candidates.get(name)
        if found is None:
            found = self._candidates[name] = [
                c for v in self.variants(name) if (c := self.by_key.get(name_key(v)))
            ]
        for candidates in found:
            active = [a for a in candidates if day is not None and a.active_on(day)]
            if day is None and len(candidates) > 1:
                active = [a for a in candidates if a.valid_to is None]
            return (active or candidates)[0].id
        return None
