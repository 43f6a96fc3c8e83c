"""From a news report to draft events: who did what to whom, where, with the words it rests on.

The pipeline, each step in the module named for it:
1. `language`: detect Arabic or English; split into sentences and clauses (offsets kept).
2. `toponyms`: find the places named, reject look-alikes, resolve each in its sentence.
3. `roles`: find the actors named (time-aware), and later say which is the actor and which the
   target of each event.
4. `triggers`: find the words that state an event. Here each trigger is
   - cancelled when negated or denied («لم», «نفى», "denied", "no"), prevented, habitual, a
     reference to an earlier event, not yet done ("before"), or hypothetical (an agreement that
     "could" come; a possible attack is a threat, not a clash);
   - governed by a demand, threat or agreement before it in its clause (a demand to withdraw is
     one demand, not a withdrawal too; a demand to lift a siege also states the siege, an
     implied blockade by the demand's target);
   - placed: the event places of its stretch of clause, else of its clause, else what an
     anaphor points back to («الحي», "the two neighborhoods"), else the sentence (the evidence
     then runs to the place), else the place the report is about; a place that only locates
     another («الشيخ مقصود في مدينة حلب», "southeast of Kobani") is dropped;
   - flagged `historical` by background cues (a year before the report's, «وكان ...»).
   «... مقابل ...» / "in exchange for" links the events on its two sides, the offered side
   being done by the party that demands.
5. `restatements`: one event per statement repeated in headline, summary and body.

Everything is rules over lexicons: no model, nothing tuned to a particular text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from ..actors import ActorLexicon
from ..errors import ExtractionError
from ..gazetteer import Gazetteer
from ..model import (
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
from ..normalize import arabic_key
from .restatements import lead_material, merge_restatements
from .roles import (
    ActorFinder,
    ActorHit,
    Roles,
    accuser,
    and_only,
    assign_roles,
    is_residents,
    is_source,
    names_people,
    residents_of,
)
from .segmenting import Span, Tok, clauses, detect_language, first_token, sentences, tokens
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
    MODAL,
    NEGATION_AR,
    NEGATION_AR_LA,
    NEGATION_EN,
    NEGATION_WINDOW,
    PREVENTION,
    REFERENCE,
    SINCE_WORDS,
    STILL_AR,
    SYMMETRIC,
    TOPIC,
    TRIGGER_INDEX,
    TriggerHit,
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
_SIEGES = (EventType.BLOCKADE, EventType.LIFT_BLOCKADE)
_POPULATED = (PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE, PlaceKind.NEIGHBOURHOOD)
_DUAL_ANAPHORS = {"المدينتين", "الحيين", "neighborhoods", "neighbourhoods"}
_DESTINATION = {"باتجاه", "نحو", "towards", "toward", "الي", "to"}
_PRESENT_TURNS = ("حيث", "في حين", "بينما", "فيما", "لكن", "الا ان", "اليوم", "حاليا")


@dataclass(frozen=True)
class _Item:
    """A trigger that states an event, or (with a governor) the object of one."""

    hit: TriggerHit
    type: EventType
    subtype: str | None
    clause: Span
    governor: _Item | None = None
    silent: bool = False  # «كشرط ...», «بطلب ...»: governs what follows, states no event


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
    def actor_finder(self) -> ActorFinder:
        return ActorFinder(self.actors)

    @cached_property
    def toponyms(self) -> Toponyms:
        # «أهالي الحسكة» names the people of a place, not an organisation: its place stays.
        names = [t for a in self.actors.values() if not is_residents(a.id)
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
        actor_hits = self.actor_finder.find(text, day, places)
        if day is None:  # an undated report named «الفرقة الرابعة»: before December 2024
            day = self.actor_finder.era(actor_hits)
            if day is not None:
                actor_hits = self.actor_finder.find(text, day, places)
        places, rejected = _countries_as_actors(text, places, rejected, actor_hits)
        events = self._events(text, sents, places, actor_hits, published, day)
        return Extraction(lang, text, published, tuple(places), tuple(actor_hits), tuple(events),
                          tuple(rejected))

    # -- events ---------------------------------------------------------------------------

    def _events(self, text: str, sents: Sequence[Span], places: Sequence[PlaceHit],
                actors: Sequence[ActorHit], published: dt.date | None,
                day: dt.date | None) -> list[Extracted]:
        toks = tokens(text)
        ref_year = day.year if day else None
        raw: list[Extracted] = []
        counter = 0
        counts: dict[str, int] = {}  # how often each event place has been named so far
        first_hit: dict[str, PlaceHit] = {}
        starts = [a.start for a in actors]
        sources = {a.start for a in actors if is_source(toks, text, a)}
        place_starts = [p.start for p in places]
        for sent in sents:
            lo, hi = first_token(toks, sent.start), first_token(toks, sent.end)
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
            last_roles: tuple[_Item, Roles] | None = None
            segs = []
            for k, it in enumerate(independent):
                prev_same = k > 0 and independent[k - 1].clause == it.clause
                next_same = k + 1 < len(independent) and independent[k + 1].clause == it.clause
                segs.append(Span(it.hit.start if prev_same else it.clause.start,
                                 independent[k + 1].hit.start if next_same else it.clause.end, ""))
            all_roles: list[Roles] = []
            for k, it in enumerate(independent):
                prev_same = k > 0 and independent[k - 1].clause == it.clause
                seg = segs[k]
                governed = [g.hit.start for g in items if g.governor is it]
                roles = assign_roles(toks, text, it.hit, it.clause, seg, sent, sent_actors, it.type,
                                    sources=sources, prior=prior,
                                    first_in_clause=not prev_same,
                                    object_at=min(governed, default=10**9))
                coordinated = toks[it.hit.first].arabic and toks[it.hit.first].text.startswith("و")
                if prev_same and last_roles and last_roles[0].type == it.type and (
                        coordinated or roles.actors == (None,)) and (
                        last_roles[1].actors != (None,) or roles.actors == (None,)) and not any(
                        last_roles[0].hit.end <= a.start and a.end <= it.hit.start for a in actors):
                    roles = last_roles[1]  # «بقطع الطرق ... ومنع حركة السيارات»: one subject
                if it.type in SYMMETRIC and roles.target is None:
                    roles = _second_party(text, it, cls, sent_actors, sources, roles)
                last_roles = (it, roles)
                all_roles.append(roles)
            _share_coordinated(text, independent, all_roles)
            for k, it in enumerate(independent):
                roles, seg = all_roles[k], segs[k]
                claimed = {p.start for j, sg in enumerate(segs) if j != k
                           for p in sent_places if sg.start <= p.start < sg.end}
                if it.hit.trigger.needs_actor and not roles.in_clause:
                    continue
                chosen, evidence, directness = self._event_places(
                    text, it, seg, sent, cls, sent_places, places, focus, claimed)
                historical, year = _historical(text, toks, it.clause, sent, ref_year)
                conf = (Confidence.HIGH if roles.actors[0] and chosen and evidence == it.clause
                        else Confidence.MEDIUM if chosen else Confidence.LOW)
                if roles.target is None and it.type not in (EventType.MEETING,
                                                            EventType.AGREEMENT):
                    victim = accuser(text, it.hit, sent, sent_actors)
                    if victim is not None and victim not in roles.actors:
                        roles = replace(roles, target=victim)
                if roles.target is None and it.type == EventType.AGREEMENT:
                    # «المتفق عليه دخول قوات X»: the agent of what is agreed is a party
                    roles = replace(roles, target=next((
                        a.actor.id for g in items if g.governor is it for a in sent_actors
                        if g.hit.end <= a.start < it.clause.end and a.actor.id not in roles.actors
                        and len(text[g.hit.end : a.start].split()) <= 1
                        and a.start not in sources), None))
                if roles.target is None and it.type in _SIEGES:
                    held = self.actor_finder.holder(text, it.hit.start, it.clause.end, day,
                                                    sent_actors)
                    if held is not None and held not in roles.actors:
                        roles = replace(roles, target=held)
                out = []
                for actor in roles.actors:
                    for place in chosen or [None]:
                        counter += 1
                        out.append(Extracted(
                            id=f"e{counter}", type=it.type, evidence=evidence, actor=actor,
                            target=roles.target or self._residents(it, text, place, actor),
                            place=place, subtype=it.subtype,
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
        return merge_restatements(raw, lead_material(text, sents, datelines[0] if datelines else None))

    def _classify(self, toks: Sequence[Tok], text: str, hits: Sequence[TriggerHit],
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

    def _residents(self, it: _Item, text: str, place: Place | None,
                   actor: str | None) -> str | None:
        """The people of a besieged town or neighbourhood are the siege's target when no one
        else is named («تفرض الحواجز حصاراً على الحي»); so are those arrested there when the
        report calls them people («اعتقال العشرات من الشبان»)."""
        if place is None or place.kind not in _POPULATED:
            return None
        if it.type == EventType.ARREST:
            if not names_people(text[it.hit.start : it.clause.end]):
                return None
        elif it.type not in _SIEGES:
            return None
        rid = residents_of(place.id)
        return rid if rid in self.actors and rid != actor else None

    def _anaphor(self, text: str, clause: Span, places: Sequence[PlaceHit]) -> list[PlaceHit]:
        words = [t.norm for t in tokens(clause.text)]
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

    def _implied_blockade(self, demand: Extracted, h: TriggerHit, text: str,
                          number: int) -> Extracted:
        """«طالب X Y بفك الحصار عن P»: Y besieges P."""
        return Extracted(id=f"e{number}", type=EventType.BLOCKADE, evidence=demand.evidence,
                         actor=demand.target, target=demand.actor, place=demand.place,
                         cameo=CAMEO[EventType.BLOCKADE][0], date=demand.date, year=demand.year,
                         confidence=Confidence.LOW, historical=demand.historical, implied=True,
                         trigger=Span(h.start, h.end, text[h.start:h.end]))

def _share_coordinated(text: str, items: Sequence[_Item], roles: list[Roles]) -> None:
    """«محاصرة ومنع قوات النظام دخول ...», "besieging and shelling by X": two verbal nouns
    joined by «و»/"and" share the agent named after the second; the first takes its roles."""
    for k in range(len(items) - 2, -1, -1):
        a, b = items[k], items[k + 1]
        if roles[k].actors != (None,) or roles[k + 1].actors == (None,):
            continue
        if a.clause != b.clause or a.type != b.type:
            continue
        gap = text[a.hit.end : b.hit.start].strip()
        if gap in {"and", "و"} or (not gap and text[b.hit.start : b.hit.start + 1] == "و"):
            roles[k] = replace(roles[k + 1], target=roles[k].target or roles[k + 1].target)


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


def _second_party(text: str, it: _Item, cls: Sequence[Span], actors: Sequence[ActorHit],
                  sources: set[int], roles: Roles) -> Roles:
    """«الاجتماع الذي جمع قوات سوريا الديمقراطية، ومسؤولين من السلطات السورية»: the other party
    of a meeting or an agreement in the clause that continues with «و» / "and"."""
    nxt = next((c for c in cls if c.start >= it.clause.end), None)
    if nxt is None or not re.match(r"^(?:و|and\b)", nxt.text):
        return roles
    other = next((a for a in actors if nxt.start <= a.start < nxt.end and a.start not in sources
                  and a.actor.id not in roles.actors), None)
    return replace(roles, target=other.actor.id) if other else roles


def _countries_as_actors(text: str, places: list[PlaceHit], rejected: list[Rejected],
                         actors: Sequence[ActorHit]) -> tuple[list[PlaceHit], list[Rejected]]:
    """«روسيا وسوريا تشترطان»: a country joined to an actor is a polity, not a location."""
    keep = []
    for p in places:
        if p.place.kind == PlaceKind.COUNTRY and any(
                and_only(text[a.end : p.start]) if a.end <= p.start else and_only(text[p.end : a.start])
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


def _cancelled(toks: Sequence[Tok], h: TriggerHit, clause: Span, cls: Sequence[Span], lo: int,
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
        if any(f & AGREEMENT_REFERENCE for f in forms[-4:]) or any(f & TOPIC for f in forms[-4:]):
            return True
    return False


def _not_an_event_word(toks: Sequence[Tok], h: TriggerHit) -> bool:
    """A trigger word in another sense: "to deal with", "meet their demands"."""
    after = [t.norm for t in toks[h.last + 1 : h.last + 4]]
    word = toks[h.first].norm
    if word in {"deal", "dealt"} and after[:1] == ["with"]:
        return True
    return word in {"meet", "met", "meets"} and bool(
        {"demands", "demand", "conditions", "needs", "requirements", "deadline"} & set(after))


def _circumstantial(toks: Sequence[Tok], h: TriggerHit) -> bool:
    return toks[h.first].norm in CIRCUMSTANTIAL_AR


def _destination(text: str, p: PlaceHit, it: _Item) -> bool:
    """A place after «باتجاه»/«نحو»/"towards" following a withdrawal: where they went, not
    where they left."""
    if not (it.hit.end <= p.start < it.clause.end):
        return False
    before = text[max(it.hit.end, p.start - 30) : p.start].split()[-2:]
    return any(arabic_key(w) in _DESTINATION or w.lower() in _DESTINATION for w in before)


def _negated(toks: Sequence[Tok], i: int, clause: Span, cls: Sequence[Span], lo: int) -> bool:
    start = clause.start
    # A clause that opens with "or"/«أو» continues the negation of the one before it.
    first = next((t for t in toks[lo:] if t.start >= clause.start), None)
    if first is not None and first.norm in {"او", "or", "nor", "ولا"}:
        prev = [c for c in cls if c.end <= clause.start]
        if prev:
            start = prev[-1].start
    lo_i = max(lo, i - NEGATION_WINDOW)
    if start < clause.start:  # the whole clause before an "or" clause counts
        lo_i = max(lo, first_token(toks, start))
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


def _hypothetical(toks: Sequence[Tok], h: TriggerHit, clause: Span) -> bool:
    near = toks[max(0, h.first - 2) : h.last + 3]
    return any(set(t.forms) & HYPOTHETICAL for t in near if clause.start <= t.start < clause.end)


def _historical(text: str, toks: Sequence[Tok], clause: Span, sent: Span,
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


def _exchange_position(toks: Sequence[Tok], lo: int, hi: int) -> int | None:
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
        from ..gazetteer import haversine_km

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

