"""A sentence's statements together (after `roles.assign_roles` has read each one): a
statement of the same type in the same clause keeps the subject of the one before, a meeting or
agreement without a second party finds it in the clause that continues with «و» / "and", and
coordinated verbal nouns share the agent named after the second.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .context import Statement
from .roles import Roles, assign_roles
from .trigger_lexicon import SYMMETRIC


def sentence_roles(statements: Sequence[Statement]) -> list[Roles]:
    """The roles of each statement of a sentence: a statement of the same type in the same
    clause keeps the subject of the one before («بقطع الطرق ... ومنع حركة السيارات»); a
    meeting or agreement without a second party finds it in the clause that continues with «و»;
    coordinated verbal nouns share the agent named after the second."""
    out: list[Roles] = []
    for k, st in enumerate(statements):
        roles = assign_roles(st)
        if k and _same_subject(statements[k - 1], out[k - 1], st, roles):
            roles = out[k - 1]
        if st.type in SYMMETRIC and roles.target is None:
            roles = _second_party(st, roles)
        out.append(roles)
    return _share_coordinated(statements, out)


def _same_subject(prev: Statement, prev_roles: Roles, st: Statement, roles: Roles) -> bool:
    """«بقطع الطرق ... ومنع حركة السيارات»: a second trigger of the same type in the same
    clause, joined by «و» or without a subject of its own, with no actor named between."""
    if st.first_in_clause or prev.type != st.type:
        return False
    first = st.ctx.toks[st.hit.first]
    coordinated = first.arabic and first.text.startswith("و")
    if not (coordinated or roles.actors == (None,)):
        return False
    if prev_roles.actors == (None,) and roles.actors != (None,):
        return False
    return not any(prev.hit.end <= a.start and a.end <= st.hit.start for a in st.ctx.actors)


def _second_party(st: Statement, roles: Roles) -> Roles:
    """«الاجتماع الذي جمع قوات سوريا الديمقراطية، ومسؤولين من السلطات السورية»: the other party
    of a meeting or an agreement in the clause that continues with «و» / "and"."""
    ctx = st.ctx
    nxt = next((c for c in ctx.clauses if c.start >= st.clause.end), None)
    if nxt is None or not re.match(r"^(?:و|and\b)", nxt.text):
        return roles
    other = next(
        (
            a
            for a in ctx.actors
            if nxt.start <= a.start < nxt.end
            and a.start not in ctx.sources
            and a.actor.id not in roles.actors
        ),
        None,
    )
    return replace(roles, target=other.actor.id) if other else roles


def _share_coordinated(statements: Sequence[Statement], roles: Sequence[Roles]) -> list[Roles]:
    """«محاصرة ومنع قوات النظام دخول ...», "besieging and shelling by X": two verbal nouns
    joined by «و»/"and" share the agent named after the second; the first takes its roles."""
    out = list(roles)
    for k in range(len(statements) - 2, -1, -1):
        a, b = statements[k], statements[k + 1]
        if out[k].actors != (None,) or out[k + 1].actors == (None,):
            continue
        if a.clause != b.clause or a.type != b.type:
            continue
        text = a.ctx.text
        gap = text[a.hit.end : b.hit.start].strip()
        if gap in {"and", "و"} or (not gap and text[b.hit.start : b.hit.start + 1] == "و"):
            out[k] = replace(out[k + 1], target=out[k].target or out[k + 1].target)
    return out
