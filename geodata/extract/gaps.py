"""The words between two place names: whether they only locate the first in the second
(«في مدينة»، "in the city of": 'in') or join them («و»، "and", a comma: 'and')."""

from __future__ import annotations

from functools import lru_cache

from .lookalikes import SETTLEMENT_CLASSIFIERS
from .segmenting import tokens

GAP_WORDS = {
    "في",
    "ب",
    "بمدينه",
    "بمدينتي",
    "مدينه",
    "مدينتي",
    "بحي",
    "حي",
    "in",
    "the",
    "city",
    "of",
    "cities",
    "town",
    "بريف",
    "ريف",
    "داخل",
    "وسط",
    "بلده",
    "ببلده",
    "منطقه",
    "بمنطقه",
    "at",
}
AND_WORDS = {"و", "and", ","}


@lru_cache(maxsize=8192)
def bare_gap(gap: str) -> str | None:
    """'in' when the text between two names only locates the first in the second; 'and' when it
    joins them; None otherwise."""
    words = [t.key for t in tokens(gap)]
    stripped = gap.strip(" \t“”\"'«»()")
    if not words and not stripped:
        return "in"
    if not words and stripped in {",", "،"}:
        return "and"
    kind = "in"
    for w in words:
        if w in GAP_WORDS or w in SETTLEMENT_CLASSIFIERS:
            continue
        if w in AND_WORDS or (w.startswith("و") and (w[1:] in GAP_WORDS or w[1:] in SETTLEMENT_CLASSIFIERS)):
            kind = "and"
            continue
        return None
    return kind
