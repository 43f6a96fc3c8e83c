"""Scoring the extractor against hand-labelled articles (the schema of
`../shared/corpus/README.md`).

- Places: a predicted place matches a labelled one when the mentions agree (after dropping
  generic classifiers such as مدينة / حي / "city" and punctuation: «مطار “القامشلي”» is
  «مطار القامشلي») and the predicted gazetteer place is the labelled `canonical_en`, with its
  coordinate within the tolerance of the label's `coord_confidence` (high 3 km, approx 12 km,
  low 40 km) of the annotator's point or the annotator's point inside the place's polygon.
  Places count once per distinct (mention, place), as they are labelled.
- Events: a match is (type, place) with overlapping evidence (the labelled `evidence` or any
  `alt_evidence`), one predicted event per labelled event. HISTORICAL events (the word in the
  label's `note`; `historical` in a prediction) are scored on their own.
- Actors: over matched events, each actor and target slot that is not null; a slot is right
  when the predicted actor is the labelled one (`ACTOR_VOCABULARY` maps actor ids to the
  corpus's vocabulary).
- Arabic and English are reported separately, as precision, recall and F1.

`canonical_en` values are matched to gazetteer places by name (`name_en` and aliases, via the
gazetteer's index); `CANONICAL_IDS` holds the few whose corpus name differs from every
gazetteer name.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapely.geometry import Point

from ..errors import CorpusError
from ..gazetteer import Gazetteer, haversine_km
from ..normalize import arabic_key
from .pipeline import Extractor
from .results import Extracted, Extraction
from .toponyms import PlaceHit

TOLERANCE_KM = {"high": 3.0, "approx": 12.0, "low": 40.0}

# Corpus names that differ from every name of the gazetteer place they mean.
CANONICAL_IDS: dict[str, str] = {
    "Syria": "syria",
    "Hasakah": "hasakah",
    "Aleppo": "aleppo",
    "Qamishli": "qamishli",
    "Raqqa governorate": "raqqa-governorate",
    "Deir ez-Zor governorate": "deir-ez-zor-governorate",
    "Aleppo governorate": "aleppo-governorate",
    "Hasakah governorate": "hasakah-governorate",
    "Rojava (Western Kurdistan)": "rojava",
    "Afrin region": "afrin-region",
    "Afrin": "afrin",
    "Hama": "hama",
    "Kobani": "kobani",
    "Manbij": "manbij",
}

ACTOR_VOCABULARY: dict[str, str] = {
    "sdf": "SDF", "asayish": "Asayish", "aanes": "AANES", "ypg": "YPG",
    "syrian-government": "Syrian government",
    "syrian-transitional-government": "Syrian transitional government",
    "fourth-division": "Fourth Division", "russia": "Russia", "turkey": "Turkey", "sna": "SNA",
    "us": "US", "us-led-coalition": "US-led coalition", "ndf": "NDF", "hezbollah": "Hezbollah",
    "manbij-military-council": "Manbij Military Council",
    "deir-ez-zor-military-council": "Deir ez-Zor Military Council",
    "sheikh-maqsoud-residents": "Sheikh Maqsoud residents",
    "air-force-intelligence": "Syrian government",
}

# Generic classifiers that the corpus leaves out of a mention (see its README).
_CLASSIFIER_WORDS = {"مدينه", "مدينتي", "بلده", "قريه", "حي", "حيي", "منطقه", "مناطق", "city", "town",
                     "village", "neighbourhood", "neighborhood", "neighborhoods", "the", "of"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class ArticleResult:
    id: str
    lang: str
    places: Score = field(default_factory=Score)
    events: Score = field(default_factory=Score)
    historical: Score = field(default_factory=Score)
    actors: Score = field(default_factory=Score)
    misses: list[str] = field(default_factory=list)  # human-readable FN/FP lines


def read_corpus(directory: Path) -> list[dict[str, Any]]:
    """Every labelled article (*.json) of a directory, sorted by file name."""
    if not directory.is_dir():
        raise CorpusError(f"{directory}: not a directory of labelled articles (*.json)")
    out = []
    for path in sorted(directory.glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CorpusError(f"{path}: cannot be read as JSON ({exc})") from None
        missing = [k for k in ("id", "lang", "text", "places", "events") if k not in doc]
        if missing:
            raise CorpusError(f"{path}: missing field(s) {', '.join(missing)}; see the corpus README")
        out.append(doc)
    if not out:
        raise CorpusError(f"{directory}: no labelled articles (*.json) found")
    return out


def mention_key(text: str) -> str:
    """A mention without punctuation, classifiers and spelling variants; case kept."""
    words = arabic_key(text).split()
    return " ".join(w for w in words if w not in _CLASSIFIER_WORDS and w.lower() not in {"the"})


class CanonicalPlaces:
    """corpus `canonical_en` -> gazetteer place ids."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[str, frozenset[str]] = {}

    def ids(self, canonical: str | None) -> frozenset[str]:
        if canonical is None:
            return frozenset()
        if canonical not in self._cache:
            self._cache[canonical] = self._find(canonical)
        return self._cache[canonical]

    def _find(self, canonical: str) -> frozenset[str]:
        if canonical in CANONICAL_IDS and CANONICAL_IDS[canonical] in self.gazetteer:
            return frozenset({CANONICAL_IDS[canonical]})
        g = self.gazetteer
        exact = {p.id for p in g.places.values() if p.name_en.casefold() == canonical.casefold()}
        if exact:
            return frozenset(exact)
        bare = re.sub(r"\s*\([^)]*\)\s*$", "", canonical)
        ids = set(g.lookup(canonical)) or set(g.lookup(bare))
        curated = {i for i in ids if i in g.curated}
        return frozenset(curated or ids)


def _coordinate_ok(place_hit: PlaceHit, gold: dict[str, Any]) -> bool:
    lat, lon = gold.get("approx_lat"), gold.get("approx_lon")
    if lat is None or lon is None:
        return True
    geom = place_hit.place.geometry
    if not isinstance(geom, Point) and geom.contains(Point(lon, lat)):
        return True
    tol = TOLERANCE_KM.get(gold.get("coord_confidence") or "low", 40.0)
    return haversine_km(place_hit.place.point, (lat, lon)) <= tol


def _spans(text: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    out = []
    for q in quotes:
        if not q:
            continue
        start = text.find(q)
        while start >= 0:
            out.append((start, start + len(q)))
            start = text.find(q, start + 1)
    return out


def _actor_name(actor_id: str | None, extractor: Extractor) -> str | None:
    if actor_id is None:
        return None
    if actor_id in ACTOR_VOCABULARY:
        return ACTOR_VOCABULARY[actor_id]
    actor = extractor.actors.get(actor_id)
    return actor.name_en if actor else actor_id


def score_article(doc: dict[str, Any], extraction: Extraction, extractor: Extractor) -> ArticleResult:
    """One labelled article against what the extractor found in it: places, events (recent and
    historical apart) and the actors of matched events, with every miss."""
    canon = CanonicalPlaces(extractor.gazetteer)
    res = ArticleResult(doc["id"], doc["lang"])
    _score_places(res, doc, extraction, canon)
    for historical in (False, True):
        golds = [e for e in doc["events"] if ("HISTORICAL" in (e.get("note") or "")) == historical]
        preds = [e for e in extraction.events if e.historical == historical]
        _score_events(res, doc["text"], golds, preds, _Scoring(canon, extractor, historical))
    return res


@dataclass(frozen=True)
class _Scoring:
    canon: CanonicalPlaces
    extractor: Extractor
    historical: bool

    @property
    def flag(self) -> str:
        return " (hist)" if self.historical else ""


def _score_places(res: ArticleResult, doc: dict[str, Any], extraction: Extraction,
                  canon: CanonicalPlaces) -> None:
    predicted: dict[tuple[str, str], PlaceHit] = {}
    for h in extraction.places:
        predicted.setdefault((mention_key(h.text), h.place.id), h)
    gold_places = list({(mention_key(p["mention"]), p["canonical_en"]): p for p in doc["places"]}.values())
    used: set[tuple[str, str]] = set()
    for g in gold_places:
        gk = mention_key(g["mention"])
        ids = canon.ids(g["canonical_en"])
        hit = next((k for k, h in predicted.items() if k not in used and k[0] == gk
                    and (h.place.id in ids) and _coordinate_ok(h, g)), None)
        if hit is None:
            res.places.fn += 1
            res.misses.append(f"place FN {g['mention']!r} = {g['canonical_en']}")
        else:
            res.places.tp += 1
            used.add(hit)
    for k, h in predicted.items():
        if k not in used:
            res.places.fp += 1
            res.misses.append(f"place FP {h.text!r} -> {h.place.id}")


def _score_events(res: ArticleResult, text: str, golds: Sequence[dict[str, Any]],
                  preds: Sequence[Extracted], how: _Scoring) -> None:
    """(type, place) with overlapping evidence, one prediction per label; then the actors of
    each match."""
    score = res.historical if how.historical else res.events
    matched: set[str] = set()
    for g in golds:
        spans = _spans(text, [g["evidence"], *(g.get("alt_evidence") or [])])
        ids = how.canon.ids(g.get("place"))
        cand = next((p for p in preds if p.id not in matched and p.type.value == g["type"]
                     and _same_place(p, g.get("place"), ids)
                     and any(p.evidence.start < b and a < p.evidence.end for a, b in spans)),
                    None)
        if cand is None:
            score.fn += 1
            res.misses.append(f"event FN{how.flag} {g['type']} @ "
                              f"{g.get('place')} [{g.get('actor')} -> {g.get('target')}]: "
                              f"{g['evidence'][:70]!r}")
            continue
        score.tp += 1
        matched.add(cand.id)
        _score_actors(res, g, cand, how.extractor)
    for p in preds:
        if p.id not in matched:
            score.fp += 1
            res.misses.append(f"event FP{how.flag} {p.type.value}"
                              f"{'/' + p.subtype if p.subtype else ''} @ "
                              f"{p.place.id if p.place else None} [{p.actor} -> {p.target}]: "
                              f"{p.evidence.text[:70]!r}")


def _score_actors(res: ArticleResult, gold: dict[str, Any], cand: Extracted,
                  extractor: Extractor) -> None:
    for role in ("actor", "target"):
        want = gold.get(role)
        got = _actor_name(getattr(cand, role), extractor)
        if got is not None and want is not None and got.casefold() == want.casefold():
            res.actors.tp += 1
            continue
        if got is not None:
            res.actors.fp += 1
        if want is not None:
            res.actors.fn += 1
        if got != want:
            res.misses.append(f"actor {role} {got!r} != {want!r} ({gold['type']} @ "
                              f"{gold.get('place')})")


def _same_place(pred: Extracted, gold_place: str | None, ids: frozenset[str]) -> bool:
    if gold_place is None:
        return pred.place is None
    return pred.place is not None and pred.place.id in ids


@dataclass
class Report:
    articles: list[ArticleResult]

    def totals(self) -> dict[str, dict[str, Score]]:
        out: dict[str, dict[str, Score]] = {}
        for r in self.articles:
            t = out.setdefault(r.lang, {k: Score() for k in ("places", "events", "historical",
                                                            "actors")})
            t["places"] += r.places
            t["events"] += r.events
            t["historical"] += r.historical
            t["actors"] += r.actors
        return out

    def as_dict(self) -> dict[str, Any]:
        return {lang: {k: s.as_dict() for k, s in scores.items()}
                for lang, scores in sorted(self.totals().items())}


def evaluate(docs: Sequence[dict[str, Any]], extractor: Extractor) -> Report:
    results = []
    for doc in docs:
        published = dt.date.fromisoformat(doc["published"]) if doc.get("published") else None
        extraction = extractor.extract(doc["text"], lang=doc.get("lang"), published=published)
        results.append(score_article(doc, extraction, extractor))
    return Report(results)


def format_report(report: Report) -> str:
    lines = [f"{'lang':<5}{'what':<12}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]
    for lang, scores in sorted(report.totals().items()):
        for what in ("places", "events", "historical", "actors"):
            s = scores[what]
            lines.append(f"{lang:<5}{what:<12}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                         f"{s.tp:>5}{s.fp:>5}{s.fn:>5}")
    return "\n".join(lines)
