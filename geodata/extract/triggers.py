"""Finding triggers in text: longest matches of the lexicon's patterns (`trigger_lexicon`) on
each word's lemma forms, left to right (the cues that cancel or qualify what a trigger states
are in `cues`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .segmenting import Tok
from .trigger_lexicon import MAX_GAP, TRIGGERS, Trigger

# -- finding triggers in text ----------------------------------------------------------------


@dataclass(frozen=True)
class TriggerHit:
    trigger: Trigger
    first: int  # token index
    last: int
    start: int
    end: int


class TriggerIndex:
    def __init__(self, triggers: Sequence[Trigger]) -> None:
        self.triggers = list(triggers)
        self._cache: dict[tuple[str, bool], tuple[int, ...]] = {}

    def first_matches(self, form: str, arabic: bool) -> tuple[int, ...]:
        key = (form, arabic)
        hit = self._cache.get(key)
        if hit is None:
            lang = "ar" if arabic else "en"
            # The ignore below: a pattern never opens with a gap, so its first regex is not None.
            hit = tuple(
                i
                for i, t in enumerate(self.triggers)
                if t.lang == lang and t.compiled[0].fullmatch(form)  # type: ignore[union-attr]
            )
            self._cache[key] = hit
        return hit

    def find(self, toks: Sequence[Tok], lo: int, hi: int) -> list[TriggerHit]:
        """Longest trigger matches in toks[lo:hi], left to right, not overlapping."""
        out: list[TriggerHit] = []
        i = lo
        while i < hi:
            best: tuple[int, int] | None = None  # (last token, trigger index)
            skip = _false_friend(toks, i, hi)
            if skip:
                i += skip
                continue
            for form in toks[i].lemma_forms:
                for ti in self.first_matches(form, toks[i].arabic):
                    last = _match_rest(self.triggers[ti].compiled[1:], toks, i + 1, hi)
                    if last is not None:
                        last = max(last, i)
                        if best is None or last > best[0]:
                            best = (last, ti)
            if best is None:
                i += 1
                continue
            last, ti = best
            out.append(TriggerHit(self.triggers[ti], i, last, toks[i].start, toks[last].end))
            i = last + 1
        return out


# Phrases whose first word's lemma is a trigger's but which state nothing: "according to"
# (accord), "in accordance with"; Arabic adverbial accusatives that give a reason («رفضاً لـ»,
# in protest against: no refusal of its own).
FALSE_FRIENDS = frozenset({("according", "to"), ("accordance", "with")})
FALSE_FRIENDS_AR = frozenset({"رفضا", "تنديدا", "احتجاجا", "استنكارا"})


def _false_friend(toks: Sequence[Tok], i: int, hi: int) -> int:
    """How many words from i make a false friend (0: none)."""
    if toks[i].arabic:
        return 1 if FALSE_FRIENDS_AR.intersection(toks[i].forms) else 0
    pair = i + 1 < hi and (toks[i].forms[0], toks[i + 1].forms[0]) in FALSE_FRIENDS
    return 2 if pair else 0


def _match_rest(pats: Sequence[re.Pattern[str] | None], toks: Sequence[Tok], i: int, hi: int) -> int | None:
    """Index of the last token matched by `pats` from token i (i - 1 when pats is empty)."""
    if not pats:
        return i - 1
    pat = pats[0]
    if pat is None:  # a gap: try skipping 0..MAX_GAP tokens
        for skip in range(MAX_GAP + 1):
            got = _match_rest(pats[1:], toks, i + skip, hi)
            if got is not None:
                return got
        return None
    if i >= hi:
        return None
    if any(pat.fullmatch(f) for f in toks[i].lemma_forms):
        return _match_rest(pats[1:], toks, i + 1, hi)
    return None


TRIGGER_INDEX = TriggerIndex(TRIGGERS)
