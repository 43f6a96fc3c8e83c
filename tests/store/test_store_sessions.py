"""A kept session resumed by the store (issue 14), on both backends: an account's session holds
while the account is enabled and its password unchanged; a shared-secret session while the
secret is the same. The token itself is tests/core/test_session_token.py."""

from __future__ import annotations

import dataclasses

import pytest
from test_store_support import BACKENDS, SECRET, settings_for

from geodata import session_token as tokens
from geodata.store import open_admin, open_store

KEY = "s" * 32
PASSWORD = "correct horse battery"


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path):
    with settings_for(request.param, tmp_path) as s:
        yield s


def _claims(user: str, kind: str, since: str) -> tokens.Claims:
    return tokens.verify(tokens.issue(user, kind, since, key=KEY, lifetime=60), key=KEY)


def test_resume__account_holds_until_disabled_or_new_password(settings):
    with open_admin(settings) as admin:
        admin.add_editor("rana", PASSWORD, by="root", role="admin")
    with open_store(settings) as store:
        ed = store.sign_in("rana", PASSWORD)
        claims = _claims(ed.user, "account", ed.since or "")
        again = store.resume(claims, KEY)
        assert (again.user, again.role, again.signed_in_with) == ("rana", "admin", "account")
        with pytest.raises(PermissionError):
            store.resume(_claims("rana", "account", "another time"), KEY)
        with pytest.raises(PermissionError):
            store.resume(_claims("nobody", "account", ""), KEY)
        with pytest.raises(PermissionError):
            store.resume(claims, "short")
    with open_admin(settings) as admin:
        admin.set_editor_password("rana", "a new long password")
    with open_store(settings) as store, pytest.raises(PermissionError, match="sign in again"):
        store.resume(claims, KEY)


def test_resume__shared_secret_holds_until_it_changes(settings):
    claims = _claims("rana", "shared", tokens.fingerprint(KEY, SECRET))
    with open_store(settings) as store:
        ed = store.resume(claims, KEY)
        assert (ed.user, ed.signed_in_with) == ("rana", "shared")
        ed.add_events([])  # the grant is a real one: an empty write goes through
    changed = dataclasses.replace(settings, editor_secret="a different shared secret")
    with open_store(changed) as store, pytest.raises(PermissionError, match="secret changed"):
        store.resume(claims, KEY)
