"""From a news report to draft events: who did what to whom, where, with the words it rests on.

`Extractor.extract` runs the steps of the package in reading order (see `geodata.extract`):
the language, sentences and clauses (`segmenting`); the places named (`toponyms`); the actors
named, as of the report's date (`actor_mentions`); then, sentence by sentence, over one
`SentenceContext`:

1. `_sentence_events`: the triggers (`triggers`) that survive their cues, and which of them
   another governs (`cues.classify`: a demand to withdraw is one demand, not a withdrawal too);
2. the statements among them and their roles (`context.statements`, `roles.sentence_roles`);
3. `_statement_events`, per statement: its places (`placing.event_places`), whether it is
   background (`background.historical`), the target when none is named (`targets`: the accuser,
   the agent of what an agreement provides for, the holder of a besieged place, else its
   residents), one event per actor and place;
4. the sieges implied by demands to lift them (`_implied_blockades`), and the events on the two
   sides of «مقابل» / "in exchange for" linked (`_link_exchange`).

Last, one event per statement repeated in headline, summary and body (`restatements`).
Everything is rules over lexicons: no model, nothing tuned to a particular text.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, partial
from typing import Any

from ..gazetteer import Gazetteer
from ..model import CAMEO, Actor, Confidence, EventType, Place, PlaceKind
from .actor_mentions import ActorFinder, ActorHit, is_residents
from .background import historical
from .context import SentenceContext, Statement, statements
from .coordination import and_only
from .cue_words import DIGITS, PLANNED, YEAR
from .cues import classify, exchange_position
from .dates import event_day, published_in_text
from .placing import NOWHERE, Focus, contains, event_places
from .restatements import drop_back_references, lead_material, merge_restatements
from .results import Extracted, Extraction, check_text
from .role_sharing import sentence_roles
from .roles import Roles
from .segmenting import Span, Tok, clauses, detect_language, first_token, sentences, tokens
from .sources import is_source
from .targets import fill_target, residents_target
from .toponyms import PlaceHit, Rejected, Toponyms
from .triggers import TRIGGER_INDEX, TriggerHit


@dataclass(frozen=True)
class _Report:
    """What every sentence of one report shares; builds each sentence's context."""

    text: str
    sentences: Sequence[Span]
    places: Sequence[PlaceHit]
    actors: Sequence[ActorHit]
    published: dt.date | None
    day: dt.date | None

    @cached_property
    def toks(self) -> list[Tok]:
        return tokens(self.text)

    @cached_property
    def sources(self) -> frozenset[int]:
        """Starts of the actors that report rather than act ("X said")."""
        return frozenset(a.start for a in self.actors if is_source(self.toks, self.text, a))

    @cached_property
    def _place_starts(self) -> list[int]:
        return [p.start for p in self.places]

    @cached_property
    def _actor_starts(self) -> list[int]:
        return [a.start for a in self.actors]

    def event_places_in(self, sent: Span) -> list[PlaceHit]:
        starts = self._place_starts
        return [
            p
            for p in self.places[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            if p.event_place
        ]

    def context(
        self,
        sent: Span,
        places: Sequence[PlaceHit],
        focus: Sequence[PlaceHit],
        recent: tuple[Place, ...] = (),
        recent_actors: frozenset[str] = frozenset(),
    ) -> SentenceContext:
        toks, starts = self.toks, self._actor_starts
        a0, a1 = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        lo, hi = first_token(toks, sent.start), first_token(toks, sent.end)
        return SentenceContext(
            text=self.text,
            toks=toks,
            span=sent,
            lo=lo,
            hi=hi,
            clauses=clauses(sent),
            actors=self.actors[a0:a1],
            sources=self.sources,
            prior=next((a for a in reversed(self.actors[:a0]) if a.start not in self.sources), None),
            places=places,
            report_places=self.places,
            focus=focus,
            exchange_at=exchange_position(toks, lo, hi),
            published=self.published,
            day=self.day,
            recent=recent,
            recent_actors=recent_actors,
        )

    def is_noise(self, sent: Span) -> bool:
        """Fewer than three words: page noise (tags, bylines, "+A -A")."""
        return first_token(self.toks, sent.end) - first_token(self.toks, sent.start) < 3

    @property
    def dateline_at(self) -> int | None:
        return next((p.start for p in self.places if p.note == "dateline"), None)


@dataclass
class Extractor:
    """Holds the lexicons (built once); `extract` is a pure function of the text."""

    gazetteer: Gazetteer
    actors: dict[str, Actor]

    @classmethod
    def from_dataset(cls, dataset: Any) -> Extractor:
        return cls(dataset.gazetteer, dict(dataset.actors))

    @cached_property
    def actor_finder(self) -> ActorFinder:
        return ActorFinder(self.actors)

    @cached_property
    def toponyms(self) -> Toponyms:
        # «أهالي الحسكة» names the people of a place, not an organisation: its place stays.
        names = [
            t
            for a in self.actors.values()
            if not is_residents(a.id)
            for t in (a.name_en, a.name_ar, *(n.text for n in a.aliases))
        ]
        names += [re.sub(r"\s*\([^)]*\)\s*$", "", n) for n in names]
        return Toponyms(self.gazetteer, names)

    def extract(self, text: str, *, lang: str | None = None, published: dt.date | None = None) -> Extraction:
        check_text(text)
        published = published or published_in_text(text)  # never today by default
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
        events = self._events(_Report(text, sents, places, actor_hits, published, day))
        return Extraction(
            lang, text, published, tuple(places), tuple(actor_hits), tuple(events), tuple(rejected)
        )

    # -- events ---------------------------------------------------------------------------

    def _events(self, report: _Report) -> list[Extracted]:
        ids = itertools.count(1)
        focus = Focus()
        raw: list[Extracted] = []
        recent: tuple[Place, ...] = ()
        recent_actors: frozenset[str] = frozenset()
        for sent in report.sentences:
            places = report.event_places_in(sent)
            focus.add(places, report.toks, report.text)
            if report.is_noise(sent):
                continue
            made = self._sentence_events(
                report.context(sent, places, focus.places(), recent, recent_actors), ids
            )
            placed, actors = _last_placed(made)
            if placed:
                recent, recent_actors = placed, actors
            raw += made
        return merge_restatements(
            drop_back_references(raw, report.text),
            lead_material(report.text, report.sentences, report.dateline_at),
            partial(contains, self.gazetteer),
        )

    def _sentence_events(self, ctx: SentenceContext, ids: Iterator[int]) -> list[Extracted]:
        items = classify(ctx, TRIGGER_INDEX.find(ctx.toks, ctx.lo, ctx.hi))
        stated = statements(ctx, items)
        roles = sentence_roles(stated)
        made = {
            st.item: self._statement_events(st, roles[k], _claimed(stated, k), ids)
            for k, st in enumerate(stated)
        }
        events = [e for st in stated for e in made[st.item]]
        # A demand to lift a siege states the siege: the demand's target besieges.
        events += [
            _implied_blockade(demand, it.hit, ctx.text, next(ids))
            for it in items
            if it.governor is not None and it.type == EventType.LIFT_BLOCKADE
            for demand in made.get(it.governor, [])
            if demand.type == EventType.DEMAND
        ]
        # A lift states that a siege went on until then (the corpus's convention).
        events += [
            _ongoing_blockade(lift, next(ids))
            for lift in events
            if lift.type == EventType.LIFT_BLOCKADE
            and not lift.implied
            and not _planned(ctx, lift)
            and not any(e.type == EventType.BLOCKADE and e.place == lift.place for e in events)
        ]
        return _link_exchange(events, ctx.exchange_at)

    def _statement_events(
        self, st: Statement, roles: Roles, claimed: set[int], ids: Iterator[int]
    ) -> list[Extracted]:
        """The events of one statement: one per actor (coordinated subjects) and place."""
        if st.hit.trigger.needs_actor and not roles.in_clause and not _finite_verb(st):
            return []  # "attacks" alone states no event; "X threatened to ..." does
        if st.hit.trigger.needs_object and not st.governed:
            return []  # "vowed to continue their struggle": no event vowed
        ctx, it, h = st.ctx, st.item, st.hit
        if ctx.recent_actors and roles.actors[0] is None:
            st = replace(st, ctx=replace(ctx, recent=()))  # an unnamed party speaks: the story moved on
        chosen, evidence, directness = event_places(st, claimed, self.gazetteer)
        places: list[Place | None] = [*chosen] or [None]  # no place found: events without one
        past, year = historical(ctx, it.clause, h)
        conf = (
            Confidence.HIGH
            if roles.actors[0] and chosen and evidence == it.clause
            else Confidence.MEDIUM
            if chosen
            else Confidence.LOW
        )
        roles = fill_target(st, roles, self.actor_finder)
        exchange = ctx.exchange_at is not None and h.start > ctx.exchange_at
        return [
            Extracted(
                id=f"e{next(ids)}",
                type=it.type,
                evidence=evidence,
                actor=actor,
                target=roles.target or residents_target(st, place, actor, self.actors),
                place=place,
                subtype=it.subtype,
                cameo=h.trigger.cameo or CAMEO[it.type][0],
                date=event_day(it.clause.text, ctx.published),
                year=year,
                confidence=conf,
                historical=past,
                trigger=Span(h.start, h.end, ctx.text[h.start : h.end]),
                linked_to=("exchange",) if exchange else (),
                stated=(min(directness, 2), (actor is not None) + (roles.target is not None)),
                nowhere=directness == NOWHERE,
            )
            for actor in roles.actors
            for place in places
        ]


def _last_placed(events: Sequence[Extracted]) -> tuple[tuple[Place, ...], frozenset[str]]:
    """The places of a sentence's last event whose place its own clause names, and who acted
    in it (none: no such event)."""
    named = [e for e in events if e.place and e.trigger and e.stated[0] == 2 and not e.implied]
    if not named:
        return (), frozenset()
    last = max(e.trigger.start for e in named if e.trigger)
    at_last = [e for e in named if e.trigger and e.trigger.start == last]
    return tuple(dict.fromkeys(e.place for e in at_last if e.place)), frozenset(
        e.actor for e in at_last if e.actor
    )


def _finite_verb(st: Statement) -> bool:
    """The trigger is an English verb in the past ("threatened", "shelled"): it states an event
    even when its subject is no actor of the lexicon ("a general threatened to storm ...")."""
    toks, k = st.ctx.toks, st.hit.first
    tok = toks[k]
    if k > 0 and toks[k - 1].norm in _DETERMINERS:
        return False  # "the targeted site", "a besieged town": an adjective, no verb
    return not tok.arabic and tok.norm.endswith("ed") and tok.lemma_forms[-1] != tok.norm


_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"})


def _claimed(stated: Sequence[Statement], k: int) -> set[int]:
    """Starts of the sentence's places inside the segments of the other statements."""
    places = stated[k].ctx.places
    return {
        p.start
        for j, st in enumerate(stated)
        if j != k
        for p in places
        if st.seg.start <= p.start < st.seg.end
    }


def _planned(ctx: SentenceContext, lift: Extracted) -> bool:
    """ "preparing to reopen the crossing", "to reopen", «لإعادة فتح», «من أجل فتح», «ستفتح»: a
    lift still to come, which states no siege of its own (the crossing may have been shut for
    years)."""
    if lift.trigger is None:
        return False
    k = first_token(ctx.toks, lift.trigger.start)
    near = ctx.toks[max(ctx.lo, k - 3) : k + 1]
    tok = ctx.toks[k]
    if tok.arabic and tok.norm.startswith("ل") and tok.norm[1:] in tok.forms:
        return True  # «لإزالة السواتر», «لفتح الطريق» (the purpose «لـ»): the aim of what is told
    return any(set(t.forms) & PLANNED or t.norm in _TO_COME for t in near)


_TO_COME = frozenset(
    {"to", "will", "would", "لاعاده", "ستفتح", "سيفتح", "ستعيد", "سيعيد", "اجل", "تمهيدا", "بهدف"}
)


def _ongoing_blockade(lift: Extracted, number: int) -> Extracted:
    """«فكت X الحصار عن P», "X lifted the siege of P": X had besieged P until then."""
    return replace(
        lift,
        id=f"e{number}",
        type=EventType.BLOCKADE,
        cameo=CAMEO[EventType.BLOCKADE][0],
        confidence=Confidence.LOW,
        implied=True,
        linked_to=(),
    )


def _implied_blockade(demand: Extracted, h: TriggerHit, text: str, number: int) -> Extracted:
    """«طالب X Y بفك الحصار عن P»: Y besieges P."""
    return Extracted(
        id=f"e{number}",
        type=EventType.BLOCKADE,
        evidence=demand.evidence,
        actor=demand.target,
        target=demand.actor,
        place=demand.place,
        cameo=CAMEO[EventType.BLOCKADE][0],
        date=demand.date,
        year=demand.year,
        confidence=Confidence.LOW,
        historical=demand.historical,
        implied=True,
        trigger=Span(h.start, h.end, text[h.start : h.end]),
    )


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
            out.append(replace(e, actor=actor, target=target, linked_to=tuple(b.id for b in before)))
        elif e in before:
            out.append(replace(e, linked_to=tuple(a.id for a in after)))
        else:
            out.append(e)
    return out


def _countries_as_actors(
    text: str, places: list[PlaceHit], rejected: list[Rejected], actors: Sequence[ActorHit]
) -> tuple[list[PlaceHit], list[Rejected]]:
    """«روسيا وسوريا تشترطان»: a country joined to an actor is a polity, not a location."""
    keep = []
    for p in places:
        if p.place.kind == PlaceKind.COUNTRY and any(
            and_only(text[a.end : p.start]) if a.end <= p.start else and_only(text[p.end : a.start])
            for a in actors
            if a.end <= p.start or a.start >= p.end
        ):
            rejected = [*rejected, Rejected(p.start, p.end, p.text, "a country named as an actor")]
            continue
        keep.append(p)
    return keep, rejected


def _estimate_date(text: str) -> dt.date | None:
    """Without a publication date, the latest year the text names (1 July of it)."""
    years = [int(y) for y in YEAR.findall(text.translate(DIGITS)) if int(y) <= dt.date.today().year]
    return dt.date(max(years), 7, 1) if years else None
