"""A small dataset built in code for the dashboard's tests: the places of the seed report (ids as
shipped), two factions, one zone snapshot, the traded blockades, and one hostile event whose texts
carry markup. Coordinates are rough; only their relations matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from shapely.geometry import MultiPolygon, Point, box

from geodata.dataset import Dataset
from geodata.gazetteer import Gazetteer
from geodata.model import Actor, ControlZone, Event, Faction, Name, Place, Source

DAY = dt.date(2021, 1, 20)
HOSTILE = '<img src=x onerror=alert(1)> <script>alert("x")</script> `${alert(2)}` \\u0041'


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


def places() -> list[Place]:
    return [
        _place(
            "hasakah-governorate",
            "Hasakah Governorate",
            "محافظة الحسكة",
            "governorate",
            box(39.5, 35.8, 42.4, 37.4),
        ),
        _place(
            "qamishli",
            "Qamishli",
            "القامشلي",
            "city",
            Point(41.22, 37.05),
            names=[("ku", "Qamişlo")],
            governorate="hasakah-governorate",
        ),
        _place("hasakah", "Hasakah", "الحسكة", "city", Point(40.75, 36.5), governorate="hasakah-governorate"),
        _place("aleppo", "Aleppo", "حلب", "city", Point(37.16, 36.2)),
        _place(
            "qamishli-security-square",
            "Qamishli security square",
            "المربع الأمني في القامشلي",
            "neighbourhood",
            box(41.225, 37.05, 41.235, 37.058),
            parent="qamishli",
            governorate="hasakah-governorate",
            names=[("ar", "المربع الأمني")],
        ),
        _place(
            "qamishli-military-neighbourhood",
            "Qamishli military neighbourhood",
            "الحي العسكري في القامشلي",
            "neighbourhood",
            box(41.20, 37.04, 41.21, 37.047),
            parent="qamishli",
            governorate="hasakah-governorate",
        ),
        _place(
            "qamishli-airport",
            "Qamishli airport",
            "مطار القامشلي",
            "facility",
            Point(41.19, 37.02),
            parent="qamishli",
            governorate="hasakah-governorate",
        ),
        _place(
            "hasakah-security-square",
            "Hasakah security square",
            "المربع الأمني في الحسكة",
            "neighbourhood",
            box(40.745, 36.495, 40.755, 36.505),
            parent="hasakah",
            governorate="hasakah-governorate",
            names=[("ar", "المربع الأمني")],
        ),
        _place(
            "shahba-region",
            "Shahba region",
            "منطقة الشهباء",
            "region",
            box(37.0, 36.35, 37.3, 36.55),
            names=[("ar", "الشهباء"), ("en", "Shahba")],
            prior=2.0,
        ),
        _place(
            "sheikh-maqsoud",
            "Sheikh Maqsoud",
            "الشيخ مقصود",
            "neighbourhood",
            box(37.15, 36.22, 37.17, 36.235),
            parent="aleppo",
        ),
        _place(
            "shahba-town", "Shahba", "شهبا", "town", Point(36.63, 32.85), names=[("ar", "الشهباء")], prior=0.5
        ),
    ]


def factions() -> dict[str, Faction]:
    return {
        "sdf": Faction(id="sdf", name_en="SDF / AANES", name_ar="قسد", colour="#E69F00"),
        "government": Faction(
            id="government", name_en="Syrian government", name_ar="الحكومة السورية", colour="#D55E00"
        ),
    }


def actors() -> dict[str, Actor]:
    return {
        a.id: a
        for a in [
            Actor(
                id="sdf",
                name_en="Syrian Democratic Forces (SDF)",
                name_ar="قوات سوريا الديمقراطية",
                faction="sdf",
            ),
            Actor(
                id="asayish", name_en="Asayish (internal security forces)", name_ar="الأسايش", faction="sdf"
            ),
            Actor(
                id="syrian-government",
                name_en="Syrian government (Assad)",
                name_ar="السلطات السورية",
                faction="government",
            ),
            Actor(id="russia", name_en="Russia", name_ar="روسيا"),
        ]
    }


def zones() -> list[ControlZone]:
    def z(id, faction, geom, start=dt.date(2021, 1, 1)):
        return ControlZone(
            id=id,
            faction=faction,
            geometry=MultiPolygon([geom]),
            valid_from=start,
            source="fixture-map",
            confidence="medium",
        )

    return [
        z("z-sdf-ne", "sdf", box(39.5, 35.5, 42.3, 37.3)),
        z("z-gov-w", "government", box(36.0, 32.5, 39.5, 36.0)),
        z("z-gov-square", "government", box(41.225, 37.05, 41.235, 37.058)),
    ]


SOURCE = Source(
    id="src-1",
    outlet="Test outlet",
    url="https://example.org/report?a=1&b=2",
    published=DAY,
    title="A report",
)


def _event(
    id, type, places, obj_en, quote, *, actor="sdf", target="syrian-government", links=(), **kw
) -> Event:
    return Event.model_validate(
        {
            "id": id,
            "type": type,
            "actor": actor,
            "target": target,
            "places": list(places),
            "date": kw.pop("date", DAY),
            "object_en": obj_en,
            "source": SOURCE,
            "evidence": {"quote": quote, "start": 0, "end": len(quote), "lang": "ar"},
            "links": [{"rel": rel, "event": ev} for rel, ev in links],
            **kw,
        }
    )


def events() -> list[Event]:
    return [
        _event(
            "meeting",
            "meeting",
            ["qamishli"],
            "talks brokered by Russia",
            "اجتماع في القامشلي",
            mediator="russia",
        ),
        _event(
            "demand-shahba",
            "demand",
            ["shahba-region"],
            "lift the blockade of Shahba",
            "طالبت بفك الحصار عن الشهباء",
            status="proposed",
            links=[
                ("in_exchange_for", "offer-hasakah"),
                ("in_exchange_for", "offer-qamishli"),
                ("concerns", "blockade-shahba"),
            ],
        ),
        _event(
            "blockade-shahba",
            "blockade",
            ["shahba-region"],
            "government blockade of Shahba",
            "الحصار عن منطقة الشهباء",
            actor="syrian-government",
            target="sdf",
            status="ongoing",
            since=DAY,
        ),
        _event(
            "offer-hasakah",
            "lift_blockade",
            ["hasakah-security-square"],
            "lift the siege of the Hasakah security square",
            "فك الحصار عن المربع الأمني",
            status="proposed",
            links=[("in_exchange_for", "demand-shahba")],
        ),
        _event(
            "offer-qamishli",
            "lift_blockade",
            ["qamishli-security-square"],
            "lift the siege of the Qamishli security square",
            "فك الحصار عن المربع الأمني",
            status="proposed",
            links=[("in_exchange_for", "demand-shahba")],
        ),
        _event(
            "demand-military",
            "demand",
            ["qamishli-military-neighbourhood"],
            "hand over the military neighbourhood",
            "تسليم الحي العسكري لقسد",
            status="proposed",
        ),
        _event(
            "blockade-qamishli-square",
            "blockade",
            ["qamishli-security-square"],
            "a security cordon around the security square",
            "طوق أمني حول المربع الأمني",
            actor="asayish",
            status="ongoing",
            since=dt.date(2021, 1, 19),
        ),
        _event("threat", "threat", ["qamishli"], "the military option", "لوحت بالخيار العسكري"),
        _event("later", "demand", ["hasakah"], "a demand made later", "مطلب لاحق", date=dt.date(2021, 6, 1)),
    ]


def hostile_event() -> Event:
    return _event(
        "hostile",
        "demand",
        ["hasakah"],
        HOSTILE,
        "اقتباس " + HOSTILE,
        source=Source(id="src-evil", outlet=HOSTILE, url="javascript:alert(3)"),
    )


def make_dataset(extra: list[Event] | None = None) -> Dataset:
    return Dataset(
        gazetteer=Gazetteer.build(places()),
        actors=actors(),
        factions=factions(),
        zones=zones(),
        events=[*events(), *(extra or [])],
        sources={SOURCE.id: SOURCE},
    )


# -- a database for the app under test ---------------------------------------------------------

_TEMPLATE: dict[str, Path] = {}


def seeded_db(folder: Path) -> Path:
    """A fresh database file in `folder`, seeded from the shipped data: a copy of one seeded once
    per test run (seeding takes about half a second, copying a few milliseconds)."""
    import shutil
    import tempfile

    from geodata.settings import get_settings
    from geodata.store import init_db

    if "db" not in _TEMPLATE:
        template = Path(tempfile.mkdtemp(prefix="zonemap-template-")) / "zonemap.sqlite"
        init_db(get_settings({"ZONEMAP_DB": str(template)}))
        _TEMPLATE["db"] = template
    target = folder / "zonemap.sqlite"
    shutil.copyfile(_TEMPLATE["db"], target)
    return target


def use_db(monkeypatch, folder: Path, secret: str | None = None) -> Path:
    """Point the app at a fresh seeded database in `folder` (never the user's own), with
    `secret` as the editor secret (None: editing off)."""
    path = seeded_db(folder)
    monkeypatch.setenv("ZONEMAP_DB", str(path))
    monkeypatch.delenv("ZONEMAP_DATABASE_URL", raising=False)
    if secret is None:
        monkeypatch.delenv("ZONEMAP_EDITOR_SECRET", raising=False)
    else:
        monkeypatch.setenv("ZONEMAP_EDITOR_SECRET", secret)
    return path
