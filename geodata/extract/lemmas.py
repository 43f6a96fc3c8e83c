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


# Attached pronouns (enclitics) on a normalised Arabic word, longest first: «اعتقلوهم»,
# «قصفها», «بمهاجمتها». simplemma's Arabic dictionary lemmatises nouns with a pronoun
# («حصارها») but not most verbs that carry one. A lone «ه» is not among them: the key writes
# ة as ه («سيطرة» is no «سيطر» + pronoun).
_ENCLITICS = ("هما", "هم", "هن", "ها", "كم", "نا")


def arabic_stems(form: str) -> tuple[str, ...]:
    """A normalised Arabic word without an attached pronoun or the sound feminine plural,
    with the letters those endings change put back: «اعتقلوهم» -> اعتقلوا, «مهاجمتها» ->
    مهاجمه, «الاستهدافات» -> الاستهداف, استهدافه, «المظاهرات» -> المظاهره. Stems shorter than
    three letters are not offered."""
    out: list[str] = []
    suffix = next((x for x in _ENCLITICS if form.endswith(x) and len(form) - len(x) >= 3), "")
    if suffix:
        stem = form[: -len(suffix)]
        out.append(stem)
        if stem.endswith("و"):
            out.append(stem + "ا")  # «اعتقلوهم» -> اعتقلوا
        elif stem.endswith("ت") and len(stem) >= 4:
            out.append(stem[:-1] + "ه")  # «مهاجمتها» -> مهاجمه
    if form.endswith("ات") and len(form) >= 6:
        out += [form[:-2], form[:-2] + "ه"]
    return tuple(out)


def is_english_word(word: str) -> bool:
    """Whether simplemma's English dictionary knows the (lower-case) word: "the", "dire"."""
    return simplemma.is_known(word, lang="en")


def warm_up() -> None:
    """Load both dictionaries now rather than on the first report."""
    lemma("حصار", True)
    lemma("sieges", False)
