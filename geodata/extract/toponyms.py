"""Places named in running text: which gazetteer names in a report are places, and which place
each one is.

The gazetteer finds every known name (`Gazetteer.find_mentions`, clitics stripped); `Toponyms`
adds the lower-case English generic names ("the security square"), a facility named with its
city («مطار مدينة القامشلي»), and splits a generic name from the place it is in («المربع الأمني
في الحسكة»); then for each name
- rejects what only looks like a place (`lookalikes.rejection`), and unvetted GeoNames
  localities without a classifier;
- resolves it in the context of its sentence, with the place written right after it
  («المربع الأمني بمدينة القامشلي», "the security square in Hasakah") as the strongest hint;
- marks what is a place but not where an event happened (`lookalikes.non_event_use`: datelines,
  agreement names), and where people come from («وجهاء تل رفعت», "residents of Afrin");
- expands a dual or plural generic name over the places that follow it: «المربعين الأمنيين
  بمدينتي الحسكة والقامشلي» is both security squares, «حول المربعين الأمنيين في المدينتين» the
  squares of the two cities named before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from shapely.geometry import Point

from ..gazetteer import Gazetteer, Mention, Resolution, key_of
from ..model import Place, PlaceKind
from ..normalize import arabic_key, fold_latin, is_arabic
from . import name_parts
from .city_parts import city_parts, misread
from .direction_areas import direction_locators, find_areas, nested_governorates, with_area_words
from .gaps import bare_gap, in_classifier_list
from .governorate_names import governorates, province_reports
from .lookalikes import (
    ORGANISATIONS,
    SETTLEMENT_CLASSIFIERS,
    bare_forms,
    has_classifier,
    non_event_use,
    rejection,
)
from .phrases import PhraseIndex
from .segmenting import Span, tokens, words_after, words_before
from .unlisted import find_unlisted
from .variant_names import variant_names
from .vetting import camps_by_bare_name, far_list_items, latin_article_ends, literal_choice

# People named by where they come from: «وجهاء تل رفعت», "residents of Afrin".
_PEOPLE = frozenset(
    {
        "وجهاء",
        "مهجري",
        "مهجرو",
        "مهجرين",
        "اهالي",
        "سكان",
        "ابناء",
        "نازحي",
        "عشائر",
        "residents",
        "notables",
        "natives",
        "displaced",
        "people",
        "tribes",
    }
)


@dataclass(frozen=True)
class PlaceHit:
    """One occurrence of a place in the text."""

    start: int
    end: int
    text: str
    place: Place
    score: float
    event_place: bool = True  # False for datelines and names used as names of something else
    note: str | None = None


@dataclass(frozen=True)
class Rejected:
    start: int
    end: int
    text: str
    reason: str


def _plural_forms(word: str) -> set[str]:
    """Dual and plural forms of one normalised Arabic word of a generic name (المربع الامني)."""
    forms = {word + "ين", word + "ان"}
    if word.endswith("ه"):
        forms |= {word[:-1] + "ات", word[:-1] + "تين", word[:-1] + "تان"}
    else:
        forms |= {word + "ات", word + "ه"}  # المربعات الامنيه
    return forms


class Toponyms:
    """Finds the places a text names. Build once per gazetteer; `find` is pure."""

    def __init__(self, gazetteer: Gazetteer, organisation_names: Sequence[str] = ()) -> None:
        self.gazetteer = gazetteer
        names = [*ORGANISATIONS, *(n for n in organisation_names if len(n.split()) >= 2)]
        self.organisations = PhraseIndex((n, n) for n in names)

    @cached_property
    def _generic_plurals(self) -> dict[str, tuple[str, ...]]:
        """Plural keys of names shared by several places -> those places."""
        out: dict[str, tuple[str, ...]] = {}
        for key, ids in self.gazetteer._index.items():
            if len(ids) < 2 or " " not in key:
                continue
            if is_arabic(key):
                words = key.split(" ")
                combos = [""]
                for w in words:
                    combos = [f"{c} {f}".strip() for c in combos for f in _plural_forms(w)]
                for c in combos:
                    out[c] = ids
        return out

    @cached_property
    def _generic_keys(self) -> frozenset[str]:
        return frozenset(k for k, ids in self.gazetteer._index.items() if len(ids) >= 2 and " " in k)

    def find(self, text: str, sentences: Sequence[Span]) -> tuple[list[PlaceHit], list[Rejected]]:
        """The places `text` names (by position) and the names it rejected, with why."""
        orgs = self.organisations.find(text)
        mentions, queries = self._mentions(text)
        hits: list[PlaceHit] = []
        rejected: list[Rejected] = []
        listed: set[int] = set()  # names taken as places only as items of a classifier's list
        # a name the report writes once with a classifier («بلدة X») is a place wherever it is
        classified = {key_of(m.text) for m in mentions if _classified(text, m)}
        read: dict[str, Place] = {}  # a name's known place as the report read it first
        for i, m in enumerate(mentions):
            reason = self._rejection(text, m, orgs)
            if reason:
                rejected.append(Rejected(m.start, m.end, m.text, reason))
                continue
            res = self.resolve_mention(
                text, m, sentences, mentions[i + 1 :], queries.get((m.start, m.end), m.text)
            )
            if res is None:
                continue
            place = literal_choice(m, res)
            if place.id not in self.gazetteer.curated:  # «دير حافر» read once as the town
                place = read.get(key_of(m.text), place)
            parent = self._locative_parent(text, m, mentions[i + 1 :])
            if why := misread(self.gazetteer, m, place, parent):
                rejected.append(Rejected(m.start, m.end, m.text, why))
                continue
            vetted = place.id in self.gazetteer.curated or key_of(m.text) in classified
            if not vetted and not in_classifier_list(text, m.start) and not _joined(text, hits, m):
                rejected.append(Rejected(m.start, m.end, m.text, "uncurated locality without a classifier"))
                continue
            listed |= set() if vetted else {m.start}
            event_place, note = non_event_use(text, m)
            hits.append(PlaceHit(m.start, m.end, m.text, place, res.score, event_place, note))
            if place.id in self.gazetteer.curated:
                read.setdefault(key_of(m.text), place)
        far = far_list_items(hits, listed)
        rejected += [
            Rejected(h.start, h.end, h.text, "a homonym far from the places it is listed with") for h in far
        ]
        hits = self._unknown_names(text, sentences, self._origins(text, [h for h in hits if h not in far]))
        areas, swallowed = find_areas(text, hits, self.gazetteer, _unlisted_hit)
        hits = with_area_words(text, [h for h in hits if h.start not in swallowed] + areas, self.gazetteer)
        hits = direction_locators(
            text, name_parts.double_names(text, sorted(hits, key=_start)), self.gazetteer
        )
        hits = province_reports(text, sorted(hits, key=lambda h: h.start), self.gazetteer)
        hits = camps_by_bare_name(governorates(text, hits, self.gazetteer))
        hits = sorted(hits + name_parts.posts_again(text, hits), key=_start)
        hits += self._nested_parents(hits) + nested_governorates(hits, self.gazetteer)
        hits += self._plurals(text, hits)
        hits.sort(key=lambda h: (h.start, h.place.id))
        return hits, rejected

    def _unknown_names(self, text: str, sentences: Sequence[Span], hits: list[PlaceHit]) -> list[PlaceHit]:
        """The places the gazetteer lacks as written: other spellings (`variant_names`), names
        with a classifier (`unlisted`), aliases (`name_parts.known_as`), parts of a city."""
        variants = variant_names(text, sentences, hits, self.gazetteer)
        hits = hits + [PlaceHit(v.start, v.end, v.text, v.place, v.score, True, v.note) for v in variants]
        hits.sort(key=_start)
        extra, swallowed = find_unlisted(text, sentences, hits, self.gazetteer, _unlisted_hit)
        hits = sorted([h for h in hits if h.start not in swallowed] + extra, key=_start)
        hits = name_parts.known_as(text, hits)
        return sorted(hits + city_parts(text, hits, _unlisted_hit), key=_start)

    def _rejection(self, text: str, m: Mention, orgs: Sequence) -> str | None:
        """Why a name is no place here (`lookalikes.rejection`, then `name_parts`), or None."""
        places = self.gazetteer.places
        reason = rejection(text, m, orgs, places) or name_parts.name_part(text, m, orgs)
        reason = reason or name_parts.seat_of_government(text, m, places)
        return None if reason == name_parts.SEAT_METONYMY and name_parts.seat_as_place(text, m) else reason

    def resolve_mention(
        self,
        text: str,
        m: Mention,
        sentences: Sequence[Span],
        following: Sequence[Mention],
        query: str | None = None,
    ) -> Resolution | None:
        """How `find` resolves one name: in its sentence, with the place written right after
        it (one of `following`, the mentions after it) as the parent hint. Also what
        `benchmarks/bench_geocoding.py` measures on labelled mentions."""
        starts = [s.start for s in sentences]
        return self.gazetteer.resolve(
            query or m.text,
            context=_context(text, m, sentences, starts),
            parent=self._locative_parent(text, m, following),
        )

    def _mentions(self, text: str) -> tuple[list[Mention], dict[tuple[int, int], str]]:
        """The gazetteer's mentions with the generic names, facility composites and split
        locatives; and the name to look each composite up by."""
        mentions = latin_article_ends(text, self._with_generics(text, self.gazetteer.find_mentions(text)))
        mentions, queries = self._facility_composites(text, mentions)
        return self._split_locatives(mentions), queries

    # -- composites ---------------------------------------------------------------------------

    @cached_property
    def _generic_names(self) -> PhraseIndex[str]:
        """Lower-case English names of two words or more ("security square", "military
        neighbourhood"): the gazetteer only looks for capitalised Latin names."""
        phrases = []
        for place in self.gazetteer.places.values():
            for name in place.all_names():
                t = name.text
                if not is_arabic(t) and " " in t.strip() and t == t.lower():
                    phrases.append((t, t))
        return PhraseIndex(phrases)

    def _with_generics(self, text: str, mentions: list[Mention]) -> list[Mention]:
        extra = []
        for f in self._generic_names.find(text):
            if any(m.start < f.end and f.start < m.end for m in mentions):
                continue
            ids = self.gazetteer.lookup(f.value)
            if ids:
                prev = words_before(text, f.start, 1)
                extra.append(Mention(f.start, f.end, f.text, ids, prev[-1] if prev else ""))
        return sorted([*mentions, *extra], key=lambda m: m.start) if extra else mentions

    def _split_locatives(self, mentions: list[Mention]) -> list[Mention]:
        """«المربع الأمني في الحسكة» is one gazetteer name but two mentions in the corpus's
        convention: the generic name and the place it is in."""
        out: list[Mention] = []
        for m in mentions:
            toks = tokens(m.text)
            split = None
            for k, t in enumerate(toks[1:-1], start=1):
                if t.norm in {"في", "in", "of"}:
                    split = (k, k + 1)
                    break
            if split is None and len(toks) >= 3 and toks[-1].arabic and toks[-1].key[:1] == "ب":
                split = (len(toks) - 1, len(toks) - 1)
            if split is None:
                out.append(m)
                continue
            head = m.text[: toks[split[0] - 1].end]
            tail_start = toks[split[1]].start
            tail = m.text[tail_start:]
            if tail and arabic_key(tail)[:1] == "ب" and split[0] == split[1]:
                tail_start += 1
                tail = m.text[tail_start:]
            head_ids, tail_ids = self.gazetteer.lookup(head), self.gazetteer.lookup(tail)
            if not head_ids or not tail_ids:
                out.append(m)
                continue
            out.append(Mention(m.start, m.start + len(head), head, head_ids, m.preceding))
            out.append(Mention(m.start + tail_start, m.end, tail, tail_ids, ""))
        return out

    def _facility_composites(
        self, text: str, mentions: list[Mention]
    ) -> tuple[list[Mention], dict[tuple[int, int], str]]:
        """«مطار مدينة القامشلي»: a facility word, a classifier, then a place -> the facility
        (with the name to look it up by)."""
        out: list[Mention] = []
        queries: dict[tuple[int, int], str] = {}
        for m in mentions:
            before = tokens(text[max(0, m.start - 40) : m.start])
            if len(before) >= 2 and m.place_ids:
                cls, fac = before[-1], before[-2]
                if cls.key in {"مدينه", "بلده", "city", "town"}:
                    query = f"{fac.text} {m.text}"
                    ids = self.gazetteer.lookup(query)
                    if ids:
                        start = max(0, m.start - 40) + fac.start
                        if out and out[-1].end > start:
                            out.pop()
                        queries[(start, m.end)] = query
                        out.append(Mention(start, m.end, text[start : m.end], ids, m.preceding))
                        continue
            out.append(m)
        return out, queries

    def _origins(self, text: str, hits: list[PlaceHit]) -> list[PlaceHit]:
        """«وجهاء ومهجري مدينة تل رفعت بريف حلب», "residents of Afrin": where people come from,
        with the places that locate it, is not where the event happens."""
        out: list[PlaceHit] = []
        origin = False
        for i, h in enumerate(hits):
            prev = [w for w in words_before(text, h.start, 3) if w not in SETTLEMENT_CLASSIFIERS]
            if prev and any(b in _PEOPLE for b in bare_forms(prev[-1])):
                origin = True
            elif not (origin and i and bare_gap(text[hits[i - 1].end : h.start]) == "in"):
                origin = False
            out.append(replace(h, event_place=False, note="where people come from") if origin else h)
        return out

    def _nested_parents(self, hits: list[PlaceHit]) -> list[PlaceHit]:
        """«مطار مدينة القامشلي» also names Qamishli, «جسر أريحا» Ariha, «طريق اللاذقية – حلب»
        Latakia and Aleppo: a settlement named inside a facility's name after its first word is
        a place too (where the facility is or goes, not an event place of its own): the
        facility's parent, else the city or town the name resolves to among the report's
        places."""
        out: list[PlaceHit] = []
        for h in hits:
            if h.place.kind != PlaceKind.FACILITY:
                continue
            skip = len(h.text.split(" ", 1)[0])  # «طريق اللاذقية – حلب»: not the whole name again
            if self._border_crossing(h):  # 'the Albu Kamal crossing': the border town it is at
                town = h.text.rsplit(" ", 1)[0]
                parent = self.gazetteer.places[h.place.parent or ""]
                note = "named inside a facility's name"
                out.append(PlaceHit(h.start, h.start + len(town), town, parent, 100.0, False, note))
                continue
            for m in self.gazetteer.find_mentions(h.text[skip:]):
                place = self._nested_place(h, m)
                if place is not None:
                    start, end = h.start + skip + m.start, h.start + skip + m.end
                    note = "named inside a facility's name"
                    out.append(PlaceHit(start, end, m.text, place, 100.0, False, note))
        return out

    def _nested_place(self, h: PlaceHit, m: Mention) -> Place | None:
        # «معبر سلمية»: a crossing is named for where it leads, not where it is
        crossing = bool(set(bare_forms(arabic_key(h.text.split(" ", 1)[0]))) & _CROSSING_WORDS)
        if h.place.parent in m.place_ids and not (crossing and h.place.id.startswith("unlisted-")):
            return self.gazetteer.places.get(h.place.parent or "")
        g = self.gazetteer
        towns = [g.places[i] for i in m.place_ids if i in g.curated and g.places[i].kind in _TOWNS]
        if len(towns) != 1 or crossing:
            return None

        def written(t: str) -> str:
            return arabic_key(t) if is_arabic(t) else fold_latin(t)

        # as written: 'Bab al-Salama' names no Salamiyah
        return towns[0] if written(m.text) in {written(n.text) for n in towns[0].all_names()} else None

    def _border_crossing(self, h: PlaceHit) -> bool:
        """'The Albu Kamal crossing': a Latin crossing of no list named after a town within
        about 10 km of Syria's border (a crossing inside the country is named for where it
        leads: «معبر سلمية»)."""
        parent = self.gazetteer.places.get(h.place.parent or "")
        syria = self.gazetteer.places.get("syria")
        if is_arabic(h.text) or not h.place.id.startswith("unlisted-") or parent is None or syria is None:
            return False
        if not re.search(r"\bcrossing$", h.text, re.I) or isinstance(syria.geometry, Point):
            return False
        lat, lon = parent.point
        return bool(syria.geometry.boundary.distance(Point(lon, lat)) * 111.0 <= _BORDER_KM)

    def _plurals(self, text: str, hits: list[PlaceHit]) -> list[PlaceHit]:
        """Dual and plural generic names, expanded over the places they are of."""
        plurals = self._generic_plurals
        toks = tokens(text)
        out: list[PlaceHit] = []
        for i in range(len(toks) - 1):
            pair = toks[i : i + 2]
            if pair[0].arabic:
                key = None
                for v in pair[0].forms:
                    cand = f"{v} {arabic_key(pair[1].text)}"
                    if cand in plurals:
                        key = cand
                        break
            else:
                last = pair[1].text
                cand = key_of(f"{pair[0].text} {last[:-1]}") if last.endswith("s") else ""
                key = cand if cand in self._generic_keys else None
            if key is None:
                continue
            ids = plurals.get(key) or self.gazetteer._index[key]
            start, end = pair[0].start, pair[1].end
            if is_arabic(pair[0].text):
                skip = len(arabic_key(pair[0].text)) - len(key.split(" ")[0])
                start += max(skip, 0)
            owners = self._owners_after(text, end, hits) or self._owners_before(text, start, hits)
            for pid in ids:
                place = self.gazetteer.places[pid]
                if owners and not (set(self.gazetteer.ancestors(place)) & owners):
                    continue
                out.append(PlaceHit(start, end, text[start:end], place, 100.0))
        return out

    def _owners_after(self, text: str, end: int, hits: list[PlaceHit]) -> set[str]:
        """Places written right after a plural generic: «بمدينتي الحسكة والقامشلي»."""
        owners: set[str] = set()
        pos = end
        for h in sorted(hits, key=lambda h: h.start):
            if h.start < pos:
                continue
            gap = bare_gap(text[pos : h.start])
            if gap is None:
                break
            owners.add(h.place.id)
            pos = h.end
        return owners

    def _owners_before(self, text: str, start: int, hits: list[PlaceHit]) -> set[str]:
        """«في المدينتين» after the squares: the last two cities named before."""
        after = words_after(text, start, 5)
        if not any(w in {"المدينتين", "المدينتان", "cities"} for w in after):
            return set()
        cities = [
            h.place.id for h in hits if h.end <= start and h.place.kind in (PlaceKind.CITY, PlaceKind.TOWN)
        ]
        return set(list(dict.fromkeys(reversed(cities)))[:2])

    def _locative_parent(self, text: str, m: Mention, following: Sequence[Mention]) -> str | None:
        """The place written right after a name, joined by في / بـ / "in" / a classifier; not
        across a line break (a headline's last word and the dateline), nor the name again."""
        for nxt in following[:1]:
            between = text[m.end : nxt.start]
            if "\n" in between or (m.place_ids and set(nxt.place_ids) == set(m.place_ids)):
                return None
            gap = bare_gap(between)
            if gap is not None and gap != "and" and nxt.place_ids:
                return nxt.place_ids[0] if len(nxt.place_ids) == 1 else _best(self.gazetteer, nxt)
        return None


_TOWNS = (PlaceKind.CITY, PlaceKind.TOWN)
_CROSSING_WORDS = frozenset({"معبر", "crossing"})
_BORDER_KM = 10.0


_CLASSIFIERS_AFTER = frozenset({"town", "village", "city"})
_NAMED_AFTER = frozenset({"طريق", "جسر", "دوار", "قلعه", "محطه"})


def _classified(text: str, m: Mention) -> bool:
    """A classifier before the name («بلدة X», "the town of X"), or after a Latin one ("in
    Binnish town")."""
    after = words_after(text, m.end, 1)
    latin_after = not is_arabic(m.text) and bool(after) and after[0].lower() in _CLASSIFIERS_AFTER
    before = words_before(text, m.start, 1)
    # «طريق خناصر», «جسر X»: a road or a site named after the place
    named_after = is_arabic(m.text) and bool(before) and bool(set(bare_forms(before[-1])) & _NAMED_AFTER)
    return latin_after or named_after or has_classifier(text, m)


def _joined(text: str, hits: list[PlaceHit], m: Mention) -> bool:
    """A name joined by a comma or "and" to the settlement named right before it ("Tafas, X and
    Y"): an item of a list of places (kept only near the others: `far_list_items`)."""
    prev = hits[-1] if hits else None
    return (
        prev is not None
        and prev.place.kind in (PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE)
        and bare_gap(text[prev.end : m.start]) == "and"
        and "," in text[prev.end : m.start] + ("," if is_arabic(m.text) else "")
    )


def _start(h: PlaceHit) -> int:
    return h.start


def _unlisted_hit(start: int, end: int, text: str, place: Place, note: str) -> PlaceHit:
    return PlaceHit(start, end, text, place, 50.0, True, note)


def _context(text: str, m: Mention, sentences: Sequence[Span], sent_starts: Sequence[int]) -> str:
    """What a name is resolved in: its sentence (or 200 characters around it); nothing for a
    name of one place, where context cannot matter (a name the index lacks as written may
    have many candidates: it gets its sentence)."""
    if len(m.place_ids) == 1:  # none: a variant or misspelling, whose candidates may be many
        return ""
    k = bisect_right(sent_starts, m.start) - 1
    sentence = sentences[k] if k >= 0 and m.start < sentences[k].end else None
    return sentence.text if sentence else text[max(0, m.start - 200) : m.end + 200]


def _best(gazetteer: Gazetteer, m: Mention) -> str | None:
    res = gazetteer.resolve(m.text)
    return res.place.id if res else None
