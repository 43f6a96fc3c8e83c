"""Places the gazetteer lacks: a village, crossing, camp or bridge that the text itself says is
a place, by the classifier before or after its name («قرية أم الكيف», «معبر الحمام», «مخيم
الركبان», "the village of Zaghat", "Abu al-Zindeen crossing", "Rukban camp").

Such a name is kept as a provisional place located by the place the text puts it in: the
place written right after it («بريف تل تمر», "in Jindires", "near al-Bab"), else the nearest
place named before it in its sentence. Its point is that anchor's, so it is approximate (the
corpus's `low` confidence: within 40 km); its id starts with `unlisted-` and it is never
stored as a gazetteer place (`results.Extraction.to_events` keeps its name in the event's
note). A facility named after a known place («معبر جرابلس», "Albu Kamal crossing") is the
facility, located at that place, and the place inside its name is not listed apart.

Nothing is invented without a classifier, and the name must look like one: a word that is
not a function word, a number, a pronoun or an adjective of direction or nationality.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from shapely.geometry import Point

from ..gazetteer import Gazetteer, haversine_km
from ..matching import original_offset
from ..model import Place, PlaceKind
from ..normalize import arabic_key, is_arabic
from .segmenting import Span, Tok, tokens
from .unlisted_words import (
    CLASSIFIERS_AR,
    CLASSIFIERS_EN_AFTER,
    CLASSIFIERS_EN_BEFORE,
    HEADS,
    LOCATIVE_WORDS,
    NAMES_AFTER_HEADS,
    NOT_NAMES,
    NOT_NAMES_EN,
    PLACE_WORDS,
    PLURALS_AR,
)

PREFIX = "unlisted-"
_F = PlaceKind.FACILITY

_LATIN_NAME = r"(?:(?:[A-Z][\w’'-]*|al-[\w’'-]+|Al-[\w’'-]+)(?:\s+(?:[A-Z][\w’'-]*|al-[\w’'-]+)){0,3})"
_EN_AFTER = re.compile(
    rf"\b({_LATIN_NAME})\s+(?:(?:border|refugee|displacement|IDP)\s+)?"
    rf"((?i:{'|'.join(CLASSIFIERS_EN_AFTER)}))\b"  # "Rukban camp", "Azadi Square"
)
_EN_BEFORE = re.compile(rf"\b(?:the\s+)?({'|'.join(CLASSIFIERS_EN_BEFORE)})\s+of\s+({_LATIN_NAME})")


@dataclass(frozen=True)
class Unlisted:
    """A name the text says is a place, before it is located."""

    start: int
    end: int  # the mention (classifier kept for a facility: «معبر الحمام», "Rukban camp")
    name: str
    kind: PlaceKind
    known: Place | None  # the known place a facility is named after («معبر جرابلس»)
    road: bool = False  # a road between (or to) known places, located at their middle


def is_unlisted(place: Place | None) -> bool:
    return place is not None and place.id.startswith(PREFIX)


def find_unlisted(
    text: str, sentences: Sequence[Span], hits: Sequence, gazetteer: Gazetteer, make_hit
) -> tuple[list, set[int]]:
    """Provisional places for the classifier names of `text` that no hit covers, and the
    starts of the hits that a facility's name swallows («جرابلس» in «معبر جرابلس»).
    `make_hit(start, end, text, place, note)` builds a `toponyms.PlaceHit`."""
    found = [*_arabic(text, gazetteer, hits), *_english(text, gazetteer), *_posts(text), *_roads(text, hits)]
    kept = []
    for u in sorted(found, key=lambda u: u.start):
        inside = [h for h in hits if u.start <= h.start and h.end <= u.end]
        if any(h.start < u.end and u.start < h.end and h not in inside for h in hits):
            continue  # overlaps a known name partly: leave it to the gazetteer
        if inside and (u.known is None or u.kind != PlaceKind.FACILITY) and not u.road:
            continue  # «قرية تل تمر»: the gazetteer's
        if u.known is not None and _known_facility(gazetteer, text[u.start : u.end]):
            continue  # «مطار القامشلي»: a known facility (not «جرابلس» of «معابر … وجرابلس»)
        anchor = _facility_anchor(text, u, sentences, hits) if u.known else _anchor(text, u, sentences, hits)
        if anchor is not None:
            kept.append((u, inside, anchor))
    anchors = _one_anchor_per_name(text, sentences, hits, kept)
    out, swallowed = [], set()
    for u, inside, anchor in kept:
        swallowed |= {h.start for h in inside}
        at = anchors.get((arabic_key(u.name), u.kind), anchor) if not u.road else anchor
        note = f"not in the gazetteer; located at {at.name_en}"
        out.append(make_hit(u.start, u.end, text[u.start : u.end], provisional(u, at), note))
    return out, swallowed


def _one_anchor_per_name(text: str, sentences: Sequence[Span], hits: Sequence, kept: list) -> dict:
    """A name the report repeats is one place: located where the text puts it explicitly
    («قرية العبوش، شمالي تل تمر», "Zaghat village in al-Malikiyah") at one of its mentions,
    else where it was first named. (name key, kind) -> anchor."""
    explicit: dict = {}
    first: dict = {}
    for u, _, anchor in kept:
        if u.road:
            continue  # a road is named by the places it joins
        key = (arabic_key(u.name), u.kind)
        first.setdefault(key, anchor)
        if u.known is None and key not in explicit:
            after = _anchor(text, u, sentences, hits, after_only=True)
            if after is not None:
                explicit[key] = after
    return {**first, **explicit}


def _known_facility(gazetteer: Gazetteer, name: str) -> bool:
    """Whether the gazetteer knows `name` as a facility («مطار القامشلي»); a town's name
    alone, an item of «معابر أ وب», is no facility of it."""
    return any(gazetteer.places[i].kind == PlaceKind.FACILITY for i in gazetteer.lookup(name))


def provisional(u: Unlisted, anchor: Place) -> Place:
    """The place an unlisted name stands for until an editor adds it: at its anchor (the
    nearest known place of the sentence or report), with an id derived from both, so that the
    same name near the same place is one place across a report."""
    digest = hashlib.sha1(f"{u.name}|{anchor.id}".encode()).hexdigest()[:10]
    lat, lon = anchor.point
    ascii_name = u.name if u.name.isascii() else f"{u.name} (near {anchor.name_en})"
    return Place(
        id=f"{PREFIX}{digest}",
        name_en=ascii_name,
        name_ar=u.name,
        kind=u.kind,
        geometry=Point(lon, lat),
        # a facility named after a known place lies at it («معبر جرابلس», «طريق خناصر»)
        parent=anchor.id if u.known is not None and not is_unlisted(anchor) else None,
        governorate=anchor.governorate,
        prior=0.1,
        note=f"not in the gazetteer; located at {anchor.name_en} ({anchor.id})",
    )


def _facility_anchor(text: str, u: Unlisted, sentences: Sequence[Span], hits: Sequence) -> Place | None:
    """The known place a facility is named after, unless the text puts it in a place far
    from that one ("Azadi Square in al-Malikiyah" is not at a village whose name sounds like
    Azadi): then that place."""
    after = _anchor(text, u, sentences, hits, after_only=True)
    if u.known is None:
        return after
    if after is not None and after.kind in _SETTLEMENTS and haversine_km(u.known.point, after.point) > FAR_KM:
        return after
    return u.known


FAR_KM = 60.0
_SETTLEMENTS = frozenset({PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE, PlaceKind.NEIGHBOURHOOD})


def _anchor(
    text: str, u: Unlisted, sentences: Sequence[Span], hits: Sequence, *, after_only: bool = False
) -> Place | None:
    """The place the text puts `u` in: written right after it, else the nearest before it in
    its sentence."""
    sent = next((s for s in sentences if s.start <= u.start < s.end), None)
    if sent is None:
        return None
    after = [h for h in hits if u.end <= h.start < sent.end and h.place.kind != PlaceKind.COUNTRY]
    if after and _locative(text[u.end : after[0].start]):
        return after[0].place
    if after_only:
        return None
    before = [
        h
        for h in hits
        if sent.start <= h.start
        and h.end <= u.start
        and h.place.kind != PlaceKind.COUNTRY
        and not is_unlisted(h.place)
    ]
    if before:
        return before[-1].place
    if after:
        return after[0].place
    # «قصفت ... قرى “أم الكيف”، بريف البلدة»: the place the text was about just before
    earlier = [
        h
        for h in hits
        if u.start - _LOOK_BACK <= h.start
        and h.end <= u.start
        and h.event_place
        and h.place.kind != PlaceKind.COUNTRY
    ]
    return earlier[-1].place if earlier else None


_LOOK_BACK = 1500  # characters: the report before it, about a paragraph or two


def _locative(gap: str) -> bool:
    """«في منطقة», «بريف», ", in the town of": the gap says the place after is where `u` is."""
    words = re.sub(r"[\"“”«»'(),،]", " ", gap).split()
    words = [arabic_key(w) if is_arabic(w) else w.lower() for w in words]
    if not words or words[0] not in LOCATIVE_WORDS:
        return False
    return all(w in LOCATIVE_WORDS or w in PLACE_WORDS for w in words[1:])


# -- Arabic -------------------------------------------------------------------------------------


def _arabic(text: str, gazetteer: Gazetteer, hits: Sequence = ()) -> list[Unlisted]:
    toks = tokens(text)
    starts = {h.start: h for h in hits if h.place.kind in _SETTLEMENTS or h.place.kind == PlaceKind.CITY}
    out = []
    for i, t in enumerate(toks[:-1]):
        if not t.arabic:
            continue
        plural = next((f for f in t.forms if f in PLURALS_AR), None)
        if plural is not None:
            out += _listed(text, toks, i + 1, PLURALS_AR[plural], gazetteer)
            continue
        cls = next((f for f in t.forms if f in CLASSIFIERS_AR), None)
        kind = CLASSIFIERS_AR.get(cls or "")
        if kind is None or kind == PlaceKind.REGION:
            continue  # «منطقة X» names a known area or none
        nxt = toks[i + 1]
        gap = text[t.end : nxt.start]
        if not re.fullmatch(r"\s*[\"“«]?\s*", gap) or not nxt.arabic:
            continue
        quoted = gap.strip() != ""
        described = _described(text, toks, i + 1, starts) if kind == _F and not quoted else None
        if described is not None:  # «محطة تحويل كهرباء تل تمر»: named by its use and place
            start = t.start + original_offset(t.text, max(len(t.key) - len(cls or ""), 0))
            out.append(Unlisted(start, described[0], text[nxt.start : described[0]], kind, described[1]))
            continue
        n = _name_length(toks, i + 1, text, quoted)
        if n == 0:
            continue
        last = toks[i + n]
        end = last.end
        if quoted and text[end : end + 1] in '"”»':
            end += 1
        name = text[nxt.start : last.end]
        if kind == _F:
            start = t.start + original_offset(t.text, max(len(t.key) - len(cls or ""), 0))
            out.append(Unlisted(start, end, name, kind, _known(gazetteer, name, text)))
        else:
            out.append(Unlisted(nxt.start, last.end, name, kind, None))
    return out


# Words that say a place after them is not the one a facility is named after («معبر إلى X»).
_BETWEEN = frozenset({"في", "الي", "من", "علي", "عن", "قرب", "بين", "مع", "نحو", "باتجاه", "حتي", "لدي"})


def _described(text: str, toks: Sequence[Tok], i: int, starts: dict) -> tuple[int, Place] | None:
    """A facility word, one or two words that say what it is, then a known settlement with
    nothing else between («محطة تحويل كهرباء تل تمر»; not «معبر إلى تل أبيض»):
    (the end of the settlement's name, the settlement)."""
    for k in (1, 2):
        if i + k >= len(toks):
            return None
        words = toks[i : i + k]
        gaps = [text[a.end : b.start] for a, b in itertools.pairwise([*words, toks[i + k]])]
        if any(g.strip() for g in gaps) or any(not w.arabic or set(w.forms) & _BETWEEN for w in words):
            return None
        h = starts.get(toks[i + k].start)
        if h is not None:
            return h.end, h.place
    return None


def _listed(text: str, toks: Sequence[Tok], i: int, kind: PlaceKind, gazetteer: Gazetteer) -> list[Unlisted]:
    """The names listed after a plural classifier, joined by commas and «و», quoted or not."""
    out: list[Unlisted] = []
    k = i
    while k < len(toks) and len(out) < 12:
        t = toks[k]
        gap = text[toks[k - 1].end : t.start]
        if not t.arabic or not re.fullmatch(r"\s*[\"“«]?\s*(?:[،,]\s*)?[\"“«]?\s*", gap):
            break
        if k > i and "،" not in gap and "," not in gap and not t.key.startswith("و"):
            break
        if k == i and ("،" in gap or "," in gap):
            break  # «في عدة مدن وبلدات، رغم ...»: the classifier ends its clause, names none
        skip = 1 if k > i and t.key.startswith("و") and t.key[1:] not in NOT_NAMES else 0
        first = t.key[skip:]
        if (
            first in NOT_NAMES
            or (t.key.startswith("و") and t.key[1:] in NOT_NAMES)
            or (len(first) < 3 and first not in HEADS)
            or set(t.forms) & (CLASSIFIERS_AR.keys() | PLURALS_AR.keys())
        ):
            break  # «مدن وبلدات وقرى السويداء»: classifiers, not names
        n = (
            2
            if first in HEADS
            and k + 1 < len(toks)
            and toks[k + 1].arabic
            and _second_word(toks[k + 1].key)
            and not text[t.end : toks[k + 1].start].strip()
            else 1
        )
        start = t.start + original_offset(t.text, skip)
        end = toks[k + n - 1].end
        name = text[start:end]
        out.append(Unlisted(start, end, name, kind, _known(gazetteer, name, text) if kind == _F else None))
        k += n
    return out


def _second_word(key: str) -> bool:
    """Whether a word after a head word («أم», «الشيخ») is the rest of the name."""
    return key not in NOT_NAMES or key in NAMES_AFTER_HEADS


def _known(gazetteer: Gazetteer, name: str, text: str) -> Place | None:
    """The known place a facility is named after: the name as the gazetteer writes it, or
    another way to write it (the article toggled, «الحمام» for «حمام»), never a fuzzy guess;
    among places of that name, the one the report's other places speak for (the «الحمام»
    of the sub-district of a town it names)."""
    known_ids = gazetteer.lookup(name)
    if len(known_ids) == 1:
        return gazetteer.places[known_ids[0]]
    res = gazetteer.resolve(name, context=text)
    if known_ids:
        return res.place if res is not None else gazetteer.places[known_ids[0]]
    return res.place if res is not None and res.method == "variant" else None


def _name_length(toks: Sequence[Tok], i: int, text: str, quoted: bool) -> int:
    """How many words from toks[i] make a name: one, two after a head word («أم الكيف»), up
    to three inside quotation marks."""
    first = toks[i]
    if first.key in NOT_NAMES or not first.arabic or (len(first.key) < 3 and first.key not in HEADS):
        return 0
    if quoted:
        n = 1
        while (
            n < 3
            and i + n < len(toks)
            and toks[i + n].arabic
            and not re.search(r"[\"”»،,.]", text[toks[i + n - 1].end : toks[i + n].start])
        ):
            n += 1
        return n
    if (
        first.key in HEADS
        and i + 1 < len(toks)
        and toks[i + 1].arabic
        and _second_word(toks[i + 1].key)
        and text[first.end : toks[i + 1].start].strip() == ""
    ):
        return 2
    return 1


# -- foreign posts and bases: «نقطة المراقبة التركية», "the US military base" ------------------

_NATION_AR = r"(?:ال)?(?:تركي|روسي|امريكي|اميركي|ايراني)(?:ه|ة)?"
_POST_AR = re.compile(
    rf"(?:(?:نقطه|نقطة|النقطه|النقطة)\s+(?:ال)?مراقبه?ة?\s+{_NATION_AR}|"
    rf"(?:ال)?قاعده?ة?\s+(?:(?:ال)?عسكريه?ة?\s+)?{_NATION_AR})"
)
_POST_EN = re.compile(
    r"\b(?:Turkish|Russian|US|U\.S\.|American|Iranian)\s+(?:(?:army|military)\s+)?"
    r"(?:observation\s+)?(?:post|point|base)\b"
)


def _posts(text: str) -> list[Unlisted]:
    """A foreign army's post or base named by its nationality («نقطة المراقبة التركية», «القاعدة
    العسكرية الأمريكية», "a Turkish observation post", "the US military base"): a facility,
    located by the place the text puts it in."""
    key = text.translate(_ALEF)
    out = [
        Unlisted(m.start(), m.end(), text[m.start() : m.end()], _F, None)
        for m in _POST_AR.finditer(key)
        if m.group().startswith(("ال", "نقط")) or _PLACE_AFTER_AR.match(key, m.end())
    ]
    out.extend(
        Unlisted(m.start(), m.end(), m.group(), _F, None)
        for m in _POST_EN.finditer(text)
        if not _INDEFINITE_EN.search(text, max(0, m.start() - 4), m.start())
        or _PLACE_AFTER_EN.match(text, m.end())
    )
    return out


# "A Turkish base", «قاعدة عسكرية تركية»: some base, no place, unless the text says where it is.
_INDEFINITE_EN = re.compile(r"\b(?:a|an)\s+$", re.I)
_PLACE_AFTER_AR = re.compile(r"\s*[\"”»]?\s*(?:في|ب|قرب|داخل|شمال|جنوب|شرق|غرب)")
_PLACE_AFTER_EN = re.compile(r"\s+(?:in|near|at|outside|north|south|east|west)\b")


_ALEF = str.maketrans("أإآ", "ااا")  # the same length: offsets are kept

# «طريق حلب – اللاذقية», «الطريق الدولي “حلب – اللاذقية”», «الطريق الواصل بين مدينتي عفرين
# واعزاز», «طريق خناصر», "the Aleppo–Latakia highway", "the Khanasir road".
_ROAD_AR = re.compile(
    r"(?:ال)?(?:طريق|اوتستراد|اتستراد|أوتستراد|الاوتوستراد)(?:\s+الدولي)?"
    r"(?:\s+الواصل\s+بين(?:\s+(?:مدينتي|بلدتي))?)?\s*[\"“«]?\s*$"
)
_ROAD_EN_AFTER = re.compile(r"^\s*(?:highway|road|motorway)\b", re.I)


def _roads(text: str, hits: Sequence) -> list[Unlisted]:
    """Roads named by the places they join or lead to: a facility at the middle of those
    places (at the place, for a road named by one)."""
    out = []
    ordered = sorted(hits, key=lambda h: h.start)
    for i, h in enumerate(ordered):
        before = text[max(0, h.start - 40) : h.start].translate(_ALEF)
        m = _ROAD_AR.search(before) if is_arabic(h.text) else None
        if m is not None:
            start = h.start - (len(before) - m.start())
        elif not is_arabic(h.text):
            start = h.start
        else:
            continue  # an Arabic name with no road word before it
        ends = [h]
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if nxt is not None and re.fullmatch(r"\s*(?:[–—-]|و|and|to)\s*", text[h.end : nxt.start]):
            ends.append(nxt)
        end = ends[-1].end
        if m is None:
            tail = _ROAD_EN_AFTER.match(text[end : end + 12])
            if not tail or is_arabic(h.text):
                continue
            end += tail.end()
        else:
            tail = re.match(r"\s*(?:الدولي)?[\"”»]?", text[end : end + 10])
            end += len(tail.group().rstrip()) if tail else 0
        out.append(Unlisted(start, end, text[start:end], _F, _middle(ends), road=True))
    return out


def _middle(ends: Sequence) -> Place:
    if len(ends) == 1:
        return ends[0].place
    (a_lat, a_lon), (b_lat, b_lon) = ends[0].place.point, ends[-1].place.point
    first = ends[0].place
    return first.model_copy(
        update={
            "geometry": Point((a_lon + b_lon) / 2, (a_lat + b_lat) / 2),
            "name_en": f"{first.name_en}–{ends[-1].place.name_en}",
        }
    )


# -- English -----------------------------------------------------------------------------------


def _english(text: str, gazetteer: Gazetteer) -> list[Unlisted]:
    out = []
    for m in _EN_AFTER.finditer(text):
        name = _trim_latin(m.group(1))
        if not name:
            continue
        start = m.start(1) + m.group(1).find(name)
        kind = CLASSIFIERS_EN_AFTER[m.group(2).lower()]
        known_ids = gazetteer.lookup(name)
        known = gazetteer.places[known_ids[0]] if known_ids else None
        if known is not None and kind != _F:
            continue
        out.append(
            Unlisted(
                start,
                m.end(2) if kind == _F else start + len(name),
                name,
                kind,
                known if kind == _F else None,
            )
        )
    for m in _EN_BEFORE.finditer(text):
        name = _trim_latin(m.group(2))
        if name and not gazetteer.lookup(name):
            out.append(
                Unlisted(m.start(2), m.start(2) + len(name), name, CLASSIFIERS_EN_BEFORE[m.group(1)], None)
            )
    return out


def _trim_latin(name: str) -> str:
    words = name.split()
    while words and words[0].lower() in NOT_NAMES_EN:
        words = words[1:]
    if not words or all(w.lower() in NOT_NAMES_EN for w in words):
        return ""
    return " ".join(words)
