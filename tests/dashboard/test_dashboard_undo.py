""" "Undo last change" in the dashboard (AppTest, issue 14): it names whose change and what it
did, asks for confirmation, and undoes only on "Yes"; an editor cannot undo someone else's
change (the button is disabled with the reason), an administrator can."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dashboard_fixtures import use_db
from streamlit.testing.v1 import AppTest

from geodata import accounts
from geodata.accounts import Throttle
from geodata.settings import get_settings
from geodata.store import open_admin, open_store

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PASSWORD = "a long enough password"


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(accounts, "THROTTLE", Throttle())
    path = use_db(monkeypatch, tmp_path, None)
    with open_admin(get_settings()) as admin:
        admin.add_editor("rana", PASSWORD, by="test")
        admin.add_editor("omar", PASSWORD, by="test")
        admin.add_editor("lina", PASSWORD, role="admin", by="test")
    return path


def edit_page(name: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["date"] = "2021-01-20"
    if lang != "en":
        at.query_params["lang"] = lang
    at.switch_page("app_pages/about.py").run()  # the sign-in panel, without the map's work
    at.text_input(key="signin_user").set_value(name)
    at.text_input(key="signin_password").set_value(PASSWORD)
    at.button(key="signin_submit").click().run()
    return at.switch_page("app_pages/edit.py").run()


def shown(at: AppTest) -> str:
    texts = [e.value for kind in ("caption", "warning", "success", "error") for e in at.get(kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(t) for t in texts)).replace("\u2060", "")


def reject(name: str, nth: int = 0) -> str:
    """As `name`, mark the nth stored event rejected (a change to undo); its id."""
    with open_store(get_settings()) as store:
        event_id = sorted(e.id for e in store.load_dataset().events)[nth]
        store.sign_in(name, PASSWORD).set_review(event_id, "rejected")
    return event_id


def history() -> list:
    with open_store(get_settings()) as store:
        return store.history(5)


def test_undo__asks_names_whose_change_and_undoes_only_on_yes(db):
    at = edit_page("rana")
    assert "Nothing to undo" in shown(at)
    e1 = reject("rana")
    at.run()
    assert re.search(rf"The last change: #\d+ by rana, .* UTC: mark event {e1} rejected", shown(at))
    at.button(key="undo_last").click().run()
    assert not at.exception
    assert re.search(rf"Undo change #\d+ by rana, .*: mark event {e1} rejected\?", shown(at))
    assert history()[0].summary == f"mark event {e1} rejected"  # nothing undone yet
    at.button(key="undo_cancel").click().run()
    assert "undo_confirm" not in {b.key for b in at.button}
    assert history()[0].summary == f"mark event {e1} rejected"

    at.button(key="undo_last").click().run()
    at.button(key="undo_confirm").click().run()
    assert not at.exception and not at.error
    assert re.search(r"Undone: change #\d+ by rana", shown(at))
    latest = history()[0]
    assert latest.action == "undo" and latest.user == "rana"


def test_undo__someone_elses_change_disabled_for_an_editor_allowed_for_an_admin(db):
    reject("rana")
    omar = edit_page("omar")
    assert omar.button(key="undo_last").disabled
    assert "only rana or an administrator can undo it" in shown(omar)

    lina = edit_page("lina")
    assert not lina.button(key="undo_last").disabled
    lina.button(key="undo_last").click().run()
    lina.button(key="undo_confirm").click().run()
    assert not lina.error
    assert history()[0].user == "lina" and history()[0].action == "undo"


def test_undo__a_change_after_the_confirmation_is_not_undone_in_its_place(db):
    reject("rana", 0)
    at = edit_page("rana")
    at.button(key="undo_last").click().run()
    e2 = reject("rana", 1)  # comes in while the confirmation is shown
    at.button(key="undo_confirm").click().run()
    assert re.search(rf"the last change is now #\d+ by rana \(mark event {e2} rejected\)", shown(at))
    assert history()[0].summary == f"mark event {e2} rejected"


def test_undo__in_arabic_the_change_is_named_and_undone_in_arabic(db):
    e1 = reject("rana")
    at = edit_page("rana", "ar")
    assert at.button(key="undo_last").label == "تراجع عن آخر تغيير"
    said = shown(at)
    # The values keep their own direction: each one isolated (FSI ... PDI).
    assert re.search(r"\u2068\d{4}-\d\d-\d\d \d\d:\d\d\u2069", said)
    plain = said.replace("\u2068", "").replace("\u2069", "")
    assert re.search(rf"آخر تغيير: رقم \d+، أجراه rana في .* \(UTC\): mark event {e1} rejected", plain)
    assert "#" not in plain and " by rana" not in plain
    at.button(key="undo_last").click().run()
    assert re.search(
        r"التراجع عن التغيير رقم \d+، أجراه rana", shown(at).replace("\u2068", "").replace("\u2069", "")
    )
    at.button(key="undo_confirm").click().run()
    assert not at.exception and not at.error
    done = shown(at).replace("\u2068", "").replace("\u2069", "")
    assert re.search(r"تم التراجع عن التغيير رقم \d+، أجراه rana", done) and "Undone" not in done
    assert history()[0].action == "undo"
