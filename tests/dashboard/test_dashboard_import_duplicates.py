"""Importing a place the database already holds under another id (AppTest, issue 14): the
Import page warns, lists the pair, and applies nothing until the editor chooses to merge, skip
or add them; merge adds the names to the place held, skip leaves it out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dashboard_fixtures import use_db
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from geodata.model import PlaceKind
from geodata.settings import get_settings
from geodata.store import open_store

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
SECRET = "correct horse battery staple"


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    return use_db(monkeypatch, tmp_path, SECRET)


def held_places() -> dict:
    with open_store(get_settings()) as store:
        return dict(store.load_dataset().gazetteer.places)


def a_town() -> tuple:
    """A point place of the database to repeat."""
    return next(
        p
        for p in sorted(held_places().values(), key=lambda p: p.id)
        if p.kind in (PlaceKind.TOWN, PlaceKind.CITY, PlaceKind.VILLAGE) and p.geometry.geom_type == "Point"
    )


def csv_repeating(town) -> bytes:
    lat, lon = town.point
    return (
        "id,name_en,name_ar,kind,latitude,longitude\n"
        f"{town.id}-again,{town.name_en.upper()},{town.name_ar},{town.kind.value},"
        f"{lat + 0.005},{lon + 0.005}\n"
        "brand-new-hamlet,Brand New Hamlet,قرية جديدة تماما,village,36.9,41.9\n"
    ).encode()


def import_page(data: bytes, lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["date"] = "2021-01-20"
    if lang != "en":
        at.query_params["lang"] = lang
    at.switch_page("app_pages/about.py").run()  # the sign-in panel, without the map's work
    at.text_input(key="signin_user").set_value("rana")
    at.text_input(key="signin_secret").set_value(SECRET)
    at.button(key="signin_submit").click().run()
    at.switch_page("app_pages/imports.py").run()
    at.file_uploader(key="import_file").upload("places.csv", data, "text/csv")
    at.selectbox(key="import_kind").set_value("places")
    return at.run()


def test_duplicate_place__warned_listed_and_not_applied_until_a_choice(db):
    town = a_town()
    at = import_page(csv_repeating(town))
    assert not at.exception
    (warning,) = [w.value for w in at.warning if "look like places already" in w.value]
    assert re.search(r"1 imported place\\?\(s\\?\) look like", warning)
    table = next(d.value for d in at.dataframe if "already held" in d.value.columns)
    assert list(table["imported"].str.split(":").str[0]) == [f"{town.id}-again"]
    assert table["already held"].iloc[0].startswith(f"{town.id}:")
    assert table["similarity"].iloc[0] == 100.0
    assert at.button(key="import_apply").disabled  # a choice first
    assert f"{town.id}-again" not in held_places()


@pytest.mark.parametrize("choice", ["merge", "skip"])
def test_duplicate_place__merge_or_skip(db, choice):
    town = a_town()
    at = import_page(csv_repeating(town))
    at.radio(key="import_duplicates").set_value(choice).run()
    assert not at.button(key="import_apply").disabled
    at.button(key="import_apply").click().run()
    assert not at.exception and not at.error
    places = held_places()
    assert f"{town.id}-again" not in places  # never a second place
    assert "brand-new-hamlet" in places  # the rest of the file is imported
    assert places[town.id].geometry == town.geometry
    spelled = {(n.text, n.lang) for n in places[town.id].names}
    if choice == "skip":
        assert places[town.id] == town
    else:  # the other spelling is kept as an alternate name of the place held
        assert (town.name_en.upper(), "en") in spelled


def test_duplicate_place__add_imports_it_as_a_new_place(db):
    town = a_town()
    at = import_page(csv_repeating(town))
    at.radio(key="import_duplicates").set_value("add").run()
    at.button(key="import_apply").click().run()
    assert not at.error
    assert {f"{town.id}-again", town.id} <= set(held_places())


def test_the_import_page_in_arabic__summary_tables_and_choices(db):
    """The summary line, the kind of records, the tables' headers and the choices in Arabic;
    the record ids and the core's reasons as they are."""
    town = a_town()
    at = import_page(csv_repeating(town), "ar")
    assert not at.exception
    assert at.selectbox(key="import_kind").options == [
        i18n.text("ar", f"import.kind_{k}") for k in ("auto", "places", "zones", "events")
    ]
    shown = "\n".join(m.value for m in at.markdown)  # Markdown-escaped, values isolated
    markdown = re.sub(r"[\u2060\u2068\u2069]", "", re.sub(r"\\(.)", r"\1", shown))
    assert re.search(r"places\.csv: أماكن بصيغة csv؛ السجلات المقروءة 2، الصالحة 2، المرفوضة 0", markdown)
    assert "record(s) read" not in markdown
    table = next(d.value for d in at.dataframe if "الموجود من قبل" in d.value.columns)
    assert list(table.columns) == [
        "المستورد",
        "الموجود من قبل",
        "الأسماء المقارنة",
        "التشابه",
        "المسافة (كم)",
    ]
    assert table["المستورد"].iloc[0].startswith(f"{town.id}-again:")
    assert at.radio(key="import_duplicates").options == [
        i18n.text("ar", f"import.duplicate_{c}") for c in ("merge", "skip", "add")
    ]
    at.radio(key="import_duplicates").set_value("skip").run()
    at.button(key="import_apply").click().run()
    assert not at.exception and not at.error
    assert "brand-new-hamlet" in held_places() and f"{town.id}-again" not in held_places()
