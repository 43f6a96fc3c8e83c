"""The gazetteer: every known place, and how a written name becomes one of them.

Two layers of places: the curated ones (`places.geojson`: towns with every spelling, security
squares, facilities, regions named by direction) on top of the reference ones (`reference.py`:
OCHA's districts, sub-districts and neighbourhoods and the ~8,000 communities of the REACH/IOM
lists). A reference place that a curated place stands for (same p-code or GeoNames id) is left
out, and its children hang from the curated place instead.

How «الشهباء» is resolved: every name of every place is indexed under its matching key
(`matching.key_of`); a mention finds its candidates by key (stripping Arabic proclitics when
the bare form is unknown), then by another way to write it (`matching.written_variants`; the
Arabic article toggled, scored 90), or failing that by fuzzy match (`matching.FuzzyPool`,
`matching.same_words`). Each
candidate has a score (`matching.spelling_score`); below `MIN_SCORE` (70) it is no match, so
"xyzzy" names nothing. Candidates are ranked by
    score x prior x (1 + 4 x context bonus + 1.5 if the kind fits)
where the context bonus rewards a candidate whose parent, sub-district, district or governorate
is named nearby («ريف حلب الشمالي», «بمدينة الحسكة», «ناحية رأس العين»: 1 for a place it lies in,
0.75 for a place in the same sub-district, 0.6 in the same district, 0.5 in the same governorate
or within 60 km), or whose kind fits the classifier just before it (حي، مدينة، بلدة، قرية،
ناحية، منطقة، مطار; "city of"). The prior (`Place.prior`: curated 1, cities 2; reference
communities 0.3-0.8, sub-districts 0.25) decides when the text gives no context: the Shahba
*region* north of Aleppo outranks the town in as-Suwayda, Hasakah *city* the governorate, a
curated town the village of the same name. The losers are kept as `alternatives`.

An unknown village named with its classifier («قرية X», "the village of X") is not dropped:
`place_unknown` places it at the nearest known place of the sentence or report, with precision
2 (ACLED's "near"; `model.Precision`).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import shapely
from rapidfuzz import fuzz, process

from .errors import UnknownPlaceError
from .matching import (
    FUZZY_CUTOFF,
    MIN_SCORE,
    FuzzyPool,
    haversine_km,
    key_of,
    same_words,
    spelling_score,
    tokenize,
    written_variants,
)
from .model import Place, PlaceKind
from .name_spans import Mention, find_mentions
from .normalize import arabic_key, arabic_variants, consonant_key, fold_latin, is_arabic, name_key
from .place_words import CLASSIFIERS, FACILITY_WORDS, PART_WORDS_AFTER, PART_WORDS_BEFORE
from .reference import NamesByKey, layered, merged_names, reference_names, reference_places
from .unknown import Placement, place_unknown

__all__ = [
    "CLASSIFIERS",
    "FUZZY_CUTOFF",
    "MIN_SCORE",
    "Gazetteer",
    "Mention",
    "Placement",
    "Resolution",
    "haversine_km",
    "key_of",
    "load_fallback",
    "tokenize",
]

NEAR_KM = 60.0
# Candidates spelt more than this below the best one are dropped before context is weighed:
# "Syria" as Syria writes it, not the village whose "Shera" has the same phonetic key.
SPELLING_MARGIN = 10.0
MIN_FUZZY_LENGTH = 5  # keys shorter than this (article apart) match exactly or not at all
# A place named as the candidate's parent multiplies its rank by 1 + CONTEXT_WEIGHT, enough to
# overturn a prior of 4:1; a shared sub-district counts 0.75, district 0.6, governorate 0.5.
CONTEXT_WEIGHT = 4.0
KIND_WEIGHT = 1.5
SHARED = {PlaceKind.SUBDISTRICT: 0.75, PlaceKind.DISTRICT: 0.6}
AREAS = frozenset(
    {PlaceKind.REGION, PlaceKind.GOVERNORATE, PlaceKind.COUNTRY, PlaceKind.DISTRICT, PlaceKind.SUBDISTRICT}
)


@dataclass(frozen=True)
class Resolution:
    query: str
    place: Place
    score: float  # match quality, MIN_SCORE-100 (see matching.spelling_score)
    rank: float  # score x prior x context: what decided between candidates
    method: str  # "exact", "variant" (matching.written_variants), "fuzzy", or "near" (below)
    alternatives: tuple[tuple[Place, float], ...] = ()

    @property
    def precision(self) -> int:
        """ACLED's geo_precision of this reading: the place's own, and at least 2 ("near")
        for «معبر X», "the X crossing" read as the place X."""
        return max(int(self.place.precision), 2 if self.method == "near" else 1)


@dataclass
class Gazetteer:
    """Places by id plus a name index. Build with `Gazetteer.build(places, fallback)`."""

    places: dict[str, Place]
    curated: frozenset[str] = frozenset()
    _index: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _max_tokens: int = 1
    _texts: NamesByKey = field(default_factory=dict, repr=False)
    _admin: dict[str, str] = field(default_factory=dict, repr=False)
    _ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _contexts: dict[str, list[Mention]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, places: Iterable[Place], fallback: Iterable[Place] = ()) -> Gazetteer:
        """`places` are the curated places; `fallback` the reference ones (`reference.py`),
        indexed too, but never twice for one place (see the module docstring)."""
        curated = {p.id: p for p in places}
        fallback = fallback if isinstance(fallback, list | tuple) else list(fallback)
        extra, shadowed, admin = layered(curated, fallback)
        names = merged_names(reference_names(fallback), shadowed, curated.values())
        return cls(
            places={**curated, **extra},
            curated=frozenset(curated),
            _index={k: tuple(v) for k, v in names.items()},
            _max_tokens=max((k.count(" ") + 1 for k in names), default=1),
            _texts=names,
            _admin=admin,
        )

    def __len__(self) -> int:
        return len(self.places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.places

    def get(self, place_id: str) -> Place:
        try:
            return self.places[place_id]
        except KeyError:
            raise UnknownPlaceError(place_id, self.suggest(place_id, with_id=True)) from None

    # -- where a place lies ----------------------------------------------------------------

    @cached_property
    def _subdistricts(self) -> tuple[shapely.STRtree, list[str]] | None:
        subs = [p for p in self.places.values() if p.kind == PlaceKind.SUBDISTRICT]
        if not subs:
            return None
        return shapely.STRtree([p.geometry for p in subs]), [p.id for p in subs]

    def subdistrict_of(self, place: Place) -> str | None:
        """The sub-district a place lies in: its own (reference places, curated places that
        stand for a community) or the one its point falls in; None for areas."""
        if place.kind in AREAS:
            return None
        parent = self.places.get(place.parent or "")
        if place.id not in self.curated and parent and parent.kind == PlaceKind.SUBDISTRICT:
            return parent.id
        if self._admin.get(place.id) in self.places:
            return self._admin[place.id]
        if self._subdistricts is None:
            return None
        tree, ids = self._subdistricts
        lat, lon = place.point
        hits = tree.query(shapely.Point(lon, lat), predicate="intersects")
        return ids[int(hits[0])] if len(hits) else None

    def ancestors(self, place: Place) -> list[str]:
        """Parent, grandparent ... the sub-district and district, and the governorate: the
        places this one lies in."""
        cached = self._ancestors.get(place.id)
        if cached is not None and self.places.get(place.id) is place:
            return list(cached)
        out: list[str] = []
        current: Place | None = place
        while current is not None and current.parent and current.parent not in out:
            out.append(current.parent)
            current = self.places.get(current.parent)
        sub = self.subdistrict_of(place)
        if sub and sub not in out:
            out += [a for a in (sub, *self.ancestors(self.places[sub])) if a not in out]
        if place.governorate and place.governorate not in out:
            out.append(place.governorate)
        self._ancestors[place.id] = tuple(out)
        return out

    def within(self, place_id: str) -> set[str]:
        """The place and every place that lies in it (its neighbourhoods, sites, villages...):
        what "at this place" means for a filter or a popup."""
        return {place_id} | self._inside.get(place_id, set())

    @cached_property
    def _inside(self) -> dict[str, set[str]]:
        """Place id -> the places that lie in it: `ancestors` turned round once, since every
        popup of a view asks `within` (a scan of all ~9,000 places per call before)."""
        out: dict[str, set[str]] = {}
        for place in self.places.values():
            for ancestor in self.ancestors(place):
                out.setdefault(ancestor, set()).add(place.id)
        return out

    # -- candidates -------------------------------------------------------------------------

    @cached_property
    def _first_words(self) -> dict[str, int]:
        """First word of a key -> the most words a key starting with it has."""
        out: dict[str, int] = {}
        for k in self._index:
            first, n = k.split(" ", 1)[0], k.count(" ") + 1
            out[first] = max(out.get(first, 0), n)
        return out

    @cached_property
    def _pools(self) -> tuple[FuzzyPool, FuzzyPool]:
        return (
            FuzzyPool(k for k in self._index if is_arabic(k)),
            FuzzyPool(k for k in self._index if not is_arabic(k)),
        )

    def _key_found(self, mention: str, toggle: bool = False) -> str | None:
        """The index key a mention has exactly (after proclitic stripping), or None. With
        `toggle`, an Arabic name's article is added or dropped («العبوش» for «عبوش»)."""
        mention = mention.strip()
        if not is_arabic(mention):
            key = key_of(mention)
            return key if key in self._index and not toggle else None
        words = arabic_key(mention).split(" ")
        if not words or not words[0]:
            return None
        for first in arabic_variants(words[0]):
            if toggle:
                first = first[2:] if first.startswith("ال") else "ال" + first  # noqa: PLW2901
            key = " ".join([first, *words[1:]])
            if key in self._index and (not toggle or len(first.removeprefix("ال")) >= 4):
                return key
        return None

    def _variant_key(self, mention: str) -> tuple[str, str, float] | None:
        """A name the index has for another way to write `mention` (`written_variants`, the
        Arabic article toggled): (key, the variant, its similarity)."""
        for text, similarity, _ in [(mention, 100.0, None), *written_variants(mention, CLASSIFIERS)]:
            key = self._key_found(text) if text != mention else None
            if key:
                return key, text, similarity
            key = self._key_found(text, toggle=True)
            if key:
                return key, text, min(similarity, 90.0)
        return None

    @cached_property
    def _skeletons(self) -> dict[str, tuple[str, ...]]:
        """`consonant_key` of every Latin key -> the places of those keys."""
        out: dict[str, set[str]] = {}
        for k, ids in self._index.items():
            if not is_arabic(k):
                out.setdefault(consonant_key(k), set()).update(ids)
        return {k: tuple(sorted(v)) for k, v in out.items()}

    def spelled_alike(self, mention: str) -> tuple[str, ...]:
        """Places with a Latin name of the same consonants as `mention` ('Bansh' for Binnish):
        a loose reading, for a caller that confirms it by where the place lies."""
        key = consonant_key(mention) if not is_arabic(mention) else ""
        return self._skeletons.get(key, ()) if len(key.replace(" ", "")) >= 3 else ()

    def lookup(self, mention: str) -> tuple[str, ...]:
        """Place ids whose name has exactly this key (after proclitic stripping)."""
        key = self._key_found(mention)
        return self._index[key] if key else ()

    def candidates(self, mention: str) -> list[tuple[Place, float, str]]:
        """The places a mention may name, each with its score (>= MIN_SCORE) and method."""
        key = self._key_found(mention)
        variant = None if key else self._variant_key(mention)
        written = mention
        if key:
            matches, method = [(key, 100.0)], "exact"
        elif variant:
            matches, method, written = [(variant[0], variant[2])], "variant", variant[1]
        else:
            key = key_of(mention)
            if len(key.removeprefix("ال")) < MIN_FUZZY_LENGTH:  # «الدوار» is no misspelt «الدور»
                return []
            matches = [
                (k, s)
                for k, s in self._pools[0 if is_arabic(mention) else 1].matches(key)
                if same_words(key, k)
            ]
            method = "fuzzy"
        found: dict[str, float] = {}
        for k, similarity in matches:
            for pid, texts in self._texts[k].items():
                score = spelling_score(written, texts, similarity)
                if score >= MIN_SCORE:
                    found[pid] = max(found.get(pid, 0.0), score)
        return [(self.places[p], s, method) for p, s in found.items()]

    # -- resolution -------------------------------------------------------------------------

    def resolve(self, mention: str, context: str = "", parent: str | None = None) -> Resolution | None:
        """The place a mention most likely names, given the text around it and an optional
        parent hint (a place id). None when nothing matches with a score of MIN_SCORE."""
        cands = self.candidates(mention)
        if all(m == "fuzzy" for _, _, m in cands):  # «معبر البوكمال» is no misspelt «مركز البوكمال»
            near = self._named_after(mention, context, parent)
            if near is not None or not cands:
                return near
        top = max(s for _, s, _ in cands)  # written as a place writes it beats a phonetic key
        cands = [c for c in cands if c[1] >= top - SPELLING_MARGIN]
        named, kinds = self._context(mention, context)
        kinds |= next((k for _, _, k in written_variants(mention, CLASSIFIERS) if k), set())
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

    def _named_after(self, mention: str, context: str, parent: str | None) -> Resolution | None:
        """«معبر جرابلس», "the Albu Kamal crossing", «جسر الرقة»: a facility no list has, named
        after a place it lies at, is read as that place, precision 2 (method "near")."""
        words = mention.split()
        if len(words) < 2:
            return None
        rest, part = None, False
        if name_key(words[-1]) in PART_WORDS_AFTER:  # «درعا البلد», «مطار النيرب العسكري»
            rest, part = " ".join(words[:-1]), True
        elif name_key(" ".join(words[:2])) in PART_WORDS_BEFORE or name_key(words[0]) in PART_WORDS_BEFORE:
            rest, part = " ".join(words[2 if len(words) > 2 and not is_arabic(mention) else 1 :]), True
        elif arabic_key(words[0]).removeprefix("ال") in FACILITY_WORDS:
            rest = " ".join(words[1:])
            # «محطة تحويل كهرباء تل تمر»: the place the name ends with, written exactly
            tail = next(
                (" ".join(words[i:]) for i in range(2, len(words)) if self._key_found(" ".join(words[i:]))),
                None,
            )
            if not self._key_found(rest) and tail:
                rest = tail
        elif fold_latin(words[-1]) in FACILITY_WORDS:
            rest = " ".join(w for w in words[:-1] if fold_latin(w) not in {"border", "the"})
        found = self.resolve(rest, context, parent) if rest else None
        if found is None or (found.method == "near" and not part) or found.place.kind in AREAS:
            return None
        return replace(found, query=mention, method="near")

    def _relation(self, place: Place, ancestors: set[str], other: Place) -> float:
        """How strongly naming `other` nearby speaks for `place` (0-1); the country, which
        every place lies in, speaks for none."""
        if other.kind == PlaceKind.COUNTRY:
            return 0.0
        if other.id in ancestors:
            return 1.0
        best = 0.0
        other_anc = set(self.ancestors(other)) | {other.id}
        for shared in ancestors & other_anc:
            kind = self.places[shared].kind if shared in self.places else PlaceKind.COUNTRY
            if kind != PlaceKind.COUNTRY:
                best = max(best, SHARED.get(kind, 0.5))
        if other.kind not in AREAS and haversine_km(place.point, other.point) < NEAR_KM:
            best = max(best, 0.5)
        return best

    def _rank(self, place: Place, score: float, named: dict[str, float], kinds: set[PlaceKind]) -> float:
        bonus = 0.0
        ancestors = set(self.ancestors(place))
        for pid, weight in named.items():
            other = self.places.get(pid)
            if pid != place.id and other is not None:
                bonus = max(bonus, weight * self._relation(place, ancestors, other))
        factor = 1.0 + CONTEXT_WEIGHT * bonus + (KIND_WEIGHT if place.kind in kinds else 0.0)
        return score * place.prior * factor

    def _context(self, mention: str, context: str) -> tuple[dict[str, float], set[PlaceKind]]:
        """Places named in the context (curated ones, or a reference place named without
        ambiguity) and the kinds the words before the mention suggest."""
        named: dict[str, float] = {}
        kinds: set[PlaceKind] = set()
        if not context:
            return named, kinds
        own = set(self.lookup(mention))
        for m in self._mentions_cached(context):
            if own & set(m.place_ids):
                kinds |= CLASSIFIERS.get(m.preceding, frozenset())
                continue
            chosen = [p for p in m.place_ids if p in self.curated] or (
                list(m.place_ids) if len(m.place_ids) == 1 else []
            )
            for pid in chosen:
                named[pid] = 1.0
        return named, kinds

    def _mentions_cached(self, text: str) -> list[Mention]:
        found = self._contexts.get(text)
        if found is None:
            if len(self._contexts) > 512:
                self._contexts.clear()
            found = self._contexts[text] = self.find_mentions(text)
        return found

    # -- unknown places and suggestions -----------------------------------------------------

    def place_unknown(
        self, name: str, near: Sequence[str | Place], kind: PlaceKind = PlaceKind.VILLAGE
    ) -> Placement | None:
        """Where to put a place the gazetteer does not know, named with its classifier
        («قرية X», "the village of X"): see `unknown.place_unknown`."""
        return place_unknown(self, name, near, kind)

    @cached_property
    def _sorted_keys(self) -> tuple[list[str], list[str]]:
        return (
            sorted(k for k in self._index if is_arabic(k)),
            sorted(k for k in self._index if not is_arabic(k)),
        )

    def search(self, query: str, limit: int = 10) -> list[Resolution]:
        """Places whose names match a typed query: exact and prefix matches first, then close
        spellings (rapidfuzz WRatio >= 60 on the keys of the same first letter)."""
        query = query.strip()
        key = key_of(query)
        if not key:
            return []
        pool = self._sorted_keys[0 if is_arabic(query) else 1]
        scores: dict[str, float] = dict.fromkeys(self.lookup(query), 100.0)
        for k in pool[bisect.bisect_left(pool, key) : bisect.bisect_right(pool, key + "\uffff")]:
            for pid in self._index[k]:
                scores.setdefault(pid, 95.0)
        same_start = pool[bisect.bisect_left(pool, key[0]) : bisect.bisect_right(pool, key[0] + "\uffff")]
        for k, score, _ in process.extract(
            key, same_start, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=60
        ):
            for pid in self._index[k]:
                scores[pid] = max(scores.get(pid, 0.0), float(score))
        ranked = sorted(
            scores.items(),
            key=lambda kv: (
                -kv[1] * (1.0 if kv[0] in self.curated else 0.8),
                -self.places[kv[0]].prior,
                kv[0],
            ),
        )
        return [
            Resolution(query, self.places[pid], round(s, 1), round(s, 1), "search")
            for pid, s in ranked[:limit]
        ]

    def suggest(self, query: str, limit: int = 3, *, with_id: bool = False) -> list[str]:
        """Names (never bare ids) of the places closest to `query`, in its script, with the
        kind, and the id when asked or when two share a name: "Tal Tamr (town)"."""
        places = [r.place for r in self.search(query, limit=limit)]
        names = [p.name_ar if is_arabic(query) else p.name_en for p in places]
        return [
            f"{n} ({p.kind.value}, {p.id})" if with_id or names.count(n) > 1 else f"{n} ({p.kind.value})"
            for n, p in zip(names, places, strict=True)
        ]

    # -- finding names in running text ------------------------------------------------------

    def find_mentions(self, text: str) -> list[Mention]:
        """Every longest span of `text` that is a known name (`name_spans.find_mentions`)."""
        return find_mentions(text, self._index, self._first_words, self._max_tokens)


def load_fallback(path: Path) -> list[Place]:
    """The reference places of the data directory holding `path` (its `localities.csv`): OCHA's
    districts, sub-districts and neighbourhoods and the community lists (`reference.py`)."""
    return reference_places(path.parent)
