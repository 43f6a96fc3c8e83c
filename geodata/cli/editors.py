"""`zonemap editors add|list|remove|passwd|disable|enable`: the dashboard's editor accounts.

Whoever can run these commands has the database already (its file, or ZONEMAP_DATABASE_URL):
that is the trust boundary, so they ask for no sign-in. A password is prompted twice, hidden, or
read from the first line of standard input with `--password-stdin` (for scripts); never taken
from the command line, where other users of the machine could read it. Each change is recorded
in the audit log under `--by` (default: $ZONEMAP_USER, $USER), without the password or its hash.
"""

from __future__ import annotations

import sys
from contextlib import closing
from typing import TYPE_CHECKING

import click

from ..accounts import check_password, normalise_name
from ..settings import get_settings
from .output import echo, echo_json
from .params import JSON, user_option

if TYPE_CHECKING:
    from ..store import SqlAdmin


def _admin() -> closing[SqlAdmin]:
    """The store with account management, closed after the `with` block."""
    from ..store import open_admin

    return closing(open_admin(get_settings()))


def _password(from_stdin: bool) -> str:
    """The new password: the first line of standard input, or prompted twice (hidden)."""
    if from_stdin:
        line = sys.stdin.readline()
        password = line.removesuffix("\n").removesuffix("\r")
        if not password:
            raise click.ClickException("--password-stdin: standard input has no password on its first line")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt="Repeat the password")
    return check_password(password)


_BY = user_option("Who is making the change, for the audit log.", name="--by")
_STDIN = click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of standard input (for scripts) instead of prompting for it.",
)


@click.group()
def editors() -> None:
    """Editor accounts of the dashboard (they sign in with their name and password).

    Anyone who can run these commands has the database: no sign-in is asked for."""


@editors.command()
@click.argument("name")
@click.option("--admin", "is_admin", is_flag=True, help="Give the account the admin role.")
@_STDIN
@_BY
def add(name: str, is_admin: bool, password_stdin: bool, by: str) -> None:
    """Create the account NAME (letters, digits and . _ @ + -; at least 12 characters of
    password)."""
    name = normalise_name(name)
    with _admin() as store:
        if name in {a.name for a in store.editor_accounts()}:  # said before the prompt
            from ..store import DuplicateEditorError

            raise DuplicateEditorError(name)
        account = store.add_editor(
            name, _password(password_stdin), role="admin" if is_admin else "editor", by=by
        )
    echo(f"added {account.role} account {account.name}")


@editors.command("list")
@JSON
def list_(as_json: bool) -> None:
    """List the accounts (never their passwords)."""
    with _admin() as store:
        found = store.editor_accounts()
    if as_json:
        echo_json(
            [
                {
                    "name": a.name,
                    "role": a.role,
                    "disabled": a.disabled,
                    "created_at": a.created_at.isoformat(),
                    "created_by": a.created_by,
                    "password_changed_at": a.password_changed_at.isoformat(),
                }
                for a in found
            ]
        )
        return
    if not found:
        echo("no editor accounts; `zonemap editors add NAME` creates one")
        return
    width = max(len(a.name) for a in found)
    for a in found:
        state = "disabled" if a.disabled else "active"
        echo(f"{a.name:<{width}}  {a.role:<6}  {state:<8}  created {a.created_at:%Y-%m-%d} by {a.created_by}")


@editors.command()
@click.argument("name")
@_BY
def remove(name: str, by: str) -> None:
    """Delete the account NAME (its past changes keep its name in the audit log)."""
    with _admin() as store:
        account = store.remove_editor(name, by=by)
    echo(f"removed account {account.name}")


@editors.command()
@click.argument("name")
@_STDIN
@_BY
def passwd(name: str, password_stdin: bool, by: str) -> None:
    """Give the account NAME a new password (its open sessions must sign in again)."""
    with _admin() as store:
        if name.strip().lower() not in {a.name for a in store.editor_accounts()}:
            from ..store import UnknownEditorError  # said before the prompt, not after it

            raise UnknownEditorError(name)
        account = store.set_editor_password(name, _password(password_stdin), by=by)
    echo(f"new password set for {account.name}")


@editors.command()
@click.argument("name")
@_BY
def disable(name: str, by: str) -> None:
    """Stop the account NAME from signing in or writing, without deleting it."""
    with _admin() as store:
        account = store.set_editor_disabled(name, True, by=by)
    echo(f"disabled account {account.name}")


@editors.command()
@click.argument("name")
@_BY
def enable(name: str, by: str) -> None:
    """Let a disabled account NAME sign in again."""
    with _admin() as store:
        account = store.set_editor_disabled(name, False, by=by)
    echo(f"enabled account {account.name}")


def register(group: click.Group) -> None:
    group.add_command(editors)
