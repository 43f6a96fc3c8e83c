"""`zonemap db undo` (issue 14): the administrator's undo -- it undoes the latest change
whoever made it, recorded under --user, without the shared editor secret; nothing to undo is
one line and exit 1. Both backends."""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner
from test_store_support import BACKENDS, env_of, settings_for

from geodata import accounts
from geodata.accounts import Throttle
from geodata.cli import main
from geodata.store import open_admin, open_store

PASSWORD = "correct horse battery"


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path, monkeypatch):
    monkeypatch.setattr(accounts, "THROTTLE", Throttle())
    with settings_for(request.param, tmp_path) as s:
        yield dataclasses.replace(s, editor_secret=None)


def undo(settings):
    env = {**env_of(settings), "ZONEMAP_EDITOR_SECRET": ""}
    return CliRunner().invoke(main, ["db", "undo", "--user", "root"], env=env)


def test_db_undo__anyones_change_without_the_secret(settings):
    with open_admin(settings) as admin:
        admin.add_editor("rana", PASSWORD)
    with open_store(settings) as store:
        store.sign_in("rana", PASSWORD).set_review("e1", "rejected")
    result = undo(settings)
    assert result.exit_code == 0, result.output
    assert "by rana: mark event e1 rejected" in result.output
    with open_store(settings) as store:
        latest = store.history(1)[0]
    assert (latest.action, latest.user) == ("undo", "root")
    again = undo(settings)
    assert again.exit_code == 1 and "Traceback" not in again.output
