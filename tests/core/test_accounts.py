"""Editor accounts (`geodata.accounts`): the password policy, argon2 hashing and the sign-in
throttle, pure, on a fake clock. The store's side of accounts is tests/store/test_store_accounts.py."""

from __future__ import annotations

import threading

import pytest
from test_store_support import Clock

from geodata import accounts
from geodata.accounts import AccountError, SignInThrottled, Throttle, WeakPasswordError

PASSWORD = "correct horse battery"  # 21 characters


# -- names and passwords -----------------------------------------------------------------------


@pytest.mark.parametrize("password", ["", "short", "eleven-char"])
def test_check_password__fewer_than_twelve_characters_refused_naming_the_rule(password):
    with pytest.raises(WeakPasswordError, match=f"at least 12 characters; this one has {len(password)}"):
        accounts.check_password(password)


def test_check_password__twelve_characters_is_enough_and_over_long_refused():
    assert accounts.check_password("twelve chars") == "twelve chars"
    with pytest.raises(WeakPasswordError, match="at most 1024"):
        accounts.check_password("x" * 1025)
    with pytest.raises(WeakPasswordError, match="at least 12"):
        accounts.hash_password("too short")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Rana", "rana"), ("  omar.k ", "omar.k"), ("ed@example.org", "ed@example.org"), ("a" * 64, "a" * 64)],
)
def test_normalise_name__folds_case(name, expected):
    assert accounts.normalise_name(name) == expected


@pytest.mark.parametrize(
    "name", ["", "  ", "two words", "_lead", "![x](http://h/i.png)", "<b>", "a" * 65, "ra\nna", None, 7]
)
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
        "ed@example.org",
        "b@y.net",
    )
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
