"""`zonemap editors`: add (prompted twice, hidden, or --password-stdin), list, passwd, disable,
enable, remove; every error path one line, exit 1, no traceback. Both backends."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_store_support import BACKENDS, dump, env_of, settings_for

from geodata import accounts
from geodata.accounts import Throttle
from geodata.cli import main
from geodata.store import SIGN_IN_REFUSED, open_store

PASSWORD = "correct horse battery"
OTHER = "another long password"


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path):
    with settings_for(request.param, tmp_path) as s:
        yield s


@pytest.fixture(autouse=True)
def throttle(monkeypatch):
    monkeypatch.setattr(accounts, "THROTTLE", Throttle())


@pytest.fixture
def run(settings):
    runner = CliRunner()
    env = {**env_of(settings), "ZONEMAP_USER": "root"}

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(main, ["editors", *args], env=env, input=input)

    return invoke


def one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a ClickException, not a crash
    error = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(error) == 1, result.output
    for needle in needles:
        assert needle in error[0], result.output


def signs_in(settings, name: str, password: str) -> bool:
    with open_store(settings) as store:
        try:
            return store.sign_in(name, password).user == name
        except PermissionError:
            return False


def test_add__password_prompted_twice_hidden_then_the_account_signs_in(settings, run):
    result = run("add", "Rana", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "added editor account rana" in result.output
    assert PASSWORD not in result.output  # hidden input is not echoed
    assert "Repeat the password" in result.output
    assert signs_in(settings, "rana", PASSWORD)


def test_add__a_mismatched_repeat_is_asked_again(settings, run):
    result = run("add", "rana", input=f"{PASSWORD}\nsomething else!\n{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    assert signs_in(settings, "rana", PASSWORD)


def test_add__password_stdin_and_admin_role(settings, run):
    result = run("add", "omar", "--admin", "--password-stdin", input=f"{PASSWORD}\r\n")
    assert result.exit_code == 0, result.output
    assert "added admin account omar" in result.output
    listed = json.loads(run("list", "--json").output)
    assert [(a["name"], a["role"], a["created_by"], a["disabled"]) for a in listed] == [
        ("omar", "admin", "root", False)
    ]
    assert "argon2" not in json.dumps(listed)
    assert signs_in(settings, "omar", PASSWORD)


@pytest.mark.parametrize(
    ("args", "stdin", "needles"),
    [
        (["add", "rana", "--password-stdin"], "short\n", ["at least 12 characters", "has 5"]),
        (["add", "rana"], "short\nshort\n", ["at least 12 characters"]),
        (["add", "rana", "--password-stdin"], "", ["no password"]),
        (["add", "two words", "--password-stdin"], f"{PASSWORD}\n", ["letters, digits"]),
        (["remove", "nobody"], None, ["no editor account named 'nobody'"]),
        (["passwd", "nobody", "--password-stdin"], f"{PASSWORD}\n", ["no editor account named"]),
        (["disable", "nobody"], None, ["no editor account named"]),
    ],
)
def test_errors__one_line_exit_1_and_nothing_written(settings, run, args, stdin, needles):
    before = dump(settings) if run("list").exit_code == 0 else None
    result = run(*args, input=stdin)
    one_line_error(result, *needles)
    assert dump(settings) == before
    assert "no editor accounts" in run("list").output


def test_add__a_taken_name_is_refused_before_the_prompt(settings, run):
    run("add", "rana", "--password-stdin", input=f"{PASSWORD}\n")
    result = run("add", "RANA")  # no input: a prompt would abort instead
    one_line_error(result, "exists already")


def test_passwd_disable_enable_remove(settings, run):
    run("add", "rana", "--password-stdin", input=f"{PASSWORD}\n")
    result = run("passwd", "rana", input=f"{OTHER}\n{OTHER}\n")
    assert result.exit_code == 0 and "new password set for rana" in result.output
    assert not signs_in(settings, "rana", PASSWORD)
    accounts.THROTTLE.reset()
    assert signs_in(settings, "rana", OTHER)

    assert run("disable", "rana").exit_code == 0
    assert "disabled" in run("list").output
    with open_store(settings) as store, pytest.raises(PermissionError, match=SIGN_IN_REFUSED):
        store.sign_in("rana", OTHER)
    accounts.THROTTLE.reset()
    assert run("enable", "rana").exit_code == 0
    assert signs_in(settings, "rana", OTHER)

    result = run("remove", "rana")
    assert result.exit_code == 0 and "removed account rana" in result.output
    assert "no editor accounts" in run("list").output
    with open_store(settings) as store:
        changes = [(c.user, c.action, c.summary) for c in store.history(6)]
    assert changes == [
        ("root", "account", "remove account rana"),
        ("root", "account", "enable account rana"),
        ("root", "account", "disable account rana"),
        ("root", "account", "new password for account rana"),
        ("root", "account", "add editor account rana"),
        ("zonemap", "seed", changes[-1][2]),
    ]
    everything = repr(dump(settings))
    assert PASSWORD not in everything and OTHER not in everything and "$argon2" not in everything


def test_help_on_every_command():
    runner = CliRunner()
    for command in ("add", "list", "remove", "passwd", "disable", "enable"):
        result = runner.invoke(main, ["editors", command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output
