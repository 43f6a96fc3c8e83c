"""Who did what to whom: which of the actors a sentence names is the actor and which the target
of each event it states.

`assign_roles` reads one `Statement` (a trigger in its `SentenceContext`) and tries named
steps in order; the first that recognises its construction answers:

- `_reported_clash`: "X reported that the shelling ...": a side reports the fighting it suffers;
- `_agent_inside`: an actor inside the trigger ("a potential Turkish attack") is its agent;
- `_party_with`: "X announced an agreement with Y": X (a reporter too) and Y are the parties;
- `_of_object`: "the siege of the SDF (by Y)": "of" names the one it falls on;
- `_of_by_agent`: "the withdrawal of the SDF", "attacks by the SNA": the agent follows;
- `_pronoun_noun`: «أثناء مغادرتهم المدينة»: a verbal noun with a pronoun names its agent;
- `_noun_agent`: «انسحاب مجموعات من قسد»: the agent of a verbal noun follows it;
- `_participle`: «مطالباً إياها»: the subject of a participle is the sentence's subject;
- `_passive_agent`: "by X", «من قبل X», when no subject precedes the trigger;
- `_the_latter`: «الأخيرة» / "the latter": the last actor named before;
- `_subject_before`: the subject before the verb (coordinated subjects are each an actor:
  «قوات الأسايش و”قسد”»), the target the next actor after the trigger, up to what it governs;
- `_english_object_only`, `_subject_after`: in Arabic, the subject after the verb
  (verb-subject order);
- `_sentence_subject`: nothing in the clause: the subject of the sentence.

An actor right next to a reporting verb ("X said", «قال X») is a source, not the actor
(`sources.is_source`). `role_sharing.sentence_roles` then lets statements of one clause share a subject («بقطع
الطرق ... ومنع حركة السيارات»), finds the second party of a meeting in the clause that continues
with «و», and lets coordinated verbal nouns share the agent named after the second. A target
that no clause names is left to `targets`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..model import EventType
from ..normalize import arabic_key
from .actor_mentions import ActorHit
from .context import Statement
from .coordination import joined
from .cue_words import REPEL
from .role_words import AGENT_AR, AGENT_EN, AGENT_FILLERS, IYYA, LATTER, MASDAR, OBJECT_OF, OBJECT_VERBS
from .segmenting import Span, Tok, first_token
from .trigger_lexicon import SYMMETRIC

_COMPLEMENTIZER = re.compile(r"\b(?:that)\b|(?:^|\s)(?:أن|إن|بأن|ان|بان)(?:\s|$)|:")
_WITH = re.compile(r"(?:\bwith|(?:^|\s)مع)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True)
class Roles:
    actors: tuple[str | None, ...]  # one event per actor of coordinated subjects
    target: str | None
    in_clause: bool  # found in the trigger's clause (not guessed from the sentence)


@dataclass(frozen=True)
class _Frame:
    """One statement's candidates, as the role steps read them."""

    st: Statement
    usable: Sequence[ActorHit]  # the sentence's actors that act (not sources)
    in_clause: Sequence[ActorHit]  # the candidates of the trigger's clause
    before: Sequence[ActorHit]  # ... before the trigger (from the clause or segment start)
    after: Sequence[ActorHit]  # ... after it, up to its segment's end and what it governs
    reported: Sequence[ActorHit]  # reporters of a clause without actors ("X said that ...")
    any_in_clause: bool

    @property
    def text(self) -> str:
        return self.st.ctx.text

    @property
    def toks(self) -> Sequence[Tok]:
        return self.st.ctx.toks

    @property
    def first(self) -> Tok:
        """The trigger's first token."""
        return self.toks[self.st.hit.first]

    @property
    def next_tok(self) -> Tok | None:
        """The token after the trigger."""
        k = self.st.hit.last + 1
        return self.toks[k] if k < len(self.toks) else None

    def last_before(self) -> str | None:
        return self.before[-1].actor.id if self.before else None

    def sentence_before(self) -> list[ActorHit]:
        """The acting actors of the sentence before the trigger."""
        sent, h = self.st.ctx.span, self.st.hit
        return [a for a in self.usable if sent.start <= a.start and a.end <= h.start]


def _frame(st: Statement) -> _Frame:
    ctx, h, clause = st.ctx, st.hit, st.clause
    reporters = [a for a in ctx.actors if a.start in ctx.sources]
    usable = [a for a in ctx.actors if a.start not in ctx.sources]
    in_clause = [a for a in usable if clause.start <= a.start < clause.end]
    any_in_clause = bool(in_clause) or any(clause.start <= a.start < clause.end for a in reporters)
    reported: list[ActorHit] = []
    if not in_clause:
        # «أعلنت السلطات رفع الحصار» (X announced lifting): X acts after all; but not in
        # "X said that Y ..." unless the event is X's too ("X announced that an agreement
        # was reached with Y").
        clause_reporters = [a for a in reporters if clause.start <= a.start < clause.end]
        reported = [a for a in clause_reporters if _COMPLEMENTIZER.search(ctx.text[a.end : h.start])]
        in_clause = [
            a
            for a in clause_reporters
            if st.type in SYMMETRIC or not _COMPLEMENTIZER.search(ctx.text[a.end : h.start])
        ]
    if _relative(ctx.toks, clause):  # ", who have been resisting attacks": the one before
        prev = [a for a in usable if a.end <= clause.start and ctx.span.start <= a.start]
        in_clause = prev[-1:] + in_clause
        any_in_clause = any_in_clause or bool(prev)
    lower = clause.start if st.first_in_clause else st.seg.start
    if in_clause and in_clause[0].start < clause.start:
        lower = min(lower, in_clause[0].start)
    before = [a for a in in_clause if lower <= a.start and a.end <= h.start]
    after = [a for a in in_clause if h.start <= a.start < min(st.seg.end, st.object_at)]
    return _Frame(st, usable, in_clause, before, after, reported, any_in_clause)


# -- steps: each recognises one construction, or passes (None) ---------------------------------


def _reported_clash(f: _Frame) -> Roles | None:
    """ "X reported that the shelling ...": a side reports the fighting it suffers."""
    if f.st.type == EventType.CLASH and f.reported:
        return Roles((None,), f.reported[0].actor.id, True)
    return None


def _agent_inside(f: _Frame) -> Roles | None:
    """ "a potential Turkish attack": the actor inside the trigger is its agent."""
    h = f.st.hit
    inside = [a for a in f.after if a.end <= h.end]
    if not inside or f.st.type in SYMMETRIC:
        return None
    if _object_inside(f, inside[0]):
        return None  # "X prevented SDF fighters from entering": the fighters are kept out
    agent = inside[0].actor.id
    target = next((a.actor.id for a in f.after if a.start >= h.end and a.actor.id != agent), None)
    return Roles((agent,), target, True)


def _object_inside(f: _Frame, a: ActorHit) -> bool:
    """In English the verb comes first: an actor inside the trigger after a verb that keeps
    someone out is its object, not its agent (Arabic, verb-subject-object, may name either)."""
    return not f.first.arabic and a.start >= f.first.end and bool(set(f.first.lemma_forms) & OBJECT_VERBS)


def _party_with(f: _Frame) -> Roles | None:
    """ "X announced that an agreement was reached with Y": X, the sentence's subject (a
    reporter too), is the first party and Y the second."""
    h, sent = f.st.hit, f.st.ctx.span
    if (
        f.st.type not in SYMMETRIC
        or f.before
        or not f.after
        or not _WITH.search(f.text[max(h.end, f.after[0].start - 12) : f.after[0].start])
    ):
        return None
    other = f.after[0].actor.id
    first = next(
        (
            a.actor.id
            for a in f.st.ctx.actors
            if sent.start <= a.start and a.end <= h.start and a.actor.id != other
        ),
        None,
    )
    return Roles((first,), other, True) if first is not None else None


def _near_after(f: _Frame) -> ActorHit | None:
    """The actor right after the trigger ("of the SDF", "by the SNA")."""
    h = f.st.hit
    return next((a for a in f.after if a.start > h.end and a.start - h.end < 12), None)


def _of_object(f: _Frame) -> Roles | None:
    """ "the siege of the SDF (by Y)", "the shelling of SNA positions": "of" names the one it
    falls on; the agent is "by Y" after it, else the subject before."""
    nxt, h = f.next_tok, f.st.hit
    if f.first.arabic or nxt is None or nxt.norm != "of":
        return None
    if f.st.type not in (EventType.BLOCKADE, EventType.ARREST) and f.toks[h.last].norm not in OBJECT_OF:
        return None
    obj = _near_after(f)
    if obj is None:
        return None
    by = next(
        (
            a
            for a in f.after
            if a.start > obj.end
            and re.search(r"\bby\s+(?:the\s+)?$", f.text[max(obj.end, a.start - 9) : a.start])
        ),
        None,
    )
    actor = by.actor.id if by else f.last_before()
    return Roles((actor,), obj.actor.id, True)


def _of_by_agent(f: _Frame) -> Roles | None:
    """ "the withdrawal of the SDF", "attacks by the SNA": the agent follows the noun."""
    nxt = f.next_tok
    if f.first.arabic or nxt is None or nxt.norm not in {"of", "by"}:
        return None
    agent = _near_after(f)
    return Roles((agent.actor.id,), f.last_before(), True) if agent is not None else None


def _pronoun_noun(f: _Frame) -> Roles | None:
    """«أثناء مغادرتهم المدينة»: a verbal noun with a pronoun names its agent (the subject
    before); those after it are others."""
    first, h = f.first, f.st.hit
    if not (
        first.arabic
        and h.first == h.last
        and first.norm not in IYYA
        and re.search("(?:تهم|تها|ته|هم|ها)$", first.norm)
    ):
        return None
    return Roles((f.last_before(),), f.after[0].actor.id if f.after else None, True)


def _noun_agent(f: _Frame) -> Roles | None:
    """«انسحاب مجموعات من قسد»: the agent of a verbal noun follows it, after at most three
    filler words (groups of, members of)."""
    first, toks = f.first, f.toks
    if first.forms[-1].removeprefix("ال") not in MASDAR and first.norm not in MASDAR:
        return None
    k, j = 0, f.st.hit.last + 1
    while j < len(toks) and k < 3 and toks[j].start < f.st.seg.end:
        agent = next((a for a in f.after if a.start == toks[j].start), None)
        if agent is not None:
            others = [a.actor.id for a in f.after if a.start > agent.start and a.actor.id != agent.actor.id]
            target = f.last_before() if f.before else (others[0] if others else None)
            return Roles((agent.actor.id,), target, True)
        if not (set(toks[j].forms) & AGENT_FILLERS):
            break
        j, k = j + 1, k + 1
    return None


def _participle(f: _Frame) -> Roles | None:
    """«مطالباً إياها ب...»: a participle whose subject is the sentence's subject."""
    nxt = f.next_tok
    if nxt is None or nxt.norm not in IYYA:
        return None
    sent_before = f.sentence_before()
    if not sent_before:
        return None
    actor = sent_before[0].actor.id
    target = next((a.actor.id for a in reversed(sent_before) if a.actor.id != actor), None)
    return Roles((actor,), target, True)


def _passive_agent(f: _Frame) -> Roles | None:
    """The agent of a passive: "by X", «من قبل X», when no subject precedes the trigger."""
    if f.before:
        return None
    for a in f.after:
        pre = f.text[max(f.st.clause.start, a.start - 9) : a.start]
        pre_words = pre.split()
        if (pre_words and pre_words[-1].lower() in AGENT_EN) or any(
            arabic_key(pre).endswith(arabic_key(w)) for w in AGENT_AR
        ):
            group = _coordinated_from(f, a)
            others = [b for b in f.in_clause if b.actor.id not in group]
            return Roles(group, others[0].actor.id if others else None, True)
    return None


def _coordinated_from(f: _Frame, first: ActorHit) -> tuple[str, ...]:
    """ "imposed by X and Y", «من قبل X و Y»: each coordinated agent acts."""
    group, last = [first.actor.id], first
    for b in f.after:
        if b.start < last.end:
            continue
        if not joined(f.text[last.end : b.start]):
            break
        group.append(b.actor.id)
        last = b
    return tuple(dict.fromkeys(group))


def _the_latter(f: _Frame) -> Roles | None:
    """«لوحت الأخيرة» / "the latter": the last actor named before."""
    latter = _latter(f)
    if not latter:
        return None
    target = next((a.actor.id for a in f.after if a.actor.id != latter), None)
    return Roles((latter,), target, True)


def _latter(f: _Frame) -> str | None:
    h, clause = f.st.hit, f.st.clause
    window = f.text[clause.start : min(clause.end, h.end + 25)]
    words = {arabic_key(w) for w in window.split()} | {w.lower() for w in window.split()}
    words |= {w[1:] for w in words if w.startswith(("و", "ف"))}
    if not words & LATTER:
        return None
    before = [a for a in f.usable if a.end <= h.start]
    if before:
        return before[-1].actor.id
    prior = f.st.ctx.prior
    return prior.actor.id if prior else None


def _subject_before(f: _Frame) -> Roles | None:
    """The subject before the verb; coordinated subjects are each an actor («قوات الأسايش
    و”قسد” بقطع», "the Russians, the SDF and the government reached")."""
    if not f.before:
        return None
    before, text = f.before, f.text
    k = len(before) - 1
    while k > 0 and joined(text[before[k - 1].end : before[k].start]):
        k -= 1
    group = list(dict.fromkeys(a.actor.id for a in before[k:]))
    sent = f.st.ctx.span
    earlier = [a for a in f.usable if sent.start <= a.start and a.end <= before[k].start]
    first = before[k]
    while earlier and joined(text[earlier[-1].end : first.start]):
        first = earlier.pop()
        group.insert(0, first.actor.id)
    group = list(dict.fromkeys(group))
    if _reciprocal(f.st):
        if len(group) > 1:
            return Roles((group[0],), group[1], True)
        target = next((a.actor.id for a in f.after if a.actor.id != group[0]), None)
        return Roles((group[0],), target, True)
    target = next((a.actor.id for a in f.after if a.actor.id not in group), None)
    return Roles(tuple(group), target, True)


def _english_object_only(f: _Frame) -> Roles | None:
    """English puts the subject before the verb: an actor only after it is the target."""
    if f.after and not f.first.arabic and f.st.type not in SYMMETRIC:
        return Roles((None,), f.after[0].actor.id, True)
    return None


def _subject_after(f: _Frame) -> Roles | None:
    """Arabic verb-subject order: the (coordinated) subject after the verb, then the target."""
    after, text = f.after, f.text
    if not after:
        return None
    k = 0
    while k + 1 < len(after) and joined(text[after[k].end : after[k + 1].start]):
        k += 1
    group = list(dict.fromkeys(a.actor.id for a in after[: k + 1]))
    rest = [a.actor.id for a in after[k + 1 :] if a.actor.id not in group]
    if _reciprocal(f.st) and len(group) > 1:
        return Roles((group[0],), group[1], True)
    return Roles(tuple(group) if not _reciprocal(f.st) else (group[0],), rest[0] if rest else None, True)


def _reciprocal(st: Statement) -> bool:
    """Whether coordinated subjects are the two sides of the event (a meeting, an agreement,
    clashes between X and Y), not each an actor: shelling, an attack or a strike has an agent
    and a target, so "X and Y shelled ..." is two attacks (clash triggers that need an actor)."""
    if st.type == EventType.CLASH and st.hit.trigger.needs_actor:
        return False
    return st.type in SYMMETRIC


def _sentence_subject(f: _Frame) -> Roles:
    """Nothing in the clause: the subject of the sentence, before the trigger; else, when the
    subject is elided or a pronoun («وقصفت قرى ...», "they shelled ..."), the subject of the
    sentence before (`SentenceContext.prior`)."""
    sent_before = f.sentence_before()
    if sent_before:
        return Roles((sent_before[0].actor.id,), None, False)
    prior = f.st.ctx.prior
    if prior is not None and f.st.ctx.span.start - prior.end < _PRIOR_REACH and _elided_subject(f):
        target = f.after[0].actor.id if f.after and f.after[0].actor.id != prior.actor.id else None
        return Roles((prior.actor.id,), target, True)
    return Roles((None,), None, False)


_PRIOR_REACH = 250  # characters: the sentence before, not the report's first paragraph
_PRONOUNS_EN = {"they", "it", "he", "she", "we"}
# An Arabic verb that carries its subject: imperfect «ت/ي…», perfect «…ت» / «…وا».
_FINITE_AR = re.compile(r"^(?:[يت][^\s]{2,}|[^\s]{2,}(?:ت|وا))$")


def _elided_subject(f: _Frame) -> bool:
    """The trigger is a verb whose subject is elided (Arabic pro-drop) or a pronoun ("they
    shelled"): the first word of its clause, or right after a pronoun or «و»."""
    st, toks = f.st, f.toks
    first = toks[st.hit.first]
    clause_start = first_token(toks, st.clause.start)
    if first.arabic:
        word = first.forms[-1] if len(first.forms) > 1 else first.norm
        return (
            st.hit.first - clause_start <= 1
            and not word.startswith(("ال", "م"))
            and bool(_FINITE_AR.match(word))
        )
    before = [t.norm for t in toks[max(clause_start, st.hit.first - 2) : st.hit.first]]
    return bool(set(before) & _PRONOUNS_EN)


_Step = Callable[[_Frame], Roles | None]
# Constructions that answer outright.
_OUTRIGHT: tuple[_Step, ...] = (_reported_clash, _agent_inside, _party_with)
# The clause's constructions, most specific first; `_sentence_subject` answers when none does.
_IN_CLAUSE: tuple[_Step, ...] = (
    _of_object,
    _of_by_agent,
    _pronoun_noun,
    _noun_agent,
    _participle,
    _passive_agent,
    _the_latter,
    _subject_before,
    _english_object_only,
    _subject_after,
)


def _first_answer(steps: Sequence[_Step], f: _Frame) -> Roles | None:
    return next((r for r in (step(f) for step in steps) if r is not None), None)


def assign_roles(st: Statement) -> Roles:
    """Actor(s) and target of a statement, from its clause (see the module doc)."""
    f = _frame(st)
    outright = _first_answer(_OUTRIGHT, f)
    if outright is not None:
        return outright
    roles = _first_answer(_IN_CLAUSE, f) or _sentence_subject(f)
    h = st.hit
    if st.type == EventType.CLASH and any(
        set(t.forms) & REPEL for t in f.toks[max(0, h.first - 3) : h.first]
    ):
        roles = Roles((None,), roles.actors[0], roles.in_clause)  # "X repelling attacks"
    return replace(roles, in_clause=roles.in_clause or f.any_in_clause)


# -- helpers --------------------------------------------------------------------------------------


def _relative(toks: Sequence[Tok], clause: Span) -> bool:
    i = first_token(toks, clause.start)
    return i < len(toks) and toks[i].norm in {"who", "which", "الذي", "التي", "الذين"}
