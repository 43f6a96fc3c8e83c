"""Places named in running text: which gazetteer names in a report are places, which place each
one is, and which only look like places.

The gazetteer finds every known name (`Gazetteer.find_mentions`, clitics stripped); this module
then
- rejects what is not a place: a toponym inside an organisation or outlet name (قوات سوريا
  الديمقراطية، مجلس دير الزور العسكري، Manbij Military Council, تلفزيون سوريا), the seat of
  government standing for the government («حكومة دمشق», "Damascus said", "Pro-Damascus",
  "SDF-Damascus"), Al Jazeera the channel, Tishreen the month, a time zone after a clock time
  ("18:14 دمشق"), common words that are also village names («الثورة», «الباب», «قنوات») unless
  a classifier (مدينة، بلدة، قرية، "town of") says they are places, and unvetted GeoNames
  localities without such a classifier;
- marks datelines ("ALEPPO —", "ERBIL (Kurdistan 24) –", «القامشلي - نورث برس») and names used
  as the name of something else («نموذج “مدينة منبج”») as places that are not where an event
  happened (`event_place=False`);
- resolves each name in the context of its sentence, with the place written right after it
  («المربع الأمني بمدينة القامشلي», "the security square in Hasakah") as the strongest hint;
- expands a dual or plural generic name over the places that follow it: «المربعين الأمنيين
  بمدينتي الحسكة والقامشلي» is both security squares, «حول المربعين الأمنيين في المدينتين» the
  squares of the two cities named before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from ..gazetteer import CLASSIFIERS, Gazetteer, Mention, key_of
from ..model import Place, PlaceKind
from ..normalize import arabic_key, arabic_variants, fold_latin, is_arabic
from .phrases import PhraseIndex
from .segmenting import Span, tokens, words_after, words_before

# Outlets and organisations whose names contain a toponym (besides the actor lexicon).
ORGANISATIONS: tuple[str, ...] = (
    "تلفزيون سوريا", "تلفزيون سورية", "Syria TV", "Syria Television", "سوريا مباشر", "Syria Direct",
    "Syria Direct", "Kurdistan 24", "Kurdistan24", "North Press", "نورث برس", "عين الفرات",
    "فرات بوست", "Euphrates Post", "الفرات بوست", "دير الزور 24", "Deir Ezzor 24", "Deir ez-Zor 24",
    "حلب اليوم", "Halab Today", "Aleppo Today", "الجزيرة نت", "Al Jazeera", "Al-Jazeera", "Aljazeera",
    "قناة الجزيرة", "شبكة الجزيرة", "المرصد السوري لحقوق الإنسان", "Syrian Observatory for Human Rights",
    "الإدارة الذاتية لشمال وشرق سوريا", "الإدارة الذاتية لشمال شرق سوريا", "الادارة الذاتية لشمال وشرق سوريا",
    "Autonomous Administration of North and East Syria", "Democratic Autonomous Administration",
    "Syrian Arab Republic", "الجمهورية العربية السورية", "Free Syrian Army", "الجيش السوري الحر",
    "Aleppo provincial council", "Aleppo Provincial Council", "مجلس محافظة حلب",
    "جامعة دمشق", "Damascus University", "جامعة حلب", "Aleppo University", "University of Aleppo",
    "مجلس سوريا الديمقراطية", "مجلس سورية الديمقراطية", "Syrian Democratic Council",
    "الائتلاف الوطني السوري", "Syrian National Coalition", "الرقة تذبح بصمت",
    "Raqqa is Being Slaughtered Silently",
)

# Words before a toponym that make it part of a name of an organisation or outlet.
_ORG_BEFORE_AR = {"مجلس", "تلفزيون", "قناه", "اذاعه", "راديو", "جامعه", "وكاله", "شبكه", "حكومه", "نظام",
                  "تنسيقيه", "مرصد", "صحيفه", "جريده", "مجله", "سلطات", "ميليشيا", "كتائب", "لواء",
                  "فرقه", "جبهه", "حركه", "تجمع", "ائتلاف"}
_ORG_AFTER_EN = re.compile(
    r"^[\s’'s]*(?:Military Council|Civil Council|Civilian Council|Council|council|TV|Television|Post|"
    r"Press|News|Times|Today|24|University|Media Center|Media Office|Observatory|Radio|Network|"
    r"administration|Administration|government|Government|regime|authorities|Authorities|forces|"
    r"Forces|model|Model|format)\b"
)
_ORG_AFTER_AR = {"العسكري", "المدني", "اليوم", "بوست", "نت", "الحره", "الديمقراطيه"}
# A seat of government named for the government: «حكومة دمشق», "Damascus said".
GOVERNMENT_SEATS = frozenset({"damascus"})
_LOCATIVE_AR = {"في", "الي", "من", "داخل", "قرب", "حول", "محيط", "ريف", "مدينه", "بمدينه", "العاصمه"}
_LOCATIVE_EN = {"in", "near", "outside", "around", "at", "inside"}
_GOVERNMENT_WORDS = {"government", "regime", "authorities", "administration", "side", "central",
                     "حكومه", "نظام", "سلطات", "الحكومه", "النظام", "السلطات", "المركزيه"}
_AR_DATELINE = re.compile(r"^\s*[-–—]\s*[^\s:.،]+(?:\s+[^\s:.،]+){0,2}\s*(?::|[-–—]|\n|$)")
_DIRECTIONS = {"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "north", "south", "east",
               "west", "northeast", "northwest", "southeast", "southwest", "north-east", "south-east",
               "north-west", "south-west"}
_AGREEMENT_NAME = re.compile(r"^[\s’']*(?:s\s)?(?:agreement|deal|accord|model|format)\b")
# "Aleppo’s Kurdish neighborhoods": the city only says where places named later are.
_POSSESSIVE_SETTING = re.compile(
    r"^(?:’s?|'s?)\s+(?:\S+\s+){0,2}(?:neighbou?rhoods|districts|villages|towns|areas)\b")
_ADJECTIVAL = re.compile(r"^[-–](?:backed|led|held|based|affiliated|aligned|controlled)")
# Channel vs region: «الجزيرة» after these words (or before نت) is Al Jazeera.
_CHANNEL_BEFORE = {"قناه", "كاميرا", "مراسل", "مراسله", "موقع", "شبكه", "لقناه", "تلفزيون", "مذيع",
                   "ل", "لـ", "حسب", "بحسب", "وفق", "قال", "قالت", "وقال", "وافاد"}
_MONTHS_AFTER = {"الاول", "الثاني", "اول", "ثاني", "al", "awal", "thani", "first", "second", "el"}
# People named by where they come from: «وجهاء تل رفعت», "residents of Afrin".
_PEOPLE = frozenset({"وجهاء", "مهجري", "مهجرو", "مهجرين", "اهالي", "سكان", "ابناء", "نازحي", "عشائر",
                     "residents", "notables", "natives", "displaced", "people", "tribes"})
# Common words that are also names of places: a place only after a classifier.
COMMON_WORDS = frozenset((arabic_key(w) if is_arabic(w) else fold_latin(w)) for w in (
    "الثورة", "الكرامة", "الباب", "الراعي", "الشيوخ", "الهول", "الحول", "التبني", "سلوك", "نبل",
    "بلبل", "الجزيرة", "الزهراء", "المنصورة", "السبخة", "الكسرة", "السوسة", "قنوات", "جديدة", "التل",
    "السجن", "الشجرة", "الروضة", "الحمراء", "الزيارة", "ملح", "بصير", "شين", "السودا", "الجلاء",
    "الخابور", "المعرة", "حارم", "الدانا", "تسيل", "الشيخ", "الناصرة", "الحاضر", "القبو", "سبة",
    "Bab", "Hol", "Rai", "Mare", "Dana", "Harem", "Karama", "Mansura", "Sabkha",
))
SETTLEMENT_CLASSIFIERS = frozenset({
    "مدينه", "مدينتي", "المدينه", "بلده", "بلدتي", "البلده", "قريه", "قريتي", "القريه", "قري", "بلدات",
    "مدن", "ناحيه", "مخيم", "حي", "حيي", "احياء", "منطقه", "مناطق", "بلدتا", "قريتا", "مدينتا",
    "city", "town", "village", "villages", "towns", "cities", "hamlet", "district", "subdistrict",
    "neighbourhood", "neighborhood", "camp",
})


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


def _bare(word: str) -> list[str]:
    """A normalised word and its forms without proclitics and article."""
    out = arabic_variants(word) if is_arabic(word) else [word]
    more = [w[2:] for w in out if w.startswith("ال") and len(w) > 3]
    return out + more


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
        orgs = self.organisations.find(text)
        hits: list[PlaceHit] = []
        rejected: list[Rejected] = []
        sent_starts = [s.start for s in sentences]
        mentions = self._with_generics(text, self.gazetteer.find_mentions(text))
        mentions, queries = self._facility_composites(text, mentions)
        mentions = self._split_locatives(text, mentions)
        for i, m in enumerate(mentions):
            reason = self._reject(text, m, orgs)
            if reason:
                rejected.append(Rejected(m.start, m.end, m.text, reason))
                continue
            k = bisect_right(sent_starts, m.start) - 1
            sentence = sentences[k] if k >= 0 and m.start < sentences[k].end else None
            # Context only matters between candidates: skip the scan for unambiguous names.
            context = "" if len(m.place_ids) < 2 else (
                sentence.text if sentence else text[max(0, m.start - 200) : m.end + 200])
            parent = self._locative_parent(text, m, mentions[i + 1 :])
            query = queries.get((m.start, m.end), m.text)
            res = self.gazetteer.resolve(query, context=context, parent=parent)
            if res is None:
                continue
            res_place = _literal_choice(self.gazetteer, m, res)
            if res_place.id not in self.gazetteer.curated and not self._has_classifier(text, m):
                rejected.append(Rejected(m.start, m.end, m.text, "uncurated locality without a classifier"))
                continue
            event_place, note = True, None
            if self._is_dateline(text, m):
                event_place, note = False, "dateline"
            elif self._is_model_name(text, m):
                event_place, note = False, "name of an agreement model"
            elif self._after_direction(text, m):
                note = "direction reference"  # «جنوب شرقي منبج»: a locator if anything else
            elif _AGREEMENT_NAME.match(text[m.end : m.end + 20]):
                event_place, note = False, "name of an agreement"
            elif _POSSESSIVE_SETTING.match(text[m.end : m.end + 50]):
                event_place, note = False, "locates places named later"
            hits.append(PlaceHit(m.start, m.end, m.text, res_place, res.score, event_place, note))
        hits = self._origins(text, hits)
        hits += self._nested_parents(text, hits)
        hits += self._plurals(text, hits, orgs)
        hits.sort(key=lambda h: (h.start, h.place.id))
        return hits, rejected

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

    def _split_locatives(self, text: str, mentions: list[Mention]) -> list[Mention]:
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

    def _facility_composites(self, text: str, mentions: list[Mention]
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
            if prev and any(b in _PEOPLE for b in _bare(prev[-1])):
                origin = True
            elif not (origin and i and bare_gap(text[hits[i - 1].end : h.start]) == "in"):
                origin = False
            out.append(replace(h, event_place=False, note="where people come from") if origin else h)
        return out

    def _nested_parents(self, text: str, hits: list[PlaceHit]) -> list[PlaceHit]:
        """«مطار مدينة القامشلي» also names Qamishli: the parent named at the end of a facility's
        name is a place too (where the facility is, not an event place of its own)."""
        out = []
        for h in hits:
            if h.place.kind != PlaceKind.FACILITY or not h.place.parent:
                continue
            parent = self.gazetteer.places.get(h.place.parent)
            if parent is None:
                continue
            for m in self.gazetteer.find_mentions(h.text):
                if m.start > 0 and parent.id in m.place_ids:
                    out.append(PlaceHit(h.start + m.start, h.start + m.end, m.text, parent, 100.0,
                                        False, "named inside a facility's name"))
        return out

    def _plurals(self, text: str, hits: list[PlaceHit], orgs: list) -> list[PlaceHit]:
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
        cities = [h.place.id for h in hits if h.end <= start and h.place.kind in (PlaceKind.CITY,
                                                                                 PlaceKind.TOWN)]
        return set(list(dict.fromkeys(reversed(cities)))[:2])

    # -- rejection ----------------------------------------------------------------------------

    def _reject(self, text: str, m: Mention, orgs: list) -> str | None:
        k = bisect_right([o.start for o in orgs], m.end)
        for o in orgs[max(0, k - 3) : k]:  # names are short: only the nearest can overlap
            if o.start < m.end and m.start < o.end and not (m.start <= o.start and o.end <= m.end
                                                            and (o.start, o.end) != (m.start, m.end)):
                return f"inside the name {o.text!r}"
        prev = words_before(text, m.start, 3)
        nxt = words_after(text, m.end, 2)
        key = arabic_key(m.text) if is_arabic(m.text) else fold_latin(m.text)
        if is_arabic(m.text):
            p = prev[-1] if prev else ""
            if p in _ORG_BEFORE_AR or (p and p[0] in "وبل" and p[1:] in _ORG_BEFORE_AR):
                return f"part of an organisation name after {p!r}"
            if nxt and nxt[0] in _ORG_AFTER_AR and p in {"مجلس"}:
                return "part of an organisation name"
        else:
            if _ORG_AFTER_EN.match(text[m.end : m.end + 40]):
                return "part of an organisation name"
            before = text[max(0, m.start - 2) : m.start]
            if len(before) == 2 and before[1] in "-–" and before[0].isalnum():
                return "part of a compound (Pro-Damascus, SDF-Damascus)"
            if _ADJECTIVAL.match(text[m.end : m.end + 14]):
                return "an adjective (Damascus-backed)"
        glued = text[m.start - 1 : m.start] if m.start else ""
        if glued in {"ف", "ك"} and " " not in m.text and not key.startswith("ال"):
            return "a word that only looks like a name once «ف»/«ك» is taken off (فرقة)"
        if re.search(r"\d{1,2}:\d{2}\s*$", text[max(0, m.start - 12) : m.start]):
            return "a time zone after a clock time"
        if "جزير" in key or "jazeera" in fold_latin(m.text).replace(" ", ""):
            if prev and (prev[-1] in _CHANNEL_BEFORE or prev[-1].startswith("لل")):
                return "Al Jazeera, the channel"
            if nxt and nxt[0] in {"نت", "net", "mubasher", "مباشر"}:
                return "Al Jazeera, the channel"
            if "jazeera" in fold_latin(m.text).replace(" ", "") and not (nxt and nxt[0] == "region"):
                return "Al Jazeera, the channel"
        if any(w in {"تشرين", "tishreen", "tishrin", "teshreen"} for w in key.split()):
            if (nxt and nxt[0] in _MONTHS_AFTER) or re.search(r"\d\s*$", text[max(0, m.start - 4) : m.start]):
                return "Tishreen, the month"
        if self._is_seat_metonymy(text, m, prev, nxt):
            return "the seat of government standing for the government"
        bare = set(_bare(key)) | {key}
        if bare & COMMON_WORDS and not self._has_classifier(text, m):
            return "a common word that is also a place name"
        return None

    def _is_seat_metonymy(self, text: str, m: Mention, prev: Sequence[str], nxt: Sequence[str]) -> bool:
        """Damascus is a place only where the text puts something in it: «في دمشق», «بدمشق»,
        "in Damascus", and not "the government in Damascus"."""
        if not any(fold_latin(self.gazetteer.places[pid].name_en) in GOVERNMENT_SEATS
                   for pid in m.place_ids):
            return False
        p1 = prev[-1] if prev else ""
        p2 = prev[-2] if len(prev) > 1 else ""
        if re.match(r"^(?:’|'|’s|'s)\s", text[m.end : m.end + 4]):
            return True  # "Damascus’ General Security Service"
        glued = text[m.start - 1 : m.start] if m.start else ""
        if glued in {"ب", "ل"} or p1 in {"بدمشق"}:
            return p2 in _GOVERNMENT_WORDS
        if p1 in {"in", "of", "في"} and p2 in _GOVERNMENT_WORDS:
            return True
        return not (p1 in _LOCATIVE_AR or p1 in _LOCATIVE_EN)

    # -- roles --------------------------------------------------------------------------------

    def _has_classifier(self, text: str, m: Mention) -> bool:
        prev = words_before(text, m.start, 3)
        while prev and prev[-1] in {"of", "the"}:  # "the town of X"
            prev = prev[:-1]
        if not prev:
            return False
        return any(b in SETTLEMENT_CLASSIFIERS or b in CLASSIFIERS for b in _bare(prev[-1]))

    def _is_dateline(self, text: str, m: Mention) -> bool:
        line_start = text.rfind("\n", 0, m.start) + 1
        head = text[line_start : m.start]
        if re.fullmatch(r"[A-Z][A-Z .'’-]{1,40},\s*", head):
            return True  # "QAMISHLI, Syria (North Press) –": the country of a dateline
        if head.strip(" \t“\"'"):
            return False
        after = text[m.end : m.end + 60]
        latin = not is_arabic(m.text)
        if latin and m.text.isupper() and re.match(r"^[\sA-Z,]*(?:\(|[-–—])", after):
            return True  # "ALEPPO —", "ALEPPO NORTHERN COUNTRYSIDE, Syria (North Press) –"
        if latin and re.match(r"^,?\s*(?:[A-Z][a-z]+\s*)?\([^)]{2,40}\)\s*[-–—]", after):
            return True  # "Qamishli (North Press) –"
        # «القامشلي – نورث برس:», «دمشق - سانا»: a place, a dash, an outlet of up to three words.
        return bool(is_arabic(m.text) and _AR_DATELINE.match(after))

    def _after_direction(self, text: str, m: Mention) -> bool:
        """«جنوب شرقي منبج», "southeast of Kobani", "north of Manbij"."""
        prev = words_before(text, m.start, 2)
        if not prev:
            return False
        last = prev[-1]
        if last == "of" and len(prev) > 1:
            last = prev[-2]
        bare = last.removeprefix("و").removeprefix("ال")
        return bare in _DIRECTIONS

    def _is_model_name(self, text: str, m: Mention) -> bool:
        prev = words_before(text, m.start, 3)
        return any(w in {"نموذج", "model", "صيغه", "غرار", "format"} for w in prev)

    def _locative_parent(self, text: str, m: Mention, following: Sequence[Mention]) -> str | None:
        """The place written right after a name, joined by في / بـ / "in" / a classifier."""
        for nxt in following[:1]:
            gap = bare_gap(text[m.end : nxt.start])
            if gap is not None and gap != "and" and nxt.place_ids:
                return nxt.place_ids[0] if len(nxt.place_ids) == 1 else _best(self.gazetteer, nxt)
        return None


def _literal_choice(gazetteer: Gazetteer, m: Mention, res) -> Place:
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


def _best(gazetteer: Gazetteer, m: Mention) -> str | None:
    res = gazetteer.resolve(m.text)
    return res.place.id if res else None


_GAP_WORDS = {"في", "ب", "بمدينه", "بمدينتي", "مدينه", "مدينتي", "بحي", "حي", "in", "the", "city", "of",
              "cities", "town", "بريف", "ريف", "داخل", "وسط", "بلده", "ببلده", "منطقه", "بمنطقه", "at"}
_AND_WORDS = {"و", "and", ","}


@lru_cache(maxsize=8192)
def bare_gap(gap: str) -> str | None:
    """'in' when the text between two names only locates the first in the second; 'and' when it
    joins them; None otherwise."""
    words = [t.key for t in tokens(gap)]
    stripped = gap.strip(" \t“”\"'«»()")
    if not words and not stripped:
        return "in"
    if not words and stripped in {",", "،"}:
        return "and"
    kind = "in"
    for w in words:
        if w in _GAP_WORDS or w in SETTLEMENT_CLASSIFIERS:
            continue
        if w in _AND_WORDS or (w.startswith("و") and (w[1:] in _GAP_WORDS
                                                      or w[1:] in SETTLEMENT_CLASSIFIERS)):
            kind = "and"
            continue
        return None
    return kind
