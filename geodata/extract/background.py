"""Background: whether a statement tells what happened before the report's news, and the year
it is set in. A past year in its clause (or in an adverbial that opens the sentence, or in a
date that trails the clause: «، في 4 من أيار 2020»), not after «منذ» / "since"; a sentence
opening with «وكان» whose subject is an event («وكانت مفاوضات ... قد وصلت»), not a pluperfect
verb («وكان قد طلب»: the news's own earlier step); "last year", «قبل سنوات»; an undated report
that names a single year; an indefinite agreement cited as the ground of something else
(`cues.earlier_agreement`). Left `cues` (over 500 lines) as a concept of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..normalize import arabic_key
from .context import SentenceContext
from .cue_words import (
    DIGITS,
    HISTORY_EN,
    HISTORY_OPENERS_AR,
    LAST_YEAR,
    PRESENT_TURNS,
    SINCE_WORDS,
    YEAR,
    YEARS_AGO,
)
from .cues import earlier_agreement
from .no_event_words import NOW_WORDS, SUBORDINATORS
from .segmenting import Span
from .triggers import TRIGGER_INDEX, TriggerHit


def historical(ctx: SentenceContext, clause: Span, hit: TriggerHit | None = None) -> tuple[bool, int | None]:
    """Background, and the year it is set in: a past year in the clause (not after «منذ» /
    "since") or in a sentence that opens with «وكان», or whose «وكان» has the event itself as
    subject («وكانت مفاوضات ... وصلت إلى طريق مسدود»). «وكان» with an actor as subject is the
    news's own pluperfect («وكانت القوات انسحبت من محيط المدينة», earlier the same day): not
    background."""
    text, sent = ctx.text, ctx.span
    years = _past_years(text, clause, sent)
    if hit is not None and earlier_agreement(ctx, hit):
        return True, min(years) if years else None
    if years and ctx.ref_year and min(years) < ctx.ref_year:
        return True, min(years)
    if years and ctx.published is None and len(_years_named(text)) == 1:
        return True, min(years)  # an undated report that names one year names it as background
    first = text[sent.start : sent.start + 12].split()
    if first and arabic_key(first[0]) in HISTORY_OPENERS_AR and first[0].startswith("و"):
        # «وكان ...» narrates the background up to a clause that turns to the present
        # («حيث لا يزال»، «في حين تفرض»).
        between = arabic_key(text[sent.start : clause.start])
        years = years or _past_years(text, Span(sent.start, clause.end, text[sent.start : clause.end]), sent)
        if (years or _event_as_subject(ctx)) and not any(f" {w} " in f" {between} " for w in PRESENT_TURNS):
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


@lru_cache(maxsize=64)
def _years_named(text: str) -> frozenset[int]:
    """The years a report names. A report dates its own news by weekday or month ("on
    Saturday"): an undated one that names a single year names it for what happened then."""
    return frozenset(int(y) for y in YEAR.findall(text.translate(DIGITS)))


def _event_as_subject(ctx: SentenceContext) -> bool:
    """The word after the sentence's opening «وكان» (or after «قد») states an event."""
    k = ctx.lo + 1
    if k < ctx.hi and ctx.toks[k].norm == "قد":
        return False  # «وكان قد طلب»: the pluperfect of a verb, the news's own earlier step
    return k < ctx.hi and bool(TRIGGER_INDEX.find(ctx.toks, k, k + 1))


def _past_years(text: str, clause: Span, sent: Span) -> list[int]:
    """The years named in the clause, and in an adverbial that opens the sentence ("In 2016,
    ...", «في عام 2016،»), except those after «منذ» / "since" (a state that still holds)."""
    years = []
    scope = clause.text.translate(DIGITS)
    head = text[sent.start : clause.start].translate(DIGITS)
    if head and (len(head) < 25 or _dependent(clause.text, scope)):
        scope = head + " " + scope
    tail = _TRAILING_DATE.match(text[clause.end : min(sent.end, clause.end + 40)].translate(DIGITS))
    if tail:  # «...، في 4 من أيار 2020، ...», "..., on May 4, 2020": the clause's own date
        scope += " " + tail.group()
    for m in YEAR.finditer(scope):
        before = scope[max(0, m.start() - 12) : m.start()].lower()
        since = any(w in before.split()[-2:] for w in SINCE_WORDS) or "منذ" in before
        if since and not _WHEN.match(scope[m.end() :]):
            continue  # "since 2015, when X withdrew": the year of X
        years.append(int(m.group()))
    return years


# "since 2015, when ...", «منذ عام 2015 حين ...»: the relative clause tells what happened that year.
_WHEN = re.compile(r"^[\s,،]*(?:when|حين|عندما|حينما)\b", re.IGNORECASE)


# A date adverbial that follows its clause after a comma: «، في 4 من أيار 2020», ", in May 2020".
_TRAILING_DATE = re.compile(
    r"^[\s,،]*(?:في|خلال|on|in)\s+(?:\S+\s+){0,3}?(?:19[5-9]\d|20[0-4]\d)(?!\d)", re.IGNORECASE
)


def _dependent(clause: str, scope: str) -> bool:
    """A clause without a time of its own that hangs on what precedes it ("..., which took
    control of ...", "particularly as ...", «حيث ...», «إثر ...»): it shares the sentence's
    year ("established in 2014 ..., as IS gained control" is background too)."""
    if YEAR.search(scope) or NOW_WORDS.intersection(arabic_key(clause).lower().split()):
        return False
    first = arabic_key(clause).lower().lstrip(" ,،(").split()[:2]
    return bool(first) and bool(SUBORDINATORS.intersection(first))
