"""A place's popup and the Places table say who held it on the chosen date and since which
snapshot (issue 12), on the shipped places, factions and 15 snapshots, in English and Arabic."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path

from dashboard_fixtures import use_db
from streamlit.testing.v1 import AppTest

from dashboard.map.popup import PopupContext, popup_html
from dashboard.places_table import frame
from dashboard.view_state import ViewState, page_link
from geodata.dataset import DATA_DIR, Dataset
from geodata.formats.geojson import read_features
from geodata.gazetteer import Gazetteer
from geodata.model import ControlZone, Faction, Place
from geodata.zones import held_since

D = dt.date.fromisoformat
APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@functools.cache
def all_zones() -> tuple[ControlZone, ...]:
    return tuple(
        ControlZone(**r.data)
        for path in sorted((DATA_DIR / "zones").glob("*.geojson"))
        for r in read_features(path)
    )


@functools.cache
def places() -> dict[str, Place]:
    return {r.data["id"]: Place(**r.data) for r in read_features(DATA_DIR / "places.geojson")}


@functools.cache
def factions() -> dict[str, Faction]:
    rows = json.loads((DATA_DIR / "factions.json").read_text(encoding="utf-8"))
    return {f.id: f for f in (Faction(**row) for row in rows)}


def popup(pid: str, day: str, lang: str = "en") -> str:
    place = places()[pid]
    ctx = PopupContext(
        day=D(day),
        places=places(),
        actors={},
        factions=factions(),
        events=[],
        link=page_link(ViewState(date=D(day))),
        lang=lang,
    )
    return popup_html(place, [], ctx, holding=held_since(place, D(day), all_zones()))


def meta(html: str) -> str:
    """The popup's line under the names, its tags removed."""
    return re.sub(r"<[^>]+>", "", re.search(r'<div class="zm-meta">(.*?)</div>', html, re.S)[1])


def test_aleppo_on_5_december_2024__hts_since_30_november():
    assert meta(popup("aleppo", "2024-12-05")) == (
        "city in Aleppo Governorate · held by Hayat Tahrir al-Sham (HTS) on 2024-12-05, since 2024-11-30"
    )


def test_aleppo_after_the_fall__the_transitional_government_since_8_december():
    assert meta(popup("aleppo", "2024-12-15")).endswith(
        "held by Syrian transitional government on 2024-12-15, since 2024-12-08"
    )


def test_held_since_the_first_snapshot__says_at_least():
    assert meta(popup("aleppo", "2024-11-26")).endswith(
        "held by Syrian government (Assad) and allies on 2024-11-26, since at least 2019-10-01 "
        "(the first snapshot)"
    )


def test_in_arabic__since_with_the_date_isolated():
    html = popup("manbij", "2024-12-15", lang="ar")
    assert "، منذ \u20682024-12-10\u2069" in meta(html)
    assert 'class="zm-since"' in html


def test_without_a_holding__the_holder_alone_as_before():
    place = places()["aleppo"]
    ctx = PopupContext(
        day=D("2024-12-05"),
        places=places(),
        actors={},
        factions=factions(),
        events=[],
        link=page_link(ViewState(date=D("2024-12-05"))),
    )
    (zone,) = [
        z
        for z in all_zones()
        if z.valid_from == D("2024-12-05") and z.faction == "hts" and z.geometry.contains(place.geometry)
    ]
    html = popup_html(place, [], ctx, holder=zone)
    assert meta(html).endswith("held by Hayat Tahrir al-Sham (HTS) on 2024-12-05")
    assert "zm-since" not in html


def test_places_table__a_held_since_column():
    ds = Dataset(
        gazetteer=Gazetteer.build(places().values()),
        actors={},
        factions=factions(),
        zones=list(all_zones()),
        events=[],
    )
    some = [
        places()[p]
        for p in ("aleppo", "manbij", "ras-al-ain", "qamishli-security-square", "hasakah-governorate")
    ]
    table = frame(ds, some, ViewState(date=D("2024-12-15")))
    assert list(table.columns[4:6]) == ["held by on 2024-12-15", "held since"]
    assert dict(zip(table["id"], table["held since"], strict=True)) == {
        "aleppo": "2024-12-08",
        "manbij": "2024-12-10",
        "ras-al-ain": "2019-11-01",
        "qamishli-security-square": "2024-12-08",
        "hasakah-governorate": "",  # an area: held in parts, its majority holder only
    }
    held_by = dict(zip(table["id"], table["held by on 2024-12-15"], strict=True))
    assert held_by["aleppo"] == "Syrian transitional government"
    assert held_by["hasakah-governorate"]
    early = frame(ds, some[:1], ViewState(date=D("2024-11-26")))
    assert early["held since"].tolist() == ["≤ 2019-10-01"]  # held in the first snapshot already
    arabic = frame(ds, some[:1], ViewState(date=D("2024-12-15"), lang="ar"))
    assert "السيطرة الحالية منذ" in arabic.columns


def test_live_map__the_popup_of_aleppo_sent_on_5_december_2024(tmp_path, monkeypatch):
    """End to end: the map page on 2024-12-05 with Aleppo's popup asked for (a shared link),
    over a database seeded from the shipped data; the popup travels in st_folium's data layer."""
    use_db(monkeypatch, tmp_path)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"date": "2024-12-05", "place": "aleppo", "popup": "1"})
    at.run()
    assert not at.exception
    (component,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    layer = json.loads(component.proto.json_args).get("feature_group") or ""
    html = layer.replace('\\"', '"').replace("<\\/", "</")  # as the script's strings hold it
    popup_div = re.search(r'<div class="zm-popup" data-place="aleppo".*?</div></div>', html)
    assert popup_div is not None, "Aleppo's popup is not sent"
    assert meta(popup_div[0]).endswith("held by Hayat Tahrir al-Sham (HTS) on 2024-12-05, since 2024-11-30")
