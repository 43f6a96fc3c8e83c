"""Parts of a city named as areas: «منطقة الدوار بالمدينة», «منطقة الصناعة في مدينة القامشلي».

«منطقة X» alone names a known area or none (`unlisted` leaves it), but followed by a locative
that puts it in a city («بالمدينة», «في المدينة» for the city the report is about; «بمدينة Y»,
«في Y» for a city or town it names) it is a part of that city: a provisional neighbourhood at the
city's point (the corpus's `low` confidence). The report's other «منطقة X» of the same name are
that place too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..gazetteer import Gazetteer, Mention
from ..model import Place, PlaceKind
from .segmenting import tokens
from .unlisted import Unlisted, provisional
from .unlisted_words import NOT_NAMES
from .vetting import short_sound_alike

_CITIES = (PlaceKind.CITY, PlaceKind.TOWN)
_AREA_WORD = {"منطقه"}
# «بالمدينة», «في المدينة», «داخل المدينة»: the city the report is about.
_THE_CITY = re.compile(r"^\s*[\"”»]?\s*(?:ب|في\s+|داخل\s+|وسط\s+)المدين[ةه]\b")
# «بمدينة Y», «في Y», «ب Y»: the place right after.
_IN = re.compile(r"^\s*[\"”»]?\s*(?:ب|في\s+|داخل\s+|وسط\s+)(?:مدين[ةه]\s+|بلد[ةه]\s+)?$")


def city_parts(text: str, hits: Sequence, make_hit) -> list:
    """Hits for the parts of a city the text names as areas (see the module docstring), none
    overlapping `hits`. `make_hit(start, end, text, place, note)` builds a hit."""
    toks = tokens(text)
    named: list[tuple[int, int, str]] = []  # «منطقة X»: start, end, key of X
    for i, t in enumerate(toks[:-1]):
        nxt = toks[i + 1]
        if not (set(t.forms) & _AREA_WORD) or not nxt.arabic or nxt.key in NOT_NAMES or len(nxt.key) < 3:
            continue
        if text[t.end : nxt.start].strip() or any(h.start < nxt.end and nxt.start < h.end for h in hits):
            continue
        named.append((nxt.start, nxt.end, nxt.key))
    places: dict[str, Place] = {}
    for start, end, key in named:
        city = _city_after(text, end, start, hits)
        if city is not None and key not in places:
            places[key] = provisional(
                Unlisted(start, end, text[start:end], PlaceKind.NEIGHBOURHOOD, None), city
            )
    return [
        make_hit(start, end, text[start:end], places[key], f"a part of a city; {places[key].note}")
        for start, end, key in named
        if key in places
    ]


def _city_after(text: str, end: int, start: int, hits: Sequence) -> Place | None:
    """The city a locative right after `end` puts the area in: the report's city before it for
    «بالمدينة», else the city or town named right after."""
    if _THE_CITY.match(text[end : end + 20]):
        before = [h.place for h in hits if h.end <= start and h.place.kind in _CITIES]
        return before[-1] if before else None
    after = next((h for h in sorted(hits, key=lambda h: h.start) if h.start >= end), None)
    if after is None or after.place.kind not in _CITIES or not _IN.match(text[end : after.start]):
        return None
    return after.place


def misread(gazetteer: Gazetteer, m: Mention, place: Place, parent_id: str | None) -> str | None:
    """Why the place a name resolved to is not the one the text means, or None: a short word
    that only sounds like a name (`vetting.short_sound_alike`), or a neighbourhood of another
    city than the one written right after it («منطقة الصناعة بمدينة القامشلي» is no quarter of
    Hama: a part of Qamishli, `city_parts`)."""
    if short_sound_alike(m, place):
        return "a short word that only sounds like a name"
    parent = gazetteer.places.get(parent_id or "")
    if (
        place.kind == PlaceKind.NEIGHBOURHOOD
        and parent is not None
        and parent.kind in _CITIES
        and parent.id not in gazetteer.ancestors(place)
    ):
        return f"a neighbourhood of another city than {parent.name_en}"
    return None
