"""The cues around a trigger: what cancels it (negation, denial, prevention, habit, a
reference to an earlier event, "before", modality), what turns it into a threat (a possible
attack), what makes it the object of another (a demand to withdraw, an agreement to deploy),
and where «مقابل» / "in exchange for" divides a sentence. What sets a statement in the past is
in `background`.

`classify` applies them to the triggers of one sentence (`context.SentenceContext`) and
returns the `Item`s that state events or are governed by one. Cue words are compared on the
tokens' normalised forms (`segmenting.Tok.forms`): the Arabic ones are folded here once.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import EventType
from .context import Item, SentenceContext
from .cue_words import (
    AGREEMENT_REFERENCE,
    BEFORE,
    BEFORE_TYPES,
    BROKER,
    CIRCUMSTANTIAL_AR,
    DEMONSTRATIVES,
    EXCHANGE_AR,
    EXCHANGE_EN,
    HABITUAL,
    HYPOTHETICAL,
    MODAL,
    NEGATION_AR,
    NEGATION_AR_LA,
    NEGATION_EN,
    NEGATION_WINDOW,
    PLANNED,
    PREVENTED_WINDOW,
    PREVENTION,
    REFERENCE,
    STILL_AR,
    TOPIC,
    fold,
)
from .no_event_words import (
    ACCUSATION,
    ARMED,
    BODIES,
    CHARGE,
    CHARGE_WINDOW,
    CONDITION_AR,
    CONDITION_EN,
    CONDITION_WINDOW,
    FORCES,
    GOODS,
    LANDSCAPE,
    LAPSED,
    PERMISSION,
    PROVIDERS,
    PURPOSE,
    RELATIVES,
    SEND,
    UNDONE_MOVES,
)
from .segmenting import Span, Tok, first_token
from .triggers import TriggerHit

# -- one sentence's triggers -------------------------------------------------------------------


def classify(ctx: SentenceContext, hits: Sequence[TriggerHit]) -> list[Item]:
    """Which triggers state events (not cancelled; a possible clash is a threat) and which are
    the object of a demand, threat or agreement before them in its scope."""
    items: list[Item] = []
    governor: Item | None = None
    governed_until = -1
    for h in hits:
        clause = ctx.clause_at(h.start)
        etype, subtype = h.trigger.type, h.trigger.subtype
        if etype == EventType.CLASH and (
            hypothetical(ctx.toks, h, clause) or prevented_or_planned(ctx, h, clause)
        ):
            etype = EventType.THREAT  # a prevented or planned offensive is a threat
            if _to_prevent(ctx, h, clause):
                continue  # "... to prevent Turkish attacks": the aim of another event
        elif etype in _AIMED_AT and _to_prevent(ctx, h, clause):
            continue  # "checkpoints to prevent the protests": what was to be stopped, not held
        if question(ctx, clause):
            continue  # "Will the siege end?": asked, not stated
        if etype == EventType.CLASH and on_civilians(ctx, h, clause):
            etype, subtype = EventType.OTHER, "attack"  # hostilities are between armed actors
        if cancelled(ctx, h, clause, etype, subtype) or not_an_event_word(ctx.toks, h):
            continue
        if _protested(ctx, h):
            continue  # «رفضاً لدخول الهيئة»: what a protest is against, stated where it happened
        if conditional(ctx, h) or charged(ctx, h, items):
            continue
        silent = etype == EventType.DEMAND and circumstantial(ctx.toks, h)
        gov = None
        if governor is not None and h.start < governed_until and governs(governor.type, etype, subtype):
            gov = governor
        elif governor is not None and h.start < governed_until and _stopped(governor, h, etype):
            gov = governor  # "called on X to stop targeting ...": what the demand is to stop
        item = Item(h, etype, subtype, clause, gov, silent)
        items.append(item)
        if h.trigger.governs and gov is None:
            governor, governed_until = item, scope_end(clause, ctx.exchange_at)
    return items


_REASONS = frozenset({"رفضا", "احتجاجا", "تنديدا", "استنكارا"})


def _protested(ctx: SentenceContext, h: TriggerHit) -> bool:
    """«رفضاً لدخول الهيئة», «احتجاجاً على الاعتقالات», "in protest at the arrests": the reason
    of a protest names what it is against, no event at the protest's places."""
    before = [t.norm for t in ctx.toks[max(ctx.lo, h.first - 3) : h.first]]
    if before and set(ctx.toks[h.first - 1].forms) & _REASONS:
        return True
    words = [w for w in before if w != "the"]
    return len(words) >= 2 and words[-2] == "protest" and words[-1] in {"at", "against", "over"}


def _stopped(governor: Item, h: TriggerHit, etype: EventType) -> bool:
    """A clash read as prevented («وقف القصف», "stop targeting") inside a demand's scope is what
    the demand asks to stop, not a threat of its own."""
    return (
        governor.type == EventType.DEMAND and h.trigger.type == EventType.CLASH and etype == EventType.THREAT
    )


# Events a purpose clause "to prevent X" names as what should not happen (clashes aside:
# a prevented offensive is a threat): protests, meetings, deployments, withdrawals, ...
_AIMED_AT = frozenset({EventType.OTHER, EventType.MEETING})


def _to_prevent(ctx: SentenceContext, h: TriggerHit, clause: Span) -> bool:
    """ "(in order) to prevent attacks", «لمنع الهجمات», «حتى يتسنى منع الهجمات»: the aim of
    what the sentence reports (a deployment, an agreement), not an attack that was prevented."""
    toks = ctx.toks
    for k in range(max(ctx.lo, h.first - 3), h.first):
        if toks[k].start < clause.start or not set(toks[k].lemma_forms) & PREVENTION:
            continue
        before = toks[k - 1].norm if k > ctx.lo else ""
        if toks[k].norm.startswith("ل") or before in PURPOSE:
            return True
    return False


def prevented_or_planned(ctx: SentenceContext, h: TriggerHit, clause: Span) -> bool:
    """«منع هجوم», «تستعد لشن هجوم», "prevented an attack", "preparing an offensive": the
    offensive did not happen; it is a threat (the corpus's convention)."""
    near = [
        set(t.lemma_forms) for t in ctx.toks[max(ctx.lo, h.first - 3) : h.first] if t.start >= clause.start
    ]
    return any(f & (PREVENTION | PLANNED) for f in near)


# People who are no armed party: an attack on them is `other/attack`, not a clash.
CIVILIANS = fold(
    {
        "civilians",
        "civilian",
        "farmers",
        "residents",
        "villagers",
        "children",
        "المدنيين",
        "مدنيين",
        "مدنيا",
        "المدنيون",
        "الاهالي",
        "اهالي",
        "المزارعين",
        "الاطفال",
        # civilian objects: an attack on a company, bakery, hospital or school is on civilians
        "company",
        "bakery",
        "hospital",
        "school",
        "market",
        "homes",
        "houses",
        "شركه",
        "مخبز",
        "فرن",
        "مشفي",
        "مستشفي",
        "مدرسه",
        "سوق",
        "منازل",
    }
)


def on_civilians(ctx: SentenceContext, h: TriggerHit, clause: Span) -> bool:
    """ "attacked an agricultural complex ... killing civilians", «استهداف المدنيين»: the words
    right after the trigger name civilians."""
    after = []
    for t in ctx.toks[h.last + 1 : h.last + 6]:
        if t.start >= clause.end or t.norm in _NEW_CLAUSE:
            break  # "repelling attacks as 100,000 civilians face ...": no longer the object
        after.append(t)
    return any(set(t.lemma_forms) & CIVILIANS for t in after)


_NEW_CLAUSE = frozenset({"as", "while", "when", "whereas", "but", "فيما", "بينما", "حيث"})


def question(ctx: SentenceContext, clause: Span) -> bool:  # noqa: ARG001 (the signature every step shares)
    """A clause of a sentence that ends with a question mark asks; it states nothing."""
    return ctx.span.text.rstrip().endswith(("?", "؟"))


def governs(governor: EventType, etype: EventType, subtype: str | None) -> bool:
    """A demand governs what it demands (except threats); a threat what it threatens; an
    agreement what it provides for (but not its mediation, nor a lifting of a siege it agrees)."""
    if governor == EventType.DEMAND:  # a call to protest is a demand and a planned protest
        return etype != EventType.THREAT and subtype != "protest"
    if governor == EventType.THREAT:  # "threatened an offensive" is a threat, not a clash
        return etype in (EventType.CLASH, EventType.OTHER, EventType.BLOCKADE)
    if governor == EventType.AGREEMENT:  # "builds on a broader understanding": another one
        return etype not in (
            EventType.THREAT,
            EventType.LIFT_BLOCKADE,
            EventType.AGREEMENT,
            EventType.MEETING,
        ) and (subtype != "mediation")
    return False


def scope_end(clause: Span, exchange_at: int | None) -> int:
    """Where a governor's scope ends: its clause's end, or «مقابل» inside the clause."""
    end = clause.end
    if exchange_at is not None and clause.start < exchange_at < end:
        end = exchange_at
    return end


def cancelled(
    ctx: SentenceContext, h: TriggerHit, clause: Span, etype: EventType, subtype: str | None
) -> bool:
    """Negated, denied, prevented, habitual, a reference to an earlier one, or not yet done."""
    if negated(ctx, h.first, clause):
        return True
    window = [
        t for t in ctx.toks[max(ctx.lo, h.first - NEGATION_WINDOW) : h.first] if t.start >= clause.start
    ]
    forms = [set(t.forms) for t in window]
    near = forms[-3:]
    if any(f & HABITUAL for f in forms) or any(f & REFERENCE for f in near):
        return True
    if _determined(ctx.toks[h.first], forms):
        return True
    if subtype in BEFORE_TYPES and _not_yet(window):
        return True
    if subtype in UNDONE_MOVES and any(f & (PREVENTION | PERMISSION) for f in forms):
        return True  # "prevented the convoy from entering", «انتظار السماح لها بالدخول»
    if (etype == EventType.ARREST or subtype == "raid") and _prevented(ctx, h, clause):
        return True  # "to stop it from entering and making arrests": none were made
    return etype == EventType.AGREEMENT and _agreement_not_reached(ctx, h, clause, forms)


def _prevented(ctx: SentenceContext, h: TriggerHit, clause: Span) -> bool:
    """A prevention word earlier in the clause, whose object may run long ("prevent it from
    entering and carrying out arrests", «منع عناصرها من دخول القرى وتنفيذ المداهمات»)."""
    window = ctx.toks[max(ctx.lo, h.first - PREVENTED_WINDOW) : h.first]
    return any(t.start >= clause.start and set(t.lemma_forms) & PREVENTION for t in window)


def _determined(trigger: Tok, forms: Sequence[set[str]]) -> bool:
    """A demonstrative determines the trigger: "this (new) agreement", «هذا الاتفاق»."""
    if trigger.arabic:
        definite = any(f.startswith("ال") for f in trigger.forms)
        return definite and bool(forms[-1:]) and bool(forms[-1] & DEMONSTRATIVES)
    if forms and "that" in forms[-1] and not trigger.norm.endswith("s"):
        return True
    return any(f & DEMONSTRATIVES for f in forms[-2:])


def _not_yet(window: Sequence[Tok]) -> bool:
    """«قبل انسحابها», "before withdrawing" (but not «من قبل», "by")."""
    return any(
        set(t.forms) & BEFORE and not (k > 0 and window[k - 1].norm == "من") for k, t in enumerate(window)
    )


def _agreement_not_reached(
    ctx: SentenceContext, h: TriggerHit, clause: Span, forms: Sequence[set[str]]
) -> bool:
    """An agreement that "could" come, that is cited as the ground of something else
    («بموجب اتفاق»), or that is the topic of talks («لبحث اتفاق»)."""
    in_clause = [t for t in ctx.toks[ctx.lo : h.first] if t.start >= clause.start]
    if any(set(t.forms) & (MODAL | BROKER) for t in in_clause):
        return True
    if any(f & AGREEMENT_REFERENCE for f in forms[-4:]) and not earlier_agreement(ctx, h):
        return True
    return any(f & TOPIC for f in forms[-4:])


def earlier_agreement(ctx: SentenceContext, h: TriggerHit) -> bool:
    """An indefinite agreement cited as the ground of something else («بموجب اتفاق مع روسيا»,
    "as per a September 2018 deal"): an earlier one, told as background. The definite one
    («بموجب الاتفاق», "under the agreement") is the report's own, stated elsewhere."""
    if h.trigger.type != EventType.AGREEMENT:
        return False
    window = ctx.toks[max(ctx.lo, h.first - 4) : h.first]
    cited = [k for k, t in enumerate(window) if set(t.forms) & AGREEMENT_REFERENCE]
    if not cited:
        return False
    word = ctx.toks[h.first]
    if word.arabic:
        return not any(f.startswith("ال") for f in word.forms)
    between = {t.norm for t in window[cited[-1] + 1 :]}
    return not between & {"the", "this", "that", "these", "its", "their"}


def negated(ctx: SentenceContext, i: int, clause: Span) -> bool:
    """A negation or denial in the few words before token i, in its clause; a clause that
    opens with "or"/«أو» continues the negation of the one before it («لا يزال» is "still")."""
    toks, lo = ctx.toks, ctx.lo
    start = clause.start
    k = max(lo, first_token(toks, clause.start))
    first = toks[k] if k < len(toks) else None
    if first is not None and first.norm in {"او", "or", "nor", "ولا"}:
        prev = [c for c in ctx.clauses if c.end <= clause.start]
        if prev:
            start = prev[-1].start
    lo_i = max(lo, i - NEGATION_WINDOW)
    if start < clause.start:  # the whole clause before an "or" clause counts
        lo_i = max(lo, first_token(toks, start))
    window = [t for t in toks[lo_i:i] if t.start >= start]
    return any(_negates(t, window[j + 1] if j + 1 < len(window) else toks[i]) for j, t in enumerate(window))


def _negates(t: Tok, nxt: Tok) -> bool:
    if not t.arabic:
        return t.norm in NEGATION_EN or t.norm.endswith("n't")
    forms = set(t.forms)
    if forms & NEGATION_AR:
        return True
    return (NEGATION_AR_LA in forms or "ولا" in forms) and not set(nxt.forms) & STILL_AR


def conditional(ctx: SentenceContext, h: TriggerHit) -> bool:
    """ "... unless the fighters left the area", «إلا إذا انسحب المقاتلون»: the condition of a
    threat or demand, not an event."""
    window = ctx.toks[max(ctx.lo, h.first - CONDITION_WINDOW) : h.first]
    norms = [t.norm for t in window]
    if CONDITION_EN.intersection(norms):
        return True
    return any(tuple(norms[k : k + len(c)]) == c for c in CONDITION_AR for k in range(len(norms)))


def charged(ctx: SentenceContext, h: TriggerHit, items: Sequence[Item]) -> bool:
    """ "arrested a man for protesting", "detained a woman accused of organising protests",
    «اعتقل شاباً بتهمة التظاهر»: what the arrested are charged with, after an arrest in the
    sentence and a word that gives the charge, is no event of its own."""
    arrest = next((i for i in reversed(items) if i.type == EventType.ARREST), None)
    if arrest is None:
        return False
    between = ctx.toks[max(arrest.hit.last + 1, h.first - CHARGE_WINDOW) : h.first]
    if any(set(t.forms) & CHARGE for t in between):
        return True
    # "accused of being one of the organisers of the protests": an accusation runs to the
    # end of its clause, however long the charge.
    clause = ctx.clause_at(h.start)
    spoken = ctx.toks[arrest.hit.last + 1 : h.first]
    return any(t.start >= clause.start and set(t.forms) & ACCUSATION for t in spoken)


def not_an_event_word(toks: Sequence[Tok], h: TriggerHit) -> bool:
    """A trigger word in another sense: "to deal with", "meet their demands", a body named for
    what it does ("the negotiating committee", «لجنة التفاوض»), land around a place ("the
    plains surrounding the town", "and surrounding villages")."""
    after = [t.norm for t in toks[h.last + 1 : h.last + 4]]
    word = toks[h.first].norm
    if toks[h.first].arabic:
        if h.first > 0 and set(toks[h.first - 1].forms) & BODIES:
            return True
    elif set(after[:1]) & BODIES and word.endswith("ing"):
        return True
    if h.trigger.subtype == "control_change" and _held_state(toks, h):
        return True
    moving = h.trigger.subtype in UNDONE_MOVES
    if moving and any(set(t.forms) & GOODS for t in toks[max(0, h.first - 2) : h.first]):
        return True  # "the materials entered to the neighbourhoods": goods, not forces
    sends = h.trigger.subtype == "deployment" and set(toks[h.first].forms) & SEND
    if sends and not any(set(t.forms) & ARMED for t in toks[h.last + 1 : h.last + 5]):
        return True  # «أرسلت ... تطمينات»: nothing armed is sent
    attributive = h.first > 0 and toks[h.first - 1].norm == "the" and word.endswith("ing")
    if attributive and set(after[:1]) & FORCES:
        return True  # "the besieging forces"
    if word == "surrounding" and (
        (h.first > 0 and toks[h.first - 1].norm in LANDSCAPE) or set(after[:1]) & LANDSCAPE
    ):
        return True
    before = [t.norm for t in toks[max(0, h.first - 3) : h.first]]
    if h.trigger.subtype == "deployment" and (_escort(toks, h) or _vehicles(toks, h, after)):
        return True  # "accompanied by a Turkish patrol", "the patrol cars": no deployment
    if word.startswith("stipulat") and set(before) & PROVIDERS:
        return True  # "the agreement stipulates ...": what it provides for, no demand
    if h.trigger.type == EventType.DEMAND and (set(after[:2]) | set(before[-1:])) & LAPSED:
        return True  # "the deadline expired", «انتهت المهلة»: an earlier demand, run out
    if word in {"deal", "deals", "dealt", "dealing"} and after[:1] == ["with"]:
        return not before or before[-1] not in _DEAL_NOUN  # "a deal with" is an agreement
    return word in {"meet", "met", "meets"} and bool(
        {"demands", "demand", "conditions", "needs", "requirements", "deadline"} & set(after)
    )


# "accompanied by a Russian patrol", «برفقة دورية تركية»: who came along.
_ESCORTED = frozenset({"accompanied", "escorted", "برفقه", "ترافقها", "ترافقه", "بمرافقه"})


def _escort(toks: Sequence[Tok], h: TriggerHit) -> bool:
    """The patrol or convoy is named as the escort of another event, not deployed of its own."""
    window = toks[max(0, h.first - 5) : h.first]
    return any(set(t.forms) & _ESCORTED for t in window)


# "the patrol cars": the vehicles of a patrol, named by it (Arabic «سيارات الدورية» states no
# deployment already).
_VEHICLES_EN = frozenset({"car", "cars", "vehicle", "vehicles", "boat", "boats"})


def _vehicles(toks: Sequence[Tok], h: TriggerHit, after: Sequence[str]) -> bool:
    return not toks[h.first].arabic and bool(set(after[:1]) & _VEHICLES_EN)


# Before "deal(s) with", the words that make it the noun: "a deal with", "their deals with".
_DEAL_NOUN = frozenset({"a", "the", "this", "that", "new", "its", "their", "his", "her", "secret"})


def _held_state(toks: Sequence[Tok], h: TriggerHit) -> bool:
    """ "the town which the factions control", «البلدة التي تسيطر عليها الهيئة»: a relative clause
    in the present says who holds a place, not that it changed hands."""
    t = toks[h.first]
    present = (
        t.norm.startswith(("ت", "ي")) if t.arabic else t.norm in {"control", "controls", "hold", "holds"}
    )
    return present and any(x.norm in RELATIVES for x in toks[max(0, h.first - 2) : h.first])


def circumstantial(toks: Sequence[Tok], h: TriggerHit) -> bool:
    """«بطلب تركي»: a demand named as the circumstance of another event."""
    return toks[h.first].norm in CIRCUMSTANTIAL_AR


def hypothetical(toks: Sequence[Tok], h: TriggerHit, clause: Span) -> bool:
    near = toks[max(0, h.first - 2) : h.last + 3]
    return any(set(t.forms) & HYPOTHETICAL for t in near if clause.start <= t.start < clause.end)


def exchange_position(toks: Sequence[Tok], lo: int, hi: int) -> int | None:
    """Where «مقابل» / "in exchange for" / "in return" stands in toks[lo:hi]."""
    for i in range(lo, hi):
        t = toks[i]
        if t.arabic and set(t.forms) & EXCHANGE_AR:
            return t.start
        if not t.arabic:
            for phrase in EXCHANGE_EN:
                if i + len(phrase) <= hi and all(toks[i + k].norm == w for k, w in enumerate(phrase)):
                    return t.start
    return None
