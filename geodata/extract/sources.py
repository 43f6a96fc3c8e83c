"""Sources: an actor right next to a reporting verb ("X said", «قال X», «وجهت X اتهامات»)
reports an event rather than acting in it. Read by the pipeline (which actors of a report are
sources) before `roles` decides who acts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .actor_mentions import ActorHit
from .cue_words import REPORTING
from .segmenting import Tok, first_token


def is_source(toks: Sequence[Tok], text: str, a: ActorHit) -> bool:
    """An actor next to a reporting verb ("X said", «قال X», «وجهت X اتهامات») is a source."""
    end = a.end
    paren = re.match(r"^\s*\([^)]{1,12}\)", text[end : end + 16])
    if paren:
        end += paren.end()  # "Syrian Democratic Forces (SDF) confirmed"
    i = first_token(toks, end)
    j = first_token(toks, a.start)
    after = toks[i : i + 1]
    before = toks[j - 1 : j] if j else []
    return any(set(t.forms) & REPORTING for t in [*after, *before])
