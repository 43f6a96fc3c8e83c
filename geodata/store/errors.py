"""Errors of the store, on the project's exception family (`geodata.errors`)."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import ZonemapError


class StoreError(ZonemapError):
    """The database cannot do what was asked; the message says why and what to do."""


class SchemaError(StoreError):
    """The database's schema version does not fit this Zonemap."""


class UnknownRecordError(StoreError, LookupError):
    def __init__(self, table: str, record_id: str, message: str | None = None) -> None:
        self.table, self.record_id = table, record_id
        super().__init__(message or f"no {table.rstrip('s')} with id {record_id!r} in the database")


class DuplicateRecordError(StoreError, ValueError):
    def __init__(self, table: str, ids: Sequence[str], message: str | None = None) -> None:
        self.table, self.ids = table, list(ids)
        shown = ", ".join(repr(i) for i in self.ids[:5])
        more = f" and {len(self.ids) - 5} more" if len(self.ids) > 5 else ""
        super().__init__(message or f"{table} {shown}{more} already exist(s); update them "
                         "instead, or choose other ids")


class NothingToUndoError(StoreError):
    def __init__(self) -> None:
        super().__init__("nothing to undo: every change since the seed has been undone")


class UnknownEditorError(UnknownRecordError):
    def __init__(self, name: str) -> None:
        super().__init__("editors", name, f"no editor account named {name!r}; `zonemap editors "
                                          "list` shows them")


class DuplicateEditorError(DuplicateRecordError):
    def __init__(self, name: str) -> None:
        super().__init__("editors", [name], f"an editor account named {name!r} exists "
                                            f"already; `zonemap editors passwd {name}` gives it "
                                            "a new password")
