"""Two editors on the Edit page load the same event (issue 16): the first saves; the second,
saving the copy it loaded before, is refused with a message naming the first editor's change
(who, when, change number) and nothing is overwritten; loading the event again shows the saved
version, and a save from it goes through."""

from __future__ import annotations

from pathlib import Path

import pytest
from dashboard_fixtures import use_db
from streamlit.testing.v1 import AppTest

from geodata.settings import get_settings
from geodata.store import open_store

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
SECRET = "correct horse battery staple"
EVENT = "seed-demand-military-neighbourhood"
PLACE = "qamishli"


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    return use_db(monkeypatch, tmp_path, SECRET)


def edit_page(user: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["date"] = "2021-01-20"
    at.run()
    at.text_input(key="signin_user").set_value(user)
    at.text_input(key="signin_secret").set_value(SECRET)
    at.button(key="signin_submit").click().run()
    return at.switch_page("app_pages/edit.py").run()


def stored(table: str, record_id: str):
    with open_store(get_settings()) as store:
        return store.versioned(table, record_id)


def errors(at: AppTest) -> str:
    text = " ".join(e.value for e in at.error)
    return text.replace("\\", "").replace("\u2060", "")  # Markdown escapes and joiners off


def save(at: AppTest, prefix: str, field: str, value: str) -> AppTest:
    at.text_input(key=f"{prefix}_{field}").set_value(value)
    return at.button(key=f"{prefix}_save").click().run()


def test_the_second_save_from_a_stale_copy_is_refused_and_named(db):
    rana, sami = edit_page("rana"), edit_page("sami")
    for at in (rana, sami):  # both load the same event
        at.selectbox(key="ev_pick").set_value(EVENT).run()
        assert not at.exception, at.exception
    save(rana, "ev", "object_en", "rana's words")
    assert not rana.exception and not errors(rana)
    first = stored("events", EVENT)
    assert first.record.object_en == "rana's words"
    with open_store(get_settings()) as store:
        change = store.history(1)[0]

    save(sami, "ev", "object_en", "sami's words")
    assert not sami.exception, sami.exception
    message = errors(sami)
    assert (
        f"event '{EVENT}' was changed after you loaded it: change #{change.id} by rana, "
        f"{change.at:%Y-%m-%d %H:%M} UTC"
    ) in message
    assert "nothing was saved" in message
    assert stored("events", EVENT) == first  # rana's change stands

    sami.button(key="ev_reload").click().run()  # load it again: rana's words are in the form
    assert sami.text_input(key="ev_object_en").value == "rana's words"
    save(sami, "ev", "object_en", "sami's words")
    assert not errors(sami)
    assert stored("events", EVENT).record.object_en == "sami's words"


def test_a_stale_place_save_is_refused_too(db):
    rana, sami = edit_page("rana"), edit_page("sami")
    for at in (rana, sami):
        at.selectbox(key="pl_pick").set_value(PLACE).run()
    save(rana, "pl", "name_en", "Qamishlo")
    save(sami, "pl", "name_en", "Al-Qamishli")
    assert f"place '{PLACE}' was changed after you loaded it" in errors(sami)
    assert "by rana" in errors(sami)
    assert stored("places", PLACE).record.name_en == "Qamishlo"
