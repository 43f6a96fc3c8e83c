"""Whether a known name found in a report is taken as the place it names: a short Latin word
that only sounds like a name is not ("Dire warnings" is not Daraa), and an unvetted locality
taken only as an item of a list («قرى أ، ب، ج») is not that locality when it lies far from
the places it is listed with (a homonym elsewhere in the country)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from ..gazetteer import Mention, haversine_km
from ..model import Place, PlaceKind
from ..normalize import fold_latin, is_arabic

LIST_KM = 60.0  # how far an item of a list may lie from the other places it is listed with
_SETTLEMENTS = (PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE, PlaceKind.NEIGHBOURHOOD)
_NEAR_CHARS = 300  # how close in the text the places it is listed with are


class _Hit(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def place(self) -> Place: ...


H = TypeVar("H", bound=_Hit)


def far_list_items(hits: Sequence[H], listed: set[int]) -> list[H]:
    """The hits at `listed` starts (names taken as places only as items of a classifier's
    list) that lie over `LIST_KM` from every settlement named near them in the text."""
    out = []
    for h in hits:
        if h.start not in listed:
            continue
        near = [
            o.place.point
            for o in hits
            if o is not h and abs(o.start - h.start) < _NEAR_CHARS and o.place.kind in _SETTLEMENTS
        ]
        if near and min(haversine_km(h.place.point, p) for p in near) > LIST_KM:
            out.append(h)
    return out


def short_sound_alike(m: Mention, place: Place) -> bool:
    """A single Latin word of four letters or fewer that `place` never spells as written,
    matched only through its phonetic key: too short to trust."""
    if is_arabic(m.text) or " " in m.text.strip() or len(fold_latin(m.text)) > 4:
        return False
    want = fold_latin(m.text)
    return not any(fold_latin(n.text) == want for n in place.all_names())
