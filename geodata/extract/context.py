"""What the steps of one sentence share: `SentenceContext`, the triggers it holds (`Item`) and
the statements among them (`Statement`).

The pipeline reads a report sentence by sentence. For each it builds one `SentenceContext`
(the report's text and tokens, the sentence's token range and clauses, the actors and event
places it names, what earlier sentences left: the last acting actor and the places the report
is about), and every later step (cues, roles, places) reads it instead of taking a dozen
arguments. A trigger that survives the cues is an `Item`; one that states an event of its own
(not governed by a demand or an agreement before it) becomes a `Statement`, which adds the
stretch of the clause it speaks for (`seg`) and what it governs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import EventType, Place
from .actor_mentions import ActorHit
from .segmenting import Span, Tok
from .toponyms import PlaceHit
from .triggers import TriggerHit

NOTHING_GOVERNED = 10**9  # `Statement.object_at` when a trigger governs nothing


@dataclass(frozen=True)
class SentenceContext:
    """One sentence of a report and what its steps read."""

    text: str  # the whole report: offsets are into it
    toks: Sequence[Tok]  # the report's tokens
    span: Span  # the sentence
    lo: int  # its tokens are toks[lo:hi]
    hi: int
    clauses: Sequence[Span]
    actors: Sequence[ActorHit]  # named in the sentence, by position
    sources: frozenset[int]  # starts of the report's actors that report rather than act
    prior: ActorHit | None  # the last acting actor named before the sentence («الأخيرة»)
    places: Sequence[PlaceHit]  # the sentence's event places
    report_places: Sequence[PlaceHit]  # every place of the report (for anaphora)
    focus: Sequence[PlaceHit]  # the places the report is about so far
    exchange_at: int | None  # where «مقابل» / "in exchange for" stands in the sentence
    published: dt.date | None
    day: dt.date | None  # the report's date, given or estimated
    # The places the previous sentence's events were named at (for a statement that names none).
    recent: tuple[Place, ...] = ()
    recent_actors: frozenset[str] = frozenset()  # who acted in those events

    @property
    def ref_year(self) -> int | None:
        return self.day.year if self.day else None

    def clause_at(self, pos: int) -> Span:
        """The clause that holds `pos` (the sentence when none does)."""
        return next((c for c in self.clauses if c.start <= pos < c.end), self.span)


@dataclass(frozen=True, eq=False)
class Item:
    """A trigger that states an event, or (with a governor) the object of one. Compared by
    identity: a governor is the very item before it."""

    hit: TriggerHit
    type: EventType
    subtype: str | None
    clause: Span
    governor: Item | None = None
    silent: bool = False  # «كشرط ...», «بطلب ...»: governs what follows, states no event


@dataclass(frozen=True)
class Statement:
    """An item that states an event of its own, in its sentence."""

    ctx: SentenceContext
    item: Item
    seg: Span  # its stretch of the clause (up to the next statement in the same clause)
    first_in_clause: bool
    governed: tuple[Item, ...] = ()  # the items it governs (a demand's object)

    @property
    def hit(self) -> TriggerHit:
        return self.item.hit

    @property
    def type(self) -> EventType:
        return self.item.type

    @property
    def clause(self) -> Span:
        return self.item.clause

    @property
    def object_at(self) -> int:
        """Where what it governs begins: its target is named before that."""
        return min((g.hit.start for g in self.governed), default=NOTHING_GOVERNED)


def statements(ctx: SentenceContext, items: Sequence[Item]) -> list[Statement]:
    """The items that state events of their own, each with its segment: from its trigger (or
    its clause's start when it is the clause's first) to the next one's trigger in the same
    clause (or the clause's end)."""
    independent = [it for it in items if it.governor is None and not it.silent]
    out = []
    for k, it in enumerate(independent):
        prev_same = k > 0 and independent[k - 1].clause == it.clause
        next_same = k + 1 < len(independent) and independent[k + 1].clause == it.clause
        seg = Span(
            it.hit.start if prev_same else it.clause.start,
            independent[k + 1].hit.start if next_same else it.clause.end,
            "",
        )
        governed = tuple(g for g in items if g.governor is it)
        out.append(Statement(ctx, it, seg, not prev_same, governed))
    return out
