"""Which language a report is in, and how it divides into sentences and clauses.

Everything here works on character offsets into the original text (Python str indices), so
that what the extractor cites can be highlighted in the text the user pasted.

- `detect_language`: the share of Arabic letters among all letters (Arabic script above 30 %
  is Arabic: English quotes and outlet names inside an Arabic report do not tip it).
- `sentences`: split at . ! ? ؟ and line breaks, also when the next sentence is glued to the
  full stop (".وأعلنت"), but not inside numbers (17.01.2026), initials (U.S.) or abbreviations
  (Jan. 20).
- `clauses`: a sentence split at commas and semicolons of both scripts (، ؛ , ;), at colons
  and dashes, and before the Arabic conjunction «و» when it opens a new clause with a verb or
  a clause opener (وأضاف، ومنذ، فيما).
- `tokens`: the words of a text, the one tokeniser of the pipeline. Words are cut by the
  gazetteer's rule (`gazetteer.tokenize`), so that a name in running text splits as it does in
  the index; each `Tok` carries its normalised forms: `key` (the Arabic key or the folded Latin
  word: what names and lexicon words are compared on), `forms` (the Arabic key and its
  clitic-stripped variants, «وبالحصار» -> الحصار; a lower-cased Latin word) and `norm` (the
  first form). `words_before` / `words_after` give the keys of the few words around a position.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..gazetteer import tokenize
from ..normalize import ARABIC_LETTER, arabic_key, arabic_variants, fold_latin
from . import lemmas

_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ɏ]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def __contains__(self, pos: object) -> bool:
        return isinstance(pos, int) and self.start <= pos < self.end


@lru_cache(maxsize=65536)
def variants(word: str) -> tuple[str, ...]:
    """`normalize.arabic_variants`, remembered: running text repeats its words."""
    return tuple(arabic_variants(word))


@dataclass(frozen=True)
class Tok:
    """One word of a text, with its offsets and its normalised forms (computed when asked)."""

    start: int
    end: int
    text: str
    arabic: bool

    @cached_property
    def forms(self) -> tuple[str, ...]:
        """The Arabic key and its forms without proclitics; a Latin word lower-cased."""
        if self.arabic:
            return variants(self.text)
        return (self.text.lower().replace("’", "'"),)

    @property
    def norm(self) -> str:
        return self.forms[0]

    @cached_property
    def lemma_forms(self) -> tuple[str, ...]:
        """`forms` and the forms of the word's dictionary lemma («حصارها», «المحاصرة» ->
        حصار, حاصر; "besieged" -> besiege): what triggers are matched on (`lemmas`)."""
        return lemma_forms(self.text, self.arabic)

    @cached_property
    def key(self) -> str:
        """The word as names are matched: the Arabic key, or the folded Latin word."""
        return arabic_key(self.text) if self.arabic else fold_latin(self.text)


# The future prefix «س» before an imperfect verb: «سيطالب», «ستنسحب», «سنرفض».
_FUTURE = re.compile("^س[يتنا].{3,}$")


@lru_cache(maxsize=65536)
def lemma_forms(word: str, arabic: bool) -> tuple[str, ...]:
    forms = variants(word) if arabic else (word.lower().replace("’", "'"),)
    lemma = lemmas.lemma(word, arabic)
    if arabic:
        # A lemma is a dictionary headword: no proclitic to strip («بحث» is no «ب» + «حث»).
        extra = (arabic_key(lemma), *(s for f in forms for s in lemmas.arabic_stems(f)))
        future = [f[1:] for f in forms if _FUTURE.match(f)]  # «ستمنع» -> تمنع, منع
        extra += (*future, *(arabic_key(lemmas.lemma(f, True)) for f in future))
    else:
        extra = (lemma.lower(),)
    return tuple(dict.fromkeys((*forms, *extra)))


def tokens(text: str) -> list[Tok]:
    """The words of `text`, in order, with offsets into it."""
    if len(text) > 20_000:  # a long report is tokenised each time rather than kept
        return [Tok(t.start, t.end, t.text, t.arabic) for t in tokenize(text)]
    return list(_tokens(text))


@lru_cache(maxsize=128)
def _tokens(text: str) -> tuple[Tok, ...]:
    """Remembered per text: the steps of the pipeline each tokenise the report, its sentences
    and the windows around names again, and a remembered `Tok` keeps its forms and key."""
    return tuple(Tok(t.start, t.end, t.text, t.arabic) for t in tokenize(text))


def first_token(toks: Sequence[Tok], pos: int) -> int:
    """The index of the first token that starts at or after `pos`."""
    return bisect_left(toks, pos, key=lambda t: t.start)


@lru_cache(maxsize=8192)
def words_before(text: str, pos: int, n: int = 3) -> tuple[str, ...]:
    """The keys of the n words before `pos`, nearest last."""
    return tuple(t.key for t in tokens(text[max(0, pos - 80) : pos])[-n:])


@lru_cache(maxsize=8192)
def words_after(text: str, pos: int, n: int = 2) -> tuple[str, ...]:
    """The keys of the n words after `pos`."""
    return tuple(t.key for t in tokens(text[pos : pos + 60])[:n])


def detect_language(text: str) -> str:
    """'ar' or 'en', by the share of Arabic letters among letters."""
    sample = text[:20000]
    ar = len(ARABIC_LETTER.findall(sample))
    la = len(_LATIN_LETTER.findall(sample))
    if ar + la == 0:
        return "en"
    return "ar" if ar / (ar + la) >= 0.3 else "en"


# A full stop ends a sentence unless it sits between digits, after a single capital (U.S.) or
# after a short abbreviation followed by a digit or a lower-case word (Jan. 20, approx. 300).
_ABBREV = {
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "col",
    "lt",
    "maj",
    "st",
    "no",
    "vs",
    "approx",
    "etc",
}
_END = re.compile(r"[.!?؟…]+|\n+|•|\|")


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and (text[start].isspace() or text[start] in "-–—•*·|"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    return Span(start, end, text[start:end])


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    mark = m.group()
    if mark[0] != ".":
        return True
    before = text[max(0, m.start() - 6) : m.start()]
    after = text[m.end() : m.end() + 3]
    if not after:
        return True
    if before[-1:].isdigit() and after[:1].isdigit():
        return False  # 17.01.2026, 2.5
    word = re.search(r"([A-Za-z]+)$", before)
    if word:
        w = word.group(1)
        if len(w) == 1 and w.isupper():
            return False  # U.S., initials
        nxt = after.lstrip()[:1]
        if w.lower() in _ABBREV and (nxt.isdigit() or nxt.islower()):
            return False
    first = after[:1]
    if first.isspace() or first in "\"'“”«»)]":
        return True
    return bool(ARABIC_LETTER.match(first)) or first.isupper()  # ".وأعلنت", ".The"


def sentences(text: str) -> list[Span]:
    out: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        if not _is_boundary(text, m):
            continue
        end = m.end() if m.group()[0] in ".!?؟…" else m.start()
        span = _trim(text, start, end)
        if span:
            out.append(span)
        start = m.end()
    span = _trim(text, start, len(text))
    if span:
        out.append(span)
    return out


_CLAUSE_PUNCT = re.compile(r"[،؛;:]|,(?!\s?\d)|\s[–—-]\s")
# «و» opens a new clause before a verb in the past (وأضاف، ودخلت) or present (وتفرض), or
# before a clause opener; recognised on the normalised word without the «و».
_AR_OPENERS = {
    "منذ",
    "قد",
    "لكن",
    "لكنه",
    "لكنها",
    "بعد",
    "كان",
    "كانت",
    "اكد",
    "اضاف",
    "اضافت",
    "اوضح",
    "اشار",
    "افاد",
    "ذكر",
    "ذكرت",
    "قال",
    "قالت",
    "شهد",
    "شهدت",
    "بحسب",
    "وفق",
    "من",
}
_AR_SPLIT_WORDS = {"فيما", "بينما", "حيث", "مقابل", "في حين", "الا ان", "كما", "ثم"}


def _opens_clause(word: str) -> bool:
    return word in _AR_SPLIT_WORDS or (word.startswith("و") and word[1:] in _AR_OPENERS)


def _ar_clause_starts(sentence: Span) -> list[int]:
    return [
        sentence.start + t.start
        for t in tokens(sentence.text)
        if t.start > 0 and t.arabic and _opens_clause(t.key)
    ]


def clauses(sentence: Span) -> list[Span]:
    """The clauses of one sentence, in order; offsets stay those of the whole text."""
    cuts = [sentence.start, *(sentence.start + m.end() for m in _CLAUSE_PUNCT.finditer(sentence.text))]
    cuts.extend(_ar_clause_starts(sentence))
    cuts = [*sorted(set(cuts)), sentence.end]
    out = []
    base = sentence.start
    for a, b in itertools.pairwise(cuts):
        span = _trim_in(sentence.text, a - base, b - base, base)
        if span:
            out.append(span)
    return out


def _trim_in(text: str, a: int, b: int, base: int) -> Span | None:
    while a < b and (text[a].isspace() or text[a] in "،؛;:,()–—-\"“”«»'"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "،؛;:,()–—-"):
        b -= 1
    if b <= a:
        return None
    return Span(base + a, base + b, text[a:b])
