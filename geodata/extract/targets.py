"""The target of an event when its clause names none, in this order: the accuser, for what
the accused did («X تتهم Y بـ…», "X accused Y of …": Y acted on X); the agent of what an
agreement provides for («المتفق عليه دخول قوات X»); the holder of a besieged place
("government-held", «الخاضعة لسيطرة X»: `ActorFinder.holder`); else, per place, the people of a
besieged town or neighbourhood, or of one where people («الشبان», "civilians") were arrested
(the descriptive group "<place id>-residents", when the actor list has it).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import replace

from ..model import EventType, Place, PlaceKind
from ..normalize import arabic_key
from .actor_mentions import ActorFinder, residents_of
from .context import Statement
from .roles import Roles

_SIEGES = (EventType.BLOCKADE, EventType.LIFT_BLOCKADE)
_POPULATED = (PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE, PlaceKind.NEIGHBOURHOOD)
_ACCUSE_AR = {"اتهم", "اتهمت", "تتهم", "يتهم", "اتهموا", "تتهمان", "اتهام", "اتهامات", "باتهام"}
_ACCUSE_EN = re.compile(r"\baccus(?:e|es|ed|ing|ation|ations)\b", re.I)
# Words naming people (not armed actors) as those an arrest falls on.
_PEOPLE = {
    "شبان",
    "الشبان",
    "شباب",
    "الشباب",
    "مدنيين",
    "المدنيين",
    "اهالي",
    "الاهالي",
    "سكان",
    "السكان",
    "مواطنين",
    "المواطنين",
    "civilians",
    "residents",
    "people",
    "youths",
}


def fill_target(st: Statement, roles: Roles, finder: ActorFinder) -> Roles:
    """The roles with a target when the clause names none (the accuser, the agreement's
    party, the holder of a besieged place)."""
    roles = agreement_target(st, accused_target(st, roles))
    if roles.target is None and st.type in _SIEGES:
        ctx = st.ctx
        held = finder.holder(ctx.text, st.hit.start, st.clause.end, ctx.day, ctx.actors)
        if held is not None and held not in roles.actors:
            roles = replace(roles, target=held)
    return roles


def residents_target(
    st: Statement, place: Place | None, actor: str | None, known: Container[str]
) -> str | None:
    """The people of a besieged town or neighbourhood are the siege's target when no one
    else is named («تفرض الحواجز حصاراً على الحي»); so are those arrested there when the
    report calls them people («اعتقال العشرات من الشبان»). `known`: the actor ids there are."""
    if place is None or place.kind not in _POPULATED:
        return None
    if st.type == EventType.ARREST:
        if not names_people(st.ctx.text[st.hit.start : st.clause.end]):
            return None
    elif st.type not in _SIEGES:
        return None
    rid = residents_of(place.id)
    return rid if rid in known and rid != actor else None


def accused_target(st: Statement, roles: Roles) -> Roles:
    """«X تتهم Y بـ…», "X accused Y of …": what the accused did, it did to the accuser."""
    if roles.target is not None or st.type in (EventType.MEETING, EventType.AGREEMENT):
        return roles
    victim = accuser(st)
    if victim is not None and victim not in roles.actors:
        return replace(roles, target=victim)
    return roles


def agreement_target(st: Statement, roles: Roles) -> Roles:
    """«المتفق عليه دخول قوات X»: the agent of what an agreement provides for is a party."""
    if roles.target is not None or st.type != EventType.AGREEMENT:
        return roles
    ctx = st.ctx
    party = next(
        (
            a.actor.id
            for g in st.governed
            for a in ctx.actors
            if g.hit.end <= a.start < st.clause.end
            and a.actor.id not in roles.actors
            and len(ctx.text[g.hit.end : a.start].split()) <= 1
            and a.start not in ctx.sources
        ),
        None,
    )
    return replace(roles, target=party)


def accuser(st: Statement) -> str | None:
    """«X تتهم Y بدخول المدينة», "X accused Y of shelling": the accused acts on the accuser,
    the actor named just before the accusation (a reporter too)."""
    ctx, h = st.ctx, st.hit
    text, sent, actors = ctx.text, ctx.span, ctx.actors
    at, verb_end = _accusation(text[sent.start : h.start])
    if at is None:
        return None
    at += sent.start
    before = [a for a in actors if sent.start <= a.start and a.end <= at]
    if before:
        return before[-1].actor.id
    if verb_end is not None:  # verb-subject order: the accuser follows the verb, then the accused
        verb_end += sent.start
        after = [a for a in actors if verb_end <= a.start < h.start]
        if len(after) >= 2 and not text[verb_end : after[0].start].strip():
            return after[0].actor.id
    return None


def _accusation(head: str) -> tuple[int | None, int | None]:
    """Where an accusation begins in `head`, and where its verb ends when it is an Arabic verb
    («اتهمت قسد الجيش», not «باتهام»)."""
    m = _ACCUSE_EN.search(head)
    if m:
        return m.start(), None
    for w in re.finditer(r"\S+", head):
        key = arabic_key(w.group())
        key = key[1:] if key[:1] == "و" and key[1:] in _ACCUSE_AR else key
        if key in _ACCUSE_AR:
            return w.start(), None if key.startswith(("اتهام", "باتهام")) else w.end()
    return None, None


def names_people(text: str) -> bool:
    """Whether `text` names people rather than forces («العشرات من الشبان», "civilians")."""
    words = {arabic_key(w) for w in text.split()} | {w.lower().strip(",.;") for w in text.split()}
    words |= {w[1:] for w in words if w[:1] in "وبل"}
    return bool(words & _PEOPLE)
