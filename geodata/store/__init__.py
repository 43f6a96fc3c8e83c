"""The store: where the dashboard and the CLI read the data from, and editors write it to.

`open_store()` gives PostgreSQL/PostGIS when ZONEMAP_DATABASE_URL is set (a shared deployment),
else the embedded SQLite file at ZONEMAP_DB (`sqlite.py` says why SQLite with WKB columns).
Opening never writes: it reads the schema version, and a missing or out-of-date database is a
`SchemaError` saying what to run. `init_db()` (`zonemap db init`; `zonemap serve` and `make run`
at start-up) creates the database, migrates it to the latest schema (`schema.py`) and seeds it
from the shipped data (`geodata/data/`, or ZONEMAP_DATA_DIR); `migrate_db()` (`zonemap db
migrate`) migrates an existing one and adds what newer shipped data brings (`setup.py`).

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
who, when, and each record before and after; `undo_last` reverts the latest change (an
editor's own; any for an administrator account or `open_admin().undo_last`). Against
lost updates, a save may pass the version its copy was read at (`store.versioned(table, id)`
gives a record and its version): `update_event(event, version=v)`, `delete_event`,
`upsert_places(places, versions={id: v})`, `delete_place`; if someone else changed the record
since, the save is refused with a `ConflictError` naming that change (`versions.py`).

On PostgreSQL the database itself refuses a viewer's server any write when it connects as a
read-only role (`ReadOnlyError`; docs/deploy.md has the roles).

The modules, each named for what it holds, in the order they build on one another (no import
cycle among them):

- `errors.py`: the store's exceptions, each a `ZonemapError` on the builtin a caller may catch
  (`WriteRefused` is a PermissionError); `schema.py`: the SQL of each migration, for SQLite and
  for PostgreSQL (a shipped one is never edited: a new one is added); `rows.py`: a record as a
  document and as a row, and back.
- `backend.py`: `Backend`, a database's connections, dialect and read and write transactions,
  and its driver's errors translated.
- `migrations.py`: `migrate`, the schema version, `require_latest`, `Status`; `sqlite.py`,
  `postgres.py`: the two backends.
- `reads.py`: `Reads`, the records one open transaction sees; `transaction.py`: `Tx(Reads)`, the
  write transaction with its `changes` row and `audit` rows (`Applied`, `Change`,
  `AuditEntry`), and undo.
- `seed.py`: the first seed, the seed update, the data's fingerprint; `setup.py`: `prepare`,
  which brings a database to what this Zonemap needs (`init_db`, `migrate_db`).
- `checks.py`: what a write checks, before and inside its transaction.
- `signin.py`: who may write -- a `Grant`, and the three ways to get one (account, OpenID
  Connect, shared secret), re-checked in every write transaction.
- `reader.py`: `SqlReader`, the read side; `editor.py`: `SqlStore` (the read side and the three
  doors) and `SqlEditor` (the writes); `admin.py`: `SqlAdmin`, editor accounts (the CLI only).

Where this departs from issue 9's plan, and why: the read helpers became their own base class
(`reads.Reads`), which a read uses as it is and `Tx` extends, instead of a `_Reader(Tx)` that
skipped `Tx.__init__`. `SqlStore` sits in `editor.py`, not `reader.py`: its doors hand out
`SqlEditor`s and an `SqlEditor` is an `SqlStore`, so apart the two modules would import each
other; `reader.py` holds the read side all three faces inherit. Signing in is functions in
`signin.py` returning a grant rather than `SqlStore` methods, so the checks of a grant live
beside the ways of minting one. `Status` and `require_latest` sit with the migrations (they say
where a database stands against `schema.py`). A write transaction begins with a
`transaction.Entry` (who, action, summary, the change it undoes) rather than five loose
arguments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..model import ControlZone, Event, Place, ReviewStatus
from ..settings import Settings, get_settings
from .admin import EditorAccount, SqlAdmin
from .backend import Backend
from .editor import SqlEditor, SqlStore
from .errors import (
    ArgumentError,
    ConflictError,
    DuplicateEditorError,
    DuplicateRecordError,
    NothingToUndoError,
    ReadOnlyError,
    SchemaError,
    StoreError,
    UnknownEditorError,
    UnknownRecordError,
    WriteRefused,
)
from .migrations import Status, require_latest, status
from .schema import LATEST, MIGRATIONS, Migration
from .setup import Prepared, prepare
from .signin import SIGN_IN_REFUSED
from .transaction import Applied, AuditEntry, Change
from .versions import Versioned

if TYPE_CHECKING:
    from .. import session_token
    from ..dataset import Dataset
    from ..formats import ImportResult
    from ..views import BBox, EventFilter, MarkQuery, MarkSet

__all__ = [
    "LATEST",
    "MIGRATIONS",
    "SIGN_IN_REFUSED",
    "Applied",
    "ArgumentError",
    "AuditEntry",
    "Change",
    "ConflictError",
    "DuplicateEditorError",
    "DuplicateRecordError",
    "Editor",
    "EditorAccount",
    "NothingToUndoError",
    "Prepared",
    "ReadOnlyError",
    "SchemaError",
    "SqlAdmin",
    "SqlEditor",
    "SqlStore",
    "Status",
    "Store",
    "StoreError",
    "UnknownEditorError",
    "UnknownRecordError",
    "Versioned",
    "WriteRefused",
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
    def versioned(self, table: str, record_id: str) -> Versioned | None: ...
    def drafts(self) -> list[Event]: ...
    def event_attrs(self) -> dict[str, dict[str, Any]]: ...
    def audit_log(self, limit: int = 50) -> list[AuditEntry]: ...
    def history(self, limit: int = 20) -> list[Change]: ...
    def last_change(self) -> Change | None: ...
    def schema_version(self) -> int: ...
    def revision(self) -> int: ...
    def status(self) -> Status: ...
    def has_editor_accounts(self) -> bool: ...
    # What a view asks (`geodata.views`; `views.py`): bounded by the screen, never by the data.
    def marks(self, q: MarkQuery) -> MarkSet: ...
    def place_events(self, place_id: str, f: EventFilter, limit: int) -> tuple[list[Event], int]: ...
    def point_events(self, lon: float, lat: float, f: EventFilter, limit: int) -> tuple[list[Event], int]: ...
    def cell_events(
        self, zoom: int, i: int, j: int, f: EventFilter, limit: int
    ) -> tuple[list[Event], int]: ...
    def events_page(
        self, f: EventFilter, place_id: str | None, offset: int, limit: int
    ) -> tuple[list[Event], int]: ...
    def faction_counts(self, f: EventFilter, bbox: BBox | None = None) -> dict[str | None, int]: ...
    def warm(self) -> None: ...
    def sign_in(self, name: str, password: str | None, *, client: str | None = None) -> Editor: ...
    def as_verified_editor(self, email: str | None, allowed_emails: Iterable[str]) -> Editor: ...
    def as_editor(self, user: str, secret: str | None, *, client: str | None = None) -> Editor: ...
    def resume(self, claims: session_token.Claims, key: str) -> Editor: ...
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
    @property
    def since(self) -> str | None: ...

    def add_events(self, events: Sequence[Event], *, user: str | None = None) -> Applied: ...
    def update_event(
        self, event: Event, *, user: str | None = None, version: int | None = None
    ) -> Applied: ...
    def delete_event(
        self, event_id: str, *, user: str | None = None, version: int | None = None
    ) -> Applied: ...
    def set_review(
        self, event_id: str, status: ReviewStatus | str, *, user: str | None = None
    ) -> Applied: ...
    def upsert_places(
        self,
        places: Sequence[Place],
        *,
        user: str | None = None,
        versions: Mapping[str, int | None] | None = None,
    ) -> Applied: ...
    def delete_place(
        self, place_id: str, *, user: str | None = None, version: int | None = None
    ) -> Applied: ...
    def add_zone_snapshot(
        self,
        zones: Sequence[ControlZone],
        *,
        user: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Applied: ...
    def set_zone_validity(
        self, zone_id: str, valid_from: dt.date, valid_to: dt.date | None, *, user: str | None = None
    ) -> Applied: ...
    def apply(
        self,
        result: ImportResult,
        *,
        user: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Applied: ...
    def promote_location(
        self, lon: float, lat: float, place: Place, *, user: str | None = None
    ) -> Applied: ...
    def undo_last(self, *, user: str | None = None, expected: int | None = None) -> Change: ...


def backend_for(settings: Settings | None = None, *, create: bool = False) -> Backend:
    """The backend the settings select, not yet connected. Only `create=True` makes a missing
    SQLite file (`init_db`, `migrate_db`)."""
    settings = settings or get_settings()
    if settings.database_url:
        from .postgres import PostgresBackend

        return PostgresBackend(settings, create=create)
    from .sqlite import SqliteBackend

    return SqliteBackend(settings, create=create)


def init_db(settings: Settings | None = None, *, seed_data: bool = True) -> Prepared:
    """Create and migrate the database, seed it when empty (unless `seed_data` is false) and
    add what newer shipped data brings (`setup.prepare`). Safe to run again, and concurrently;
    writes nothing when there is nothing to do. `zonemap db init` and `zonemap serve` run it."""
    backend = backend_for(settings, create=True)
    try:
        return prepare(backend, seed_empty=seed_data)
    finally:
        backend.close()


def migrate_db(settings: Settings | None = None, target: int | None = None) -> list[Migration]:
    """Apply the missing migrations up to `target` (the latest by default) and, at the latest,
    add what newer shipped data brings to a seeded database; return the migrations applied."""
    backend = backend_for(settings, create=True)
    try:
        return prepare(backend, seed_empty=False, target=target).applied
    finally:
        backend.close()


def db_status(settings: Settings | None = None) -> Status:
    """Where the database stands (read only; a missing database is version 0)."""
    backend = backend_for(settings)
    try:
        return status(backend)
    finally:
        backend.close()


def open_store(settings: Settings | None = None) -> Store:
    """The store the settings select (see the module docstring), read only. Opening reads the
    schema version and nothing else: a missing or out-of-date database is a SchemaError that
    says what to run (`zonemap db init`, `zonemap db migrate`); opening never writes, so it
    never waits for a writer."""
    return SqlStore(_opened(settings))


def open_admin(settings: Settings | None = None) -> SqlAdmin:
    """The store with the management of editor accounts, for the CLI (`zonemap editors`):
    whoever can run it has the database already. Never opened by the dashboard."""
    return SqlAdmin(_opened(settings))


def _opened(settings: Settings | None) -> Backend:
    backend = backend_for(settings)
    try:
        require_latest(backend)
    except BaseException:
        backend.close()
        raise
    return backend
