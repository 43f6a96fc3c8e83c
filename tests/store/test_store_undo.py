"""Undo and who may do it (issue 14), on both backends: an editor undoes only their own
change, an administrator anyone's, `zonemap db undo` (the administrator's console) anything;
an undo confirmed for one change is refused when another has come in since."""

from __future__ import annotations

import pytest
from test_store_support import BACKENDS, event, settings_for

from geodata import accounts
from geodata.accounts import Throttle
from geodata.store import StoreError, open_admin, open_store

PASSWORD = "correct horse battery"


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path, monkeypatch):
    monkeypatch.setattr(accounts, "THROTTLE", Throttle())
    with settings_for(request.param, tmp_path) as s:
        with open_admin(s) as admin:
            admin.add_editor("rana", PASSWORD)
            admin.add_editor("omar", PASSWORD)
            admin.add_editor("lina", PASSWORD, role="admin")
        yield s


def test_undo__an_editor_only_their_own_an_admin_anyones(settings):
    with open_store(settings) as store:
        rana, omar = store.sign_in("rana", PASSWORD), store.sign_in("omar", PASSWORD)
        rana.add_events([event(store.load_dataset(), "r1")])
        mine = store.last_change()
        assert mine is not None and mine.user == "rana"
        with pytest.raises(
            PermissionError,
            match=r"change #\d+: the last change was made by "
            "rana; only rana or an administrator",
        ):
            omar.undo_last()
        assert store.last_change() == mine  # nothing was undone
        assert {e.id for e in store.load_dataset().events} >= {"r1"}
        lina = store.sign_in("lina", PASSWORD)
        assert lina.role == "admin"
        assert lina.undo_last(expected=mine.id).id == mine.id
        assert "r1" not in {e.id for e in store.load_dataset().events}
        assert store.history(1)[0].user == "lina"
        omar.set_review("e1", "rejected")
        assert omar.undo_last().user == "omar"


def test_undo__expected_change_must_still_be_the_last(settings):
    with open_store(settings) as store:
        rana = store.sign_in("rana", PASSWORD)
        rana.set_review("e1", "rejected")
        confirmed = store.last_change()
        rana.set_review("e2", "rejected")  # another change after the confirmation was shown
        with pytest.raises(
            StoreError,
            match=r"the last change is now #\d+ by rana .*confirm "
            "again",
        ):
            rana.undo_last(expected=confirmed.id)
        assert store.history(1)[0].summary == "mark event e2 rejected"


def test_admin_console_undoes_anyones_change(settings):
    with open_store(settings) as store:
        store.sign_in("rana", PASSWORD).set_review("e1", "rejected")
    with open_admin(settings) as admin:
        assert admin.undo_last(by="root").summary == "mark event e1 rejected"
        assert admin.history(1)[0].user == "root"
