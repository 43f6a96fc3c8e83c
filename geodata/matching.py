"""How a written name is compared with a listed one: words, keys, and the score of a match.

- `tokenize` splits text into words the way the gazetteer reads names (an English possessive
  and quote marks dropped, Arabic diacritics kept inside the word).
- `key_of` is the index key of a name (`normalize.arabic_key`, or `latin_key` of its words
  after a leading article): two spellings match when their keys are equal.
- `spelling_score`: a phonetic key is coarse ('xyzzy' and the village 'Hisya' share the key
  'his'), so a match is also scored on the spellings themselves, folded (case, diacritics,
  apostrophes, article): the score of a match is the mean of the key's similarity (100 when
  the keys are equal) and the best spelling similarity (rapidfuzz `ratio`) with a name that
  has that key. Arabic keys only fold letter forms, so there the two are one.
  `MIN_SCORE` (70) is the documented threshold: below it a candidate is no match. So
  'Kamishli' for Qamishli scores 94, 'Tel Rifat' for Tal Rifaat about 90, and 'xyzzy' for
  'Hisya' 60: no match.
- `FuzzyPool`: keys that are no exact match are compared (rapidfuzz `ratio` >= FUZZY_CUTOFF)
  only with the keys that begin with the same letter (after «ال») and have a close length; no misspelling
  at the first letter survives the key's folding anyway, and the pool stays a few hundred keys
  out of tens of thousands (well under a millisecond).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz import fuzz, process

from .model import PlaceKind
from .normalize import (
    ARABIC_DIACRITICS,
    LATIN_ARTICLES,
    arabic_key,
    arabic_variants,
    fold_latin,
    is_arabic,
    latin_key,
)
from .place_words import DIRECTION_BEARINGS

TOKEN = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640'’ʿʾ‘]+")
MIN_SCORE = 70.0
FUZZY_CUTOFF = 82.0


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @cached_property
    def arabic(self) -> bool:
        return is_arabic(self.text)


def tokenize(text: str) -> list[Token]:
    tokens = []
    for m in TOKEN.finditer(text):
        word, end = m.group(), m.end()
        for suffix in ("'s", "’s"):  # English possessive: "Qamishli's"
            if word.endswith(suffix) and len(word) > 3:
                word, end = word[: -len(suffix)], end - len(suffix)
        word = word.strip("'’ʿʾ‘")
        if word:
            start = m.start() + m.group().index(word[0])
            tokens.append(Token(start, end, word))
    return tokens


def latin_span_key(words: Sequence[str]) -> str:
    while words and fold_latin(words[0]) in LATIN_ARTICLES:
        words = words[1:]
    return latin_key(" ".join(words)) if words else ""


@lru_cache(maxsize=200_000)
def key_of(name: str) -> str:
    """The index key of a name, computed the same way for the index and for mentions."""
    if is_arabic(name):
        return arabic_key(name)
    return latin_span_key([t.text for t in tokenize(name)])


@lru_cache(maxsize=100_000)
def folded(name: str) -> str:
    """A spelling as compared by `spelling_score`: folded, without a leading article."""
    if is_arabic(name):
        return arabic_key(name)
    words = fold_latin(name).split(" ")
    while len(words) > 1 and words[0] in LATIN_ARTICLES:
        words = words[1:]
    return " ".join(words)


def spelling_score(mention: str, names: Iterable[str], key_similarity: float = 100.0) -> float:
    """The score of a match of `mention` with a key shared by `names` (see the module
    docstring): 0-100, one decimal."""
    if is_arabic(mention):
        return round(key_similarity, 1)
    want = folded(mention)
    best = max((fuzz.ratio(want, folded(n)) for n in names), default=0.0)
    return round((key_similarity + best) / 2, 1)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def original_offset(word: str, letters: int) -> int:
    """Index in `word` after its first `letters` letters, diacritics not counted."""
    seen = 0
    for pos, char in enumerate(word):
        if seen == letters:
            return pos
        if not ARABIC_DIACRITICS.match(char):
            seen += 1
    return len(word)


class FuzzyPool:
    """The index keys by first letter and length, for fuzzy matching (see the module docstring).
    An Arabic key's letter is the first after its article («ال» begins half the keys)."""

    def __init__(self, keys: Iterable[str]) -> None:
        buckets: dict[str, list[tuple[int, str]]] = {}
        for k in keys:
            if k:
                buckets.setdefault(self._letter(k), []).append((len(k), k))
        self._lengths: dict[str, list[int]] = {}
        self._keys: dict[str, list[str]] = {}
        for letter, items in buckets.items():
            items.sort()
            self._lengths[letter] = [n for n, _ in items]
            self._keys[letter] = [k for _, k in items]

    @staticmethod
    def _letter(key: str) -> str:
        return key[2:3] if key.startswith("ال") and len(key) > 2 else key[:1]

    def near(self, key: str) -> list[str]:
        """Keys that could reach FUZZY_CUTOFF against `key`: same first letter, and a length
        within what `ratio` >= FUZZY_CUTOFF allows."""
        letter = self._letter(key)
        lengths = self._lengths.get(letter, [])
        slack = math.ceil(len(key) * (100 - FUZZY_CUTOFF) / FUZZY_CUTOFF) + 1
        lo = bisect.bisect_left(lengths, len(key) - slack)
        hi = bisect.bisect_right(lengths, len(key) + slack)
        return self._keys.get(letter, [])[lo:hi]

    def matches(self, key: str) -> list[tuple[str, float]]:
        """The ten keys closest to `key` with `ratio` >= FUZZY_CUTOFF, best first."""
        found = process.extract(key, self.near(key), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=10)
        return [(k, float(score)) for k, score, _ in found]


# Direction words: a fuzzy match never turns one into another ("northwest Syria" is no
# misspelt "northeast Syria", «ريف حلب الغربي» no misspelt «ريف حلب الشرقي»).
_DIRECTIONS = frozenset(key_of(w) for w in DIRECTION_BEARINGS)


def same_words(key: str, other: str) -> bool:
    """Whether a fuzzy match of two keys is a misspelling within words: as many words (or
    the same letters once the spaces go), and the same direction words."""
    words, others = key.split(" "), other.split(" ")
    if len(words) == len(others):  # a misspelt direction word may match, another one never
        return all(
            fuzz.ratio(a, b) >= 75 and (a == b or a not in _DIRECTIONS or b not in _DIRECTIONS)
            for a, b in zip(words, others, strict=True)
        )
    if [w for w in words if w in _DIRECTIONS] != [w for w in others if w in _DIRECTIONS]:
        return False
    return fuzz.ratio(key.replace(" ", ""), other.replace(" ", "")) >= FUZZY_CUTOFF


# English words after a name that say its kind ("Idlib province", "Manbij city") and before it
# ("the city of Manbij"); the Arabic ones come before it («مدينة منبج», «بلدة تل تمر»).
_LATIN_AFTER = frozenset(
    {
        "city",
        "town",
        "village",
        "region",
        "area",
        "province",
        "governorate",
        "district",
        "subdistrict",
        "neighbourhood",
        "neighborhood",
        "canton",
    }
)
_AREA_OF = frozenset({"area", "region", "zone", "countryside"})
_LATIN_BEFORE = frozenset({"city", "town", "village", "the", "of", "mount", "mt"})
# «شرقي سوريا» is «شرق سوريا», «سورية» «سوريا»: a direction with or without its nisba ya, a name
# ending in «ية» or «يا».
_ARABIC_ENDINGS = {
    **{d: d + "ي" for d in ("شمال", "جنوب", "شرق", "غرب")},
    **{d + "ي": d for d in ("شمال", "جنوب", "شرق", "غرب")},
}
_FINAL_YA = {"يه": "يا", "يا": "يه"}
_ARABIC_FUSED = re.compile(r"^(\w{2,}?)(ال\w{3,})$")  # «ديرالزور»: a space lost before «ال»


def written_variants(
    mention: str, classifiers: Mapping[str, frozenset[PlaceKind]]
) -> list[tuple[str, float, frozenset[PlaceKind]]]:
    """Other ways to read a mention the index does not have as written, each with the
    similarity it is scored with and the kinds a dropped classifier word names:
    - the classifier words dropped («مدينة منبج», "Idlib province", "the town of Azaz"; also
      after the first word: «مطار مدينة القامشلي» is «مطار القامشلي»);
    - a space lost before an Arabic article restored («ديرالزور»);
    - a direction with or without its nisba ya («شرقي»/«شرق»), a final «ية» or «يا»
      («سورية»/«سوريا»).
    The article toggled on an Arabic name is the gazetteer's (`Gazetteer._key_found`)."""
    words = mention.split()
    out: list[tuple[str, float, frozenset[PlaceKind]]] = []
    if not words:
        return out
    if is_arabic(mention):
        first = next((v for v in arabic_variants(words[0]) if v in classifiers), None)
        # «ريف X» is a region and «مطار X» an airport of their own: those words stay
        if (
            first is not None
            and len(words) > 1
            and "ريف" not in first
            and PlaceKind.FACILITY not in classifiers[first]
        ):
            out.append((" ".join(words[1:]), 100.0, classifiers[first]))
        inner = [w for i, w in enumerate(words) if i == 0 or arabic_key(w) not in classifiers]
        if 1 < len(inner) < len(words):
            out.append((" ".join(inner), 100.0, frozenset()))
        keys = [arabic_key(w) for w in words]
        fused = [_ARABIC_FUSED.sub(r"\1 \2", k) for k in keys]
        if fused != keys:
            out.append((" ".join(fused), 95.0, frozenset()))
        directions = [_ARABIC_ENDINGS.get(k, k) for k in keys]
        endings = [
            k[:-2] + _FINAL_YA[k[-2:]] if k[-2:] in _FINAL_YA and len(k) > 4 else k for k in directions
        ]
        out += [
            (" ".join(v), 95.0, frozenset())
            for v in (
                directions,
                endings,
                [k[:-2] + _FINAL_YA[k[-2:]] if k[-2:] in _FINAL_YA and len(k) > 4 else k for k in keys],
            )
            if v != keys
        ]
        return out
    return _latin_variants(words, classifiers)


def _latin_variants(
    words: list[str], classifiers: Mapping[str, frozenset[PlaceKind]]
) -> list[tuple[str, float, frozenset[PlaceKind]]]:
    """`written_variants` of a Latin mention: "the area of (Operation) X" as "X area", and
    the classifier words before and after it dropped."""
    out: list[tuple[str, float, frozenset[PlaceKind]]] = []
    n_words = len(words)
    low = [fold_latin(w) for w in words]
    kinds: frozenset[PlaceKind] = frozenset()
    head = 1 if low[0] == "the" else 0
    if len(words) > head + 2 and low[head] in _AREA_OF and low[head + 1] == "of":
        rest = [
            w
            for w, lw in zip(words[head + 2 :], low[head + 2 :], strict=True)
            if lw not in {"the", "operation"}
        ]
        if rest:
            out.append((" ".join([*rest, words[head]]), 100.0, classifiers.get(low[head], frozenset())))
    while len(words) > 1 and low[-1] in _LATIN_AFTER:
        kinds |= classifiers.get(low[-1], frozenset())
        words, low = words[:-1], low[:-1]
    while len(words) > 1 and low[0] in _LATIN_BEFORE:
        kinds |= classifiers.get(low[0], frozenset())
        words, low = words[1:], low[1:]
    if len(words) < n_words:
        out.append((" ".join(words), 100.0, kinds))
    return out
