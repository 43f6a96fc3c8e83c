"""The words between two place names: whether they only locate the first in the second
(«في مدينة»، "in the city of": 'in') or join them («و»، "and", a comma: 'and')."""

from __future__ import annotations

import re
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


# Plural classifiers that open a list of places («قرى أ، ب وج», "the villages of A and B"),
# the words that may stand between them and the first name («قرى عدة بينها», "including"), and
# the words that join the names.
LIST_CLASSIFIERS = frozenset(
    {
        "قري",
        "القري",
        "قريتي",
        "بلدات",
        "البلدات",
        "بلدتي",
        "مدن",
        "المدن",
        "مدينتي",
        "احيا",
        "الاحيا",
        "حيي",
        "villages",
        "towns",
        "cities",
        "neighbourhoods",
        "neighborhoods",
    }
)
_LIST_LEADS = frozenset(
    {"عده", "بينها", "منها", "هي", "مثل", "including", "of", "the", "such", "as", "namely"}
)
_LIST_JOINS = frozenset({"و", "and"})
_SENTENCE_END = re.compile(r"[.!?؟\n]")


def in_classifier_list(text: str, start: int) -> bool:
    """Whether the name at `start` is an item of a list that a plural classifier opens
    («قرى “أ، ب، وج”», «بلدات وقرى عدة بينها أ، ب، ج», "the villages of A, B and C"): the
    names before it in the sentence are joined by commas or «و» / "and", each of three words at
    most."""
    before = text[max(0, start - 240) : start]
    cut = list(_SENTENCE_END.finditer(before))
    before = before[cut[-1].end() :] if cut else before
    parts = re.split(r"[،,]|\band\b", before)
    for k, part in enumerate(reversed(parts)):
        words = [t.key for t in tokens(part)]
        items = range(4)  # «في القرى، ومنها أ، ب»: the classifier may close a part of its own
        if k == 0:  # the words right before the name: a joiner, or what opens the list
            joined = bool(words) and words[-1] in _LIST_JOINS
            words = words[:-1] if joined else words
            items = range(1, 4) if joined else range(1)
            if all(w in _LIST_LEADS for w in words):  # "villages, including X"
                continue
        if _opens_list(words, items):
            return True
        if len(words) > 3 or k == 0:
            return False
    return False


def _opens_list(words: list[str], items: range) -> bool:
    """`words` end with a plural classifier (and its lead words), then `items` words of a name."""
    for n in items:
        if n > len(words):
            break
        head = words[: len(words) - n]
        while head and head[-1] in _LIST_LEADS:
            head.pop()
        if head and any(b in LIST_CLASSIFIERS for b in _bare(head[-1])):
            return True
    return False


def _bare(word: str) -> tuple[str, ...]:
    """A word and its forms without «و» / «ب» / «في» glued on."""
    return (word, word[1:]) if word[:1] in {"و", "ب"} else (word,)
