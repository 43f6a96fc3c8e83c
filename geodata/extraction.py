"""From a news report to draft events: who did what to whom, where, with the words it rests on.

The pipeline, each step in the module named for it:
1. `language`: detect Arabic or English; split into sentences and clauses (offsets kept).
2. `toponyms`: find the places named, reject look-alikes, resolve each in its sentence.
3. actors: aliases of the time-aware `ActorLexicon` found in the text (`mentions`), resolved
   for the report's date (the "Syrian government" of 2021 is not that of 2025).
4. `triggers`: the words that state an event; each trigger not negated yields an event whose
   - actor and target come from its clause: the agent after "by"/«من قبل», else the nearest
     actor before the trigger (subject-verb), else the first after it (Arabic verb-subject),
     and the next actor after the trigger as the target; «الأخيرة»/"the latter" is the last
     actor named before;
   - places are the event places of its clause (else of its sentence, else the place an
     anaphor such as «الحي», «المدينة», "the city" points back to), without those that only
     locate another («الشيخ مقصود في مدينة حلب» is an event in Sheikh Maqsoud);
   - evidence is the clause; `historical` is set by background cues (a past year, «وكان»).
5. Structure: a demand governs the clause it opens (a demand to withdraw is one demand, not
   a withdrawal too), and a demand to lift a siege also states the siege (an implied blockade
   by the demand's target); «... مقابل ...» / "in exchange for" links the events on its two
   sides, the offered side being done by the party that demands.
6. One event per (type, actor, target, place, historical), cited by its shortest clause.

Everything is rules over lexicons: no model, nothing tuned to a particular text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from .actors import ActorLexicon
from .gazetteer import Gazetteer, tokenize
from .language import Span, clauses, detect_language, sentences
from .mentions import PhraseIndex, variants
from .model import (
    CAMEO,
    Actor,
    Confidence,
    DatePrecision,
    Event,
    EventType,
    Evidence,
    Link,
    LinkRel,
    Place,
    PlaceKind,
    ReviewStatus,
    Source,
    Status,
)
from .normalize import arabic_key
from .toponyms import PlaceHit, Rejected, Toponyms
from .triggers import (
    AGREEMENT_REFERENCE,
    BEFORE,
    BEFORE_TYPES,
    CIRCUMSTANTIAL_AR,
    EXCHANGE_AR,
    EXCHANGE_EN,
    HABITUAL,
    HISTORY_EN,
    HISTORY_OPENERS_AR,
    HYPOTHETICAL,
    MAX_GAP,
    MODAL,
    NEGATION_AR,
    NEGATION_AR_LA,
    NEGATION_EN,
    NEGATION_WINDOW,
    PREVENTION,
    REFERENCE,
    REPEL,
    REPORTING,
    SINCE_WORDS,
    STILL_AR,
    TRIGGERS,
    Trigger,
)

MAX_CHARS = 200_000
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
# Arabic-Indic and Persian digits read as ASCII (same length: offsets are kept).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Words that point back to a place named before, and the kinds they can point to (none: any).
_ANAPHORS: dict[str, frozenset[PlaceKind]] = {
    **dict.fromkeys(["الحي", "الحيين", "neighbourhood", "neighborhood", "neighborhoods",
                     "neighbourhoods"], frozenset({PlaceKind.NEIGHBOURHOOD})),
    **dict.fromkeys(["المدينه", "المدينتين", "city", "town", "البلده"],
                    frozenset({PlaceKind.CITY, PlaceKind.TOWN})),
    **dict.fromkeys(["المنطقه", "المناطق", "area", "areas"], frozenset({PlaceKind.REGION})),
}
_DUAL_ANAPHORS = {"المدينتين", "الحيين", "neighborhoods", "neighbourhoods"}
_COMPLEMENTIZER = re.compile(r"\b(?:that)\b|(?:^|\s)(?:أن|إن|بأن|ان|بان)(?:\s|$)|:")
_IYYA = {"اياها", "اياه", "اياهم", "اياهما"}
# Verbal nouns whose agent follows them («انسحاب قوات النظام», «محاصرة ومنع قوات النظام»).
_MASDAR = {"انسحاب", "محاصره", "حصار", "دخول", "مغادره", "قصف", "استهداف", "ارسال", "نشر", "منع",
           "قطع", "اغلاق", "هجوم", "اقتحام", "سيطره", "تطويق"}
_AGENT_FILLERS = {"مجموعات", "مجموعه", "عناصر", "مقاتلي", "مسلحي", "من", "وحدات", "قوات"}
_DESTINATION = {"باتجاه", "نحو", "towards", "toward", "الي", "to"}
# Nationality adjectives that name a state actor: «الجانب التركي», "a Turkish attack".
_ADJECTIVE_ACTORS = {
    "التركي": "تركيا", "التركيه": "تركيا", "تركي": "تركيا", "تركيه": "تركيا", "turkish": "Turkey",
    "الروسي": "روسيا", "الروسيه": "روسيا", "روسي": "روسيا", "روسيه": "روسيا", "russian": "Russia",
    "الامريكي": "الولايات المتحدة", "الامريكيه": "الولايات المتحدة", "الاميركي": "الولايات المتحدة",
    "american": "United States",
}
_LATTER = {"الاخيره", "الاخير", "latter"}
_AGENT_AR = ("من قبل", "بقياده")
_AGENT_EN = {"by"}
_PRESENT_TURNS = ("حيث", "في حين", "بينما", "فيما", "لكن", "الا ان", "اليوم", "حاليا")
_SYMMETRIC = {EventType.MEETING, EventType.AGREEMENT, EventType.CLASH}


@dataclass(frozen=True)
class _Item:
    """A trigger that states an event, or (with a governor) the object of one."""

    hit: _TriggerHit
    type: EventType
    subtype: str | None
    clause: Span
    governor: _Item | None = None
    silent: bool = False  # «كشرط ...», «بطلب ...»: governs what follows, states no event


@dataclass(frozen=True)
class _Roles:
    actors: tuple[str | None, ...]  # one event per actor of coordinated subjects
    target: str | None
    in_clause: bool  # found in the trigger's clause (not guessed from the sentence)


class ExtractionError(ValueError):
    """A text that cannot be read as a report (empty, binary, too long)."""


@dataclass(frozen=True)
class ActorHit:
    start: int
    end: int
    text: str
    actor: Actor


@dataclass(frozen=True)
class Extracted:
    """One event found in a report, before review."""

    id: str
    type: EventType
    evidence: Span
    actor: str | None = None
    target: str | None = None
    place: Place | None = None
    subtype: str | None = None
    cameo: str = ""
    date: dt.date | None = None
    year: int | None = None  # the past year a historical event is set in
    confidence: Confidence = Confidence.MEDIUM
    linked_to: tuple[str, ...] = ()
    historical: bool = False
    implied: bool = False  # stated only through another event (the siege a demand would lift)
    trigger: Span | None = None
    # How directly this statement gives the event: roles named in its own clause, and whether
    # its place is named there (2), in its sentence (1) or only earlier in the text (0).
    stated: tuple[int, int] = (0, 0)

    @property
    def key(self) -> tuple:
        return (self.type, self.subtype, self.actor, self.target,
                self.place.id if self.place else None, self.historical)


@dataclass(frozen=True)
class Extraction:
    lang: str
    text: str
    published: dt.date | None
    places: tuple[PlaceHit, ...]
    actors: tuple[ActorHit, ...]
    events: tuple[Extracted, ...]
    rejected: tuple[Rejected, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "places": [_place_json(h) for h in self.places],
            "events": [_event_json(e) for e in self.events],
        }

    def to_events(self, source: Source, *, prefix: str | None = None) -> list[Event]:
        """The events as drafts under review (`ReviewStatus.DRAFT`), tied to their source."""
        prefix = prefix or source.id
        ids = {e.id: f"{prefix}-{e.id}" for e in self.events}
        out = []
        day = self.published or source.published or dt.date.today()
        for e in self.events:
            date, precision = day, DatePrecision.DAY
            if e.historical and e.year:
                date, precision = dt.date(e.year, 1, 1), DatePrecision.YEAR
            links = tuple(Link(rel=LinkRel.IN_EXCHANGE_FOR, event=ids[o]) for o in e.linked_to)
            out.append(Event(
                id=ids[e.id], type=e.type, cameo=e.cameo, actor=e.actor, target=e.target,
                places=(e.place.id,) if e.place else (), date=date, date_precision=precision,
                links=links, status=_status(e), source=source,
                evidence=Evidence(quote=e.evidence.text, start=e.evidence.start,
                                  end=e.evidence.end, lang=self.lang),
                confidence=e.confidence, historical=e.historical, review=ReviewStatus.DRAFT,
                object_en=e.subtype, note="implied by another event" if e.implied else None,
            ))
        return out


def _status(e: Extracted) -> Status | None:
    if e.type == EventType.BLOCKADE:
        return Status.ONGOING
    if e.type == EventType.LIFT_BLOCKADE and e.linked_to:
        return Status.PROPOSED
    if e.type == EventType.DEMAND:
        return Status.PROPOSED
    return None


def _place_json(h: PlaceHit) -> dict[str, Any]:
    lat, lon = h.place.point
    return {"mention": h.text, "start": h.start, "end": h.end, "id": h.place.id,
            "name_en": h.place.name_en, "kind": h.place.kind.value, "lat": round(lat, 5),
            "lon": round(lon, 5), "score": h.score, "event_place": h.event_place}


def _event_json(e: Extracted) -> dict[str, Any]:
    lat, lon = e.place.point if e.place else (None, None)
    return {
        "id": e.id, "type": e.type.value, "subtype": e.subtype, "cameo": e.cameo,
        "actor": e.actor, "target": e.target,
        "place": e.place.id if e.place else None,
        "place_name_en": e.place.name_en if e.place else None,
        "lat": round(lat, 5) if lat is not None else None,
        "lon": round(lon, 5) if lon is not None else None,
        "date": (dt.date(e.year, 1, 1) if e.historical and e.year else e.date).isoformat()
        if (e.date or e.year) else None,
        "evidence": e.evidence.text, "start": e.evidence.start, "end": e.evidence.end,
        "confidence": e.confidence.value, "linked_to": list(e.linked_to),
        "historical": e.historical, "implied": e.implied,
    }


def check_text(text: str) -> str:
    """The text itself, or ExtractionError saying why it cannot be a report."""
    if not text.strip():
        raise ExtractionError("the text is empty; give the report's text")
    if "\x00" in text:
        raise ExtractionError("the text contains NUL bytes: this looks like a binary file, not a report")
    if len(text) > MAX_CHARS:
        raise ExtractionError(
            f"the text has {len(text):,} characters but at most {MAX_CHARS:,} are accepted; "
            "split it into articles"
        )
    return text


# -- tokens ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str
    forms: tuple[str, ...]  # normalised forms: Arabic key and its clitic-stripped variants
    arabic: bool

    @property
    def norm(self) -> str:
        return self.forms[0]


def _tokens(text: str) -> list[_Tok]:
    out = []
    for t in tokenize(text):
        if t.arabic:
            forms = variants(t.text)
        else:
            forms = (t.text.lower().replace("’", "'"),)
        out.append(_Tok(t.start, t.end, t.text, forms, t.arabic))
    return out


@dataclass(frozen=True)
class _TriggerHit:
    trigger: Trigger
    first: int  # token index
    last: int
    start: int
    end: int


class _TriggerIndex:
    def __init__(self, triggers: Sequence[Trigger]) -> None:
        self.triggers = list(triggers)
        self._cache: dict[tuple[str, bool], tuple[int, ...]] = {}

    def first_matches(self, form: str, arabic: bool) -> tuple[int, ...]:
        key = (form, arabic)
        hit = self._cache.get(key)
        if hit is None:
            lang = "ar" if arabic else "en"
            hit = tuple(i for i, t in enumerate(self.triggers)
                        if t.lang == lang and t.compiled[0].fullmatch(form))  # type: ignore[union-attr]
            self._cache[key] = hit
        return hit

    def find(self, toks: Sequence[_Tok], lo: int, hi: int) -> list[_TriggerHit]:
        """Longest trigger matches in toks[lo:hi], left to right, not overlapping."""
        out: list[_TriggerHit] = []
        i = lo
        while i < hi:
            best: tuple[int, int] | None = None  # (last token, trigger index)
            for form in toks[i].forms:
                for ti in self.first_matches(form, toks[i].arabic):
                    last = _match_rest(self.triggers[ti].compiled[1:], toks, i + 1, hi)
                    if last is not None:
                        last = max(last, i)
                        if best is None or last > best[0]:
                            best = (last, ti)
            if best is None:
                i += 1
                continue
            last, ti = best
            out.append(_TriggerHit(self.triggers[ti], i, last, toks[i].start, toks[last].end))
            i = last + 1
        return out


def _match_rest(pats: Sequence[re.Pattern[str] | None], toks: Sequence[_Tok], i: int,
                hi: int) -> int | None:
    """Index of the last token matched by `pats` from token i (i - 1 when pats is empty)."""
    if not pats:
        return i - 1
    pat = pats[0]
    if pat is None:  # a gap: try skipping 0..MAX_GAP tokens
        for skip in range(MAX_GAP + 1):
            got = _match_rest(pats[1:], toks, i + skip, hi)
            if got is not None:
                return got
        return None
    if i >= hi:
        return None
    if any(pat.fullmatch(f) for f in toks[i].forms):
        return _match_rest(pats[1:], toks, i + 1, hi)
    return None


TRIGGER_INDEX = _TriggerIndex(TRIGGERS)


# -- the extractor --------------------------------------------------------------------------


@dataclass
class Extractor:
    """Holds the lexicons (built once); `extract` is a pure function of the text."""

    gazetteer: Gazetteer
    actors: dict[str, Actor]
    _cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_dataset(cls, dataset: Any) -> Extractor:
        return cls(dataset.gazetteer, dict(dataset.actors))

    @cached_property
    def lexicon(self) -> ActorLexicon:
        return ActorLexicon(self.actors.values())

    @cached_property
    def actor_index(self) -> PhraseIndex[str]:
        phrases = []
        for a in self.actors.values():
            for text in (a.name_en, a.name_ar, *(n.text for n in a.aliases)):
                phrases.append((text, text))
                bare = re.sub(r"\s*\([^)]*\)\s*$", "", text)  # "Syrian Democratic Forces (SDF)"
                if bare != text:
                    phrases.append((bare, bare))
        return PhraseIndex(phrases)

    @cached_property
    def toponyms(self) -> Toponyms:
        names = [t for a in self.actors.values()
                 for t in (a.name_en, a.name_ar, *(n.text for n in a.aliases))]
        names += [re.sub(r"\s*\([^)]*\)\s*$", "", n) for n in names]
        return Toponyms(self.gazetteer, names)

    def extract(self, text: str, *, lang: str | None = None,
                published: dt.date | None = None) -> Extraction:
        check_text(text)
        lang = lang or detect_language(text)
        sents = sentences(text)
        places, rejected = self.toponyms.find(text, sents)
        day = published or _estimate_date(text)
        actor_hits = self._actors(text, day, places)
        places, rejected = _countries_as_actors(text, places, rejected, actor_hits)
        events = self._events(text, sents, places, actor_hits, published, day)
        return Extraction(lang, text, published, tuple(places), tuple(actor_hits), tuple(events),
                          tuple(rejected))

    # -- actors ---------------------------------------------------------------------------

    def _actors(self, text: str, day: dt.date | None, places: Sequence[PlaceHit]) -> list[ActorHit]:
        out = []
        place_starts = [p.start for p in places]
        for f in self.actor_index.find(text):
            k = bisect_right(place_starts, f.start) - 1
            if k >= 0 and places[k].start <= f.start and f.end <= places[k].end:
                continue  # "talks in Damascus": the venue, not the government
            if re.match(r"^[-–](?:backed|led|affiliated|supported|aligned|held)", text[f.end : f.end + 12]):
                continue  # "US-backed": describes someone else
            actor = self._resolve_actor(f.value, day)
            if actor is not None:
                out.append(ActorHit(f.start, f.end, f.text, actor))
        out += self._adjective_actors(text, day, out)
        return sorted(out, key=lambda a: a.start)

    @cached_property
    def _actors_by_alias(self) -> dict[str, list[Actor]]:
        out: dict[str, list[Actor]] = {}
        for a in self.actors.values():
            for text in (a.name_en, a.name_ar, *(n.text for n in a.aliases)):
                for t in {text, re.sub(r"\s*\([^)]*\)\s*$", "", text)}:
                    bucket = out.setdefault(PhraseIndex.key(t), [])
                    if a not in bucket:
                        bucket.append(a)
        return out

    def _resolve_actor(self, alias: str, day: dt.date | None) -> Actor | None:
        """The actor an alias means on `day`. When two meanings are current, the one that began
        last wins: «قوى الأمن الداخلي» after December 2024 is the transitional government's
        police, not the Asayish."""
        cands = self._actors_by_alias.get(PhraseIndex.key(alias)) or []
        if not cands:
            return self.lexicon.resolve(alias, day)
        if day is not None:
            cands = [a for a in cands if a.active_on(day)] or cands
        else:
            cands = [a for a in cands if a.valid_to is None] or cands
        return max(cands, key=lambda a: a.valid_from or dt.date.min)

    def _adjective_actors(self, text: str, day: dt.date | None,
                          found: Sequence[ActorHit]) -> list[ActorHit]:
        """«الجانب التركي», «جندي روسي», "a Turkish attack"; «الروسي والسوري» adds the Syrian
        government of the day."""
        out: list[ActorHit] = []
        toks = tokenize(text)
        found_starts = [a.start for a in found]
        for i, t in enumerate(toks):
            k = bisect_right(found_starts, t.start) - 1
            if k >= 0 and found[k].start <= t.start < found[k].end:
                continue
            key = arabic_key(t.text) if t.arabic else t.text.lower()
            alias = _ADJECTIVE_ACTORS.get(key)
            start = t.start
            joined = bool(out) and i > 0 and out[-1].end >= toks[i - 1].start
            if alias is None and t.arabic and key.startswith("و") and joined:
                start += 1  # «الروسي والسوري»: the «و» joins, it is not part of the name
                if key[1:] in {"السوري", "السوريه"}:
                    alias = "الحكومة السورية"
                else:
                    alias = _ADJECTIVE_ACTORS.get(key[1:])
            if alias is None:
                continue
            if re.match(r"^[-–](?:backed|affiliated|led|supported)", text[t.end : t.end + 12]):
                continue
            actor = self._resolve_actor(alias, day)
            if actor is not None:
                out.append(ActorHit(start, t.end, text[start : t.end], actor))
        return out

    # -- events ---------------------------------------------------------------------------

    def _events(self, text: str, sents: Sequence[Span], places: Sequence[PlaceHit],
                actors: Sequence[ActorHit], published: dt.date | None,
                day: dt.date | None) -> list[Extracted]:
        toks = _tokens(text)
        ref_year = day.year if day else None
        raw: list[Extracted] = []
        counter = 0
        counts: dict[str, int] = {}  # how often each event place has been named so far
        first_hit: dict[str, PlaceHit] = {}
        starts = [a.start for a in actors]
        sources = {a.start for a in actors if _is_source(toks, text, a)}
        place_starts = [p.start for p in places]
        for sent in sents:
            lo, hi = _first_token(toks, sent.start), _first_token(toks, sent.end)
            sent_places = [p for p in places[bisect_left(place_starts, sent.start) :
                                             bisect_left(place_starts, sent.end)] if p.event_place]
            a0, a1 = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
            sent_actors = actors[a0:a1]
            prior = next((a for a in reversed(actors[:a0]) if a.start not in sources), None)
            for p in sent_places:
                if p.place.kind not in (PlaceKind.COUNTRY, PlaceKind.GOVERNORATE):
                    counts[p.place.id] = counts.get(p.place.id, 0) + 1
                    first_hit.setdefault(p.place.id, p)
            if hi - lo < 3:  # page noise: tags, bylines, "+A -A"
                continue
            cls = clauses(sent)
            focus = _focus(counts, first_hit)
            exchange_at = _exchange_position(toks, lo, hi)
            items = self._classify(toks, text, TRIGGER_INDEX.find(toks, lo, hi), cls, sent, lo,
                                   exchange_at)
            independent = [it for it in items if it.governor is None and not it.silent]
            made: dict[int, list[Extracted]] = {}
            last_roles: tuple[_Item, _Roles] | None = None
            segs = []
            for k, it in enumerate(independent):
                prev_same = k > 0 and independent[k - 1].clause == it.clause
                next_same = k + 1 < len(independent) and independent[k + 1].clause == it.clause
                segs.append(Span(it.hit.start if prev_same else it.clause.start,
                                 independent[k + 1].hit.start if next_same else it.clause.end, ""))
            for k, it in enumerate(independent):
                prev_same = k > 0 and independent[k - 1].clause == it.clause
                seg = segs[k]
                claimed = {p.start for j, sg in enumerate(segs) if j != k
                           for p in sent_places if sg.start <= p.start < sg.end}
                governed = [g.hit.start for g in items if g.governor is it]
                roles = self._roles(toks, text, it.hit, it.clause, seg, sent, sent_actors, it.type,
                                    sources=sources, prior=prior,
                                    first_in_clause=not prev_same,
                                    object_at=min(governed, default=10**9))
                coordinated = toks[it.hit.first].arabic and toks[it.hit.first].text.startswith("و")
                if prev_same and last_roles and last_roles[0].type == it.type and (
                        coordinated or roles.actors == (None,)) and not any(
                        last_roles[0].hit.end <= a.start and a.end <= it.hit.start for a in actors):
                    roles = last_roles[1]  # «بقطع الطرق ... ومنع حركة السيارات»: one subject
                last_roles = (it, roles)
                if it.hit.trigger.needs_actor and not roles.in_clause:
                    continue
                chosen, evidence, directness = self._event_places(
                    text, it, seg, sent, cls, sent_places, places, focus, claimed)
                historical, year = _historical(text, toks, it.clause, sent, ref_year)
                conf = (Confidence.HIGH if roles.actors[0] and chosen and evidence == it.clause
                        else Confidence.MEDIUM if chosen else Confidence.LOW)
                out = []
                for actor in roles.actors:
                    for place in chosen or [None]:
                        counter += 1
                        out.append(Extracted(
                            id=f"e{counter}", type=it.type, evidence=evidence, actor=actor,
                            target=roles.target, place=place, subtype=it.subtype,
                            cameo=it.hit.trigger.cameo or CAMEO[it.type][0], date=published,
                            year=year, confidence=conf, historical=historical,
                            trigger=Span(it.hit.start, it.hit.end, text[it.hit.start : it.hit.end]),
                            linked_to=("exchange",) if exchange_at is not None
                            and it.hit.start > exchange_at else (),
                            stated=(directness, (actor is not None) + (roles.target is not None)),
                        ))
                made[id(it)] = out
            sent_events = [e for it in independent for e in made.get(id(it), [])]
            # A demand to lift a siege states the siege: the demand's target besieges.
            for it in items:
                if it.governor is not None and it.type == EventType.LIFT_BLOCKADE:
                    for demand in made.get(id(it.governor), []):
                        if demand.type == EventType.DEMAND:
                            counter += 1
                            sent_events.append(self._implied_blockade(demand, it.hit, text, counter))
            sent_events = _link_exchange(sent_events, exchange_at)
            raw.extend(sent_events)
        datelines = [p.start for p in places if p.note == "dateline"]
        return _dedupe(raw, lead_material(text, sents, datelines[0] if datelines else None))

    def _classify(self, toks: Sequence[_Tok], text: str, hits: Sequence[_TriggerHit],
                  cls: Sequence[Span], sent: Span, lo: int, exchange_at: int | None) -> list[_Item]:
        """Which triggers state events (not negated, not hypothetical clashes) and which are
        the object of a demand or an agreement before them."""
        items: list[_Item] = []
        governor: _Item | None = None
        governed_until = -1
        for h in hits:
            clause = next((c for c in cls if c.start <= h.start < c.end), sent)
            etype, subtype = h.trigger.type, h.trigger.subtype
            if etype == EventType.CLASH and _hypothetical(toks, h, clause):
                etype = EventType.THREAT
            if _cancelled(toks, h, clause, cls, lo, etype, subtype):
                continue
            if _not_an_event_word(toks, h):
                continue
            silent = etype == EventType.DEMAND and _circumstantial(toks, h)
            gov = None
            if governor is not None and h.start < governed_until and _governs(governor.type, etype,
                                                                               subtype):
                gov = governor
            item = _Item(h, etype, subtype, clause, gov, silent)
            items.append(item)
            if h.trigger.governs and gov is None:
                governor, governed_until = item, _scope_end(clause, exchange_at)
        return items

    def _roles(self, toks: Sequence[_Tok], text: str, h: _TriggerHit, clause: Span, seg: Span,
               sent: Span, actors: Sequence[ActorHit], etype: EventType, *,
               first_in_clause: bool, object_at: int = 10**9, sources: set[int] = frozenset(),
               prior: ActorHit | None = None) -> _Roles:
        """Actor(s) and target of a trigger, from its clause (see the module doc)."""
        """`actors` are those of the sentence; `sources` the starts of those that report rather
        than act; `prior` the last actor named before the sentence (for «الأخيرة»)."""
        reporters = [a for a in actors if a.start in sources]
        usable = [a for a in actors if a.start not in sources]
        in_clause = [a for a in usable if clause.start <= a.start < clause.end]
        any_in_clause = bool(in_clause) or any(clause.start <= a.start < clause.end for a in reporters)
        if not in_clause:
            # «أعلنت السلطات رفع الحصار» (X announced lifting): X acts after all; but not in
            # "X said that Y ..." unless the event is X's too ("X announced that an agreement
            # was reached with Y").
            in_clause = [a for a in reporters if clause.start <= a.start < clause.end and (
                etype in _SYMMETRIC or not _COMPLEMENTIZER.search(text[a.end : h.start]))]
        if _relative(toks, clause):  # ", who have been resisting attacks": the one before
            prev = [a for a in usable if a.end <= clause.start and sent.start <= a.start]
            in_clause = prev[-1:] + in_clause
            any_in_clause = any_in_clause or bool(prev)
        lower = clause.start if first_in_clause else seg.start
        if in_clause and in_clause[0].start < clause.start:
            lower = min(lower, in_clause[0].start)
        before = [a for a in in_clause if lower <= a.start and a.end <= h.start]
        after = [a for a in in_clause if a.start >= h.start and a.start < min(seg.end, object_at)]
        roles = self._roles_from(toks, text, h, clause, seg, sent, usable, in_clause, before, after,
                                 etype, prior)
        if etype == EventType.CLASH and any(set(t.forms) & REPEL
                                            for t in toks[max(0, h.first - 3) : h.first]):
            roles = _Roles((None,), roles.actors[0], roles.in_clause)  # "X repelling attacks"
        return replace(roles, in_clause=roles.in_clause or any_in_clause)

    def _roles_from(self, toks: Sequence[_Tok], text: str, h: _TriggerHit, clause: Span,
                    seg: Span, sent: Span, usable: Sequence[ActorHit], in_clause: list[ActorHit],
                    before: list[ActorHit], after: list[ActorHit], etype: EventType,
                    prior: ActorHit | None = None) -> _Roles:
        # "the withdrawal of the SDF", "attacks by the SNA": the agent follows the noun.
        nxt = toks[h.last + 1] if h.last + 1 < len(toks) else None
        if not toks[h.first].arabic and nxt is not None and nxt.norm in {"of", "by"}:
            agent = next((a for a in after if a.start > h.end and a.start - h.end < 12), None)
            if agent is not None:
                return _Roles((agent.actor.id,), before[-1].actor.id if before else None, True)
        # «أثناء مغادرتهم المدينة»: a verbal noun with a pronoun names its agent; those after
        # it are others.
        first_tok = toks[h.first]
        if (first_tok.arabic and h.first == h.last and first_tok.norm not in _IYYA
                and re.search("(?:تهم|تها|ته|هم|ها)$", first_tok.norm)):
            return _Roles((before[-1].actor.id if before else None,),
                          after[0].actor.id if after else None, True)
        # «انسحاب مجموعات من قسد»: the agent of a verbal noun follows it.
        if toks[h.first].forms[-1].removeprefix("ال") in _MASDAR or toks[h.first].norm in _MASDAR:
            k, j = 0, h.last + 1
            while j < len(toks) and k < 3 and toks[j].start < seg.end:
                agent = next((a for a in after if a.start == toks[j].start), None)
                if agent is not None:
                    others = [a.actor.id for a in after
                              if a.start > agent.start and a.actor.id != agent.actor.id]
                    target = before[-1].actor.id if before else (others[0] if others else None)
                    return _Roles((agent.actor.id,), target, True)
                if not (set(toks[j].forms) & _AGENT_FILLERS):
                    break
                j, k = j + 1, k + 1
        # «مطالباً إياها ب...»: a participle whose subject is the sentence's subject.
        nxt = toks[h.last + 1] if h.last + 1 < len(toks) else None
        if nxt is not None and nxt.norm in _IYYA:
            sent_before = [a for a in usable if sent.start <= a.start and a.end <= h.start]
            if sent_before:
                actor = sent_before[0].actor.id
                target = next((a.actor.id for a in reversed(sent_before) if a.actor.id != actor), None)
                return _Roles((actor,), target, True)
        # The agent of a passive: "by X", «من قبل X», when no subject precedes the trigger.
        for a in [] if before else after:
            pre = text[max(clause.start, a.start - 9) : a.start]
            pre_words = pre.split()
            if (pre_words and pre_words[-1].lower() in _AGENT_EN) or any(
                    arabic_key(pre).endswith(arabic_key(w)) for w in _AGENT_AR):
                others = [b for b in in_clause if b is not a and b.actor.id != a.actor.id]
                return _Roles((a.actor.id,), others[0].actor.id if others else None, True)
        latter = self._latter(text, h, clause, usable, prior)
        if latter:
            target = next((a.actor.id for a in after if a.actor.id != latter), None)
            return _Roles((latter,), target, True)
        if before:
            k = len(before) - 1
            while k > 0 and _joined(text[before[k - 1].end : before[k].start]):
                k -= 1  # «قوات الأسايش و”قسد” بقطع»: coordinated subjects
            group = list(dict.fromkeys(a.actor.id for a in before[k:]))
            # "the Russians, the SDF, and the Syrian government reached": across commas
            earlier = [a for a in usable if sent.start <= a.start and a.end <= before[k].start]
            first = before[k]
            while earlier and _joined(text[earlier[-1].end : first.start]):
                first = earlier.pop()
                group.insert(0, first.actor.id)
            group = list(dict.fromkeys(group))
            if etype in _SYMMETRIC:
                if len(group) > 1:
                    return _Roles((group[0],), group[1], True)
                target = next((a.actor.id for a in after if a.actor.id != group[0]), None)
                return _Roles((group[0],), target, True)
            target = next((a.actor.id for a in after if a.actor.id not in group), None)
            return _Roles(tuple(group), target, True)
        if after and not toks[h.first].arabic and etype not in _SYMMETRIC:
            return _Roles((None,), after[0].actor.id, True)  # English: subject before the verb
        if after:
            k = 0
            while k + 1 < len(after) and _joined(text[after[k].end : after[k + 1].start]):
                k += 1
            group = list(dict.fromkeys(a.actor.id for a in after[: k + 1]))
            rest = [a.actor.id for a in after[k + 1 :] if a.actor.id not in group]
            if etype in _SYMMETRIC and len(group) > 1:
                return _Roles((group[0],), group[1], True)
            return _Roles(tuple(group) if etype not in _SYMMETRIC else (group[0],),
                          rest[0] if rest else None, True)
        # Nothing in the clause: the subject of the sentence, before the trigger.
        sent_before = [a for a in usable if sent.start <= a.start and a.end <= h.start]
        if sent_before:
            return _Roles((sent_before[0].actor.id,), None, False)
        return _Roles((None,), None, False)

    def _latter(self, text: str, h: _TriggerHit, clause: Span, actors: Sequence[ActorHit],
                prior: ActorHit | None = None) -> str | None:
        """«لوحت الأخيرة» / "the latter": the last actor named before."""
        window = text[clause.start : min(clause.end, h.end + 25)]
        words = {arabic_key(w) for w in window.split()} | {w.lower() for w in window.split()}
        words |= {w[1:] for w in words if w.startswith(("و", "ف"))}
        if not words & _LATTER:
            return None
        before = [a for a in actors if a.end <= h.start]
        if before:
            return before[-1].actor.id
        return prior.actor.id if prior else None

    def _event_places(self, text: str, it: _Item, seg: Span, sent: Span, cls: Sequence[Span],
                      sent_places: Sequence[PlaceHit], places: Sequence[PlaceHit],
                      focus: Sequence[PlaceHit], claimed: set[int]
                      ) -> tuple[list[Place], Span, int]:
        """The places of an event and the evidence that names them: its segment of the clause,
        else the clause, else what an anaphor in the clause points back to, else the sentence
        (the evidence then runs to the place), else the places of the last sentence that named
        any."""
        usable = [p for p in sent_places
                  if not (it.subtype == "withdrawal" and _destination(text, p, it))]
        evidence, directness = it.clause, 2
        chosen = [p for p in usable if seg.start <= p.start < seg.end]
        if not chosen:
            chosen = [p for p in usable if it.clause.start <= p.start < it.clause.end]
        if not chosen:
            chosen, directness = self._anaphor(text, it.clause, places), 1
        if not chosen:
            free = [p for p in usable if p.start not in claimed] or usable
            later = [p for p in free if p.start >= it.clause.end]
            earlier = [p for p in free if p.end <= it.clause.start]
            pick = later[:1] or earlier[-1:]
            if pick:
                same = next((c for c in cls if c.start <= pick[0].start < c.end), it.clause)
                chosen = [p for p in free if same.start <= p.start < same.end]
                start, end = min(it.clause.start, same.start), max(it.clause.end, same.end)
                evidence = Span(start, end, text[start:end])
        if not chosen:
            chosen, directness = list(focus), 0
        return [p.place for p in _drop_locators(self.gazetteer, text, chosen)], evidence, directness

    def _anaphor(self, text: str, clause: Span, places: Sequence[PlaceHit]) -> list[PlaceHit]:
        words = [arabic_key(t.text) if t.arabic else t.text.lower() for t in tokenize(clause.text)]
        bare = set(words) | {w[1:] for w in words if w[:1] in "وبلف"}
        for word, kinds in _ANAPHORS.items():
            if word in bare:
                earlier = [p for p in places if p.end <= clause.start and (
                    p.event_place or p.note == "where people come from") and p.place.kind in kinds]
                if not earlier and kinds == _ANAPHORS["area"]:  # "the area": any place
                    earlier = [p for p in places if p.end <= clause.start and p.event_place]
                if not earlier and word in _DUAL_ANAPHORS:
                    # "two neighborhoods ... Sheikh Maqsoud—one of the two": named just after
                    later = [p for p in places if clause.end <= p.start < clause.end + 800
                             and p.place.kind in kinds]
                    earlier = list(reversed(later))
                if earlier:
                    n = 2 if word in _DUAL_ANAPHORS else 1
                    seen: dict[str, PlaceHit] = {}
                    for p in reversed(earlier):
                        seen.setdefault(p.place.id, p)
                        if len(seen) == n:
                            break
                    return list(seen.values())
        return []

    def _implied_blockade(self, demand: Extracted, h: _TriggerHit, text: str,
                          number: int) -> Extracted:
        """«طالب X Y بفك الحصار عن P»: Y besieges P."""
        return Extracted(id=f"e{number}", type=EventType.BLOCKADE, evidence=demand.evidence,
                         actor=demand.target, target=demand.actor, place=demand.place,
                         cameo=CAMEO[EventType.BLOCKADE][0], date=demand.date, year=demand.year,
                         confidence=Confidence.LOW, historical=demand.historical, implied=True,
                         trigger=Span(h.start, h.end, text[h.start:h.end]))

def _link_exchange(events: list[Extracted], exchange_at: int | None) -> list[Extracted]:
    """Events after «مقابل» / "in exchange for" are offered for those before it; when
    what comes before is a demand, the offer is the demanding party's."""
    if exchange_at is None:
        return events
    before = [e for e in events if e.trigger and e.trigger.start < exchange_at and not e.implied]
    after = [e for e in events if e.linked_to == ("exchange",)]
    if not before or not after:
        return [replace(e, linked_to=()) if e.linked_to == ("exchange",) else e for e in events]
    demander = next((e for e in before if e.type == EventType.DEMAND), before[0])
    out = []
    for e in events:
        if e in after:
            actor, target = e.actor, e.target
            if demander.type == EventType.DEMAND:
                actor, target = demander.actor, demander.target
            out.append(replace(e, actor=actor, target=target,
                               linked_to=tuple(b.id for b in before)))
        elif e in before:
            out.append(replace(e, linked_to=tuple(a.id for a in after)))
        else:
            out.append(e)
    return out


def _countries_as_actors(text: str, places: list[PlaceHit], rejected: list[Rejected],
                         actors: Sequence[ActorHit]) -> tuple[list[PlaceHit], list[Rejected]]:
    """«روسيا وسوريا تشترطان»: a country joined to an actor is a polity, not a location."""
    keep = []
    for p in places:
        if p.place.kind == PlaceKind.COUNTRY and any(
                _and_only(text[a.end : p.start]) if a.end <= p.start else _and_only(text[p.end : a.start])
                for a in actors if a.end <= p.start or a.start >= p.end):
            rejected = [*rejected, Rejected(p.start, p.end, p.text, "a country named as an actor")]
            continue
        keep.append(p)
    return keep, rejected


def _governs(governor: EventType, etype: EventType, subtype: str | None) -> bool:
    """A demand governs what it demands (except threats); a threat what it threatens; an
    agreement what it provides for (but not its mediation, nor a lifting of a siege it agrees)."""
    if governor == EventType.DEMAND:
        return etype != EventType.THREAT
    if governor == EventType.THREAT:  # "threatened an offensive" is a threat, not a clash
        return etype in (EventType.CLASH, EventType.OTHER, EventType.BLOCKADE)
    if governor == EventType.AGREEMENT:
        return etype not in (EventType.THREAT, EventType.LIFT_BLOCKADE) and subtype != "mediation"
    return False


def _cancelled(toks: Sequence[_Tok], h: _TriggerHit, clause: Span, cls: Sequence[Span], lo: int,
               etype: EventType, subtype: str | None) -> bool:
    """Negated, denied, prevented, habitual, a reference to an earlier one, or not yet done."""
    if _negated(toks, h.first, clause, cls, lo):
        return True
    window = [t for t in toks[max(lo, h.first - NEGATION_WINDOW) : h.first] if t.start >= clause.start]
    forms = [set(t.forms) for t in window]
    near = forms[-3:]
    if etype == EventType.CLASH and any(f & PREVENTION for f in near):
        return True
    if any(f & HABITUAL for f in forms):
        return True
    if any(f & REFERENCE for f in near):
        return True
    if subtype in BEFORE_TYPES:
        for k, t in enumerate(window):
            if set(t.forms) & BEFORE and not (k > 0 and window[k - 1].norm == "من"):
                return True
    if etype == EventType.AGREEMENT:
        in_clause = [t for t in toks[lo : h.first] if t.start >= clause.start]
        if any(set(t.forms) & MODAL for t in in_clause):
            return True
        if any(f & AGREEMENT_REFERENCE for f in forms[-4:]):
            return True
    return False


def _relative(toks: Sequence[_Tok], clause: Span) -> bool:
    i = _first_token(toks, clause.start)
    return i < len(toks) and toks[i].norm in {"who", "which", "الذي", "التي", "الذين"}


def _not_an_event_word(toks: Sequence[_Tok], h: _TriggerHit) -> bool:
    """A trigger word in another sense: "to deal with", "meet their demands"."""
    after = [t.norm for t in toks[h.last + 1 : h.last + 4]]
    word = toks[h.first].norm
    if word in {"deal", "dealt"} and after[:1] == ["with"]:
        return True
    return word in {"meet", "met", "meets"} and bool(
        {"demands", "demand", "conditions", "needs", "requirements", "deadline"} & set(after))


def _circumstantial(toks: Sequence[_Tok], h: _TriggerHit) -> bool:
    return toks[h.first].norm in CIRCUMSTANTIAL_AR


def _is_source(toks: Sequence[_Tok], text: str, a: ActorHit) -> bool:
    """An actor next to a reporting verb ("X said", «قال X», «وجهت X اتهامات») is a source."""
    end = a.end
    paren = re.match(r"^\s*\([^)]{1,12}\)", text[end : end + 16])
    if paren:
        end += paren.end()  # "Syrian Democratic Forces (SDF) confirmed"
    i = _first_token(toks, end)
    j = _first_token(toks, a.start)
    after = toks[i : i + 1]
    before = toks[j - 1 : j] if j else []
    return any(set(t.forms) & REPORTING for t in [*after, *before])


def _destination(text: str, p: PlaceHit, it: _Item) -> bool:
    """A place after «باتجاه»/«نحو»/"towards" following a withdrawal: where they went, not
    where they left."""
    if not (it.hit.end <= p.start < it.clause.end):
        return False
    before = text[max(it.hit.end, p.start - 30) : p.start].split()[-2:]
    return any(arabic_key(w) in _DESTINATION or w.lower() in _DESTINATION for w in before)


def _joined(gap: str) -> bool:
    """Two actors written as one coordinated group: "X and Y", «X و”Y”», "X, the Y, and Z"."""
    if not re.search(r"(?:^|\s|[”“\"'])(?:و|and|&)(?:\s|$|[”“\"'])|[,،\-–]", gap):
        return False
    words = re.sub(r"[”“\"',،\-–()]", " ", gap).split()
    return len(gap) < 20 and all(w in {"و", "and", "&", "the"} for w in words)


def _and_only(gap: str) -> bool:
    words = re.sub(r"[”“\"']", " ", gap).split()
    return (len(words) == 1 and words[0] in {"و", "and", "&"}) or (
        not words and gap.startswith("و"))


def _first_token(toks: Sequence[_Tok], pos: int) -> int:
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid].start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _negated(toks: Sequence[_Tok], i: int, clause: Span, cls: Sequence[Span], lo: int) -> bool:
    start = clause.start
    # A clause that opens with "or"/«أو» continues the negation of the one before it.
    first = next((t for t in toks[lo:] if t.start >= clause.start), None)
    if first is not None and first.norm in {"او", "or", "nor", "ولا"}:
        prev = [c for c in cls if c.end <= clause.start]
        if prev:
            start = prev[-1].start
    lo_i = max(lo, i - NEGATION_WINDOW)
    if start < clause.start:  # the whole clause before an "or" clause counts
        lo_i = max(lo, _first_token(toks, start))
    window = [t for t in toks[lo_i:i] if t.start >= start]
    for j, t in enumerate(window):
        if t.arabic:
            forms = set(t.forms)
            if forms & NEGATION_AR:
                return True
            if NEGATION_AR_LA in forms or "ولا" in forms:
                nxt = window[j + 1] if j + 1 < len(window) else toks[i]
                if not set(nxt.forms) & STILL_AR:
                    return True
        elif t.norm in NEGATION_EN or t.norm.endswith("n't"):
            return True
    return False


def _hypothetical(toks: Sequence[_Tok], h: _TriggerHit, clause: Span) -> bool:
    near = toks[max(0, h.first - 2) : h.last + 3]
    return any(set(t.forms) & HYPOTHETICAL for t in near if clause.start <= t.start < clause.end)


def _historical(text: str, toks: Sequence[_Tok], clause: Span, sent: Span,
                ref_year: int | None) -> tuple[bool, int | None]:
    """Background: a past year in the clause (not after «منذ»/"since"), or a sentence that
    opens with «وكان»."""
    years = []
    # The clause, and an adverbial that opens the sentence ("In 2016, ...", «في عام 2016،»).
    scope = clause.text.translate(_DIGITS)
    head = text[sent.start : clause.start].translate(_DIGITS)
    if head and len(head) < 25:
        scope = head + " " + scope
    for m in _YEAR.finditer(scope):
        before = scope[max(0, m.start() - 12) : m.start()].lower()
        if any(w in before.split()[-2:] for w in SINCE_WORDS) or "منذ" in before:
            continue
        years.append(int(m.group()))
    if years and ref_year and min(years) < ref_year:
        return True, min(years)
    first = text[sent.start : sent.start + 12].split()
    if first and arabic_key(first[0]) in HISTORY_OPENERS_AR and first[0].startswith("و"):
        # «وكان ...» narrates the background up to a clause that turns to the present
        # («حيث لا يزال»، «في حين تفرض»).
        between = arabic_key(text[sent.start : clause.start])
        if not any(f" {w} " in f" {between} " for w in _PRESENT_TURNS):
            return True, min(years) if years else None
    words = {w.lower() for w in clause.text.split()}
    if words & HISTORY_EN and years:
        return True, min(years)
    return False, None


def _scope_end(clause: Span, exchange_at: int | None) -> int:
    end = clause.end
    if exchange_at is not None and clause.start < exchange_at < end:
        end = exchange_at
    return end


def _exchange_position(toks: Sequence[_Tok], lo: int, hi: int) -> int | None:
    for i in range(lo, hi):
        t = toks[i]
        if t.arabic and set(t.forms) & EXCHANGE_AR:
            return t.start
        if not t.arabic:
            for phrase in EXCHANGE_EN:
                if i + len(phrase) <= hi and all(toks[i + k].norm == w for k, w in enumerate(phrase)):
                    return t.start
    return None


def _drop_locators(gazetteer: Gazetteer, text: str, hits: Sequence[PlaceHit]) -> list[PlaceHit]:
    """Places that only say where another place of the same list is: «الشيخ مقصود في مدينة
    حلب» -> Sheikh Maqsoud. Places joined by «و» / "and" stay («ريف حلب الشمالي ومناطق
    الشهباء»)."""
    from .toponyms import _bare_gap

    unique: dict[str, PlaceHit] = {}
    for h in hits:
        unique.setdefault(h.place.id, h)
    if len(unique) > 1:  # «قرب سد تشرين جنوب شرقي منبج»: Manbij only says where
        unique = {pid: h for pid, h in unique.items() if h.note != "direction reference"} or unique
    keep = []
    items = list(unique.values())
    for p in items:
        dropped = False
        for q in items:
            if q is p or not _contains(gazetteer, p.place, q.place):
                continue
            a, b = (q, p) if q.start < p.start else (p, q)
            gap = _bare_gap(text[a.end : b.start]) if a.end <= b.start else None
            if gap == "and":
                continue
            dropped = True
            break
        if not dropped:
            keep.append(p)
    return keep


def _contains(gazetteer: Gazetteer, outer: Place, inner: Place) -> bool:
    if outer.id in gazetteer.ancestors(inner):
        return True
    if outer.kind in (PlaceKind.REGION, PlaceKind.GOVERNORATE, PlaceKind.COUNTRY) and \
            outer.geometry.geom_type != "Point":
        from shapely.geometry import Point

        lat, lon = inner.point
        if inner.kind == PlaceKind.COUNTRY:
            return False
        if outer.geometry.contains(Point(lon, lat)) and (
                inner.geometry.geom_type == "Point" or inner.geometry.area < outer.geometry.area):
            return True
    if outer.kind in (PlaceKind.CITY, PlaceKind.TOWN) and inner.kind in (
            PlaceKind.VILLAGE, PlaceKind.NEIGHBOURHOOD, PlaceKind.FACILITY):
        from .gazetteer import haversine_km

        return haversine_km(outer.point, inner.point) < 15
    return False


def _focus(counts: dict[str, int], first: dict[str, PlaceHit]) -> list[PlaceHit]:
    """The places the report is about so far: the event places named most often. A city yields
    to its neighbourhoods when they are named at least twice (a report on Sheikh Maqsoud names
    Aleppo to say where it is)."""
    pool = {pid: n for pid, n in counts.items()
            if not any(o != pid and counts[o] >= 2 and first[o].place.parent == pid for o in counts)}
    if not pool:
        return []
    top = max(pool.values())
    return [first[pid] for pid in first if pool.get(pid) == top]


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد")
_DATE = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|"
                   r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2}\b|"
                   r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|"
                   r"October|November|December)\b")


def _dates(text: str) -> set[str]:
    """Day mentions in a clause ("April 3", "on Monday"), to tell apart two rounds of one kind
    of event."""
    found = {m.group().lower().replace(".", "") for m in _DATE.finditer(text)}
    words = {arabic_key(w) for w in text.split()} | {w.lower().strip(",.") for w in text.split()}
    return found | (words & set(_WEEKDAYS))


def _near_trigger(e: Extracted) -> str:
    if e.trigger is None:
        return e.evidence.text
    a = max(0, e.trigger.start - e.evidence.start - 40)
    return e.evidence.text[a : e.trigger.end - e.evidence.start + 60]


def _compatible(a: Extracted, b: Extracted) -> bool:
    da, db = _dates(_near_trigger(a)), _dates(_near_trigger(b))
    if da and db and not da & db:
        return False
    if a.type in _SYMMETRIC:  # a meeting of X and Y is one of Y and X
        parties = {a.actor, a.target, b.actor, b.target} - {None}
        return len(parties) <= 2
    return all(x is None or y is None or x == y for x, y in ((a.actor, b.actor), (a.target, b.target)))


def _merge_roles(keep: Extracted, drop: Extracted) -> tuple[str | None, str | None]:
    actor = keep.actor or drop.actor
    target = keep.target or drop.target
    if keep.type in _SYMMETRIC and target is None:
        target = next((x for x in (drop.actor, drop.target) if x and x != actor), None)
    return actor, target


def _weight(e: Extracted, lead: Sequence[Span]) -> tuple[int, int, int, int]:
    """How well a statement gives its event: body text over headlines, summary bullets and
    captions; then its place named in its own clause; then the roles it names itself. Of
    equal body statements the first is kept; of equal headlines, the last (the nearest to the
    body). `lead` is sorted by start."""
    k = bisect_right([s.start for s in lead], e.evidence.start) - 1
    in_lead = k >= 0 and e.evidence.start < lead[k].end
    return (0 if in_lead else 1, *e.stated, e.evidence.start if in_lead else -e.evidence.start)


_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{2,60}(?:,\s*[A-Z][a-z]+)?\s*(?:\([^)\n]{2,40}\))?\s*[-–—]\s",
                       re.MULTILINE)


def lead_material(text: str, sents: Sequence[Span], dateline_at: int | None = None) -> list[Span]:
    """Headlines, summary bullets and captions: lines without a closing full stop, bullets,
    lines that are repeated word for word, and everything above the dateline."""
    out = []
    # Everything above a dateline ("ERBIL (Kurdistan 24) –", "ALEPPO —", «القامشلي – نورث برس»)
    # is the page's head: headline, standfirst, photo captions.
    dateline = _DATELINE.search(text)
    found = [x for x in (dateline.start() if dateline else None, dateline_at) if x is not None]
    body_start = text.rfind("\n", 0, min(found)) + 1 if found else 0
    lines: dict[str, int] = {}
    for line in text.splitlines():
        key = line.strip()
        if key:
            lines[key] = lines.get(key, 0) + 1
    for s in sents:
        line_start = text.rfind("\n", 0, s.start) + 1
        line_end = text.find("\n", s.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
        if (s.end <= body_start or not line.endswith((".", "؟", "?", "!", ".”", '."'))
                or line.startswith(("•", "-", "*"))
                or lines.get(line, 0) > 1 or text[max(0, s.start - 4) : s.start].strip().startswith("•")):
            out.append(s)
    return out


def _dedupe(events: Iterable[Extracted], lead: Sequence[Span] = ()) -> list[Extracted]:
    """One event per (type, subtype, place, historical) and compatible actors (equal, or one
    unstated): the restatements of an event in a headline, a summary and the body are one. The
    survivor is the best statement (`_weight`), with the roles and links of the others."""
    buckets: dict[tuple, list[int]] = {}  # key -> indexes into `kept`
    kept: list[Extracted] = []
    parent: dict[str, str] = {}  # merged event id -> the id it was merged into

    def find(eid: str) -> str:
        while parent.get(eid, eid) != eid:
            eid = parent[eid]
        return eid

    for e in events:
        k = (e.type, e.subtype, e.place.id if e.place else None, e.historical)
        slots = buckets.setdefault(k, [])
        slot = next((i for i in slots if _compatible(kept[i], e)), None)
        if slot is None:
            slots.append(len(kept))
            kept.append(e)
            continue
        twin = kept[slot]
        keep, drop = (e, twin) if _weight(e, lead) > _weight(twin, lead) else (twin, e)
        actor, target = _merge_roles(keep, drop)
        kept[slot] = replace(keep, actor=actor, target=target,
                             linked_to=tuple(dict.fromkeys(keep.linked_to + drop.linked_to)),
                             implied=keep.implied and drop.implied,
                             confidence=keep.confidence if not keep.implied else drop.confidence)
        parent[drop.id] = keep.id
    survivors = sorted(kept, key=lambda e: (e.evidence.start, e.trigger.start if e.trigger else 0,
                                            e.type.value))
    renumber = {e.id: f"e{i + 1}" for i, e in enumerate(survivors)}
    out = []
    for e in survivors:
        links = tuple(dict.fromkeys(renumber[find(x)] for x in e.linked_to
                                    if find(x) in renumber and find(x) != e.id))
        out.append(replace(e, id=renumber[e.id], linked_to=links))
    return out


def _estimate_date(text: str) -> dt.date | None:
    """Without a publication date, the latest year the text names (1 July of it)."""
    years = [int(y) for y in _YEAR.findall(text.translate(_DIGITS)) if int(y) <= dt.date.today().year]
    return dt.date(max(years), 7, 1) if years else None


def source_for(text: str, *, outlet: str, url: str | None, published: dt.date | None,
               lang: str, title: str | None = None) -> Source:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    slug = re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-") or "source"
    sid = f"{slug}-{published.isoformat() if published else 'undated'}-{digest[:8]}"
    return Source(id=sid, outlet=outlet, url=url, published=published, title=title, lang=lang,
                  text_sha256=digest)

