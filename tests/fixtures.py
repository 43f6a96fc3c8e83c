"""Small deterministic data built in code, with one ambiguous name among it (two places
called Shahba, and two security squares both called «المربع الأمني»)."""

from __future__ import annotations

import datetime as dt

from shapely.geometry import MultiPolygon, Point, box

from geodata.gazetteer import Gazetteer
from geodata.model import ControlZone, Name, Place

N = Name


def place(id, en, ar, kind, geom, names=(), **kw) -> Place:
    return Place(
        id=id,
        name_en=en,
        name_ar=ar,
        kind=kind,
        geometry=geom,
        names=tuple(N(text=t, lang=lang) for lang, t in names),
        **kw,
    )


def small_gazetteer() -> Gazetteer:
    places = [
        place("north-gov", "North Governorate", "محافظة الشمال", "governorate", box(36, 36, 38, 37)),
        place("south-gov", "South Governorate", "محافظة الجنوب", "governorate", box(36, 32, 38, 33)),
        place("bigcity", "Bigcity", "المدينة الكبيرة", "city", Point(37.0, 36.2), governorate="north-gov"),
        place(
            "hilltown",
            "Hilltown",
            "تل البلدة",
            "city",
            Point(37.5, 36.6),
            names=[("ku", "Girê Bajar")],
            governorate="north-gov",
        ),
        place(
            "shahba-north",
            "Shahba region",
            "منطقة الشهباء",
            "region",
            box(36.9, 36.4, 37.1, 36.6),
            names=[("ar", "الشهباء"), ("en", "Shahba")],
            governorate="north-gov",
            prior=2.0,
        ),
        place(
            "shahba-south",
            "Shahba",
            "شهبا",
            "town",
            Point(36.6, 32.85),
            names=[("ar", "الشهباء"), ("translit", "Shahbaa")],
            governorate="south-gov",
            prior=0.5,
        ),
        place(
            "bigcity-square",
            "Bigcity security square",
            "المربع الأمني في المدينة الكبيرة",
            "neighbourhood",
            box(36.99, 36.19, 37.01, 36.21),
            parent="bigcity",
            names=[("ar", "المربع الأمني")],
            governorate="north-gov",
        ),
        place(
            "hilltown-square",
            "Hilltown security square",
            "المربع الأمني في تل البلدة",
            "neighbourhood",
            box(37.49, 36.59, 37.51, 36.61),
            parent="hilltown",
            names=[("ar", "المربع الأمني")],
            governorate="north-gov",
        ),
        place("banias", "Banias", "بانياس", "city", Point(35.95, 35.18)),
    ]
    return Gazetteer.build(places)


DAY = dt.date(2021, 1, 20)


def zone(id, faction, geom, start=DAY, end=None, confidence="high") -> ControlZone:
    geom = geom if geom.geom_type == "MultiPolygon" else MultiPolygon([geom])
    return ControlZone(
        id=id,
        faction=faction,
        geometry=geom,
        valid_from=start,
        valid_to=end,
        source="test fixture",
        confidence=confidence,
    )
