"""Words that say what kind of place a name is: the classifiers written just before a name
(«قرية X», "city of X") and the words of a facility named after the place it is at («معبر X»,
"the X crossing")."""

from __future__ import annotations

from .model import PlaceKind
from .normalize import name_key

# Direction words and their bearings (dx east, dy north), Arabic (as keys: no hamza or ta
# marbuta) and English. One table for three uses: a fuzzy match never turns one direction into
# another (matching), a direction adjective is never an unlisted place's name (unlisted_words),
# and an area named by a direction lies that way from its centre (direction_areas).
DIRECTION_BEARINGS: dict[str, tuple[float, float]] = {}
for _words, _bearing in (
    (("الشمالي", "الشماليه", "شمال", "شمالي", "north", "northern"), (0.0, 1.0)),
    (("الجنوبي", "الجنوبيه", "جنوب", "جنوبي", "south", "southern"), (0.0, -1.0)),
    (("الشرقي", "الشرقيه", "شرق", "شرقي", "east", "eastern"), (1.0, 0.0)),
    (("الغربي", "الغربيه", "غرب", "غربي", "west", "western"), (-1.0, 0.0)),
    (("northeast", "northeastern", "north-east", "north-eastern"), (0.7, 0.7)),
    (("northwest", "northwestern", "north-west", "north-western"), (-0.7, 0.7)),
    (("southeast", "southeastern", "south-east", "south-eastern"), (0.7, -0.7)),
    (("southwest", "southwestern", "south-west", "south-western"), (-0.7, -0.7)),
):
    DIRECTION_BEARINGS.update(dict.fromkeys(_words, _bearing))
# «الشمالي»…«الغربيه»: the Arabic adjectives, after a name («ريف حلب الشمالي»).
ARABIC_DIRECTION_ADJECTIVES = tuple(w for w in DIRECTION_BEARINGS if w.startswith("ال"))

# Words for a facility named after the place it is at (the first Arabic word, the last English).
FACILITY_WORDS = frozenset(
    {
        "معبر",
        "جسر",
        "مطار",
        "سد",
        "قاعده",
        "نقطه",
        "مخيم",
        "حاجز",
        "دوار",
        "طريق",
        "قلعه",
        "محطه",
        "crossing",
        "bridge",
        "airport",
        "dam",
        "base",
        "camp",
        "checkpoint",
        "roundabout",
        "airbase",
        "road",
        "citadel",
        "station",
    }
)
# Words that, just before a name, say what kind of place it is.
CLASSIFIERS: dict[str, frozenset[PlaceKind]] = {
    **dict.fromkeys(
        ["حي", "احيا", "الحي", "neighbourhood", "neighborhood"], frozenset({PlaceKind.NEIGHBOURHOOD})
    ),
    "district": frozenset({PlaceKind.NEIGHBOURHOOD, PlaceKind.DISTRICT}),
    **dict.fromkeys(["مدينه", "مدينتي", "city"], frozenset({PlaceKind.CITY, PlaceKind.TOWN})),
    **dict.fromkeys(["بلده", "town"], frozenset({PlaceKind.TOWN, PlaceKind.VILLAGE})),
    **dict.fromkeys(["قريه", "village"], frozenset({PlaceKind.VILLAGE})),
    **dict.fromkeys(
        ["منطقه", "region", "area", "ريف", "canton"], frozenset({PlaceKind.REGION, PlaceKind.DISTRICT})
    ),
    **dict.fromkeys(["ناحيه", "subdistrict", "sub-district"], frozenset({PlaceKind.SUBDISTRICT})),
    **dict.fromkeys(["محافظه", "governorate", "province"], frozenset({PlaceKind.GOVERNORATE})),
    **dict.fromkeys(["مطار", "سد", "airport", "dam", "معبر", "crossing"], frozenset({PlaceKind.FACILITY})),
}

# Words that make a name a part, a site or the surroundings of the place it names, after the
# name («درعا البلد», the old town; «النيرب العسكري», its military base; "Mayadin desert") or
# before it («بادية الميادين»): read as that place, precision 2 (`Gazetteer._named_after`).
PART_WORDS_AFTER = frozenset(
    name_key(w) for w in ("البلد", "العسكري", "العسكرية", "الدولي", "al-Balad", "desert", "outskirts")
)
PART_WORDS_BEFORE = frozenset(name_key(w) for w in ("بادية", "desert of", "outskirts of"))
