"""One event stated several times: in the headline, a summary bullet, the body and a caption,
or twice in one sentence. The statements are merged into one event (same type, subtype, place
and history, compatible actors: equal or one unstated; a meeting of X and Y is one of Y and X;
two statements dated on different days are two rounds, not one), which keeps the best statement
as its evidence: body text over the page's head (`lead_material`), then the statement that
names the place in its own clause, then the one that names more roles.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from ..model import EventType, Place, PlaceKind
from ..normalize import arabic_key
from .actor_mentions import is_residents
from .cue_words import DEMONSTRATIVES, REPORTING
from .dates import WEEKDAYS
from .placing import macro_region
from .results import Extracted
from .segmenting import Span, tokens
from .trigger_lexicon import SYMMETRIC
from .triggers import TRIGGER_INDEX

_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2}\b|"
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b"
)


def _dates(text: str) -> set[str]:
    """Day mentions in a clause ("April 3", "on Monday"), to tell apart two rounds of one kind
    of event."""
    found = {m.group().lower().replace(".", "") for m in _DATE.finditer(text)}
    words = {arabic_key(w) for w in text.split()} | {w.lower().strip(",.") for w in text.split()}
    return found | (words & WEEKDAYS.keys())


def _near_trigger(e: Extracted) -> str:
    """The words around the trigger that may date it; a day before a reporting verb ("on
    Saturday announced the arrest of", «أعلنت يوم السبت») dates the report, not the event."""
    if e.trigger is None:
        return e.evidence.text
    a = max(0, e.trigger.start - e.evidence.start - 40)
    before = e.evidence.text[a : e.trigger.start - e.evidence.start]
    if any(set(t.forms) & REPORTING for t in tokens(before)):  # «أعلنت يوم السبت اعتقال»
        a = e.trigger.start - e.evidence.start
    return e.evidence.text[a : e.trigger.end - e.evidence.start + 60]


def compatible(a: Extracted, b: Extracted) -> bool:
    da, db = _dates(_near_trigger(a)), _dates(_near_trigger(b))
    if da and db and not da & db:
        return False
    if a.trigger is not None and a.trigger == b.trigger and a.actor != b.actor:
        return False  # one trigger's coordinated actors ("X and Y shelled ...") act each
    if a.type == EventType.CLASH and _two_attackers(a, b):
        return False
    if a.type in SYMMETRIC:  # a meeting of X and Y is one of Y and X
        parties = {a.actor, a.target, b.actor, b.target} - {None}
        return len(parties) <= 2
    return all(x is None or y is None or x == y for x, y in ((a.actor, b.actor), (a.target, b.target)))


def _two_attackers(a: Extracted, b: Extracted) -> bool:
    """Two attacks by different agents, neither on the other ("X shelled the town", "Y
    attacked the town"): two events, not one clash between X and Y. Clashes, fighting or
    battles are between two sides: each statement may name one."""
    if not (a.actor and b.actor and a.actor != b.actor and a.target != b.actor and b.target != a.actor):
        return False
    return not (_reciprocal(a) or _reciprocal(b))


def _reciprocal(e: Extracted) -> bool:
    """The event's trigger is a word for fighting between sides («اشتباكات», "clashes"), not
    an attack by one (a clash trigger that needs no actor)."""
    toks = tokens(e.trigger.text) if e.trigger is not None else []
    if not toks:
        return False
    hits = {i for form in toks[0].lemma_forms for i in TRIGGER_INDEX.first_matches(form, toks[0].arabic)}
    return any(
        TRIGGER_INDEX.triggers[i].type == EventType.CLASH and not TRIGGER_INDEX.triggers[i].needs_actor
        for i in hits
    )


def _merge_roles(keep: Extracted, drop: Extracted) -> tuple[str | None, str | None]:
    actor = keep.actor or drop.actor
    target = keep.target or drop.target
    if keep.type in SYMMETRIC and target is None:
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


_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'’-]{2,60}(?:,\s*[A-Z][a-z]+)?\s*(?:\([^)\n]{2,40}\))?\s*[-–—]\s", re.MULTILINE
)


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
        if (
            s.end <= body_start
            or not line.endswith((".", "؟", "?", "!", ".”", '."'))
            or line.startswith(("•", "-", "*"))
            or lines.get(line, 0) > 1
            or text[max(0, s.start - 4) : s.start].strip().startswith("•")
        ):
            out.append(s)
    return out


def merge_restatements(
    events: Iterable[Extracted],
    lead: Sequence[Span] = (),
    contains: Callable[[Place, Place], bool] | None = None,
) -> list[Extracted]:
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
        slot = next((i for i in slots if compatible(kept[i], e)), None)
        if slot is None:
            slots.append(len(kept))
            kept.append(e)
            continue
        twin = kept[slot]
        keep, drop = (e, twin) if _weight(e, lead) > _weight(twin, lead) else (twin, e)
        actor, target = _merge_roles(keep, drop)
        kept[slot] = replace(
            keep,
            actor=actor,
            target=target,
            linked_to=tuple(dict.fromkeys(keep.linked_to + drop.linked_to)),
            implied=keep.implied and drop.implied,
            confidence=keep.confidence if not keep.implied else drop.confidence,
        )
        parent[drop.id] = keep.id
    kept = _absorb_placeless(kept, parent, lead)
    if contains is not None:
        kept = _absorb_contained(kept, parent, contains, lead)
    survivors = sorted(
        kept, key=lambda e: (e.evidence.start, e.trigger.start if e.trigger else 0, e.type.value)
    )
    renumber = {e.id: f"e{i + 1}" for i, e in enumerate(survivors)}
    out = []
    for e in survivors:
        links = tuple(
            dict.fromkeys(renumber[find(x)] for x in e.linked_to if find(x) in renumber and find(x) != e.id)
        )
        out.append(replace(e, id=renumber[e.id], linked_to=links))
    return out


def _absorb_placeless(
    kept: list[Extracted], parent: dict[str, str], lead: Sequence[Span] = ()
) -> list[Extracted]:
    """A statement that names no place ("the siege goes on") is the event stated elsewhere
    with its place, when exactly one event of its kind (type, subtype, history, compatible
    actors) has one: its roles fill what the placed one lacks. A headline, summary or caption
    that names no place sums up the body's statements of its kind however many places they
    name ("X and Y agree on joint patrols" over the patrols' places): it joins the first."""
    out = list(kept)
    for e in kept:
        if e.place is not None or e.nowhere:
            continue
        twins = [
            k
            for k, o in enumerate(out)
            if o.place is not None
            and o.type == e.type
            and o.subtype == e.subtype
            and o.historical == e.historical
            and compatible(o, _residents_within(e, o))
        ]
        if not twins or (len(twins) > 1 and _weight(e, lead)[0] != 0):
            continue
        k = twins[0]
        actor, target = _merge_roles(out[k], e)
        out[k] = replace(
            out[k], actor=actor, target=target, linked_to=tuple(dict.fromkeys(out[k].linked_to + e.linked_to))
        )
        parent[e.id] = out[k].id
        out.remove(e)
    return out


def _absorb_contained(
    kept: list[Extracted],
    parent: dict[str, str],
    contains: Callable[[Place, Place], bool],
    lead: Sequence[Span],
) -> list[Extracted]:
    """ "Siege of Aleppo" in the headline, "siege of Sheikh Maqsoud" in the body: one event at
    the most specific place, the first event of its kind that lies inside the wider one
    (`contains(outer, inner)`; "agreement in Aleppo" over the agreement's two neighbourhoods);
    the roles of both are kept. Only a headline, summary or caption
    is read so: in the body, two places are two events, except a part of the country ("in
    northeast Syria"), which only says roughly where the event named at its place was."""
    out = list(kept)
    for e in sorted(kept, key=lambda x: x.evidence.start):
        if e.place is None or e not in out or (_weight(e, lead)[0] != 0 and not macro_region(e.place)):
            continue
        inner = [
            o
            for o in out
            if o is not e
            and o.place is not None
            and o.type == e.type
            and o.subtype == e.subtype
            and o.historical == e.historical
            and o.place.id != e.place.id
            and contains(e.place, o.place)
            and (_weight(e, lead)[0] == 0 or o.place.kind not in _AREAS)
            and compatible(o, _residents_within(e, o))
        ]
        if not inner:
            continue
        k = out.index(inner[0])
        actor, target = _merge_roles(out[k], e)
        out[k] = replace(
            out[k], actor=actor, target=target, linked_to=tuple(dict.fromkeys(out[k].linked_to + e.linked_to))
        )
        parent[e.id] = out[k].id
        out.remove(e)
    return out


# Places that are areas: a part of the country and an area within it may be two scopes.
_AREAS = frozenset({PlaceKind.REGION, PlaceKind.GOVERNORATE, PlaceKind.COUNTRY})


def _residents_within(outer: Extracted, inner: Extracted) -> Extracted:
    """The residents of a city include those of its neighbourhood: a headline's siege of
    "Aleppo's residents" is the body's siege of Sheikh Maqsoud's."""
    if is_residents(outer.target) and is_residents(inner.target):
        return replace(outer, target=inner.target)
    return outer


# Prepositions of time or accompaniment before a definite event noun that points back to an
# event already stated: «بالتوازي مع الاجتماع», «بعد الاجتماع», "after the meeting".
_BACK_PREPOSITIONS = frozenset(
    {"مع", "بعد", "قبل", "اثر", "عقب", "هامش", "after", "before", "following", "since", "alongside"}
)


def drop_back_references(events: Sequence[Extracted], text: str) -> list[Extracted]:
    """A definite event noun after a preposition of time or company ("after the meeting", «بالتوازي مع
    الاجتماع», «على هامش الاجتماع») refers to an event of its kind stated before; it dates
    something else and is no event of its own."""
    out: list[Extracted] = []
    for e in events:
        earlier = any(o.type == e.type and o.subtype == e.subtype for o in out)
        if earlier and e.trigger is not None and _back_reference(text, e.trigger):
            continue
        out.append(e)
    return out


# Causal links before a definite event noun: what is stated as a cause was stated before
# ("in response to the siege", "due to the blockade", «رداً على الحصار», «بسبب الحصار»).
_CAUSE_EN = re.compile(
    r"\b(?:response\s+to|reaction\s+to|due\s+to|owing\s+to|because\s+of|result\s+of|retaliation\s+for)"
    r"\s+the\s*$",
    re.IGNORECASE,
)
_CAUSE_AR = frozenset({"بسبب", "جرا", "نتيجه", "خلفيه"})
_CAUSE_AR_PAIRS = frozenset({"ردا علي", "رد علي"})


def _attributive_participle(trigger: str, before: Sequence[str]) -> bool:
    """«تلك المناطق المحاصرة» ("those besieged areas"): a noun pointed back to and described
    by the event's participle names the event already told, not a new one (a bare «الجيب
    المحاصر», "the besieged pocket", may be a new one). English states no event there already:
    an adjective after a determiner needs an actor it does not have."""
    words = trigger.split()
    if len(words) != 1 or len(before) < 2:
        return False
    word = arabic_key(words[0])
    return (
        word.startswith("الم")
        and arabic_key(before[-1]).startswith("ال")
        and arabic_key(before[-2]).lstrip("و") in DEMONSTRATIVES
    )


def _back_reference(text: str, trigger: Span) -> bool:
    window = text[max(0, trigger.start - 30) : trigger.start]
    before = window.split()
    word = arabic_key(trigger.text.split()[0]) if trigger.text.split() else ""
    if _attributive_participle(trigger.text, before):
        return True
    if word.startswith(("ال", "بال", "وال")) and before:
        last = arabic_key(before[-1]).lstrip("و")
        pair = " ".join(arabic_key(w) for w in before[-2:]).lstrip("و")
        return last in _BACK_PREPOSITIONS or last in _CAUSE_AR or pair in _CAUSE_AR_PAIRS
    if _CAUSE_EN.search(window):
        return True
    return len(before) >= 2 and before[-1].lower() == "the" and before[-2].lower() in _BACK_PREPOSITIONS
