"""The one error translator of the command line: an error a user can cause (a `ZonemapError`,
a file that cannot be read or written, a record pydantic refuses, a sign-in refused) becomes
one `Error: ...` line and exit status 1 (2 for a usage error, as click says), never a
traceback. `CommandGroup` applies it around every command of `zonemap`; a command uses
`user_errors("doing what: ")` itself only to say what failed."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from pydantic import ValidationError as RecordError

from ..errors import ZonemapError
from .output import printable

TRANSLATED: tuple[type[Exception], ...] = (ZonemapError, OSError, RecordError)


@contextmanager
def user_errors(doing: str = "", also: tuple[type[Exception], ...] = ()) -> Iterator[None]:
    """Turn the errors a user can cause into a ClickException: `doing` followed by what went
    wrong. `also` names more exception types to treat so (e.g. ValueError where a store write
    reports bad input with it). A ClickException passes, made printable; so does a broken pipe
    (click ends quietly on it). Usable as a decorator too."""
    try:
        yield
    except click.ClickException as exc:
        shown = printable(exc.message, err=True)
        if shown != exc.message:  # a plain attribute, though click's stubs call it Final
            exc.message = shown  # type: ignore[misc]
        raise
    except (*TRANSLATED, *also) as exc:
        if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
            raise
        raise click.ClickException(printable(doing + describe(exc), err=True)) from None


def describe(exc: Exception) -> str:
    """What went wrong, without the exception's type: a pydantic error as `field: reason`
    pairs on one line, an OS error as its reason and file name."""
    if isinstance(exc, RecordError):
        fields = "; ".join(f"{'.'.join(map(str, e['loc'])) or '(record)'}: {e['msg']}" for e in exc.errors())
        return f"{exc.title}: {fields}"
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
        return f"{reason}: {exc.filename}" if exc.filename else reason
    return str(exc)


class CommandGroup(click.Group):
    """A click group whose commands (and their subcommands) all run inside `user_errors()`."""

    def invoke(self, ctx: click.Context) -> Any:
        with user_errors():
            return super().invoke(ctx)
