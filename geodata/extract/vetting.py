"""Whether a known name found in a report is taken as the place it names, and as which: a short
Latin word that only sounds like a name is not ("Dire warnings" is not Daraa); an unvetted
locality taken only as an item of a list («قرى أ، ب، ج») is not that locality when it lies far
from the places it is listed with (a homonym elsewhere in the country); a Latin name matched up
to an article glued to the next word is part of a longer name; a name spelt exactly as one
candidate writes it is that candidate (`literal_choice`); the bare name of a camp the report
names is the camp (`camps_by_bare_name`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol, TypeVar

from ..gazetteer import Mention, Resolution, haversine_km, key_of
from ..model import Place, PlaceKind
from ..normalize import LATIN_ARTICLES, arabic_key, fold_latin, is_arabic

LIST_KM = 60.0  # how far an item of a list may lie from the other places it is listed with
_SETTLEMENTS = (PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE, PlaceKind.NEIGHBOURHOOD)
_NEAR_CHARS = 300  # how close in the text the places it is listed with are


class _Hit(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def place(self) -> Place: ...
    @property
    def text(self) -> str: ...


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


# Not the "e" spellings here: "es", "er", "ed", "et" end English and French words too.
_LATIN_ARTICLES = frozenset(LATIN_ARTICLES) - {"es", "er", "ed", "et"}


def latin_article_ends(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Daraa al-Balad", "Bab al-Salama": a Latin name matched up to an article glued to the
    next word is part of a longer name, no mention; "Hasaka province, al-Hol": the article
    and the comma are trimmed off."""
    out = []
    for m in mentions:
        words = m.text.split()
        if len(words) < 2 or is_arabic(m.text) or words[-1].lower() not in _LATIN_ARTICLES:
            out.append(m)
            continue
        if text[m.end : m.end + 1] in "-‐–":
            if m.text[: -len(words[-1])].rstrip().endswith(","):
                trimmed = m.text[: -len(words[-1])].rstrip().rstrip(",").rstrip()
                out.append(Mention(m.start, m.start + len(trimmed), trimmed, m.place_ids, m.preceding))
            continue  # "Daraa al-Balad": a longer name the gazetteer lacks
        out.append(m)
    return out


def literal_choice(m: Mention, res: Resolution) -> Place:
    """A name spelt exactly as one candidate writes it ("Syria") beats a candidate reached only
    through the folded phonetic key (Sharran's "Shera")."""

    def literal(place: Place) -> bool:
        want = arabic_key(m.text) if is_arabic(m.text) else fold_latin(m.text)
        names = [n.text for n in place.all_names()]
        return any((arabic_key(n) if is_arabic(n) else fold_latin(n)) == want for n in names)

    if literal(res.place):
        return res.place
    for place, _rank in res.alternatives:
        if literal(place):
            return place
    return res.place


_CAMP_WORDS = ("camp", "مخيم")


def camps_by_bare_name(hits: list[H]) -> list[H]:
    """A report that names a camp ("al-Hol camp", «مخيم الركبان») means the camp by the bare
    name too ("taken to al-Hol"), not the village it is named after."""
    camps: dict[str, Place] = {}
    for h in hits:
        words = h.text.split()
        camp = len(words) > 1 and (words[-1].lower() in _CAMP_WORDS or arabic_key(words[0]) in _CAMP_WORDS)
        if h.place.kind == PlaceKind.FACILITY and camp:
            head = words[:-1] if words[-1].lower() in _CAMP_WORDS else words[1:]
            camps[key_of(" ".join(head))] = h.place
    if not camps:
        return hits
    return [
        replace(h, place=camps[key_of(h.text)])  # type: ignore[type-var]
        if h.place.kind in (PlaceKind.TOWN, PlaceKind.VILLAGE) and key_of(h.text) in camps
        else h
        for h in hits
    ]
