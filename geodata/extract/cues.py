"""The cues around a trigger: what cancels it (negation, denial, prevention, habit, a
reference to an earlier event, "before", modality), what turns it into a threat (a possible
attack), what makes it the object of another (a demand to withdraw, an agreement to deploy),
what sets it in the past (a year before the report's, «وكان ...»), and where «مقابل» / "in
exchange for" divides a sentence.

`classify` applies them to the triggers of one sentence (`context.SentenceContext`) and
returns the `Item`s that state events or are governed by one. Cue words are compared on the
tokens' normalised forms (`segmenting.Tok.forms`): the Arabic ones are folded here once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import EventType
from ..normalize import arabic_key, is_arabic
from .context import Item, SentenceContext
from .segmenting import Span, Tok, first_token
from .triggers import TRIGGER_INDEX, TriggerHit


def _fold(words: Iterable[str]) -> frozenset[str]:
    """Arabic cue words in their normalised form (أ -> ا, ة -> ه, ئ -> ي ...)."""
    return frozenset(arabic_key(w) if is_arabic(w) else w for w in words)


# Cues in the few words before a trigger that deny or negate it.
NEGATION_AR = _fold({"لم", "لن", "ليس", "ليست", "نفي", "نفت", "ينفي", "تنفي", "نفوا", "عدم", "دون",
                      "بدون", "غياب", "صحه", "انعدام", "رفض", "رفضت", "يرفض", "ترفض", "رفضوا"})
NEGATION_AR_LA = "لا"  # «لا» negates, but «لا يزال/تزال» means "still"
STILL_AR = _fold({"يزال", "تزال", "زال", "زالت", "يزالون"})
NEGATION_EN = frozenset({"no", "not", "never", "denied", "deny", "denies", "denying", "without",
                         "refused", "refuses", "refusing",
                         "neither", "nor", "rejected", "refuted", "dismissed", "false", "didn't",
                         "hasn't", "haven't", "wasn't", "weren't", "isn't", "aren't", "won't", "n't"})
NEGATION_WINDOW = 6

# Background: a clause that names a year before the report's, also in a sentence that opens
# with «وكان/وكانت» (the Arabic narrative pluperfect), is history; so is one set years ago
# («قبل سنوات», "years ago"); «منذ»/"since" + year is a state that still holds.
HISTORY_OPENERS_AR = _fold({"وكان", "وكانت", "كان", "كانت"})
SINCE_WORDS = frozenset({"منذ", "since"})
HISTORY_EN = frozenset({"previously", "formerly", "back"})

# Hypothetical hostilities are threats, not clashes.
HYPOTHETICAL = _fold({"potential", "possible", "imminent", "محتمل", "محتمله", "وشيك", "وشيكه"})

# «مقابل» / "in exchange for": what follows is offered for what precedes.
EXCHANGE_AR = _fold({"مقابل", "بمقابل"})
EXCHANGE_EN = (("in", "exchange", "for"), ("in", "return", "for"), ("in", "return"))

# Cues that make a trigger no event of its own, in the few words before it:
# preventing a clash is not one ("to prevent further attacks", «منع الهجمات»);
PREVENTION = _fold({"prevent", "preventing", "prevents", "stop", "stopping", "halt", "avert",
                     "deter", "منع", "لمنع", "ايقاف", "وقف", "لوقف"})
# a habit is not an event («دائماً ما يشهد اشتباكات», "often sees clashes");
HABITUAL = _fold({"دائما", "عاده", "غالبا", "احيانا", "always", "often", "usually", "routinely",
                  "sometimes", "occasionally", "times", "frequently"})
# A planned or prepared offensive is a threat («تستعد لشن هجوم», "preparing an offensive").
PLANNED = _fold({"تستعد", "يستعد", "تحضر", "يحضر", "تعتزم", "يعتزم", "تنوي", "ينوي", "ستشن", "سيشن",
                 "لشن", "planned", "planning", "plans", "preparing", "prepares", "intends", "intend",
                 "vowed", "vows", "looming", "upcoming"})
# "to broker a deal": the deal is not reached, the broker mediates.
BROKER = frozenset({"broker", "brokering", "mediate", "mediating"})
# «العام الماضي», "last year": background.
YEARS_AGO = ("قبل سنوات", "قبل اعوام", "قبل عامين", "قبل سنتين", "years ago", "a year ago")
LAST_YEAR = ("العام الماضي", "السنه الماضيه", "last year", "the previous year")
# a reference to an earlier or hypothetical one is not a new one ("previous agreements", «بنود
# الاتفاق», «نموذج اتفاق»);
REFERENCE = _fold({"previous", "earlier", "former", "past", "existing", "السابقه", "السابق",
                    "بنود", "terms", "نموذج", "model", "violation", "violating", "breach", "خرق",
                    "انتهاك", "anniversary", "ذكري", "قرار", "لقرار", "decision"})
# A demonstrative that determines the trigger ("this agreement", «هذا الاتفاق», «هذه الاشتباكات»)
# refers back; one that is a pronoun («وتلا ذلك حظر تجوال», "after this, clashes") does not:
# it must stand right before the trigger (one word between in English: "this new deal"), and in
# Arabic before a definite noun. English "that" only right before a singular noun ("that deal";
# "said that clashes ..." is a conjunction).
DEMONSTRATIVES = _fold({"this", "these", "those", "هذا", "هذه", "ذلك", "تلك", "هذين", "هاتين"})
# what had not happened yet when the text says "before" («قبل انسحابها») is no withdrawal.
BEFORE = _fold({"قبل", "before", "prior"})
BEFORE_TYPES = frozenset({"withdrawal", "control_change"})
# «بطلب تركي» (at Turkish request) describes another event; it is not a demand.
CIRCUMSTANTIAL_AR = _fold({"بطلب", "بناء", "كشرط", "بشرط"})
# Modal words before an agreement: one that "could" or "would" come is not one reached.
MODAL = frozenset({"could", "would", "might", "may", "possible", "potential", "proposed"})
# Resisting an attack: the subject is the target, not the attacker.
REPEL = _fold({"repel", "repelled", "repelling", "repels", "resist", "resisted", "resisting",
                "تصدي", "تصدت", "تصدوا", "صد", "صدت", "صدوا"})
# An agreement that is the topic of talks («لبحث اتفاق», "to discuss a ceasefire") is not reached.
TOPIC = _fold({"discuss", "discussed", "discussing", "discusses", "about", "regarding",
                "negotiate", "negotiating", "بحث", "لبحث", "مناقشه", "لمناقشه", "بشان", "حول"})
# An agreement cited as the ground of something else («بموجب اتفاق», "under the terms of an
# agreement") is not reported as new.
AGREEMENT_REFERENCE = _fold({"بموجب", "وفق", "وفقا", "under", "pursuant", "per"})
# Reporting verbs: an actor right before or after one is the source, not the actor.
REPORTING = _fold({
    "تتهم", "اتهم", "اتهمت", "يتهم", "قال", "قالت", "يقول", "تقول", "اعلن", "اعلنت", "اكد", "اكدت",
    "افاد", "افادت", "ذكر", "ذكرت", "وجهت", "وجه", "صرح", "اوضح", "نقل", "نقلت", "تحذر", "حذرت",
    "says", "said", "say", "reported", "reports", "confirmed", "confirms", "stated", "announced",
    "announce", "announces", "accused", "accuses", "accuse", "claimed", "claims", "told", "added",
})

YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
# Arabic-Indic and Persian digits read as ASCII (same length: offsets are kept).
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Words that turn a background narrative («وكان ...») back to the present.
_PRESENT_TURNS = ("حيث", "في حين", "بينما", "فيما", "لكن", "الا ان", "اليوم", "حاليا")


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
        if etype == EventType.CLASH and (hypothetical(ctx.toks, h, clause)
                                         or prevented_or_planned(ctx, h, clause)):
            etype = EventType.THREAT  # a prevented or planned offensive is a threat
        if question(ctx, clause):
            continue  # "Will the siege end?": asked, not stated
        if etype == EventType.CLASH and on_civilians(ctx, h, clause):
            etype, subtype = EventType.OTHER, "attack"  # hostilities are between armed actors
        if cancelled(ctx, h, clause, etype, subtype) or not_an_event_word(ctx.toks, h):
            continue
        silent = etype == EventType.DEMAND and circumstantial(ctx.toks, h)
        gov = None
        if governor is not None and h.start < governed_until and governs(governor.type, etype, subtype):
            gov = governor
        item = Item(h, etype, subtype, clause, gov, silent)
        items.append(item)
        if h.trigger.governs and gov is None:
            governor, governed_until = item, scope_end(clause, ctx.exchange_at)
    return items


def prevented_or_planned(ctx: SentenceContext, h: TriggerHit, clause: Span) -> bool:
    """«منع هجوم», «تستعد لشن هجوم», "prevented an attack", "preparing an offensive": the
    offensive did not happen; it is a threat (the corpus's convention)."""
    near = [set(t.lemma_forms) for t in ctx.toks[max(ctx.lo, h.first - 3) : h.first]
            if t.start >= clause.start]
    return any(f & (PREVENTION | PLANNED) for f in near)


# People who are no armed party: an attack on them is `other/attack`, not a clash.
CIVILIANS = _fold({"civilians", "civilian", "farmers", "residents", "villagers", "children",
                   "المدنيين", "مدنيين", "مدنيا", "المدنيون", "الاهالي", "اهالي", "المزارعين", "الاطفال"})


def on_civilians(ctx: SentenceContext, h: TriggerHit, clause: Span) -> bool:
    """"attacked an agricultural complex ... killing civilians", «استهداف المدنيين»: the words
    right after the trigger name civilians."""
    after = [t for t in ctx.toks[h.last + 1 : h.last + 6] if t.start < clause.end]
    return any(set(t.forms) & CIVILIANS for t in after)


def question(ctx: SentenceContext, clause: Span) -> bool:  # noqa: ARG001 (the signature every step shares)
    """A clause of a sentence that ends with a question mark asks; it states nothing."""
    return ctx.span.text.rstrip().endswith(("?", "؟"))


def governs(governor: EventType, etype: EventType, subtype: str | None) -> bool:
    """A demand governs what it demands (except threats); a threat what it threatens; an
    agreement what it provides for (but not its mediation, nor a lifting of a siege it agrees)."""
    if governor == EventType.DEMAND:
        return etype != EventType.THREAT
    if governor == EventType.THREAT:  # "threatened an offensive" is a threat, not a clash
        return etype in (EventType.CLASH, EventType.OTHER, EventType.BLOCKADE)
    if governor == EventType.AGREEMENT:
        return etype not in (EventType.THREAT, EventType.LIFT_BLOCKADE) and subtype != "mediation"
    return False


def scope_end(clause: Span, exchange_at: int | None) -> int:
    """Where a governor's scope ends: its clause's end, or «مقابل» inside the clause."""
    end = clause.end
    if exchange_at is not None and clause.start < exchange_at < end:
        end = exchange_at
    return end


def cancelled(ctx: SentenceContext, h: TriggerHit, clause: Span, etype: EventType,
              subtype: str | None) -> bool:
    """Negated, denied, prevented, habitual, a reference to an earlier one, or not yet done."""
    if negated(ctx, h.first, clause):
        return True
    window = [t for t in ctx.toks[max(ctx.lo, h.first - NEGATION_WINDOW) : h.first]
              if t.start >= clause.start]
    forms = [set(t.forms) for t in window]
    near = forms[-3:]
    if any(f & HABITUAL for f in forms) or any(f & REFERENCE for f in near):
        return True
    if _determined(ctx.toks[h.first], forms):
        return True
    if subtype in BEFORE_TYPES and _not_yet(window):
        return True
    return etype == EventType.AGREEMENT and _agreement_not_reached(ctx, h, clause, forms)


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
    return any(set(t.forms) & BEFORE and not (k > 0 and window[k - 1].norm == "من")
               for k, t in enumerate(window))


def _agreement_not_reached(ctx: SentenceContext, h: TriggerHit, clause: Span,
                           forms: Sequence[set[str]]) -> bool:
    """An agreement that "could" come, that is cited as the ground of something else
    («بموجب اتفاق»), or that is the topic of talks («لبحث اتفاق»)."""
    in_clause = [t for t in ctx.toks[ctx.lo : h.first] if t.start >= clause.start]
    if any(set(t.forms) & (MODAL | BROKER) for t in in_clause):
        return True
    return any(f & AGREEMENT_REFERENCE for f in forms[-4:]) or any(f & TOPIC for f in forms[-4:])


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
    return any(_negates(t, window[j + 1] if j + 1 < len(window) else toks[i])
               for j, t in enumerate(window))


def _negates(t: Tok, nxt: Tok) -> bool:
    if not t.arabic:
        return t.norm in NEGATION_EN or t.norm.endswith("n't")
    forms = set(t.forms)
    if forms & NEGATION_AR:
        return True
    return (NEGATION_AR_LA in forms or "ولا" in forms) and not set(nxt.forms) & STILL_AR


def not_an_event_word(toks: Sequence[Tok], h: TriggerHit) -> bool:
    """A trigger word in another sense: "to deal with", "meet their demands"."""
    after = [t.norm for t in toks[h.last + 1 : h.last + 4]]
    word = toks[h.first].norm
    if word in {"deal", "dealt"} and after[:1] == ["with"]:
        return True
    return word in {"meet", "met", "meets"} and bool(
        {"demands", "demand", "conditions", "needs", "requirements", "deadline"} & set(after))


def circumstantial(toks: Sequence[Tok], h: TriggerHit) -> bool:
    """«بطلب تركي»: a demand named as the circumstance of another event."""
    return toks[h.first].norm in CIRCUMSTANTIAL_AR


def hypothetical(toks: Sequence[Tok], h: TriggerHit, clause: Span) -> bool:
    near = toks[max(0, h.first - 2) : h.last + 3]
    return any(set(t.forms) & HYPOTHETICAL for t in near if clause.start <= t.start < clause.end)


def historical(ctx: SentenceContext, clause: Span) -> tuple[bool, int | None]:
    """Background, and the year it is set in: a past year in the clause (not after «منذ» /
    "since") or in a sentence that opens with «وكان», or whose «وكان» has the event itself as
    subject («وكانت مفاوضات ... وصلت إلى طريق مسدود»). «وكان» with an actor as subject is the
    news's own pluperfect («وكانت القوات انسحبت من محيط المدينة», earlier the same day): not
    background."""
    text, sent = ctx.text, ctx.span
    years = _past_years(text, clause, sent)
    if years and ctx.ref_year and min(years) < ctx.ref_year:
        return True, min(years)
    first = text[sent.start : sent.start + 12].split()
    if first and arabic_key(first[0]) in HISTORY_OPENERS_AR and first[0].startswith("و"):
        # «وكان ...» narrates the background up to a clause that turns to the present
        # («حيث لا يزال»، «في حين تفرض»).
        between = arabic_key(text[sent.start : clause.start])
        if (years or _event_as_subject(ctx)) and not any(
                f" {w} " in f" {between} " for w in _PRESENT_TURNS):
            return True, min(years) if years else None
    words = {w.lower() for w in clause.text.split()}
    if words & HISTORY_EN and years:
        return True, min(years)
    lowered = arabic_key(clause.text).lower()
    if any(w in lowered for w in LAST_YEAR):  # «العام الماضي», "last year"
        return True, ctx.ref_year - 1 if ctx.ref_year else None
    if any(w in lowered for w in YEARS_AGO):  # «قبل سنوات», "years ago"
        return True, None
    return False, None


def _event_as_subject(ctx: SentenceContext) -> bool:
    """The word after the sentence's opening «وكان» (or after «قد») states an event."""
    k = ctx.lo + 1
    if k < ctx.hi and ctx.toks[k].norm == "قد":
        k += 1
    return k < ctx.hi and bool(TRIGGER_INDEX.find(ctx.toks, k, k + 1))


def _past_years(text: str, clause: Span, sent: Span) -> list[int]:
    """The years named in the clause, and in an adverbial that opens the sentence ("In 2016,
    ...", «في عام 2016،»), except those after «منذ» / "since" (a state that still holds)."""
    years = []
    scope = clause.text.translate(DIGITS)
    head = text[sent.start : clause.start].translate(DIGITS)
    if head and len(head) < 25:
        scope = head + " " + scope
    for m in YEAR.finditer(scope):
        before = scope[max(0, m.start() - 12) : m.start()].lower()
        if any(w in before.split()[-2:] for w in SINCE_WORDS) or "منذ" in before:
            continue
        years.append(int(m.group()))
    return years


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
