"""Place names that are words of another name: an organisation's or an operation's.

`lookalikes.rejection` reads a name inside an organisation listed whole («المرصد السوري لحقوق
الإنسان») or right after a word that opens one («مجلس منبج العسكري»). This module reads the
longer forms those rules miss:

- an organisation's name continued by "of (the Region of)" and a place: "the Democratic
  Autonomous Administration of the Region of North and East Syria" (the listed name is its
  first three words);
- an organisation word, then a word naming its members, then the place: «تجمع أحرار حوران»,
  «تنسيقية ثوار X», «شبكة أخبار X» ("the gathering of the free men of Hauran", a local outlet);
- a military operation's name: "Operation Peace Spring", «عملية "نبع السلام"», unless the text
  speaks of its area ("the area of Operation Peace Spring", «مناطق عملية …»), which
  `direction_areas.with_area_words` reads as the zone.

The capital and the government (`lookalikes` reads «دمشق», "Damascus" as the government unless
a locative word stands before it): `seat_as_place`, it is the place where the text measures a
direction from it ("south of Damascus", «جنوب دمشق»); `seat_of_government`, it is the
government after a government and a word that qualifies it («الحكومة السورية في دمشق»). (Listed
with other places, «دير الزور ودمشق وحمص», it is a place too, but reading it so gave
background clashes one more place in the dev corpus.)

Names of one place: `double_names`, two of its names joined by a dash (a crossing named by both
its sides) are one mention; `known_as`, a name and the alias the text gives it are one place;
`posts_again`, a foreign post named again by what happened to it is the post named before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..gazetteer import Mention
from ..model import Place, PlaceKind
from ..normalize import arabic_key, arabic_variants, fold_latin, is_arabic
from ..place_words import DIRECTION_BEARINGS
from .lookalike_words import GOVERNMENT_SEATS, GOVERNMENT_WORDS, ORG_BEFORE_AR
from .phrases import Found
from .segmenting import words_before

# "… Administration of the Region of X", "… Council of X": what joins a listed name to a place.
_OF_REGION = re.compile(
    r"^\s+(?:of|for)\s+(?:the\s+)?(?:(?:[Rr]egion|[Aa]reas?|[Rr]egions)\s+of\s+(?:the\s+)?)?$"
)
# Words for the members an organisation is named by, between it and a place («تجمع أحرار حوران»).
_MEMBERS_AR = frozenset(
    arabic_key(w)
    for w in ("أحرار", "ثوار", "أخبار", "شباب", "أبطال", "أحفاد", "أسود", "صقور", "نشطاء", "إعلاميي")
)
_OPERATION_EN = re.compile(r"\b[Oo]peration\s+[\"“']?$")
_OPERATION_AR = re.compile(r"(?:عملي[ةه]|عمليتي)\s*[\"“«]?\s*$")
_AREA_BEFORE = re.compile(r"(?:\b(?:area|areas|zone|region)\s+of\s+(?:the\s+)?|مناطق\s+|منطق[ةه]\s+)$", re.I)


def name_part(text: str, m: Mention, orgs: Sequence[Found[str]]) -> str | None:
    """Why the gazetteer name `m` is a word of another name here (see the module docstring),
    or None. `orgs`: the organisation names found in `text`, by position."""
    for o in orgs:
        if o.end <= m.start and _OF_REGION.match(text[o.end : m.start]):
            return f"part of the name {text[o.start : m.end]!r}"
    if is_arabic(m.text):
        prev = words_before(text, m.start, 2)
        if len(prev) == 2 and prev[-1] in _MEMBERS_AR and prev[0].removeprefix("ل") in ORG_BEFORE_AR:
            return f"part of an organisation name after {prev[0]!r}"
    before = text[max(0, m.start - 40) : m.start]
    operation = _OPERATION_AR.search(before) if is_arabic(m.text) else _OPERATION_EN.search(before)
    if operation and not _AREA_BEFORE.search(before[: operation.start()]):
        return "the name of a military operation"
    return None


SEAT_METONYMY = "the seat of government standing for the government"  # lookalikes' reason


def seat_of_government(text: str, m: Mention, places: Mapping[str, Place]) -> str | None:
    """The capital after a government and a word that qualifies it: «الحكومة السورية في
    دمشق», "the new authorities in Damascus" (`lookalikes` reads the government right before
    «في» / "in")."""
    if not any(fold_latin(places[p].name_en) in GOVERNMENT_SEATS for p in m.place_ids if p in places):
        return None
    prev = [w.lower() for w in words_before(text, m.start, 3)]
    glued = arabic_key(text[max(0, m.start - 1) : m.start]) == "ب"  # «الحكومة السورية بدمشق»
    if not (glued or (prev and prev[-1] in {"في", "in"})):
        return None
    qualified = prev[:-1] if not glued else prev
    forms = (
        set(arabic_variants(qualified[0])) if qualified and is_arabic(qualified[0]) else set(qualified[:1])
    )
    return SEAT_METONYMY if forms & GOVERNMENT_WORDS else None


def seat_as_place(text: str, m: Mention) -> bool:
    """Whether the capital at `m`, read as the government, is named as a place: a direction
    measured from it (see the module docstring)."""
    prev = [w.lower() for w in words_before(text, m.start, 2)]
    if prev and prev[-1] == "of":
        prev = prev[:-1]
    return bool(prev) and prev[-1].removeprefix("و") in DIRECTION_BEARINGS


_DASH = re.compile(r"^\s*[-–—]\s*$")
_CROSSING_BEFORE = re.compile(r"(?:معبر|المعبر)\s*[\"“«]?\s*$")
_CROSSING_AFTER = re.compile(r"^\s*(?:border\s+)?crossing\b", re.I)


def double_names(text: str, hits: Sequence) -> list:
    """One place written with two of its names joined by a dash, as a crossing is named by
    both its sides («معبر فيش خابور- سيمالكا», "the Nasib-Jaber crossing"): one hit over the
    whole name, with the crossing word. `hits` in text order."""
    out: list = []
    for h in hits:
        prev = out[-1] if out else None
        if prev is None or prev.place.id != h.place.id or not _DASH.match(text[prev.end : h.start]):
            out.append(h)
            continue
        lead = max(0, prev.start - 12)
        word = _CROSSING_BEFORE.search(text[lead : prev.start])
        start = lead + word.start() if word else prev.start
        tail = _CROSSING_AFTER.match(text[h.end : h.end + 20])
        end = h.end + (tail.end() if tail and not is_arabic(h.text) else 0)
        out[-1] = replace(prev, start=start, end=end, text=text[start:end])
    return out


# «معبر "سلمية" المعروف بـ"الطبقة"», "X, also known as Y": the gap between a name and its alias.
_KNOWN_AS = re.compile(
    r"^\s*[\"”»]?\s*[،,]?\s*(?:(?:ال)?(?:معروف|معروفة|معروفه|مسمى|مسماة)\s*(?:ب|باسم)\s*ـ?"
    r"|(?:also\s+|better\s+|locally\s+)?known\s+as\s+(?:the\s+)?|dubbed\s+(?:the\s+)?)[\"“«]?\s*$",
    re.I,
)


def known_as(text: str, hits: Sequence) -> list:
    """A name and the alias the text gives it («معبر "سلمية" المعروف بـ"الطبقة"», "X, known as
    Y") are one place: the alias names the first place; and a facility of no list, located by
    its name alone, lies where its alias says when the alias is a known place (a crossing is
    named for where it leads, its alias for where it is). `hits` in text order."""
    out = list(hits)
    for i in range(1, len(out)):
        first, alias = out[i - 1], out[i]
        if not _KNOWN_AS.match(text[first.end : alias.start]) or first.place.id == alias.place.id:
            continue
        place = first.place
        if place.id.startswith("unlisted-") and place.kind == PlaceKind.FACILITY:
            note = f"not in the gazetteer; located at {alias.place.name_en}, its other name"
            place = place.model_copy(update={"geometry": alias.place.geometry.centroid, "note": note})
            out = [replace(h, place=place, note=note) if h.place.id == first.place.id else h for h in out]
        out[i] = replace(alias, place=place, note="another name of the place before it")
    return out


# «نقطة المراقبة المطوقة», «القاعدة العسكرية المذكورة»: a post or base named again by what the
# text says of it, with no nationality (those `unlisted._posts` reads).
_POST_AGAIN = re.compile(
    r"(?:نقط[ةه]\s+(?:ال)?مراقب[ةه]|(?:ال)?قاعد[ةه]\s+(?:ال)?عسكري[ةه])\s+(ال[^\s،,.:؛\"”»]+)"
)
_POST_START = re.compile(r"^(?:ال)?(?:نقط[ةه]|قاعد[ةه])\b")


def posts_again(text: str, hits: Sequence) -> list:
    """A foreign post or base the report named before, named again by a word of what happened
    to it («نقطة المراقبة التركية» ... «نقطة المراقبة المطوقة»): the same place, as a hit of
    its own. `hits` in text order; returns the new hits."""
    out: list = []
    for m in _POST_AGAIN.finditer(text):
        if any(h.start < m.end() and m.start() < h.end for h in hits):
            continue
        before = [
            h
            for h in hits
            if h.end <= m.start() and h.place.id.startswith("unlisted-") and _POST_START.match(h.text)
        ]
        if before:
            earlier = before[-1]
            note = f"the {earlier.text} named again"
            out.append(replace(earlier, start=m.start(), end=m.end(), text=m.group(), note=note))
    return out
