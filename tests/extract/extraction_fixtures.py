"""A small gazetteer and actor list for the extractor's tests, built in code.

Real place names (the phenomena are about them) but only the few the tests need; among them
the two security squares that share the name «المربع الأمني», the Shahba region, Damascus (a
seat of government), the Jazira region (also a TV channel), Tishreen Dam (also a month) and al-Bab
(also "the door")."""

from __future__ import annotations

import datetime as dt

from shapely.geometry import Point, box

from geodata.extract import Extractor
from geodata.extract.segmenting import sentences
from geodata.gazetteer import Gazetteer
from geodata.model import Actor, Name, Place


def _place(id, en, ar, kind, geom, names=(), **kw) -> Place:
    return Place(
        id=id,
        name_en=en,
        name_ar=ar,
        kind=kind,
        geometry=geom,
        names=tuple(Name(text=t, lang=lang) for lang, t in names),
        **kw,
    )


def extraction_gazetteer() -> Gazetteer:
    p = _place
    places = [
        p("syria", "Syria", "سوريا", "country", box(35.7, 32.3, 42.4, 37.3), [("ar", "سورية")]),
        p(
            "aleppo-governorate",
            "Aleppo Governorate",
            "محافظة حلب",
            "governorate",
            box(36.5, 35.6, 38.6, 36.8),
            [("ar", "حلب"), ("en", "Aleppo")],
        ),
        p(
            "hasakah-governorate",
            "Hasakah Governorate",
            "محافظة الحسكة",
            "governorate",
            box(39.8, 35.6, 42.4, 37.3),
            [("ar", "الحسكة")],
        ),
        p(
            "aleppo",
            "Aleppo",
            "حلب",
            "city",
            Point(37.16, 36.20),
            [("en", "Halab")],
            governorate="aleppo-governorate",
            prior=2.0,
        ),
        p(
            "hasakah",
            "Hasakah",
            "الحسكة",
            "city",
            Point(40.75, 36.50),
            [("en", "Hasakeh"), ("en", "Al-Hasakah")],
            governorate="hasakah-governorate",
            prior=2.0,
        ),
        p(
            "qamishli",
            "Qamishli",
            "القامشلي",
            "city",
            Point(41.23, 37.05),
            [("ar", "قامشلو"), ("en", "Qamishlo")],
            governorate="hasakah-governorate",
        ),
        p(
            "hasakah-security-square",
            "Hasakah security square",
            "المربع الأمني في الحسكة",
            "neighbourhood",
            box(40.74, 36.49, 40.76, 36.51),
            [("ar", "المربع الأمني"), ("en", "security square")],
            parent="hasakah",
            governorate="hasakah-governorate",
        ),
        p(
            "qamishli-security-square",
            "Qamishli security square",
            "المربع الأمني في القامشلي",
            "neighbourhood",
            box(41.22, 37.04, 41.24, 37.06),
            [("ar", "المربع الأمني"), ("en", "security square")],
            parent="qamishli",
            governorate="hasakah-governorate",
        ),
        p(
            "qamishli-airport",
            "Qamishli airport",
            "مطار القامشلي",
            "facility",
            Point(41.19, 37.02),
            [("en", "Qamishli airport")],
            parent="qamishli",
            governorate="hasakah-governorate",
        ),
        p(
            "sheikh-maqsoud",
            "Sheikh Maqsoud",
            "الشيخ مقصود",
            "neighbourhood",
            box(37.15, 36.22, 37.17, 36.24),
            [("en", "Sheikh Maksoud")],
            parent="aleppo",
            governorate="aleppo-governorate",
        ),
        p(
            "northern-aleppo-countryside",
            "northern Aleppo countryside",
            "ريف حلب الشمالي",
            "region",
            box(36.9, 36.3, 37.4, 36.7),
            [("en", "Aleppo northern countryside")],
            governorate="aleppo-governorate",
        ),
        p(
            "shahba-region",
            "Shahba region",
            "منطقة الشهباء",
            "region",
            box(37.0, 36.35, 37.2, 36.55),
            [("ar", "الشهباء"), ("en", "Shahba")],
            governorate="aleppo-governorate",
            prior=2.0,
        ),
        p("manbij", "Manbij", "منبج", "city", Point(37.95, 36.53), governorate="aleppo-governorate"),
        p("al-bab", "Al-Bab", "الباب", "city", Point(37.52, 36.37), governorate="aleppo-governorate"),
        p("raqqa", "Raqqa", "الرقة", "city", Point(39.01, 35.95), [("ar", "رقة")]),
        p("damascus", "Damascus", "دمشق", "city", Point(36.29, 33.51), prior=2.0),
        p(
            "jazira-region",
            "Jazira region",
            "إقليم الجزيرة",
            "region",
            box(40.0, 36.0, 42.3, 37.3),
            [("ar", "الجزيرة"), ("ar", "منطقة الجزيرة"), ("en", "Jazira")],
            governorate="hasakah-governorate",
        ),
        p(
            "tishreen-dam",
            "Tishreen Dam",
            "سد تشرين",
            "facility",
            Point(38.18, 36.38),
            [("ar", "تشرين"), ("en", "Tishreen")],
            governorate="aleppo-governorate",
        ),
        p("ain-issa", "Ain Issa", "عين عيسى", "town", Point(38.87, 36.39), [("en", "Ayn Issa")]),
    ]
    return Gazetteer.build(places)


def _actor(id, en, ar, aliases, **kw) -> Actor:
    return Actor(
        id=id,
        name_en=en,
        name_ar=ar,
        aliases=tuple(
            Name(text=t, lang="ar" if any("\u0600" <= c <= "\u06ff" for c in t) else "en") for t in aliases
        ),
        **kw,
    )


CHANGE = dt.date(2024, 12, 8)


def extraction_actors() -> dict[str, Actor]:
    a = _actor
    actors = [
        a(
            "sdf",
            "Syrian Democratic Forces (SDF)",
            "قوات سوريا الديمقراطية",
            ["SDF", "قسد", "Syrian Democratic Forces"],
        ),
        a("asayish", "Asayish", "الأسايش", ["قوات الأسايش", "Asayish forces"]),
        a(
            "syrian-government",
            "Syrian government (Assad)",
            "الحكومة السورية",
            [
                "السلطات السورية",
                "النظام",
                "حكومة دمشق",
                "الجيش السوري",
                "Syrian government",
                "Damascus",
                "government",
                "Syrian army",
            ],
            valid_to=CHANGE,
        ),
        a(
            "syrian-transitional-government",
            "Syrian transitional government",
            "الحكومة السورية الانتقالية",
            [
                "الحكومة السورية",
                "السلطات السورية",
                "حكومة دمشق",
                "الجيش السوري",
                "Syrian government",
                "Damascus",
                "government",
                "Syrian army",
            ],
            valid_from=CHANGE,
        ),
        a("turkey", "Turkey", "تركيا", ["الجيش التركي", "Turkish army"]),
        a("russia", "Russia", "روسيا", ["القوات الروسية", "Russian forces", "Russian officers"]),
        a(
            "sna",
            "Syrian National Army (SNA)",
            "الجيش الوطني السوري",
            ["الجيش الوطني", "Turkish-backed factions", "SNA"],
        ),
        a("manbij-military-council", "Manbij Military Council", "مجلس منبج العسكري", []),
    ]
    return {x.id: x for x in actors}


def extractor() -> Extractor:
    return Extractor(extraction_gazetteer(), extraction_actors())


PUBLISHED = dt.date(2021, 3, 1)  # the day the tests' reports are dated


def event_places(x: Extractor, text: str, kind: str) -> set[str | None]:
    """The places of the events of `kind` found in `text` (None: such an event without one)."""
    events = x.extract(text, published=PUBLISHED).events
    return {e.place.id if e.place else None for e in events if e.type.value == kind}


def toponym_places(x: Extractor, text: str) -> list[tuple[str, str]]:
    """The place mentions the extractor finds in `text`: (the text, the place id), in order."""
    hits, _ = x.toponyms.find(text, sentences(text))
    return [(h.text, h.place.id) for h in hits]
