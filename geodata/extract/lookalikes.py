"""Names that are no place here, and places that are not where anything happened.

- `rejection`: why a gazetteer name in running text is no place, trying named rules in order:
  a toponym inside an organisation or outlet name (قوات سوريا الديمقراطية، مجلس دير الزور
  العسكري، Manbij Military Council, تلفزيون سوريا; `ORGANISATIONS` and the actor lexicon), a
  word before or after that makes it one («مجلس ... العسكري», "... Council", "Pro-Damascus",
  "Damascus-backed"), a word that only looks like a name once «ف»/«ك» is taken off, a time zone
  after a clock time ("18:14 دمشق"), Al Jazeera the channel, Tishreen the month, the seat of
  government standing for the government («حكومة دمشق», "Damascus said"), and common words that
  are also village names («الثورة», «الباب», «قنوات») unless a classifier (مدينة، بلدة، قرية،
  "town of": `has_classifier`) says they are places.
- `non_event_use`: datelines ("ALEPPO —", "ERBIL (Kurdistan 24) –", «القامشلي - نورث برس»),
  names of agreements and models («نموذج “مدينة منبج”», "the Afrin agreement") and a city that
  only sets later places ("Aleppo’s Kurdish neighborhoods") are places but not where an event
  happened; a direction reference («جنوب شرقي منبج») only locates something else.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..gazetteer import CLASSIFIERS, Mention
from ..model import Place
from ..normalize import arabic_key, arabic_variants, fold_latin, is_arabic
from . import lemmas
from .lookalike_words import (
    ADJECTIVAL,
    AGREEMENT_NAME,
    AR_DATELINE,
    CHANNEL_BEFORE,
    COMMON_WORDS,
    DIRECTIONS,
    FOREIGN_CITIES,
    GOVERNMENT_SEATS,
    GOVERNMENT_WORDS,
    LOCATIVE_AR,
    LOCATIVE_EN,
    MONTHS_AFTER,
    ORG_AFTER_AR,
    ORG_AFTER_EN,
    ORG_BEFORE_AR,
    POSSESSIVE_SETTING,
    SETTLEMENT_CLASSIFIERS,
)
from .lookalike_words import ORGANISATIONS as ORGANISATIONS  # read by toponyms
from .phrases import Found
from .segmenting import words_after, words_before


def bare_forms(word: str) -> list[str]:
    """A normalised word and its forms without proclitics and article."""
    out = arabic_variants(word) if is_arabic(word) else [word]
    more = [w[2:] for w in out if w.startswith("ال") and len(w) > 3]
    return out + more


def has_classifier(text: str, m: Mention) -> bool:
    """A word before the name says it is a place: «مدينة», «قرية», "the town of"."""
    prev = words_before(text, m.start, 3)
    while prev and prev[-1] in {"of", "the"}:  # "the town of X"
        prev = prev[:-1]
    if not prev:
        return False
    return any(b in SETTLEMENT_CLASSIFIERS or b in CLASSIFIERS for b in bare_forms(prev[-1]))


# -- what is no place -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Around:
    """A gazetteer name in the text, with the words around it (keys)."""

    text: str
    m: Mention
    places: Mapping[str, Place]
    prev: tuple[str, ...]  # the three words before, nearest last
    nxt: tuple[str, ...]  # the two words after
    key: str  # the name's own key

    @property
    def glued(self) -> str:
        """The character right before the name (a proclitic written onto it)."""
        return self.text[self.m.start - 1 : self.m.start] if self.m.start else ""


def rejection(text: str, m: Mention, orgs: Sequence[Found[str]], places: Mapping[str, Place]) -> str | None:
    """Why a gazetteer name in the text is no place here, or None when it is one. `orgs`: the
    organisation and outlet names found in the text, by position; `places`: the gazetteer's."""
    inside = _inside_organisation(m, orgs)
    if inside:
        return inside
    key = arabic_key(m.text) if is_arabic(m.text) else fold_latin(m.text)
    a = _Around(text, m, places, words_before(text, m.start, 3), words_after(text, m.end, 2), key)
    return next((reason for reason in (rule(a) for rule in _RULES) if reason), None)


def _inside_organisation(m: Mention, orgs: Sequence[Found[str]]) -> str | None:
    k = bisect_right([o.start for o in orgs], m.end)
    for o in orgs[max(0, k - 3) : k]:  # names are short: only the nearest can overlap
        if (
            o.start < m.end
            and m.start < o.end
            and not (m.start <= o.start and o.end <= m.end and (o.start, o.end) != (m.start, m.end))
        ):
            return f"inside the name {o.text!r}"
    return None


def _organisation_word(a: _Around) -> str | None:
    """«مجلس منبج العسكري», «تلفزيون سوريا», "Manbij Military Council", "Pro-Damascus"."""
    text, m = a.text, a.m
    if is_arabic(m.text):
        p = a.prev[-1] if a.prev else ""
        if p in ORG_BEFORE_AR or (p and p[0] in "وبل" and p[1:] in ORG_BEFORE_AR):
            return f"part of an organisation name after {p!r}"
        if a.nxt and a.nxt[0] in ORG_AFTER_AR and p in {"مجلس"}:
            return "part of an organisation name"
        return None
    if ORG_AFTER_EN.match(text[m.end : m.end + 40]):
        return "part of an organisation name"
    before = text[max(0, m.start - 2) : m.start]
    if len(before) == 2 and before[1] in "-–" and before[0].isalnum():
        return "part of a compound (Pro-Damascus, SDF-Damascus)"
    if ADJECTIVAL.match(text[m.end : m.end + 14]):
        return "an adjective (Damascus-backed)"
    return None


def _clitic_lookalike(a: _Around) -> str | None:
    if a.glued in {"ف", "ك"} and " " not in a.m.text and not a.key.startswith("ال"):
        return "a word that only looks like a name once «ف»/«ك» is taken off (فرقة)"
    return None


def _time_zone(a: _Around) -> str | None:
    if re.search(r"\d{1,2}:\d{2}\s*$", a.text[max(0, a.m.start - 12) : a.m.start]):
        return "a time zone after a clock time"
    return None


def _channel(a: _Around) -> str | None:
    """«الجزيرة» after «قناة», before «نت»; "Al Jazeera" unless "the Jazeera region"."""
    latin = "jazeera" in fold_latin(a.m.text).replace(" ", "")
    if "جزير" not in a.key and not latin:
        return None
    prev, nxt = a.prev, a.nxt
    if prev and (prev[-1] in CHANNEL_BEFORE or prev[-1].startswith("لل")):
        return "Al Jazeera, the channel"
    if nxt and nxt[0] in {"نت", "net", "mubasher", "مباشر"}:
        return "Al Jazeera, the channel"
    if latin and not (nxt and nxt[0] == "region"):
        return "Al Jazeera, the channel"
    return None


def _month(a: _Around) -> str | None:
    """«تشرين الثاني», "Tishreen al-Awal", «2 تشرين»."""
    if any(w in {"تشرين", "tishreen", "tishrin", "teshreen"} for w in a.key.split()) and (
        (a.nxt and a.nxt[0] in MONTHS_AFTER)
        or re.search(r"\d\s*$", a.text[max(0, a.m.start - 4) : a.m.start])
    ):
        return "Tishreen, the month"
    return None


def _seat_metonymy(a: _Around) -> str | None:
    """Damascus is a place only where the text puts something in it: «في دمشق», «بدمشق»,
    "in Damascus", and not "the government in Damascus"."""
    if not any(fold_latin(a.places[pid].name_en) in GOVERNMENT_SEATS for pid in a.m.place_ids):
        return None
    reason = "the seat of government standing for the government"
    p1 = a.prev[-1] if a.prev else ""
    p2 = a.prev[-2] if len(a.prev) > 1 else ""
    if re.match(r"^(?:’|'|’s|'s)\s", a.text[a.m.end : a.m.end + 4]):
        return reason  # "Damascus’ General Security Service"
    if a.glued in {"ب", "ل"} or p1 in {"بدمشق"}:
        return reason if p2 in GOVERNMENT_WORDS else None
    if p1 in {"in", "of", "في"} and p2 in GOVERNMENT_WORDS:
        return reason
    return None if (p1 in LOCATIVE_AR or p1 in LOCATIVE_EN) else reason


def _foreign(a: _Around) -> str | None:
    if a.key in FOREIGN_CITIES or fold_latin(a.m.text) in FOREIGN_CITIES:
        return "a city abroad, not a place in Syria"
    return None


_SMALL_KINDS = frozenset({"village", "town", "neighbourhood", "facility"})


def _english_word(a: _Around) -> str | None:
    """ "The", "On", "These", "Dire": an English word (simplemma's dictionary) that is also
    the spelling of a village is the word, unless a classifier says it is a place."""
    word = a.m.text
    if is_arabic(word) or " " in word.strip() or "-" in word:
        return None
    if not all(a.places[pid].kind.value in _SMALL_KINDS for pid in a.m.place_ids if pid in a.places):
        return None
    before = a.text[max(0, a.m.start - 25) : a.m.start]
    named = re.search(r"(?:village|town|city|neighbou?rhood|camp)\s+(?:of\s+)?$", before, re.I)
    if lemmas.is_english_word(word.lower()) and not named:
        return "an English word that is also a village's name"
    return None


def _common_word(a: _Around) -> str | None:
    bare = set(bare_forms(a.key)) | {a.key}
    if bare & COMMON_WORDS and not has_classifier(a.text, a.m):
        return "a common word that is also a place name"
    return None


_RULES: tuple[Callable[[_Around], str | None], ...] = (
    _organisation_word,
    _clitic_lookalike,
    _time_zone,
    _channel,
    _month,
    _seat_metonymy,
    _foreign,
    _english_word,
    _common_word,
)


# -- places that are not where anything happened ----------------------------------------------


def non_event_use(text: str, m: Mention) -> tuple[bool, str | None]:
    """Whether a place named here can be where an event happened, and why not (or what else
    it is: a direction reference only locates something else)."""
    if _is_dateline(text, m):
        return False, "dateline"
    if any(w in {"نموذج", "model", "صيغه", "غرار", "format"} for w in words_before(text, m.start, 3)):
        return False, "name of an agreement model"
    if _after_direction(text, m):
        return True, "direction reference"  # «جنوب شرقي منبج»: a locator if anything else
    if AGREEMENT_NAME.match(text[m.end : m.end + 20]):
        return False, "name of an agreement"
    if POSSESSIVE_SETTING.match(text[m.end : m.end + 50]):
        return False, "locates places named later"
    return True, None


def _is_dateline(text: str, m: Mention) -> bool:
    line_start = text.rfind("\n", 0, m.start) + 1
    head = text[line_start : m.start]
    if re.fullmatch(r"[A-Z][A-Z .'’-]{1,40},\s*", head):
        return True  # "QAMISHLI, Syria (North Press) –": the country of a dateline
    if head.strip(" \t“\"'"):
        return False
    after = text[m.end : m.end + 60]
    latin = not is_arabic(m.text)
    if latin and m.text.isupper() and re.match(r"^[\sA-Z,]*(?:\(|[-–—])", after):
        return True  # "ALEPPO —", "RAQQA COUNTRYSIDE, Syria (Agency) –"
    if latin and re.match(r"^,?\s*(?:[A-Z][a-z]+\s*)?\([^)]{2,40}\)\s*[-–—]", after):
        return True  # "Qamishli (North Press) –"
    # «القامشلي – نورث برس:», «دمشق - سانا»: a place, a dash, an outlet of up to three words.
    return bool(is_arabic(m.text) and AR_DATELINE.match(after))


def _after_direction(text: str, m: Mention) -> bool:
    """«جنوب شرقي منبج», "southeast of Kobani", "north of Manbij"."""
    prev = words_before(text, m.start, 2)
    if not prev:
        return False
    last = prev[-1]
    if last == "of" and len(prev) > 1:
        last = prev[-2]
    bare = last.removeprefix("و").removeprefix("ال")
    return bare in DIRECTIONS
