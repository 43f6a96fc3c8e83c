"""The store: where the dashboard and the CLI read the data from, and editors write it to.

`open_store()` gives PostgreSQL/PostGIS when ZONEMAP_DATABASE_URL is set (a shared deployment),
else the embedded SQLite file at ZONEMAP_DB (`sqlite.py` says why SQLite with WKB columns).
The database is created, migrated to the latest schema (`schema.py`) and seeded from the shipped
data (`geodata/data/`, or ZONEMAP_DATA_DIR) on first use, so `make run` needs no server.

A store as opened is read only -- what a viewer gets. Writing needs an editor:

    store = open_store()
    editor = store.sign_in("rana", password, client=ip)  # an editor account (PermissionError
                                               # unless the password is right; throttled)
    editor.add_events([event])                 # one transaction, audited under "rana", undoable
    editor.undo_last()

Besides accounts: `store.as_verified_editor(email, allowed)` for an OpenID Connect identity on
the allow-list, and `store.as_editor(name, secret)` with the shared ZONEMAP_EDITOR_SECRET (the
single-user laptop fallback; the name is self-declared). Accounts are created and removed
through `open_admin()` (`zonemap editors`), which only the CLI uses. SECURITY.md has the whole
picture.

Every write is one transaction (an import too: all or nothing) recorded in the audit table with
who, when, and each record before and after; `undo_last` reverts the latest change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..model import ControlZone, Event, Place, ReviewStatus
from ..settings import Settings, get_settings
from .admin import EditorAccount, SqlAdmin
from .backend import Backend
from .editor import SqlEditor, SqlStore
from .errors import (
    DuplicateEditorError,
    DuplicateRecordError,
    NothingToUndoError,
    SchemaError,
    StoreError,
    UnknownEditorError,
    UnknownRecordError,
)
from .migrations import Status, migrate, status
from .schema import LATEST, MIGRATIONS, Migration
from .seed import load_seed, seed, seed_fingerprint, seed_update, seeded_at, stored_fingerprint
from .signin import SIGN_IN_REFUSED
from .transaction import Applied, AuditEntry, Change

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..formats import ImportResult

__all__ = [
    "LATEST",
    "MIGRATIONS",
    "SIGN_IN_REFUSED",
    "Applied",
    "AuditEntry",
    "Change",
    "DuplicateEditorError",
    "DuplicateRecordError",
    "Editor",
    "EditorAccount",
    "NothingToUndoError",
    "SchemaError",
    "SqlAdmin",
    "SqlEditor",
    "SqlStore",
    "Status",
    "Store",
    "StoreError",
    "UnknownEditorError",
    "UnknownRecordError",
    "backend_for",
    "db_status",
    "init_db",
    "migrate_db",
    "open_admin",
    "open_store",
]


@runtime_checkable
class Store(Protocol):
    """What every reader of the data uses (a viewer's store has nothing else)."""

    @property
    def backend(self) -> str: ...
    @property
    def location(self) -> str: ...

    def load_dataset(self) -> Dataset: ...
    def drafts(self) -> list[Event]: ...
    def event_attrs(self) -> dict[str, dict[str, Any]]: ...
    def audit_log(self, limit: int = 50) -> list[AuditEntry]: ...
    def history(self, limit: int = 20) -> list[Change]: ...
    def last_change(self) -> Change | None: ...
    def schema_version(self) -> int: ...
    def revision(self) -> int: ...
    def status(self) -> Status: ...
    def has_editor_accounts(self) -> bool: ...
    def sign_in(self, name: str, password: str | None, *,
                client: str | None = None) -> Editor: ...
    def as_verified_editor(self, email: str | None, allowed_emails: Iterable[str]) -> Editor: ...
    def as_editor(self, user: str, secret: str | None, *,
                  client: str | None = None) -> Editor: ...
    def close(self) -> None: ...
    def release(self) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc: object) -> None: ...


@runtime_checkable
class Editor(Store, Protocol):
    """A store with write methods for one signed-in editor (from `Store.as_editor`)."""

    @property
    def user(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def signed_in_with(self) -> str: ...

    def add_events(self, events: Sequence[Event], *, user: str | None = None) -> Applied: ...
    def update_event(self, event: Event, *, user: str | None = None) -> Applied: ...
    def delete_event(self, event_id: str, *, user: str | None = None) -> Applied: ...
    def set_review(self, event_id: str, status: ReviewStatus | str, *,
                   user: str | None = None) -> Applied: ...
    def upsert_places(self, places: Sequence[Place], *, user: str | None = None) -> Applied: ...
    def delete_place(self, place_id: str, *, user: str | None = None) -> Applied: ...
    def add_zone_snapshot(self, zones: Sequence[ControlZone], *, user: str | None = None,
                          progress: Callable[[int, int], None] | None = None) -> Applied: ...
    def set_zone_validity(self, zone_id: str, valid_from: dt.date, valid_to: dt.date | None, *,
                          user: str | None = None) -> Applied: ...
    def apply(self, result: ImportResult, *, user: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> Applied: ...
    def undo_last(self, *, user: str | None = None) -> Change: ...


def backend_for(settings: Settings | None = None) -> Backend:
    """The backend the settings select, not yet connected."""
    settings = settings or get_settings()
    if settings.database_url:
        from .postgres import PostgresBackend

        return PostgresBackend(settings)
    from .sqlite import SqliteBackend

    return SqliteBackend(settings)


def init_db(
    settings: Settings | None = None, *, seed_data: bool = True
) -> tuple[Status, list[Migration], bool]:
    """Create and migrate the database, and seed it when empty. Returns the status, the
    migrations applied and whether it was seeded now. Safe to run again (and concurrently)."""
    backend = backend_for(settings)
    try:
        applied = migrate(backend)
        seeded = False
        if seed_data and not seeded_at(backend):
            seeded = seed(backend, load_seed(backend.settings), str(backend.settings.data_dir))
        return status(backend), applied, seeded
    finally:
        backend.close()


def migrate_db(settings: Settings | None = None, target: int | None = None) -> list[Migration]:
    backend = backend_for(settings)
    try:
        return migrate(backend, target)
    finally:
        backend.close()


def db_status(settings: Settings | None = None) -> Status:
    backend = backend_for(settings)
    try:
        return status(backend)
    finally:
        backend.close()


def open_store(settings: Settings | None = None, *, migrate_schema: bool = True,
               seed_data: bool = True) -> Store:
    """The store the settings select (see the module docstring), read only; created, migrated
    and seeded on first use unless told not to."""
    return SqlStore(_opened(settings, migrate_schema, seed_data))


def open_admin(settings: Settings | None = None) -> SqlAdmin:
    """The store with the management of editor accounts, for the CLI (`zonemap editors`):
    whoever can run it has the database already. Never opened by the dashboard."""
    return SqlAdmin(_opened(settings, True, True))


def _opened(settings: Settings | None, migrate_schema: bool, seed_data: bool) -> Backend:
    backend = backend_for(settings)
    try:
        if migrate_schema:
            migrate(backend)
        if seed_data and migrate_schema:
            data_dir = backend.settings.data_dir
            fingerprint = seed_fingerprint(data_dir)
            if not seeded_at(backend):
                seed(backend, load_seed(backend.settings), str(data_dir), fingerprint)
            elif stored_fingerprint(backend) != fingerprint:
                # Newer shipped data (an upgrade): add what the database lacks.
                seed_update(backend, load_seed(backend.settings), str(data_dir), fingerprint)
    except BaseException:
        backend.close()
        raise
    return backend
