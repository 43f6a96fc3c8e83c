"""Finding known names in running text: every longest span that is a key of the gazetteer's
name index, left to right, not overlapping («مدينة رأس العين» holds «رأس العين», not «العين»).
Latin spans must contain a capital letter, so that 'the bab' is not al-Bab."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .matching import Token, latin_span_key, original_offset, tokenize
from .normalize import LATIN_ARTICLES, arabic_key, arabic_variants, fold_latin

Index = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Mention:
    """A span of text that names one or more known places (before disambiguation)."""

    start: int
    end: int
    text: str
    place_ids: tuple[str, ...]
    preceding: str = ""  # the normalised word before the mention, e.g. 'مدينه'


def find_mentions(text: str, index: Index, first_words: Mapping[str, int], max_tokens: int) -> list[Mention]:
    """Every longest span of `text` whose key is in `index` (`first_words`: the first word of a
    key -> the most words a key starting with it has; `max_tokens`: the longest key)."""
    tokens = tokenize(text)
    keys = [
        arabic_key(t.text) if t.arabic else (t.text if _is_code(t.text) or t.text.isdigit() else "")
        for t in tokens
    ]
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        if tokens[i].arabic:
            hit = _longest_arabic(tokens, keys, i, index, first_words)
        else:
            hit = _longest_latin(tokens, i, index, first_words, max_tokens)
        if hit is None or _stray(text, tokens, i, hit[0]):
            i += 1
            continue
        n, ids, start = hit
        end = tokens[i + n - 1].end
        preceding = (
            keys[i - 1] if i and tokens[i - 1].arabic else (fold_latin(tokens[i - 1].text) if i else "")
        )
        out.append(Mention(start, end, text[start:end], ids, preceding))
        i += n
    return out


# Articles of transliterations that are English words too: "known as Rojava", "at Aleppo's
# gates" hold no article of the name; "as-Sukhnah", "As Sukhnah" do.
_ENGLISH_ARTICLE_WORDS = frozenset({"as", "at", "an", "ad"})


def _english_word_article(text: str, token: Token) -> bool:
    """A lower-case article spelt like an English word and followed by a space, not a hyphen."""
    return token.text in _ENGLISH_ARTICLE_WORDS and text[token.end : token.end + 1].isspace()


def _stray(text: str, tokens: list[Token], i: int, n: int) -> bool:
    """A span that starts with an English word spelt like an article ("as Rojava"), or runs
    from a lower-case word to an article glued to the next name ("the Al" of "the Al-Bab
    countryside"): no name there."""
    last = tokens[i + n - 1]
    if n > 1 and _english_word_article(text, tokens[i]):
        return True
    return (
        n > 1
        and not tokens[i].arabic
        and tokens[i].text[:1].islower()
        and fold_latin(last.text) in LATIN_ARTICLES
        and text[last.end : last.end + 1] in {"-", "‐", "–"}
    )


def _longest_latin(
    tokens: list[Token], i: int, index: Index, first_words: Mapping[str, int], max_tokens: int
) -> tuple[int, tuple[str, ...], int] | None:
    words = [t.text for t in tokens[i : i + max_tokens]]
    head = latin_span_key(words[:2]).split(" ")[0] if words else ""
    most = first_words.get(head, 0) + 2  # + articles the key drops
    for n in range(min(most, len(words)), 0, -1):
        span = tokens[i : i + n]
        if any(t.arabic for t in span) or not any(c.isupper() for t in span for c in t.text):
            continue
        ids = index.get(latin_span_key(words[:n]))
        if ids:
            return n, ids, tokens[i].start
    return None


def _is_code(word: str) -> bool:
    """A road's code written in Latin letters inside an Arabic name: M4, M-5."""
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word) and len(word) <= 5


def _longest_arabic(
    tokens: list[Token], keys: list[str], i: int, index: Index, first_words: Mapping[str, int]
) -> tuple[int, tuple[str, ...], int] | None:
    first = tokens[i]
    variants = [v for v in arabic_variants(first.text) if v in first_words]
    if not variants:
        return None
    most = max(first_words[v] for v in variants)
    for n in range(min(most, len(tokens) - i), 0, -1):
        if any(not t.arabic and not keys[i + j] for j, t in enumerate(tokens[i : i + n])):
            continue  # Latin inside an Arabic name: only a road's code («طريق الـ M4»)
        rest = keys[i + 1 : i + n]
        for variant in variants:
            key = " ".join([variant, *rest])
            # «منطقة الـ 55 كيلو متر»: a number and a unit fold across words («ال55 كم»)
            ids = index.get(arabic_key(key) if any(c.isdigit() for c in key) else key)
            if ids:
                # The mention starts after any stripped proclitic (but keeps «ال»).
                skip = max(len(keys[i]) - len(variant), 0)
                return n, ids, first.start + original_offset(first.text, skip)
    return None
