"""Editor accounts: the password policy, argon2 hashing and the sign-in throttle (pure, on a
fake clock), and the store's sign-in, account management, audit names and OpenID Connect
allow-list on both backends (SQLite and PostgreSQL, as in test_store.py)."""

from __future__ import annotations

import inspect
import threading

import pytest
from test_store_support import BACKENDS, SECRET, dump, event, settings_for

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
ADMIN_METHODS = ["add_editor", "remove_editor", "set_editor_password", "set_editor_disabled",
                 "editor_accounts"]
WRITE_METHODS = ["add_events", "update_event", "delete_event", "set_review", "upsert_places",
                 "delete_place", "add_zone_snapshot", "set_zone_validity", "apply", "undo_last"]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The process's throttle replaced by a fresh one on a fake clock."""
    c = Clock()
    monkeypatch.setattr(accounts, "THROTTLE", Throttle(clock=c))
    return c


# -- names and passwords -----------------------------------------------------------------------


@pytest.mark.parametrize("password", ["", "short", "eleven-char"])
def test_check_password__fewer_than_twelve_characters_refused_naming_the_rule(password):
    with pytest.raises(WeakPasswordError, match=f"at least 12 characters; this one has "
                                                f"{len(password)}"):
        accounts.check_password(password)


def test_check_password__twelve_characters_is_enough_and_over_long_refused():
    assert accounts.check_password("twelve chars") == "twelve chars"
    with pytest.raises(WeakPasswordError, match="at most 1024"):
        accounts.check_password("x" * 1025)
    with pytest.raises(WeakPasswordError, match="at least 12"):
        accounts.hash_password("too short")


@pytest.mark.parametrize(("name", "expected"), [
    ("Rana", "rana"), ("  omar.k ", "omar.k"), ("ed@example.org", "ed@example.org"),
    ("a" * 64, "a" * 64)])
def test_normalise_name__folds_case(name, expected):
    assert accounts.normalise_name(name) == expected


@pytest.mark.parametrize("name", ["", "  ", "two words", "_lead", "![x](http://h/i.png)",
                                  "<b>", "a" * 65, "ra\nna", None, 7])
def test_normalise_name__refuses_what_breaks_the_rule(name):
    with pytest.raises(AccountError, match="letters, digits"):
        accounts.normalise_name(name)


def test_hash_password__argon2id_verifies_only_the_right_password():
    hashed = accounts.hash_password(PASSWORD)
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    assert accounts.verify_password(hashed, PASSWORD)
    assert not accounts.verify_password(hashed, PASSWORD + " ")
    assert not accounts.verify_password(hashed, None)
    assert not accounts.verify_password("not a hash", PASSWORD)
    assert accounts.hash_password(PASSWORD) != hashed  # salted


def test_secret_problem__short_shared_secret_disables_editing():
    assert "no editor secret" in accounts.secret_problem(None)
    assert "fewer than 12 characters" in accounts.secret_problem("s3cret")
    assert accounts.secret_problem("twelve chars") is None


def test_parse_emails__lower_case_and_junk_dropped():
    assert accounts.parse_emails(" Ed@Example.org, b@y.net ,junk,, ed@example.org") == (
        "ed@example.org", "b@y.net")
    assert accounts.parse_emails(None) == ()


# -- the throttle ------------------------------------------------------------------------------


def test_throttle__delay_doubles_after_each_failure_up_to_five_minutes():
    clock = Clock()
    t = Throttle(clock=clock)
    waits = []
    for _ in range(12):
        t.failure("rana")
        waits.append(t.retry_after("rana"))
        clock.advance(waits[-1])
    assert waits[:5] == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert max(waits) == 300.0 and waits[-1] == 300.0


def test_throttle__refused_until_the_clock_passes_the_delay_and_success_resets():
    clock = Clock()
    t = Throttle(clock=clock)
    t.check("rana")
    t.failure("rana")
    t.failure("rana")  # 2 s
    with pytest.raises(SignInThrottled, match=r"too many failed sign-ins; try again in 2 s"):
        t.check("rana")
    clock.advance(1.5)
    with pytest.raises(SignInThrottled, match="try again in 1 s"):
        t.check("rana")
    clock.advance(0.5)
    t.check("rana")
    t.check("omar")  # another account: not concerned
    t.success("rana")
    t.failure("rana")
    assert t.retry_after("rana") == 1.0  # counted from the start again


def test_throttle__per_client_across_accounts_and_not_reset_by_a_success():
    clock = Clock()
    t = Throttle(clock=clock, client_threshold=3)
    for name in ("a", "b"):
        t.failure(name, "10.0.0.9")
        clock.advance(5)  # each account's own delay is over
    t.check("c", "10.0.0.9")  # two failures: below the client's threshold
    t.failure("c", "10.0.0.9")
    t.success("c")
    t.check("a")
    with pytest.raises(SignInThrottled, match="try again in 1 s"):
        t.check("d", "10.0.0.9")  # a fourth account, from the same client
    t.check("d", "10.0.0.10")  # another client
    clock.advance(1)
    t.check("d", "10.0.0.9")


def test_throttle__forgets_after_a_quiet_hour_and_memory_is_bounded():
    clock = Clock()
    t = Throttle(clock=clock, max_entries=10)
    for _ in range(5):
        t.failure("rana")
    clock.advance(3600)
    assert t.retry_after("rana") == 0
    t.failure("rana")
    assert t.retry_after("rana") == 1.0
    for i in range(50):
        t.failure(f"name-{i}", f"10.0.0.{i}")
        clock.advance(1)
    assert len(t._failures) <= 10


def test_throttle__counts_every_failure_of_concurrent_threads():
    clock = Clock()
    t = Throttle(clock=clock, max_delay=1e9, forget_after=1e9)

    def fail() -> None:
        for _ in range(50):
            t.failure("rana")

    threads = [threading.Thread(target=fail) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert t._failures[("account", "rana")].count == 400


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
    for name, password in (("nobody", PASSWORD), ("omar", OTHER), ("rana", "wrong password"),
                           ("![x](http://h/i.png)", PASSWORD), ("", "")):
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
def test_account_session_ends_when_removed_disabled_or_given_a_new_password(settings, store, admin,
                                                                           clock, change):
    editor = store.sign_in("rana", PASSWORD)
    {"new password": lambda: admin.set_editor_password("rana", OTHER),
     "disabled": lambda: admin.set_editor_disabled("rana", True),
     "removed": lambda: admin.remove_editor("rana")}[change]()
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
        ("delete", "rana"), ("update", "rana"), ("update", "omar"), ("insert", "omar"),
        ("insert", "rana")]
    assert all(a.user == "root" for a in log)
    assert log[0].before == {"name": "rana", "role": "editor", "disabled": True,
                             "created_by": "root"} and log[0].after is None
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
    for call in (lambda: admin.remove_editor("nobody"),
                 lambda: admin.set_editor_password("nobody", PASSWORD),
                 lambda: admin.set_editor_disabled("two words", True)):
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
