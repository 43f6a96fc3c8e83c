"""Scoring the extractor against hand-labelled articles, as `../shared/corpus/README.md` says.

- Places: a predicted place matches a labelled one when the mentions agree (after dropping
  generic classifiers such as مدينة / حي / "city" and punctuation: «مطار “القامشلي”» is
  «مطار القامشلي») and the predicted place is the labelled one: by identity, the gazetteer
  place of its `canonical_en` (the corpus's own match, "(mention, canonical_en)"), or by
  distance, a place of a compatible kind whose coordinate lies within the tolerance of the
  label's `coord_confidence` (high 3 km, approx 12 km, low 40 km) of the annotator's point, or
  whose polygon holds that point (how a place the gazetteer lacks, or a GeoNames duplicate,
  is judged). By distance, a settlement never matches an area nor an area a settlement, a
  city never its neighbourhood, however close the points.
  Places count once per distinct (mention, place), as they are labelled.
- Events: a match is (type, place) with overlapping evidence (the labelled `evidence` or any
  `alt_evidence`); `other` events must also agree on `subtype`. The event's place is judged
  as above against the labelled place of that `canonical_en` (identity or distance);
  `place: null` matches only a prediction without a place. HISTORICAL events (the word in the
  label's `note`; `historical` in a prediction) are scored on their own.
- Matching is maximum (bipartite, augmenting paths), not greedy: one prediction per label
  and one label per prediction, as many pairs as can be made; among equal matchings the one
  that agrees on more actors is preferred.
- A repeated false positive counts once: the unmatched predictions of one (type, subtype,
  place) are one false positive, unmatched places of one (mention, place) one.
- Actors: over matched events, each actor and target slot that is not null; a slot is right
  when the predicted actor is the labelled one (`ACTOR_VOCABULARY` maps actor ids to the
  corpus's vocabulary; a label qualified in parentheses, "HTS (General Security Service)", is
  its vocabulary name). For meetings and agreements, whose parties are on an equal footing,
  the two slots may be given either way round.
- Arabic and English are reported separately, as precision, recall and F1, overall, per event
  type and per place kind; every miss carries its cause (`Miss.cause`), so `zonemap eval
  --misses` can group them.

`canonical_en` values are matched to gazetteer places by name (`name_en` and aliases, via the
gazetteer's index); `eval_places.CANONICAL_IDS` holds the few whose corpus name differs from every
gazetteer name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CorpusError
from .bipartite import max_matching
from .eval_places import TOLERANCE_KM as TOLERANCE_KM
from .eval_places import CanonicalPlaces, gold_kind, mention_key, same_place
from .pipeline import Extractor
from .results import Extracted, Extraction
from .toponyms import PlaceHit

ACTOR_VOCABULARY: dict[str, str] = {
    "sdf": "SDF",
    "asayish": "Asayish",
    "aanes": "AANES",
    "ypg": "YPG",
    "syrian-government": "Syrian government",
    "syrian-transitional-government": "Syrian transitional government",
    "fourth-division": "Fourth Division",
    "russia": "Russia",
    "turkey": "Turkey",
    "sna": "SNA",
    "us": "US",
    "us-led-coalition": "US-led coalition",
    "ndf": "NDF",
    "hezbollah": "Hezbollah",
    "manbij-military-council": "Manbij Military Council",
    "deir-ez-zor-military-council": "Deir ez-Zor Military Council",
    "sheikh-maqsoud-residents": "Sheikh Maqsoud residents",
    "air-force-intelligence": "Syrian government",
    "hts": "HTS",
    "isis": "ISIS",
    "iran": "Iran",
    "israel": "Israel",
}


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
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass(frozen=True)
class Miss:
    """One miss: what kind ("place FN", "event FP", "actor" ...), why, and what."""

    kind: str
    cause: str
    what: str

    def __str__(self) -> str:
        return f"{self.kind} [{self.cause}] {self.what}"


@dataclass
class ArticleResult:
    id: str
    lang: str
    places: Score = field(default_factory=Score)
    events: Score = field(default_factory=Score)
    historical: Score = field(default_factory=Score)
    actors: Score = field(default_factory=Score)
    # what -> event type, place kind or role -> score
    parts: dict[str, dict[str, Score]] = field(default_factory=dict)
    miss_list: list[Miss] = field(default_factory=list)

    @property
    def misses(self) -> list[str]:
        """Every miss as one readable line."""
        return [str(m) for m in self.miss_list]

    def count(self, what: str, part: str, *, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        add = Score(tp, fp, fn)
        getattr(self, what).__iadd__(add)
        self.parts.setdefault(what, {}).setdefault(part, Score()).__iadd__(add)

    def miss(self, kind: str, cause: str, what: str) -> None:
        self.miss_list.append(Miss(kind, cause, what))


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
    historical apart) and the actors of matched events, with every miss and its cause."""
    canon = CanonicalPlaces(extractor.gazetteer)
    res = ArticleResult(doc["id"], doc["lang"])
    _score_places(res, doc, extraction, canon)
    by_canonical: dict[str, dict[str, Any]] = {}
    for p in doc["places"]:
        by_canonical.setdefault(p["canonical_en"], p)
    for historical in (False, True):
        golds = [e for e in doc["events"] if _is_historical(e) == historical]
        preds = [e for e in extraction.events if e.historical == historical]
        others = [e for e in doc["events"] if _is_historical(e) != historical]
        _score_events(
            res, doc["text"], golds, preds, _Scoring(canon, extractor, historical, by_canonical, others)
        )
    return res


def _is_historical(gold: dict[str, Any]) -> bool:
    return "HISTORICAL" in (gold.get("note") or "")


@dataclass(frozen=True)
class _Scoring:
    canon: CanonicalPlaces
    extractor: Extractor
    historical: bool
    places: dict[str, dict[str, Any]]  # canonical_en -> its place record in the article
    other_partition: Sequence[dict[str, Any]]  # the labels scored in the other partition

    @property
    def flag(self) -> str:
        return " (hist)" if self.historical else ""

    def place_ok(self, pred: Extracted, gold_place: str | None) -> bool:
        if gold_place is None:
            return pred.place is None
        record = self.places.get(gold_place) or {"canonical_en": gold_place}
        return same_place(pred.place, record, self.canon)


def _score_places(
    res: ArticleResult, doc: dict[str, Any], extraction: Extraction, canon: CanonicalPlaces
) -> None:
    predicted: dict[tuple[str, str], PlaceHit] = {}
    for h in extraction.places:
        predicted.setdefault((mention_key(h.text), h.place.id), h)
    preds = list(predicted.items())
    golds = list({(mention_key(p["mention"]), p["canonical_en"]): p for p in doc["places"]}.values())
    edges = [
        [
            j
            for j, ((key, _), h) in enumerate(preds)
            if key == mention_key(g["mention"]) and same_place(h.place, g, canon)
        ]
        for g in golds
    ]
    owner = max_matching(len(golds), edges)
    matched = {i: j for j, i in owner.items()}
    non_places = {mention_key(t["mention"]) for t in doc.get("non_place_toponyms") or []}
    for i, g in enumerate(golds):
        kind = gold_kind(g, canon) or "unknown"
        if i in matched:
            res.count("places", kind, tp=1)
            continue
        res.count("places", kind, fn=1)
        gk = mention_key(g["mention"])
        same_mention = [h.place.id for (key, _), h in preds if key == gk]
        cause = (
            "resolved to another place"
            if same_mention
            else "found under another mention"
            if any(same_place(h.place, g, canon) for _, h in preds)
            else "not found"
        )
        got = f" (got {', '.join(same_mention)})" if same_mention else ""
        res.miss("place FN", cause, f"{g['mention']!r} = {g['canonical_en']}{got}")
    for j, ((key, _), h) in enumerate(preds):
        if j in owner:
            continue
        res.count("places", h.place.kind.value, fp=1)
        cause = (
            "a non-place toponym taken as a place"
            if key in non_places
            else "wrong referent"
            if any(mention_key(g["mention"]) == key for g in golds)
            else "not labelled as a place"
        )
        res.miss("place FP", cause, f"{h.text!r} -> {h.place.id}")


def _event_key(gold_or_pred: dict[str, Any] | Extracted) -> tuple[str, str | None]:
    if isinstance(gold_or_pred, Extracted):
        return gold_or_pred.type.value, gold_or_pred.subtype if gold_or_pred.type.value == "other" else None
    t = gold_or_pred["type"]
    return t, gold_or_pred.get("subtype") if t == "other" else None


def _score_events(
    res: ArticleResult, text: str, golds: Sequence[dict[str, Any]], preds: Sequence[Extracted], how: _Scoring
) -> None:
    """(type, subtype, place) with overlapping evidence, maximum matching; then the actors of
    each match; then every miss with its cause."""
    what = "historical" if how.historical else "events"
    spans = [_spans(text, [g["evidence"], *(g.get("alt_evidence") or [])]) for g in golds]

    def overlaps(p: Extracted, i: int) -> bool:
        return any(p.evidence.start < b and a < p.evidence.end for a, b in spans[i])

    edges = []
    for i, g in enumerate(golds):
        cands = [
            j
            for j, p in enumerate(preds)
            if _event_key(p) == _event_key(g) and how.place_ok(p, g.get("place")) and overlaps(p, i)
        ]
        cands.sort(key=lambda j: -_actor_agreement(g, preds[j], how.extractor))
        edges.append(cands)
    owner = max_matching(len(golds), edges)
    matched = {i: j for j, i in owner.items()}
    for i, g in enumerate(golds):
        if i in matched:
            res.count(what, g["type"], tp=1)
            _score_actors(res, g, preds[matched[i]], how.extractor)
            continue
        res.count(what, g["type"], fn=1)
        res.miss(
            f"event FN{how.flag}",
            _fn_cause(g, i, preds, how, overlaps),
            f"{_label(g)} @ {g.get('place')} [{g.get('actor')} -> {g.get('target')}]: {g['evidence'][:70]!r}",
        )
    matched_keys = {(_event_key(preds[j]), _place_id(preds[j])) for j in owner}
    counted: set[tuple] = set()
    for j, p in enumerate(preds):
        if j in owner:
            continue
        key = (_event_key(p), _place_id(p))
        cause = _fp_cause(p, golds, how, overlaps, key in matched_keys)
        if key not in counted:  # a repeated false positive counts once
            counted.add(key)
            res.count(what, p.type.value, fp=1)
        else:
            cause += " (repeated: not counted)"
        res.miss(
            f"event FP{how.flag}",
            cause,
            f"{p.type.value}{'/' + p.subtype if p.subtype else ''} @ {_place_id(p)} "
            f"[{p.actor} -> {p.target}]: {p.evidence.text[:70]!r}",
        )


def _place_id(p: Extracted) -> str | None:
    return p.place.id if p.place else None


def _label(g: dict[str, Any]) -> str:
    return g["type"] + (f"/{g['subtype']}" if g.get("subtype") else "")


def _fn_cause(g: dict[str, Any], i: int, preds: Sequence[Extracted], how: _Scoring, overlaps: Any) -> str:
    here = [p for p in preds if overlaps(p, i)]
    same_type = [p for p in here if _event_key(p) == _event_key(g)]
    if same_type:
        return "wrong place"
    if any(p.type.value == g["type"] for p in here):
        return "other subtype differs"
    if any(_event_key(p) == _event_key(g) and how.place_ok(p, g.get("place")) for p in preds):
        return "evidence elsewhere"
    if here:
        return "another type here"
    return "not found"


def _fp_cause(
    p: Extracted, golds: Sequence[dict[str, Any]], how: _Scoring, overlaps: Any, restated: bool
) -> str:
    here = [g for i, g in enumerate(golds) if overlaps(p, i)]
    if restated:
        return "restatement not merged"
    if any(_event_key(g) == _event_key(p) for g in here):
        return "wrong place"
    if any(g["type"] == p.type.value for g in here):
        return "other subtype differs"
    if here:
        return "wrong type"
    if any(_event_key(g) == _event_key(p) and how.place_ok(p, g.get("place")) for g in how.other_partition):
        return "historical flag differs"
    return "no labelled event here"


def _roles(
    gold: dict[str, Any], cand: Extracted, extractor: Extractor
) -> list[tuple[str, str | None, str | None]]:
    """(slot, predicted name, labelled name) for actor and target; for meetings and
    agreements the slots may be given either way round."""
    got = [_actor_name(cand.actor, extractor), _actor_name(cand.target, extractor)]
    want = [gold.get("actor"), gold.get("target")]
    if gold["type"] in _SYMMETRIC and _agree(got[::-1], want) > _agree(got, want):
        got = got[::-1]
    return [("actor", got[0], want[0]), ("target", got[1], want[1])]


_SYMMETRIC = {"meeting", "agreement"}


def same_actor(got: str | None, want: str | None) -> bool:
    """The predicted actor's name is the labelled one; a label that qualifies a vocabulary name
    in parentheses ("HTS (General Security Service)") is that name."""
    if got is None or want is None:
        return False
    head = re.sub(r"\s*\([^)]*\)\s*$", "", want)
    return got.casefold() in {want.casefold(), head.casefold()}


def _agree(got: Sequence[str | None], want: Sequence[str | None]) -> int:
    return sum(1 for g, w in zip(got, want, strict=True) if same_actor(g, w))


def _actor_agreement(gold: dict[str, Any], cand: Extracted, extractor: Extractor) -> int:
    return sum(1 for _, got, want in _roles(gold, cand, extractor) if same_actor(got, want))


def _score_actors(res: ArticleResult, gold: dict[str, Any], cand: Extracted, extractor: Extractor) -> None:
    for role, got, want in _roles(gold, cand, extractor):
        if same_actor(got, want):
            res.count("actors", role, tp=1)
            continue
        if got is not None:
            res.count("actors", role, fp=1)
        if want is not None:
            res.count("actors", role, fn=1)
        if got != want:
            cause = (
                f"{role} missing"
                if got is None
                else f"{role} not labelled"
                if want is None
                else f"{role} wrong"
            )
            res.miss("actor", cause, f"{got!r} != {want!r} ({_label(gold)} @ {gold.get('place')})")


WHAT = ("places", "events", "historical", "actors")
