"""Finding the phrases of a lexicon (actor aliases, organisation and outlet names) in running
text, by the same keys the gazetteer uses for place names.

Arabic phrases are matched on `normalize.arabic_key`, with the proclitics of the first word
stripped (so «لقوات سوريا الديمقراطية» finds «قوات سوريا الديمقراطية»); Latin phrases on a
case-folded form, except acronyms (SDF, US, IS), which must match case and all, so that the
English word "is" is never the Islamic State.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..matching import original_offset
from ..normalize import arabic_key, fold_latin, is_arabic
from .segmenting import tokens

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    start: int
    end: int
    text: str
    value: T
    alias: str


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 1 < len(letters) <= 6 and all(c.isupper() for c in letters)


def latin_phrase_key(words: list[str]) -> str:
    """'U.S.' and 'SDF' keep their case (acronyms); everything else is folded."""
    return " ".join(w if _is_acronym(w) else fold_latin(w) for w in words)


class PhraseIndex(Generic[T]):
    """Phrases -> values, matched longest-first, left to right, without overlaps."""

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        self._index: dict[str, tuple[str, T]] = {}
        self._max = 1
        for phrase, value in phrases:
            key = self.key(phrase)
            if key and key not in self._index:
                self._index[key] = (phrase, value)
                self._max = max(self._max, key.count(" ") + 1)

    @staticmethod
    def key(phrase: str) -> str:
        if is_arabic(phrase):
            return arabic_key(phrase)
        return latin_phrase_key([t.text for t in tokens(phrase)])

    def __len__(self) -> int:
        return len(self._index)

    def find(self, text: str) -> list[Found[T]]:
        toks = tokens(text)
        ar_keys = [t.key if t.arabic else "" for t in toks]
        latin = [latin_phrase_key([t.text]) if not t.arabic else "" for t in toks]
        # run[i]: how many tokens from i on are in the script of token i
        run = [1] * len(toks)
        for k in range(len(toks) - 2, -1, -1):
            if toks[k].arabic == toks[k + 1].arabic:
                run[k] = run[k + 1] + 1
        out: list[Found[T]] = []
        i = 0
        while i < len(toks):
            hit = None
            first = toks[i]
            for n in range(min(self._max, run[i]), 0, -1):
                if first.arabic:
                    rest = ar_keys[i + 1 : i + n]
                    for variant in first.forms:
                        entry = self._index.get(" ".join([variant, *rest]))
                        if entry:
                            skip = max(len(ar_keys[i]) - len(variant), 0)
                            hit = (n, entry, first.start + original_offset(first.text, skip))
                            break
                else:
                    entry = self._index.get(" ".join(latin[i : i + n]))
                    if entry:
                        hit = (n, entry, first.start)
                if hit:
                    break
            if hit is None:
                i += 1
                continue
            n, (alias, value), start = hit
            end = toks[i + n - 1].end
            out.append(Found(start, end, text[start:end], value, alias))
            i += n
        return out
