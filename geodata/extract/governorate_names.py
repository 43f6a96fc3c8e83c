"""When a city's name stands for its governorate.

Ten of Syria's governorates are named after their capital, so a bare «إدلب», "Deir Ezzor" or
«الحسكة» may be either. The corpus's convention (`../shared/corpus/README.md`) reads a bare name
as the city unless the text says otherwise; the text says otherwise when

- the name locates another place of the governorate («مدينة البوكمال بدير الزور», "Albu Kamal,
  Deir Ezzor") or stands in a list of provinces ("the provinces of Quneitra, Daraa and
  Suwayda", «محافظات درعا والقنيطرة», «مدن وبلدات السويداء»): `governorates`;
- the report calls X a province («محافظة إدلب», "Idlib province") and never a city («مدينة
  إدلب», "Idlib city", "the city of Idlib"): its bare X is the province too, except where the
  words around it make it the city («أحياء حلب», "neighborhoods in Aleppo", "Idlib and its
  countryside") or it opens a line as a dateline («السويداء –»): `province_reports`. A report
  that calls X a city means the city by the bare name; a report that says neither means the
  city, except for the governorates the news names by the bare name (`PROVINCES_BY_NAME`:
  Idlib).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..gazetteer import Gazetteer
from ..model import Place, PlaceKind
from ..normalize import arabic_key, is_arabic
from .gaps import bare_gap
from .segmenting import words_after, words_before

# Kinds of places a governorate locates, and the words between («بـ», "in", ",").
_LOCATED = (PlaceKind.TOWN, PlaceKind.VILLAGE, PlaceKind.CITY, PlaceKind.FACILITY, PlaceKind.NEIGHBOURHOOD)
_LOCATES = re.compile(r"^(?:\s*ب|\s*,\s*|\s*،\s*|\s+in\s+|\s+(?:في|ب)?(?:محافظه|محافظة)\s+)$")
# "the provinces of X", «محافظات X»; «مدن وبلدات X», «قرى وبلدات X»: the towns of a governorate.
_OF_PROVINCES = {"provinces", "governorates", "محافظات", "مدن", "بلدات", "قري", "ارياف"}


def governorates(text: str, hits: Sequence, gazetteer: Gazetteer) -> list:
    """A city named like its governorate is the governorate where it locates another place of
    it or stands in a list of provinces (see the module docstring). `hits` in text order."""
    out = list(hits)
    provinces = False
    for i, h in enumerate(hits):
        prev = hits[i - 1] if i else None
        gap = text[prev.end : h.start] if prev is not None else ""
        listed = provinces and prev is not None and bare_gap(gap) == "and"
        before = words_before(text, h.start, 2)
        if h.place.kind == PlaceKind.GOVERNORATE:  # "the provinces of Quneitra, Daraa ..."
            provinces = listed or any(w in _OF_PROVINCES for w in before)
            continue
        gov = gazetteer.places.get(h.place.governorate or "")
        if h.place.kind != PlaceKind.CITY or gov is None:
            provinces = False
            continue
        provinces = listed or any(w in _OF_PROVINCES for w in before)
        locates = (
            prev is not None
            and prev.place.id != h.place.id
            and prev.place.kind in _LOCATED
            and gov.id in gazetteer.ancestors(prev.place)
            # a place inside the city itself is located by the city, not the province
            and h.place.id not in gazetteer.ancestors(prev.place)
            and _LOCATES.match(gap) is not None
        )
        unlisted_in = (
            prev is not None and prev.place.id.startswith("unlisted-") and _LOCATES.match(gap) is not None
        )
        if provinces or locates or unlisted_in:
            out[i] = replace(h, place=gov)
    return out


# Words before a bare name that make it the city: its neighbourhoods, its centre, its streets.
_CITY_WORDS_BEFORE = frozenset(
    {
        "احياء",
        "حي",
        "وسط",
        "شوارع",
        "neighborhoods",
        "neighbourhoods",
        "neighborhood",
        "neighbourhood",
        "downtown",
        "streets",
        "centre",
        "center",
    }
)
_AR_CITY = ("مدينه", "مدينتي")
_AR_PROVINCE = ("محافظه", "محافظات", "محافظتي")
_EN_PROVINCE = r"(?:province|governorate)s?"


# Governorates the news names by their capital's bare name more often than the capital itself:
# since 2015 «إدلب», "Idlib" has been the opposition-held north-west (the province and its
# de-escalation zone). A report that calls it a city («مدينة إدلب», "Idlib city") means the
# city. (The extractor's reading only: `Gazetteer.resolve` and the CLI keep the city first.)
PROVINCES_BY_NAME = frozenset({"idlib-governorate"})


def province_reports(text: str, hits: Sequence, gazetteer: Gazetteer) -> list:
    """A bare city name is its governorate in a report that calls that name a province and
    never a city, and the city in a report that calls it a city, whatever the name read alone
    (see the module docstring)."""
    out = []
    verdicts: dict[str, str | None] = {}
    for h in hits:
        pair = _city_and_province(gazetteer, h)
        if pair is None:
            out.append(h)
            continue
        city, gov = pair
        if city.id not in verdicts:
            verdicts[city.id] = _called(text, h.text)
        verdict = verdicts[city.id] or ("province" if gov.id in PROVINCES_BY_NAME else None)
        if verdict == "province" and not _city_context(text, h):
            out.append(replace(h, place=gov))
        elif verdict == "city" and h.place.id == gov.id:
            out.append(replace(h, place=city))
        else:
            out.append(h)
    return out


def _city_and_province(gazetteer: Gazetteer, h) -> tuple[Place, Place] | None:
    """The city and the governorate a bare name may be, when it is one of them."""
    ids = gazetteer.lookup(h.text)
    if h.place.id not in ids:
        return None  # «محافظة إدلب», "Idlib city": the word says which
    if h.place.kind == PlaceKind.CITY:
        gov = gazetteer.places.get(h.place.governorate or "")
        return (h.place, gov) if gov is not None and gov.id in ids else None
    if h.place.kind == PlaceKind.GOVERNORATE:
        cities = [gazetteer.places[i] for i in ids if gazetteer.places[i].kind == PlaceKind.CITY]
        city = next((c for c in cities if c.governorate == h.place.id), None)
        return (city, h.place) if city is not None else None
    return None


def _called(text: str, name: str) -> str | None:
    """ "city" when the report writes `name` with a word for city, else "province" when with
    one for province, else None."""
    if is_arabic(name):
        key, body = arabic_key(text), re.escape(arabic_key(name))
        province = rf"(?:{'|'.join(_AR_PROVINCE)})\s+(?:\S+\s+و)?{body}"
        city = rf"(?:{'|'.join(_AR_CITY)})\s+{body}"
        flags = 0
    else:
        key, body = text, re.escape(name)
        listed = r"(?:[A-Z][\w'’-]*,?\s+(?:and\s+)?)*"  # "the provinces of Quneitra, Daraa and ..."
        province = rf"\b{body}\s+{_EN_PROVINCE}\b|\b{_EN_PROVINCE}\s+of\s+{listed}{body}\b"
        city = rf"\b{body}\s+city\b|\bcity\s+of\s+{body}\b"
        flags = re.I
    if re.search(city, key, flags):
        return "city"
    return "province" if re.search(province, key, flags) else None


def _city_context(text: str, h) -> bool:
    """The words around a bare name make it the city: «أحياء حلب», "neighborhoods in Aleppo",
    "Idlib and its countryside", «إدلب وريفها»; or it is a dateline ("IDLIB, Syria (AFP) —",
    or a line opened by the name and a dash)."""
    if h.note == "dateline":
        return True
    before = [w.lower() for w in words_before(text, h.start, 2)]
    if before and before[-1] == "in":  # "neighborhoods in Aleppo"
        before = before[:-1]
    if before and before[-1] in _CITY_WORDS_BEFORE:
        return True
    after = [w.lower() for w in words_after(text, h.end, 3)]
    if after[:3] == ["and", "its", "countryside"] or (after and after[0] in {"وريفها", "وريف"}):
        return True
    line_start = text.rfind("\n", 0, h.start) + 1
    dash = re.match(r"\s*[-–—]", text[h.end : h.end + 4]) is not None
    return dash and not text[line_start : h.start].strip()
