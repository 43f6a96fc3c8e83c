"""The store's editor accounts: sign-in, account management, audit names and the OpenID Connect
allow-list on both backends (SQLite and PostgreSQL, as in test_store.py). The accounts' rules
themselves (passwords, hashing, the throttle) are tests/core/test_accounts.py."""

from __future__ import annotations

import inspect

import pytest
from test_store_support import BACKENDS, SECRET, Clock, dump, event, settings_for

from geodata import accounts
from geodata.accounts import AccountError, SignInThrottled, Throttle, WeakPasswordError
from geodata.store import (
    SIGN_IN_REFUSED,
    DuplicateEditorError,
    Editor,
    NothingToUndoError,
    SqlAdmin,
    UnknownEditorError,
    open_admin,
    open_store,
)

PASSWORD = "correct horse battery"  # 21 characters
OTHER = "another long password"
ADMIN_METHODS = [
    "add_editor",
    "remove_editor",
    "set_editor_password",
    "set_editor_disabled",
    "editor_accounts",
]
WRITE_METHODS = [
    "add_events",
    "update_event",
    "delete_event",
    "set_review",
    "upsert_places",
    "delete_place",
    "add_zone_snapshot",
    "set_zone_validity",
    "apply",
    "undo_last",
]


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The process's throttle replaced by a fresh one on a fake clock."""
    c = Clock()
    monkeypatch.setattr(accounts, "THROTTLE", Throttle(clock=c))
    return c


# -- the store ---------------------------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path):
    with settings_for(request.param, tmp_path) as s:
        yield s


@pytest.fixture
def store(settings):
    st = open_store(settings)
    yield st
    st.close()


@pytest.fixture
def admin(settings) -> SqlAdmin:
    adm = open_admin(settings)
    adm.add_editor("rana", PASSWORD, by="root")
    yield adm
    adm.close()


def test_sign_in__wrong_password_refused_then_delayed_even_for_the_right_one(store, admin, clock):
    with pytest.raises(PermissionError, match=SIGN_IN_REFUSED):
        store.sign_in("rana", "not the password")
    with pytest.raises(SignInThrottled, match="try again in 1 s"):
        store.sign_in("rana", PASSWORD)  # refused without looking at the password
    clock.advance(1)
    editor = store.sign_in("rana", PASSWORD)
    assert isinstance(editor, Editor) and editor.user == "rana"
    assert editor.role == "editor" and editor.signed_in_with == "account"


def test_sign_in__growing_delay_and_a_success_resets_it(store, admin, clock):
    for wait in (1, 2, 4):
        with pytest.raises(PermissionError, match=SIGN_IN_REFUSED):
            store.sign_in("rana", "not the password")
        with pytest.raises(SignInThrottled, match=f"try again in {wait} s"):
            store.sign_in("rana", PASSWORD)
        clock.advance(wait)
    store.sign_in("Rana ", PASSWORD)  # names fold case
    with pytest.raises(PermissionError, match=SIGN_IN_REFUSED):
        store.sign_in("rana", "not the password")
    assert accounts.THROTTLE.retry_after((store._scope(), "rana")) == 1.0


def test_sign_in__per_client_delay_applies_across_accounts(store, admin, clock):
    admin.add_editor("omar", OTHER)
    for name in ("nobody-1", "nobody-2", "nobody-3", "nobody-4", "rana"):
        with pytest.raises(PermissionError, match=SIGN_IN_REFUSED):
            store.sign_in(name, "a guess at it", client="203.0.113.7")
    with pytest.raises(SignInThrottled):
        store.sign_in("omar", OTHER, client="203.0.113.7")  # right password, throttled client
    assert store.sign_in("omar", OTHER, client="198.51.100.1").user == "omar"
    assert store.sign_in("omar", OTHER).user == "omar"  # no client known: the account counts


def test_sign_in__unknown_disabled_or_wrong_all_say_the_same(store, admin, clock, monkeypatch):
    admin.add_editor("omar", OTHER)
    admin.set_editor_disabled("omar", True)
    dummies = []
    real = accounts.dummy_verify
    monkeypatch.setattr(accounts, "dummy_verify", lambda p: dummies.append(p) or real(p))
    messages = []
    for name, password in (
        ("nobody", PASSWORD),
        ("omar", OTHER),
        ("rana", "wrong password"),
        ("![x](http://h/i.png)", PASSWORD),
        ("", ""),
    ):
        with pytest.raises(PermissionError) as caught:
            store.sign_in(name, password)
        messages.append(str(caught.value))
        clock.advance(10)
    assert set(messages) == {SIGN_IN_REFUSED}
    assert len(dummies) == 3  # the names without an account were checked against a dummy hash
    admin.set_editor_disabled("omar", False)
    assert store.sign_in("omar", OTHER).user == "omar"


def test_audit_rows_name_the_signed_in_account_and_user_cannot_spoof_it(store, admin, clock):
    editor = store.sign_in("rana", PASSWORD)
    ds = store.load_dataset()
    editor.add_events([event(ds, "e3")])
    with pytest.raises(PermissionError, match="recorded under that name"):
        editor.set_review("e3", "rejected", user="omar")
    with pytest.raises(PermissionError, match="recorded under that name"):
        editor.undo_last(user="omar")
    editor.set_review("e3", "rejected", user="rana")
    editor.undo_last()
    assert {a.user for a in store.audit_log() if a.table == "events"} == {"rana"}
    assert [c.user for c in store.history(3)] == ["rana", "rana", "rana"]


def test_shared_secret_editor__may_record_another_name(store, clock):
    """The laptop fallback: the name is self-declared anyway (the CLI's --user)."""
    editor = store.as_editor("rana", SECRET)
    assert editor.signed_in_with == "shared"
    editor.set_review("e1", "rejected", user="Omar")
    assert store.audit_log(1)[0].user == "omar"
    with pytest.raises(PermissionError, match="letters, digits"):
        editor.set_review("e1", "accepted", user="![x](http://h/i.png)")


@pytest.mark.parametrize("change", ["new password", "disabled", "removed"])
def test_account_session_ends_when_removed_disabled_or_given_a_new_password(
    settings, store, admin, clock, change
):
    editor = store.sign_in("rana", PASSWORD)
    {
        "new password": lambda: admin.set_editor_password("rana", OTHER),
        "disabled": lambda: admin.set_editor_disabled("rana", True),
        "removed": lambda: admin.remove_editor("rana"),
    }[change]()
    before = dump(settings)
    with pytest.raises(PermissionError, match="not valid any more"):
        editor.set_review("e1", "rejected")
    with pytest.raises(PermissionError, match="not valid"):
        editor.undo_last()
    assert dump(settings) == before


def test_admin__accounts_listed_and_audited_without_the_password_or_hash(settings, store, admin):
    admin.add_editor("Omar", OTHER, role="admin", by="root")
    admin.set_editor_password("omar", "a third long password", by="root")
    admin.set_editor_disabled("rana", True, by="root")
    listed = {a.name: a for a in admin.editor_accounts()}
    assert set(listed) == {"rana", "omar"}
    assert listed["omar"].role == "admin" and listed["omar"].created_by == "root"
    assert listed["rana"].disabled and not listed["omar"].disabled
    admin.remove_editor("rana", by="root")
    assert [a.name for a in admin.editor_accounts()] == ["omar"]
    log = [a for a in store.audit_log() if a.table == "editors"]
    assert [(a.action, a.record_id) for a in log] == [
        ("delete", "rana"),
        ("update", "rana"),
        ("update", "omar"),
        ("insert", "omar"),
        ("insert", "rana"),
    ]
    assert all(a.user == "root" for a in log)
    assert (
        log[0].before == {"name": "rana", "role": "editor", "disabled": True, "created_by": "root"}
        and log[0].after is None
    )
    assert log[2].after["password_changed"] is True
    everything = repr(dump(settings))
    for secret in (PASSWORD, OTHER, "a third long password", "$argon2"):
        assert secret not in everything  # in no table but `editors` (not dumped)
    assert repr(admin.editor_accounts()).count("argon2") == 0


def test_admin__rules_enforced_with_clear_errors(settings, admin):
    with pytest.raises(WeakPasswordError, match="at least 12 characters; this one has 5"):
        admin.add_editor("omar", "short")
    with pytest.raises(AccountError, match="letters, digits"):
        admin.add_editor("two words", PASSWORD)
    with pytest.raises(AccountError, match="`role` was 'root'"):
        admin.add_editor("omar", PASSWORD, role="root")
    with pytest.raises(DuplicateEditorError, match="exists already"):
        admin.add_editor("RANA", PASSWORD)
    with pytest.raises(WeakPasswordError):
        admin.set_editor_password("rana", "short")
    for call in (
        lambda: admin.remove_editor("nobody"),
        lambda: admin.set_editor_password("nobody", PASSWORD),
        lambda: admin.set_editor_disabled("two words", True),
    ):
        with pytest.raises(UnknownEditorError, match="no editor account named"):
            call()
    assert [a.name for a in admin.editor_accounts()] == ["rana"]


def test_account_changes_are_not_undone(store, admin, clock):
    editor = store.sign_in("rana", PASSWORD)
    assert store.last_change() is None  # only the seed and an account change so far
    with pytest.raises(NothingToUndoError):
        editor.undo_last()
    assert store.has_editor_accounts()


def test_viewer_store_has_no_write_or_account_method(store, admin):
    assert not isinstance(store, Editor)
    public = {name for name, _ in inspect.getmembers(store) if not name.startswith("_")}
    assert public.isdisjoint(WRITE_METHODS + ADMIN_METHODS)
    editor = store.as_editor("rana", SECRET)
    public = {name for name, _ in inspect.getmembers(editor) if not name.startswith("_")}
    assert public.isdisjoint(ADMIN_METHODS)


def test_as_verified_editor__allowed_email_case_insensitive_others_refused(store):
    allowed = ["Ed@Example.org", "b@y.net"]
    editor = store.as_verified_editor(" ED@example.ORG ", allowed)
    assert editor.user == "ed@example.org" and editor.signed_in_with == "oidc"
    editor.set_review("e1", "rejected")
    assert store.audit_log(1)[0].user == "ed@example.org"
    with pytest.raises(PermissionError, match="recorded under that name"):
        editor.set_review("e1", "accepted", user="b@y.net")
    for email in ("mallory@example.org", "ed@example.org.evil", "", None, "ed"):
        with pytest.raises(PermissionError, match="not on the editors' allow-list"):
            store.as_verified_editor(email, allowed)
    with pytest.raises(PermissionError, match="no editor e-mail address is configured"):
        store.as_verified_editor("ed@example.org", [])


def test_as_editor__shared_secret_works_and_is_throttled(store, clock):
    assert store.as_editor("rana", SECRET, client="203.0.113.7").user == "rana"
    with pytest.raises(PermissionError, match="wrong editor secret"):
        store.as_editor("omar", "a wrong guess", client="203.0.113.7")
    with pytest.raises(SignInThrottled):
        store.as_editor("rana", SECRET)  # one count for the secret, whatever the name
    clock.advance(1)
    assert store.as_editor("rana", SECRET).user == "rana"


@pytest.mark.parametrize("secret", ["s3cret", "eleven-char"])
def test_as_editor__a_short_configured_secret_disables_editing(tmp_path, secret):
    with settings_for("sqlite", tmp_path, secret=secret) as s, open_store(s) as st:
        with pytest.raises(PermissionError, match="fewer than 12 characters"):
            st.as_editor("rana", secret)
