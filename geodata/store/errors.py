"""Errors of the store, on the project's exception family (`geodata.errors`): every error the
store raises on purpose is a `StoreError` (or a `ValidationError` of the records written, or an
`AccountError` of an account's name or password), with the builtin a caller may already catch
underneath (PermissionError, LookupError, ValueError)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import ZonemapError

GENERIC_PUBLIC = "the database cannot be used right now; the server's log says why"


class StoreError(ZonemapError):
    """The database cannot do what was asked; the message says why and what to do. `public` is
    what a page may show anyone, an anonymous viewer included: never a file path, a URL or an
    account name (the full message goes to the server's log)."""

    public = GENERIC_PUBLIC

    def __init__(self, message: str = "", *, public: str | None = None) -> None:
        super().__init__(message)
        if public is not None:
            self.public = public


class SchemaError(StoreError):
    """The database does not exist yet, or its schema version does not fit this Zonemap; the
    message (and `public`) says which command to run."""


class ConflictError(StoreError):
    """A write from a stale copy: someone else `happened` ("changed", "deleted", "added") the
    record after the copy was read, in `change` (a `transaction.Change`: who, when, which;
    None when no change can be named). The message names that change and what to do."""

    def __init__(self, table: str, record_id: str, change: Any, happened: str = "changed") -> None:
        self.table, self.record_id, self.change = table, record_id, change
        what = table.rstrip("s")
        by = (
            f"change #{change.id} by {change.user}, {change.at:%Y-%m-%d %H:%M} UTC ({change.summary})"
            if change is not None
            else "by another editor"
        )
        if happened == "added":
            text = (
                f"{what} {record_id!r} exists already, last written in {by}: saving a new "
                f"{what} with that id would overwrite it, so nothing was saved; pick it to "
                "change it, or choose another id."
            )
        else:
            text = (
                f"{what} {record_id!r} was {happened} after you loaded it: {by}. Saving "
                "would overwrite that change, so nothing was saved; load the "
                f"{what} again to see it, then make your change again."
            )
        super().__init__(text)


class ReadOnlyError(StoreError, PermissionError):
    """The database refused a write: this connection's role may only read (the viewers'
    server, docs/deploy.md)."""


class WriteRefused(StoreError, PermissionError):
    """No write for this caller: a sign-in refused, an editor session no longer valid, a change
    recorded under another name than the signed-in one. The message says what to do."""


class ArgumentError(StoreError, ValueError):
    """An argument outside what the store accepts (a limit, a migration target, an import's
    kind); the message names it, what was given and what is allowed."""


class UnknownRecordError(StoreError, LookupError):
    def __init__(self, table: str, record_id: str, message: str | None = None) -> None:
        self.table, self.record_id = table, record_id
        super().__init__(message or f"no {table.rstrip('s')} with id {record_id!r} in the database")


class DuplicateRecordError(StoreError, ValueError):
    def __init__(self, table: str, ids: Sequence[str], message: str | None = None) -> None:
        self.table, self.ids = table, list(ids)
        shown = ", ".join(repr(i) for i in self.ids[:5])
        more = f" and {len(self.ids) - 5} more" if len(self.ids) > 5 else ""
        super().__init__(
            message or f"{table} {shown}{more} already exist(s); update them instead, or choose other ids"
        )


class NothingToUndoError(StoreError):
    def __init__(self) -> None:
        super().__init__("nothing to undo: every change since the seed has been undone")


class UnknownEditorError(UnknownRecordError):
    def __init__(self, name: str) -> None:
        super().__init__(
            "editors", name, f"no editor account named {name!r}; `zonemap editors list` shows them"
        )


class DuplicateEditorError(DuplicateRecordError):
    def __init__(self, name: str) -> None:
        super().__init__(
            "editors",
            [name],
            f"an editor account named {name!r} exists "
            f"already; `zonemap editors passwd {name}` gives it "
            "a new password",
        )
