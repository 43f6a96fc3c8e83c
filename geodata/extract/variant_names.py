"""Settlements written in a spelling no list has: 'Bansh' for Binnish, 'Maaret al-Numan' for
Maarrat al-Numan, 'Al-Surman' for al-Sarman.

A capitalised Latin name that the text says is a settlement ('the city of X', 'the town of
X', 'X town', 'X village', or an item of a list a plural classifier opens: 'towns and
villages, including A and B') and that the gazetteer lacks as written is read as the
gazetteer's city, town or village spelled alike: a fuzzy match (`Gazetteer.candidates`) or the
same consonants (`Gazetteer.spelled_alike`). Spelling alone is too loose for that, so the
place must also lie where the report is: within `NEAR_KM` of a settlement the report names
(those of the name's sentence first), or inside a small area it names (a countryside, not
"northeast Syria"). The nearest such candidate
wins; with none, the name is left to `unlisted` (a provisional place) or dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from shapely.geometry import Point

from ..gazetteer import Gazetteer, haversine_km
from ..model import Place, PlaceKind
from .gaps import in_classifier_list
from .segmenting import Span
from .unlisted import is_unlisted
from .unlisted_words import NOT_NAMES_EN

NEAR_KM = 30.0
# An area small enough to confirm a reading by lying inside it (in square degrees, about
# 7,000 km²: a countryside or a small governorate; not "northeast Syria").
SMALL_AREA = 0.7
_SETTLEMENTS = (PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE)
_AREAS = (PlaceKind.REGION, PlaceKind.GOVERNORATE)

_WORD = r"(?:[A-Z][\w’'-]*|[Aa]l-[\w’'-]+|[Ee]l-[\w’'-]+)"
_NAME = rf"{_WORD}(?:\s+(?:{_WORD}|al-[\w’'-]+)){{0,3}}"
_BEFORE = re.compile(rf"\b(?:city|town|village)\s+of\s+({_NAME})")
_AFTER = re.compile(rf"\b({_NAME})\s+(?:city|town|village)\b")
_ANY = re.compile(rf"\b({_NAME})")


@dataclass(frozen=True)
class Variant:
    """A settlement name found in a spelling the gazetteer lacks, and the place it is."""

    start: int
    end: int
    text: str
    place: Place
    score: float
    note: str


def variant_names(
    text: str, sentences: Sequence[Span], hits: Sequence, gazetteer: Gazetteer
) -> list[Variant]:
    """The settlement names of `text` written in a spelling the gazetteer lacks (see the module
    docstring), each not overlapping `hits`."""
    out: list[Variant] = []
    taken: list[tuple[int, int]] = [(h.start, h.end) for h in hits]
    for start, end, name in _candidate_spans(text):
        if any(s < end and start < e for s, e in taken) or gazetteer.lookup(name):
            continue
        sent = next((s for s in sentences if s.start <= start < s.end), None)
        found = _nearby(gazetteer, name, hits, sent)
        if found is None:
            continue
        place, score = found
        taken.append((start, end))
        out.append(Variant(start, end, name, place, score, f"spelled {name!r}; read as {place.name_en}"))
    return out


def _candidate_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the Latin names a classifier or a classifier's list marks."""
    spans: dict[int, tuple[int, int, str]] = {}
    for pattern in (_BEFORE, _AFTER):
        for m in pattern.finditer(text):
            span = _trimmed(text, m.start(1), m.end(1))
            if span:
                spans.setdefault(span[0], span)
    for m in _ANY.finditer(text):
        span = _trimmed(text, m.start(1), m.end(1))
        if span and span[0] not in spans and in_classifier_list(text, span[0]):
            spans[span[0]] = span
    return sorted(spans.values())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The name without leading function words ('In', 'The'); None when nothing is left."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[0].group().lower() in NOT_NAMES_EN:
        words.pop(0)
    if not words:
        return None
    s = start + words[0].start()
    return s, end, text[s:end]


def _nearby(gazetteer: Gazetteer, name: str, hits: Sequence, sent: Span | None) -> tuple[Place, float] | None:
    """The settlement spelled like `name` that lies nearest the report's places, with its
    spelling score; None when none lies near them."""
    cands: dict[str, float] = {p.id: s for p, s, _ in gazetteer.candidates(name) if p.kind in _SETTLEMENTS}
    for pid in gazetteer.spelled_alike(name):
        if gazetteer.places[pid].kind in _SETTLEMENTS:
            cands.setdefault(pid, 70.0)
    known = [h for h in hits if not is_unlisted(h.place) and h.place.kind != PlaceKind.COUNTRY]
    in_sentence = [h for h in known if sent is not None and sent.start <= h.start < sent.end]
    for group in (in_sentence, known):
        best = _nearest([gazetteer.places[pid] for pid in cands], [h.place for h in group])
        if best is not None:
            return best, cands[best.id]
    return None


def _nearest(cands: Sequence[Place], anchors: Sequence[Place]) -> Place | None:
    scored = []
    for c in cands:
        dists = [haversine_km(c.point, a.point) for a in anchors if a.kind in _SETTLEMENTS]
        lat, lon = c.point
        inside = any(
            a.kind in _AREAS
            and not isinstance(a.geometry, Point)
            and a.geometry.area <= SMALL_AREA
            and a.geometry.contains(Point(lon, lat))
            for a in anchors
        )
        near = min(dists, default=NEAR_KM + 1)
        if near <= NEAR_KM or inside:
            scored.append((near if near <= NEAR_KM else NEAR_KM, c.id, c))
    return min(scored)[2] if scored else None
