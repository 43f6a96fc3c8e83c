"""Places a sentence names that are not where its event happened, told by the words around
them: where people come from ("activists from the city of X", «ناشطون من مدينة X»), where they
went ("fled to X", «نزحت عائلات ... إلى X»), and where an institution sits («الحكومة السورية في
دمشق», "the Security Committee in X", "X Governor"). A place next to its trigger ("the besieged
town of X", «X المحاصرة») is the event's place whatever else its words say (`attached`).
`placing.event_places` leaves these out.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import EventType
from ..normalize import arabic_key
from .context import Statement
from .segmenting import Tok, first_token
from .toponyms import PlaceHit

# People named by where they come from: "activists from the city of al-Bab told ...",
# «وجهاء من مدينة الرقة»: the place says who they are, not where the event happened.
_PEOPLE_WORDS = (
    "activists residents locals people notables sources leaders figures sheikhs delegation"
    " delegations representatives members displaced families elders dignitaries tribesmen"
    " civilians journalists fighters natives"
    " ناشطون ناشطين ناشطو ناشطي اهالي اهال سكان وجهاء مصادر ابناء ممثلون ممثلين ممثلو ممثلي وفد"
    " وفود مهجرين مهجرون مهجرو نازحين نازحون شيوخ اعضاء مدنيين مدنيون عائلات اشخاص شبان قاده"
    " مقاتلين مقاتلون"
)
_PEOPLE = {arabic_key(w) if not w.isascii() else w for w in _PEOPLE_WORDS.split()}
_FROM = {"from", "من"}
_CLASSIFIERS = {"the", "city", "town", "village", "of", "مدينه", "بلده", "قريه", "حي", "منطقه", "ريف"}


def origin(toks: Sequence[Tok], p: PlaceHit) -> bool:
    """Whether the place says where people come from: "<people> from [the city of] X"."""
    k = first_token(toks, p.start)
    j = k - 1
    while j >= 0 and k - j <= 4 and toks[j].key.lower() in _CLASSIFIERS:
        j -= 1
    if j < 1 or toks[j].key.lower() not in _FROM:
        return False
    before = toks[j - 1]
    return bool({before.key.lower(), *before.forms} & _PEOPLE)


# Where people went: "leaving for X", "fled to X", "reached X", «وصلوا إلى X», «نزحوا باتجاه X».
# Not where a siege or a clash was; a deployment's or a return's place is where they arrived.
_ARRIVING = frozenset({"deployment", "return", "humanitarian", "protest"})
# A delegation "travelled to Damascus for talks": the venue is where it went.
_VENUES = frozenset({EventType.MEETING, EventType.AGREEMENT, EventType.DEMAND})
_MOVING_WORDS = (
    "fled flee flees fleeing headed heading heads bound returned returning moved moving displaced"
    " evacuated transferred relocated travelled traveled arrived arrive arrives arriving leaving"
    " left leave leaves departed"
    " وصل وصلت وصلوا وصول توجه توجهت توجهوا نزح نزحت نزحوا نزوح فر فرت فروا فرار انتقل انتقلت"
    " انتقلوا انتقال عاد عادت عادوا عوده هرب هربت هربوا هروب تهجير ترحيل اجلاء نقل"
)
_MOVING_TO = {arabic_key(w) if not w.isascii() else w for w in _MOVING_WORDS.split()}
_MOVING_PREP = {"to", "towards", "toward", "for", "in", "at", "into", "الي", "باتجاه", "نحو"}
_REACHING = {"reach", "reaches", "reached", "reaching"}


def away(st: Statement, p: PlaceHit) -> bool:
    """Where the people of the event come from or went, not where it happened."""
    sub = st.item.subtype
    going = sub not in _ARRIVING and st.type not in _VENUES
    return (sub != "displacement" and origin(st.ctx.toks, p)) or (going and arrival(st.ctx.toks, p))


# An institution said where it sits: «الحكومة السورية في دمشق», "the Security Committee in
# Daraa", "Daraa Governor", «محافظ درعا»: the place names the office, not where the event was.
_OFFICE_WORDS = (
    "government committee council ministry governor governorate's administration"
    " regime's command"
    " الحكومه اللجنه المجلس مجلس وزاره الاداره اداره القياده حكومه لجنه"
)
_OFFICES = {arabic_key(w) if not w.isascii() else w for w in _OFFICE_WORDS.split()}
_IN = {"in", "في", "based"}


# "Syria's transitional president", "Daraa's notables": a place in the possessive before the
# people or the office it belongs to.
_POSSESSED = {"president", "minister", "leader", "leaders", "official", "officials", "army", "regime"}


def seat(toks: Sequence[Tok], p: PlaceHit, text: str = "") -> bool:
    k = first_token(toks, p.start)
    after = first_token(toks, p.end)
    if after < len(toks) and toks[after].key.lower() in {"governor", "governor's"}:
        return True
    if text[p.end : p.end + 2] in {"'s", "’s"}:
        owned = {t.key.lower() for t in toks[after : after + 2]}
        if owned & (_POSSESSED | _OFFICES | _PEOPLE):
            return True
    if k >= 1 and toks[k - 1].key == "محافظ":
        return True
    if k < 2 or toks[k - 1].key.lower() not in _IN:
        return False
    office = [toks[k - 2]]
    if k >= 3 and toks[k - 2].arabic and toks[k - 2].key.startswith("ال"):  # «الحكومة السورية في»
        office.append(toks[k - 3])
    return any({t.key.lower(), *t.forms} & _OFFICES for t in office)


def attached(st: Statement, p: PlaceHit) -> bool:
    """The place is the trigger's own object or subject, next to it: "the besieged town of X",
    «تل رفعت المحاصرة», «حصار مدينة X»."""
    toks, h = st.ctx.toks, st.hit
    k, last = first_token(toks, p.start), first_token(toks, p.end) - 1
    between = toks[h.last + 1 : k] if k > h.last else toks[last + 1 : h.first]
    return len(between) <= 3 and all(t.key.lower() in _CLASSIFIERS for t in between)


def arrival(toks: Sequence[Tok], p: PlaceHit) -> bool:
    """Whether the place is where people went: "<went> to|for|towards [the city of] X", "reached X"."""
    k = first_token(toks, p.start)
    j = k - 1
    while j >= 0 and k - j <= 4 and toks[j].key.lower() in _CLASSIFIERS:
        j -= 1
    if j < 0:
        return False
    word = toks[j].key.lower()
    if word in _REACHING:
        return True
    if j < 1 or word not in _MOVING_PREP:
        return False
    before = toks[j - 1]
    if toks[j].arabic:  # VSO: «نزحت عائلات من تل رفعت إلى منبج»
        return any(set(t.forms) & _MOVING_TO for t in toks[max(0, j - 10) : j])
    moving = before.key.lower() in _MOVING_TO
    return moving and (word not in {"in", "at"} or before.key.lower().startswith("arriv"))
