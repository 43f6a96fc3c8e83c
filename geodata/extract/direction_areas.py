"""Areas named by a direction from a known place («ريف درعا الغربي», «جنوب إدلب», "the eastern
countryside of Homs", "northwest Syria"): provisional regions that way of the place (moved out of
unlisted.py, whose classifier names they are not)."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from shapely.geometry import Point

from ..gazetteer import Gazetteer
from ..model import Place, PlaceKind
from ..normalize import arabic_key, is_arabic
from ..place_words import DIRECTION_BEARINGS
from .unlisted import PREFIX, is_unlisted

# -- areas named by a direction: «ريف درعا الغربي», «جنوب إدلب», "eastern countryside of Homs" ---

_BEARINGS = DIRECTION_BEARINGS
_NOUN_DIRECTIONS_AR = {"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي"}
_AREA_KINDS = (PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.GOVERNORATE, PlaceKind.COUNTRY, PlaceKind.REGION)
# How far the centre of "the eastern countryside of X" lies from X's point.
COUNTRYSIDE_KM, COUNTRY_PART_KM = 25.0, 150.0
_EN_DIR = (
    r"(?:north|south|east|west|northern|southern|eastern|western|"
    r"(?:north|south)-?(?:east|west)(?:ern)?)"
)
_EN_AREA = re.compile(rf"\b({_EN_DIR})\s+(?:(countryside|parts?|areas?)\s+of\s+(?:the\s+)?)?$", re.I)


@dataclass(frozen=True)
class Area:
    """An area a text names by a direction from a known place."""

    start: int
    end: int
    anchor: Place
    bearing: tuple[float, float]  # (0, 0): the countryside all round


def find_areas(text: str, hits: Sequence, gazetteer: Gazetteer, make_hit) -> tuple[list, set[int]]:
    """Provisional regions for the areas named by a direction from a known place («ريف درعا
    الغربي», «ريفي حلب الشرقي والشمالي», «جنوب إدلب», «شرقي سوريا», "western Daraa
    countryside", "the eastern countryside of Homs", "northwest Syria") that the gazetteer does
    not know, and the starts of the hits they swallow. Their point is the known place's, moved
    25 km (150 km from a country's) the way the direction says."""
    out, swallowed = [], set()
    for i, h in enumerate(hits):
        if h.place.kind not in _AREA_KINDS or is_unlisted(h.place):
            continue
        if h.place.kind == PlaceKind.REGION and not arabic_key(h.text).startswith("ريف"):
            continue
        prev = hits[i - 1] if i else None
        for area in _areas_around(text, h, prev):
            if gazetteer.lookup(text[area.start : area.end]):
                continue  # «ريف حلب الشمالي»: the gazetteer has it
            swallowed.add(h.start)
            out.append(_area_hit(text, area, gazetteer, make_hit))
    bare, inside = _bare_countrysides(text, hits, gazetteer, make_hit)
    return out + bare, swallowed | inside


def _area_hit(text: str, area: Area, gazetteer: Gazetteer, make_hit):
    """The hit of an area: the gazetteer's countryside that way of the anchor where it has
    one («ريفي حلب الشرقي والشمالي»: «ريف حلب الشرقي» and «ريف حلب الشمالي»), else a
    provisional region."""
    known = countryside_of(gazetteer, area.anchor, area.bearing)
    if known is not None:
        return make_hit(area.start, area.end, text[area.start : area.end], known, f"the {known.name_en}")
    return make_hit(
        area.start,
        area.end,
        text[area.start : area.end],
        _area_place(area),
        f"not in the gazetteer; an area of {area.anchor.name_en}",
    )


# The Arabic direction adjective of each bearing, as the countryside regions are named.
_DIRECTION_AR = {
    (0.0, 1.0): "الشمالي",
    (0.0, -1.0): "الجنوبي",
    (1.0, 0.0): "الشرقي",
    (-1.0, 0.0): "الغربي",
    (0.7, 0.7): "الشمالي الشرقي",
    (-0.7, 0.7): "الشمالي الغربي",
    (0.7, -0.7): "الجنوبي الشرقي",
    (-0.7, -0.7): "الجنوبي الغربي",
}
_COUNTRYSIDE_ANCHORS = (PlaceKind.CITY, PlaceKind.GOVERNORATE, PlaceKind.REGION)


def countryside_of(gazetteer: Gazetteer, anchor: Place, bearing: tuple[float, float]) -> Place | None:
    """The gazetteer's region «ريف X <direction>» for a city, governorate or countryside X
    and a bearing, or None."""
    direction = _DIRECTION_AR.get((round(bearing[0], 1), round(bearing[1], 1)))
    if direction is None or anchor.kind not in _COUNTRYSIDE_ANCHORS or is_unlisted(anchor):
        return None
    words = arabic_key(anchor.name_ar).split()
    if words and words[0] == "محافظه":
        words = words[1:]
    if anchor.kind == PlaceKind.REGION:
        if not words or words[0] != "ريف":
            return None
        words = [w for w in words[1:] if w not in _BEARINGS]
    if not words:
        return None
    for pid in gazetteer.lookup(" ".join(["ريف", *words, direction])):
        place = gazetteer.places[pid]
        if place.kind == PlaceKind.REGION:
            return place
    return None


def _countryside_anchor(place: Place) -> bool:
    """A place whose countryside a bare «الريف الشرقي» may be: a city, a governorate, a
    countryside region («ريف حلب»)."""
    if is_unlisted(place) or place.kind not in _COUNTRYSIDE_ANCHORS:
        return False
    return place.kind != PlaceKind.REGION or arabic_key(place.name_ar).startswith("ريف")


_BARE_AR = re.compile(
    r"(?<![\w])[وبلف]?(?:في\s+)?(الريف\s+(?:ال(?:شمالي|جنوبي|شرقي|غربي))(?:\s+ال(?:شرقي|غربي))?)(?![\w])"
)
_BARE_EN = re.compile(rf"\b(?:the\s+)?({_EN_DIR})\s+countryside\b(?!\s+of\b)", re.I)


def _bare_countrysides(text: str, hits: Sequence, gazetteer: Gazetteer, make_hit) -> tuple[list, set[int]]:
    """«الريف الشرقي», "the eastern countryside" with no place after it: that countryside of
    the city, governorate or countryside named last before it in the report; and the starts
    of the hits inside it (a neighbourhood called «الشرقي»)."""
    out, inside = [], set()
    found = [(m.start(1), m.end(1), m.group(1)) for m in _BARE_AR.finditer(text)]
    found += [(m.start(), m.end(), m.group()) for m in _BARE_EN.finditer(text)]
    for start, end, phrase in found:
        within = {h.start for h in hits if start <= h.start and h.end <= end}
        if any(h.start < end and start < h.end and h.start not in within for h in hits):
            continue
        anchor = next(
            (
                h.place
                for h in sorted(hits, key=lambda h: -h.start)
                if h.end <= start and _countryside_anchor(h.place)
            ),
            None,
        )
        if anchor is None:
            continue
        words = [w for w in re.findall(r"[\w-]+", phrase.lower()) if w not in {"the", "countryside"}]
        keys = [arabic_key(w) if is_arabic(w) else w for w in words if arabic_key(w) != "الريف"]
        bearing = _BEARINGS.get(keys[0] if keys else "", (0.0, 0.0))
        if len(keys) > 1 and keys[1] in _BEARINGS:
            b = _BEARINGS[keys[1]]
            bearing = ((bearing[0] + b[0]) * 0.7, (bearing[1] + b[1]) * 0.7)
        out.append(_area_hit(text, Area(start, end, anchor, bearing), gazetteer, make_hit))
        inside |= within
    return out, inside


def _areas_around(text: str, h, prev) -> list[Area]:
    anchor = base = h.place
    # «ريف X الغربي», «ريفي X الشرقي والشمالي»: the countryside, then directions after it
    head = arabic_key(text[max(0, h.start - 8) : h.start]).split()
    countryside = arabic_key(h.text).startswith("ريف") or (
        head and head[-1].lstrip("وبلف") in {"ريف", "ريفي"}
    )
    if is_arabic(h.text):
        start = h.start
        if countryside and not arabic_key(h.text).startswith("ريف"):
            start = text.rfind("ريف", 0, h.start)  # «ريفي حلب»: the mention starts at «ريف»
        dirs, end = _directions_after(text, h.end)
        if countryside and dirs:
            return [Area(start, end, base, d) for d in dirs]
        if countryside and not arabic_key(h.text).startswith("ريف"):
            return [Area(start, h.end, base, (0.0, 0.0))]
        noun = _noun_direction_before(text, h, prev)
        return [Area(noun[0], h.end, base, noun[1])] if noun else []
    # English: "western Daraa countryside", "eastern countryside of Homs", "northwest Syria"
    after = text[h.end : h.end + 30]
    m = _EN_AREA.search(text[max(0, h.start - 40) : h.start])
    if m:
        start = h.start - (len(text[max(0, h.start - 40) : h.start]) - m.start())
        bearing = _BEARINGS.get(m.group(1).lower(), (0.0, 0.0))
        tail = re.match(r"\s+(countryside|governorate|province)\b", after)
        end = h.end + tail.end() if tail and not m.group(2) else h.end
        if m.group(2) or tail or anchor.kind == PlaceKind.COUNTRY:
            return [Area(start, end, base, bearing)]
        return []
    tail = re.match(r"\s+countryside\b", after)
    return [Area(h.start, h.end + tail.end(), base, (0.0, 0.0))] if tail else []


def _directions_after(text: str, pos: int) -> tuple[list[tuple[float, float]], int]:
    """«الغربي», «الشمالي الغربي», «الشرقي والشمالي» right after `pos`: their bearings."""
    out: list[tuple[float, float]] = []
    end = pos
    for m in re.finditer(r"\s*(و?)(\S+)", text[pos : pos + 60]):
        word = arabic_key(m.group(2)).strip("،,.:؛")
        if word not in _BEARINGS or not word.startswith("ال"):
            break
        b = _BEARINGS[word]
        if out and not m.group(1):  # «الشمالي الغربي»: one direction of two words
            x, y = out[-1]
            out[-1] = ((x + b[0]) * 0.7, (y + b[1]) * 0.7)
        else:
            out.append(b)
        end = pos + m.end()
        if text[end - 1] in "،,.:؛":
            end -= 1
            break
    return out, end


def _noun_direction_before(text: str, h, prev) -> tuple[int, tuple[float, float]] | None:
    """«جنوب إدلب», «شمال غربي حلب», «جنوب محافظة إدلب», «شرقي سوريا»: an area, unless the
    phrase only says where the place before it lies («تل تمر شمال الحسكة»)."""
    if h.place.kind not in (PlaceKind.GOVERNORATE, PlaceKind.COUNTRY) and not (
        h.place.kind == PlaceKind.CITY and h.place.governorate
    ):
        return None
    words = list(re.finditer(r"\S+", text[max(0, h.start - 30) : h.start]))
    base = max(0, h.start - 30)
    keys = [arabic_key(w.group()) for w in words]
    while keys and keys[-1] in {"محافظه"}:
        keys.pop()
        words.pop()
    dirs: list[tuple[float, float]] = []
    while keys and keys[-1].lstrip("و") in _NOUN_DIRECTIONS_AR and len(dirs) < 2:
        dirs.append(_BEARINGS[keys[-1].lstrip("و")])
        keys.pop()
        start = base + words.pop().start()
    if not dirs:
        return None
    if prev is not None and len(text[prev.end : start].split()) <= 1:
        return None  # «تل تمر شمال الحسكة»: a locator
    x = sum(d[0] for d in dirs) * (0.7 if len(dirs) > 1 else 1.0)
    y = sum(d[1] for d in dirs) * (0.7 if len(dirs) > 1 else 1.0)
    return start, (x, y)


def _area_place(area: Area) -> Place:
    lat, lon = area.anchor.point
    km = COUNTRY_PART_KM if area.anchor.kind == PlaceKind.COUNTRY else COUNTRYSIDE_KM
    dx, dy = area.bearing
    lat2 = lat + dy * km / 111.0
    lon2 = lon + dx * km / (111.0 * max(0.2, math.cos(math.radians(lat))))
    digest = hashlib.sha1(f"{area.anchor.id}|{area.bearing}".encode()).hexdigest()[:10]
    where = {(0.0, 1.0): "north", (0.0, -1.0): "south", (1.0, 0.0): "east", (-1.0, 0.0): "west"}.get(
        area.bearing, "around" if area.bearing == (0.0, 0.0) else "part"
    )
    return Place(
        id=f"{PREFIX}{digest}",
        name_en=f"{area.anchor.name_en} ({where})",
        name_ar=area.anchor.name_ar,
        kind=PlaceKind.REGION,
        geometry=Point(lon2, lat2),
        governorate=area.anchor.governorate
        or (area.anchor.id if area.anchor.kind == PlaceKind.GOVERNORATE else None),
        prior=0.1,
        note=f"not in the gazetteer; an area of {area.anchor.name_en}",
    )


# -- a name followed by the word for its area: "eastern Aleppo governorate", "the Idlib region" --

_AREA_TAIL = re.compile(r"\s+(region|governorate|province|area)\b", re.I)
_AREA_BEFORE = re.compile(r"\bareas?\s+of\s+(?:the\s+)?operation\s+$", re.I)


def with_area_words(text: str, hits: Sequence, gazetteer: Gazetteer) -> list:
    """A Latin name of an area read with the word that names it as one: "eastern Aleppo
    governorate" and "the eastern Euphrates region" are those regions, "the area of Operation
    Peace Spring" its area; "Idlib region" and "Idlib governorate" after a city named like its
    governorate are the governorate."""
    out = []
    for h in hits:
        if is_arabic(h.text) or is_unlisted(h.place):
            out.append(h)
            continue
        tail = _AREA_TAIL.match(text, h.end)
        before = _AREA_BEFORE.search(text[max(0, h.start - 30) : h.start])
        if h.place.kind == PlaceKind.REGION and (tail or before):
            start = h.start - len(before.group()) if before and not tail else h.start
            end = tail.end() if tail else h.end
            out.append(replace(h, start=start, end=end, text=text[start:end]))
            continue
        desert = re.match(r"\s+(?:desert|canton)\b", text[h.end : h.end + 10], re.I)
        if desert and h.place.kind in (PlaceKind.CITY, PlaceKind.TOWN):  # "the Mayadin desert", "X canton"
            end = h.end + desert.end()
            area = _area_place(Area(h.start, end, h.place, (0.0, 0.0)))
            out.append(replace(h, end=end, text=text[h.start : end], place=area, note=area.note))
            continue
        own = h.place.kind == PlaceKind.GOVERNORATE  # bare «إدلب» already read as the province
        gov = h.place if own else gazetteer.places.get(h.place.governorate or "")
        if (
            tail
            and tail.group(1).lower() != "area"
            and h.place.kind in (PlaceKind.CITY, PlaceKind.GOVERNORATE)
            and gov is not None
            and not gazetteer.lookup(text[h.start : tail.end()])
            and set(gazetteer.lookup(h.text)) & {gov.id}
        ):
            out.append(replace(h, end=tail.end(), text=text[h.start : tail.end()], place=gov))
            continue
        out.append(h)
    return out


_GOVERNORATE_WORDS = frozenset({"محافظه", "governorate", "province"})


def nested_governorates(hits: Sequence, gazetteer: Gazetteer) -> list:
    """The governorate an area's name spells out («جنوب محافظة إدلب», "eastern Aleppo
    governorate"): a place of the report too, which locates the area and is no event place."""
    out = []
    for h in hits:
        if h.place.kind != PlaceKind.REGION:
            continue
        words = list(re.finditer(r"\S+", h.text))
        for k in (1, 2):
            if k >= len(words):
                break
            sub = h.text[words[k].start() :]
            if not {arabic_key(w) if is_arabic(w) else w.lower() for w in sub.split()} & _GOVERNORATE_WORDS:
                continue
            govs = [i for i in gazetteer.lookup(sub) if gazetteer.places[i].kind == PlaceKind.GOVERNORATE]
            if govs:
                start = h.start + words[k].start()
                place = gazetteer.places[govs[0]]
                note = "named inside an area's name"
                out.append(replace(h, start=start, text=sub, place=place, event_place=False, note=note))
                break
    return out


# «شمال X» after a place is "north of X"; «شمالي X», like «ريف X الشمالي», is a part of X's land.
_LOCATOR_DIRECTIONS_AR = frozenset({"شمال", "جنوب", "شرق", "غرب"})
_EN_DIRECTION_OF = re.compile(rf"^{_EN_DIR}\s+of\s+(?:the\s+)?", re.I)


def direction_locators(text: str, hits: Sequence, gazetteer: Gazetteer) -> list:
    """«تل تمر شمال الحسكة» (a place, then a direction from a city right after it) and "west of
    Daraa city" say where something lies from that city, no region: the city is the place
    named, and it is no event place."""
    out = []
    for i, h in enumerate(hits):
        if h.place.kind != PlaceKind.REGION or is_unlisted(h.place):
            out.append(h)
            continue
        prev = hits[i - 1] if i else None
        sub = None
        if is_arabic(h.text):
            words = list(re.finditer(r"\S+", h.text))
            after_place = prev is not None and prev.end <= h.start and not text[prev.end : h.start].strip()
            if len(words) > 1 and after_place and arabic_key(words[0].group()) in _LOCATOR_DIRECTIONS_AR:
                sub = words[1].start()
        else:
            m = _EN_DIRECTION_OF.match(h.text)
            if m and re.match(r"\s+city\b", text[h.end : h.end + 6], re.I):
                sub = m.end()
        city = _city_named(gazetteer, h.text[sub:]) if sub else None
        if sub is None or city is None:
            out.append(h)
            continue
        start, note = h.start + sub, "where the place before it lies"
        out.append(replace(h, start=start, text=h.text[sub:], place=city, event_place=False, note=note))
    return out


def _city_named(gazetteer: Gazetteer, name: str) -> Place | None:
    cities = [gazetteer.places[i] for i in gazetteer.lookup(name)]
    return next((p for p in cities if p.kind == PlaceKind.CITY), None)
