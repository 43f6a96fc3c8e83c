"""`zonemap editors add|list|remove|passwd|disable|enable`: the dashboard's editor accounts.
Registered on the `zonemap` group by `register(main)`.

Whoever can run these commands has the database already (its file, or ZONEMAP_DATABASE_URL):
that is the trust boundary, so they ask for no sign-in. A password is prompted twice, hidden, or
read from the first line of standard input with `--password-stdin` (for scripts); never taken
from the command line, where other users of the machine could read it. Each change is recorded
in the audit log under `--by` (default: $ZONEMAP_USER, $USER), without the password or its hash.
Errors a user can cause end as one line and exit status 1, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from ..errors import ZonemapError
from ..settings import get_settings

if TYPE_CHECKING:
    from ..store import SqlAdmin


def _default_by() -> str:
    return os.environ.get("ZONEMAP_USER") or os.environ.get("USER") or os.environ.get(
        "LOGNAME") or "cli"


@contextmanager
def _admin() -> Iterator[SqlAdmin]:
    """The store with account management, closed afterwards; a user's error is one line."""
    from ..store import open_admin

    store = None
    try:
        store = open_admin(get_settings())
        yield store
    except click.ClickException:
        raise
    except (ZonemapError, PermissionError) as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
                                   ) from None
    finally:
        if store is not None:
            store.close()


def _password(from_stdin: bool) -> str:
    """The new password: the first line of standard input, or prompted twice (hidden)."""
    from ..accounts import WeakPasswordError, check_password

    if from_stdin:
        line = sys.stdin.readline()
        password = line.removesuffix("\n").removesuffix("\r")
        if not password:
            raise click.ClickException("--password-stdin: standard input has no password on "
                                       "its first line")
    else:
        password = click.prompt("Password", hide_input=True,
                                confirmation_prompt="Repeat the password")
    try:
        return check_password(password)
    except WeakPasswordError as exc:
        raise click.ClickException(str(exc)) from None


_BY = click.option("--by", default=_default_by, show_default="$ZONEMAP_USER or $USER",
                   help="Who is making the change, for the audit log.")
_STDIN = click.option("--password-stdin", is_flag=True,
                      help="Read the password from the first line of standard input (for "
                           "scripts) instead of prompting for it.")


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
    from ..accounts import AccountError, normalise_name

    try:
        name = normalise_name(name)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    role = "admin" if is_admin else "editor"
    with _admin() as store:
        if name in {a.name for a in store.editor_accounts()}:  # said before the prompt
            from ..store import DuplicateEditorError

            raise DuplicateEditorError(name)
        account = store.add_editor(name, _password(password_stdin), role=role, by=by)
    click.echo(f"added {account.role} account {account.name}")


@editors.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_(as_json: bool) -> None:
    """List the accounts (never their passwords)."""
    with _admin() as store:
        found = store.editor_accounts()
    if as_json:
        click.echo(json.dumps([{"name": a.name, "role": a.role, "disabled": a.disabled,
                                "created_at": a.created_at.isoformat(),
                                "created_by": a.created_by,
                                "password_changed_at": a.password_changed_at.isoformat()}
                               for a in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("no editor accounts; `zonemap editors add NAME` creates one")
        return
    width = max(len(a.name) for a in found)
    for a in found:
        state = "disabled" if a.disabled else "active"
        click.echo(f"{a.name:<{width}}  {a.role:<6}  {state:<8}  created "
                   f"{a.created_at:%Y-%m-%d} by {a.created_by}")


@editors.command()
@click.argument("name")
@_BY
def remove(name: str, by: str) -> None:
    """Delete the account NAME (its past changes keep its name in the audit log)."""
    with _admin() as store:
        account = store.remove_editor(name, by=by)
    click.echo(f"removed account {account.name}")


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
    click.echo(f"new password set for {account.name}")


@editors.command()
@click.argument("name")
@_BY
def disable(name: str, by: str) -> None:
    """Stop the account NAME from signing in or writing, without deleting it."""
    with _admin() as store:
        account = store.set_editor_disabled(name, True, by=by)
    click.echo(f"disabled account {account.name}")


@editors.command()
@click.argument("name")
@_BY
def enable(name: str, by: str) -> None:
    """Let a disabled account NAME sign in again."""
    with _admin() as store:
        account = store.set_editor_disabled(name, False, by=by)
    click.echo(f"enabled account {account.name}")


def register(main: click.Group) -> None:
    main.add_command(editors)
