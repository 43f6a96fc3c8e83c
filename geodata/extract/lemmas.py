"""Dictionary lemmas of Arabic and English words, through `simplemma` (MIT), whose Arabic and
English dictionaries ship inside its wheel: nothing is downloaded, ever.

Triggers are matched on a word's forms and on its lemma's (`segmenting.Tok.lemma_forms`), so
that the inflections of a trigger word count without listing each one: the definite verbal
noun «الحصار», an attached pronoun «حصارها», a plural «اجتماعات», a participle «المحاصرة»
(-> حاصر), "besieged" (-> besiege). The dictionaries load on first use (about two seconds;
`warm_up` does it ahead), then each word is looked up once (`segmenting.lemma_forms` caches).
"""

from __future__ import annotations

import logging

import simplemma

log = logging.getLogger(__name__)


def lemma(word: str, arabic: bool) -> str:
    """The word's lemma (the word itself when the dictionary does not know it)."""
    try:
        return simplemma.lemmatize(word, lang="ar" if arabic else "en")
    except ValueError:  # pragma: no cover - simplemma refuses some odd strings
        log.debug("no lemma for %r", word)
        return word


def is_english_word(word: str) -> bool:
    """Whether simplemma's English dictionary knows the (lower-case) word: "the", "dire"."""
    return simplemma.is_known(word, lang="en")


def warm_up() -> None:
    """Load both dictionaries now rather than on the first report."""
    lemma("حصار", True)
    lemma("sieges", False)
