"""Name normalisation for matching Arabic, Kurdish and Latin spellings of the same place.

Two keys are derived from any string, and a name matches when the keys are equal:
- `arabic_key`: hamza/alef forms, ta marbuta, alef maqsura, Persian/Kurdish letters folded,
  diacritics and tatweel dropped. The article «ال» is kept (stripping it would make «الحول»
  the word «حول», "around"); proclitics are handled by `arabic_variants`.
- `latin_key`: diacritics and ʿayn/hamza marks dropped, the al-/el- article dropped, and the
  vowels and doubled letters that transliterations disagree on folded
  (Qamishli / Kamishli, Hasakah / Hasakeh / Hasaka).

Every function here is total: any string in, a string out, and applying it twice changes
nothing (property-tested).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ة": "ه",
        # Persian and Kurdish letters written for Arabic ones.
        "ک": "ك",
        "ی": "ي",
        "ێ": "ي",
        "ۆ": "و",
        "ۇ": "و",
        "ە": "ه",
        "ھ": "ه",
        "ڕ": "ر",
        "ڵ": "ل",
        "گ": "ك",
        "ڤ": "ف",
        "چ": "ج",
        "پ": "ب",
        "ژ": "ز",
        "ۋ": "و",
        "ء": "",
    }
)
# Punctuation of both scripts, quotes and brackets become spaces.
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACE = re.compile(r"\s+")
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
# Arabic script in any block: the base block, the supplement, and presentation forms A and B
# (U+FEFF, the byte-order mark, is no letter).
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")

_LATIN_MARKS = str.maketrans(dict.fromkeys("'’‘ʿʾʻʼ`´ˈ", ""))
# The Arabic article as transliterations write it: al-, el-, and assimilated (ash-Shaddadi).
LATIN_ARTICLES: tuple[str, ...] = (
    "al",
    "el",
    "ar",
    "as",
    "ash",
    "at",
    "ad",
    "az",
    "an",
    "es",
    "er",
    "ed",
    "et",
    "ez",
    "en",
)
_LATIN_ARTICLE = re.compile(rf"^(?:{'|'.join(LATIN_ARTICLES)})[\s-]+")
_LATIN_FOLDS: tuple[tuple[str, str], ...] = (
    ("ph", "f"),
    ("kh", "h"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "s"),
    ("dh", "d"),
    ("th", "t"),
    ("q", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("w", "u"),
    ("x", "h"),
    ("c", "k"),
    ("e", "i"),
    ("y", "i"),
    ("o", "u"),
    ("j", "g"),
    ("z", "s"),
)


def is_arabic(text: str) -> bool:
    """Whether `text` has a letter of the Arabic script (Arabic, Kurdish, Persian spellings)."""
    return bool(_ARABIC_SCRIPT.search(text))


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # an id: lower-case words joined by '-'
SLUG_LIMIT = 48


def slug(text: str, limit: int = SLUG_LIMIT) -> str:
    """An id part from a name: 'Serêkaniyê' -> 'serekaniye', 'Ras al-Ain' -> 'ras-al-ain'
    (letters transliterated, apostrophes dropped, at most `limit` characters).

    A name in Arabic script, or with no Latin letter or digit, gets the first 8 hex digits of
    its SHA-1 instead, a stable id; a blank name gets "" (the caller names its fallback)."""
    if not text.strip():
        return ""
    latin = "" if is_arabic(text) else re.sub(r"[^a-z0-9]+", "-", fold_latin(text)).strip("-")
    if not latin:
        return hashlib.sha1(text.strip().encode()).hexdigest()[:8]
    return latin[:limit].strip("-")


def arabic_key(text: str) -> str:
    """Fold Arabic-script spelling variants; keep word boundaries and the article. A word or
    a name is folded once and remembered (the extractor folds every token of every report,
    and a report's vocabulary repeats: this was a quarter of its time); a long text is not."""
    return _arabic_key_short(text) if len(text) <= _SHORT else _arabic_key(text)


_SHORT = 48  # characters: a word or a name, not a sentence


@functools.lru_cache(maxsize=1 << 16)
def _arabic_key_short(text: str) -> str:
    return _arabic_key(text)


def _arabic_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_FOLD)
    text = _PUNCT.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    return _KM.sub("كم", _ARTICLE_DIGITS.sub(r"ال\1", text))


# «الـ 55» is «الـ55»; «كيلومتر», «كيلو متر», «كلم» are «كم» («منطقة الـ55 كم»).
_ARTICLE_DIGITS = re.compile(r"(?<!\S)ال (\d)")
_KM = re.compile(r"(?<!\S)(?:كيلو ?مترا?|كلم)(?!\S)")


def fold_latin(text: str) -> str:
    """Lower case, no diacritics, no apostrophes or hyphens: 'Serêkaniyê' -> 'serekaniye'."""
    text = unicodedata.normalize("NFKD", text.translate(_LATIN_MARKS))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("ı", "i").replace("ş", "s").replace("ç", "c").replace("ğ", "g")
    text = _PUNCT.sub(" ", text.replace("-", " "))
    return _SPACE.sub(" ", text).strip()


@functools.lru_cache(maxsize=1 << 17)
def latin_key(text: str) -> str:
    """A coarse phonetic key on which transliterations of one Arabic name agree.

    Applied until nothing changes, so that the key of a key is itself."""
    key, previous = _latin_pass(fold_latin(text)), None
    while key != previous:
        key, previous = _latin_pass(key), key
    return key


# Words that transliterations spell in ways the letter folds do not reconcile.
_LATIN_WORDS = {
    **dict.fromkeys(["tel", "tell", "tall", "til"], "tal"),
    **dict.fromkeys(["deir", "dayr", "dair", "der", "dir"], "deir"),
    **dict.fromkeys(["ein", "ayn", "ain", "'ayn"], "ain"),
    **dict.fromkeys(["jebel", "jabal", "jabel", "jbel"], "jabal"),
    **dict.fromkeys(["sheikh", "shaykh", "shaikh", "sheik", "sheykh", "shekh", "sheich"], "sheikh"),
    **dict.fromkeys(["abu", "abou", "abo"], "abu"),
    **dict.fromkeys(["mt", "mount", "mont"], "mount"),
    **dict.fromkeys(["km", "kilometer", "kilometre", "kilometers", "kilometres"], "km"),
}


# The article fused to a word after the first, assimilated: "Deir Ezzor" is Deir ez-Zor, "Tal
# Arrumman" Tal ar-Rumman (a vowel, a doubled sun letter, and at least two letters more, so
# that "Ain Essa" keeps its "Essa").
_FUSED_ARTICLE = re.compile(r"^[ae]([tdrzsnl])\1(?=[a-z]{2})")


def _latin_pass(words: str) -> str:
    while True:  # 'al-', 'el ' ... and a repeated article ("al al-bab") both go
        stripped = _LATIN_ARTICLE.sub("", words)
        if stripped == words:
            break
        words = stripped
    out: list[str] = []
    split = words.split()
    for i, word in enumerate(split):
        # "al", and an article inside a name ("Deir ez-Zor", "Abu ad-Duhur") but not last
        if word in {"al", "el"} or (out and i < len(split) - 1 and word in LATIN_ARTICLES):
            continue
        if out:
            word = _FUSED_ARTICLE.sub(r"\1", word)  # noqa: PLW2901 (the value is refined step by step)
        word = _LATIN_WORDS.get(word, word)  # noqa: PLW2901 (the value is refined step by step)
        for old, new in _LATIN_FOLDS:
            word = word.replace(old, new)  # noqa: PLW2901 (the value is refined step by step)
        word = re.sub(r"(.)\1+", r"\1", word)  # doubled letters: Rifaat/Rifat, Tall/Tal  # noqa: PLW2901 (the value is refined step by step)
        word = re.sub(r"(?<=.)h$", "", word)  # final -h: Hasakeh / Hasaka  # noqa: PLW2901 (the value is refined step by step)
        word = re.sub(r"(?<=.{3})[aiu]+$", "", word)  # final vowel: Hasaka / Hasak, Kobane / Kobani  # noqa: PLW2901 (the value is refined step by step)
        out.append(word)
    return " ".join(out)


def consonant_key(text: str) -> str:
    """`latin_key` with the vowels after each word's first letter dropped: the skeleton on
    which looser transliterations agree ('Bansh' / 'Binnish', 'Maaret' / 'Maarrat', 'Surman' /
    'Sarman'). Coarse: callers confirm a match by where the place lies."""
    words = []
    for word in latin_key(text).split():
        rest = re.sub(r"[aeiouy]", "", word[1:])
        words.append(re.sub(r"(.)\1+", r"\1", word[:1] + rest))
    return " ".join(w for w in words if w)


def name_key(text: str) -> str:
    """The matching key of a name in either script."""
    return arabic_key(text) if is_arabic(text) else latin_key(text)


_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")


def arabic_variants(token: str) -> list[str]:
    """A normalised Arabic token and the forms left when proclitics are stripped, longest
    first: 'وبالقامشلي' -> ['وبالقامشلي', 'بالقامشلي', 'القامشلي']; 'للمربع' -> [..., 'المربع'].

    The caller keeps the first form found in its index, so a name that really begins with one
    of these letters (بانياس) still matches as written."""
    token = arabic_key(token)
    out = [token]
    for clitic in _PROCLITICS:
        if token.startswith(clitic) and len(token) - len(clitic) >= 2:
            rest = token[len(clitic) :]
            if clitic.endswith("ل") and rest.startswith("ل"):
                out.append(arabic_key("ا" + rest))  # لل + noun = ل + ال + noun
            out.append(arabic_key(rest))
    # Deduplicate, keeping order; drop what stripping emptied.
    return [v for v in dict.fromkeys(out) if v or v == token]
