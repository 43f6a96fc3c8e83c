"""What both backends share: transactions, the audit trail, undo, migrations, seeding, and the
two faces of a store -- `SqlStore` (read only, what a viewer gets) and `SqlEditor` (reads and
writes, handed out by `SqlStore.as_editor` after the editor secret was checked).

A backend (`sqlite.SqliteBackend`, `postgres.PostgresBackend`) supplies connections, the SQL
dialect (placeholders, geometry and JSON columns) and the two kinds of transaction:
- `read()`: one consistent snapshot (SQLite: a deferred transaction in WAL mode; PostgreSQL:
  REPEATABLE READ, READ ONLY);
- `write()`: serialised with every other writer of the same database (SQLite: BEGIN IMMEDIATE
  with a busy timeout; PostgreSQL: a transaction-scoped advisory lock), committed at the end
  or rolled back on any error, so every write -- an edit, an import, a migration -- applies
  fully or not at all, and concurrent writers wait for each other instead of losing updates.

Every write transaction is one row of `changes` and one row of `audit` per record it changed,
with the record's document before and after (`rows.py`); `undo_last` writes the `before`
documents of the latest change back, as a new change.

Who may write (SECURITY.md): `SqlStore` hands out an `SqlEditor` only through `sign_in` (an
editor account: argon2 hash in the `editors` table, throttled per account and per client by
`geodata.accounts`), `as_verified_editor` (an OpenID Connect identity on the allow-list) or
`as_editor` (the shared ZONEMAP_EDITOR_SECRET: the single-user laptop fallback, throttled too).
An account editor's changes are recorded under the account's name, and `user=` cannot change
it. Accounts are managed by `SqlAdmin` (`open_admin`), which only the CLI opens: whoever runs
it has the database anyway.
"""

from __future__ import annotations

import abc
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pydantic
import shapely
from pydantic import BaseModel

from .. import accounts
from .. import validation as v
from ..dataset import LOCALITIES, Dataset, read_dataset, read_outline
from ..errors import Problem, ValidationError
from ..gazetteer import Gazetteer, load_fallback
from ..model import ControlZone, Event, Place, ReviewStatus
from ..settings import Settings
from . import rows
from .errors import (
    DuplicateRecordError,
    NothingToUndoError,
    SchemaError,
    StoreError,
    UnknownRecordError,
)
from .schema import BOOTSTRAP, LATEST, TABLES, Migration, pending

if TYPE_CHECKING:
    from ..formats import ImportResult

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
WHERE = "database"  # the `file` of a Problem found while writing
CHUNK = 500
SEED_USER = "zonemap"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class AuditEntry:
    """One record changed by one write: who, when, what, and the record before and after."""

    id: int
    change_id: int
    user: str
    at: dt.datetime
    action: str  # insert, update, delete
    table: str
    record_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class Change:
    """One write transaction: an edit, an import, an undo, the seed."""

    id: int
    user: str
    at: dt.datetime
    action: str
    summary: str
    undoes: int | None
    undone_by: int | None


@dataclass(frozen=True)
class Applied:
    """What a write did: records inserted, updated, deleted and left as they were."""

    change_id: int | None
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class Status:
    backend: str
    location: str
    version: int
    latest: int
    counts: Mapping[str, int]
    revision: int
    seeded: str | None

    @property
    def pending(self) -> int:
        return max(self.latest - self.version, 0)


class _Grant:
    """The capability to write, minted by `SqlStore.sign_in`, `as_verified_editor` and
    `as_editor` only. `kind` says how: "account", "oidc" or "shared" (the shared secret);
    `since` is the account's `password_changed_at` when it signed in."""

    __slots__ = ("__weakref__", "kind", "role", "since", "user")

    def __init__(self, user: str, kind: str = "shared", role: str = "editor",
                 since: str | None = None) -> None:
        self.user, self.kind, self.role, self.since = user, kind, role, since


@dataclass(frozen=True)
class EditorAccount:
    """An editor account as listed (never with its password hash)."""

    name: str
    role: str
    created_at: dt.datetime
    created_by: str
    password_changed_at: dt.datetime
    disabled: bool

    def public(self) -> dict[str, Any]:
        """What the audit trail records of an account."""
        return {"name": self.name, "role": self.role, "disabled": self.disabled,
                "created_by": self.created_by}


SIGN_IN_REFUSED = "sign-in refused: unknown account or wrong password"
ACCOUNT_ACTION = "account"  # the `action` of changes to editor accounts (never undone)


# -- backends ---------------------------------------------------------------------------------


class Backend(abc.ABC):
    """Connections, dialect and transactions of one database (see the module docstring)."""

    name: str
    json_param = "?"  # the placeholder of a JSON value (given as text)
    geom_param = "?"  # the placeholder of a geometry (given as WKB)
    geom_select = "geom"  # the geometry column, selected as WKB

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[tuple[threading.Thread, Any]] = []
        self._grants: weakref.WeakSet[_Grant] = weakref.WeakSet()
        self._fallback: list[Place] | None = None
        self._outline: Any = None

    # connections

    @property
    @abc.abstractmethod
    def location(self) -> str: ...

    @abc.abstractmethod
    def _connect(self) -> Any: ...

    def _conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is not None and (self._local.pid != os.getpid() or self._is_broken(conn)):
            conn = None  # a forked child or a dropped server connection: start afresh
        if conn is None:
            conn = self._connect()
            self._local.conn, self._local.pid = conn, os.getpid()
            with self._lock:
                # Streamlit runs every rerun in a new thread: close the connections of the
                # threads that have ended, or a long-lived store leaks one per rerun.
                dead = [c for t, c in self._connections if not t.is_alive()]
                self._connections = [(t, c) for t, c in self._connections if t.is_alive()]
                self._connections.append((threading.current_thread(), conn))
            for old in dead:
                self._close_quietly(old)
        return conn

    @staticmethod
    def _close_quietly(conn: Any) -> None:
        try:
            conn.close()
        except Exception:  # a connection of another thread or of a dead server
            log.debug("closing a connection failed", exc_info=True)

    def _is_broken(self, conn: Any) -> bool:
        return False

    def close(self) -> None:
        with self._lock:
            conns, self._connections = self._connections, []
        for _, conn in conns:
            self._close_quietly(conn)
        self._local = threading.local()

    def release(self) -> None:
        """Close the calling thread's connection only: safe while other threads of the same
        store are in the middle of a query (which `close` is not)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            return
        self._local.conn = None
        with self._lock:
            self._connections = [(t, c) for t, c in self._connections if c is not conn]
        self._close_quietly(conn)

    # dialect

    def q(self, sql: str) -> str:
        return sql

    def json_value(self, value: Any) -> Any:
        return None if value is None else rows.dumps(value)

    def load_json(self, value: Any) -> Any:
        if value is None or not isinstance(value, str | bytes | bytearray):
            return value
        return json.loads(value)

    def load_geom(self, value: Any) -> Any:
        return shapely.from_wkb(bytes(value))

    @abc.abstractmethod
    def migration_sql(self, migration: Migration) -> tuple[str, ...]: ...

    # transactions

    @abc.abstractmethod
    def _begin_read(self, cur: Any) -> None: ...

    @abc.abstractmethod
    def _begin_write(self, cur: Any) -> None: ...

    def _translate(self, exc: Exception) -> Exception | None:
        """A clear StoreError for a database error a user can act on (or None)."""
        return None

    @contextmanager
    def read(self) -> Iterator[Any]:
        with self._transaction(self._begin_read) as cur:
            yield cur

    @contextmanager
    def write(self) -> Iterator[Any]:
        with self._transaction(self._begin_write) as cur:
            yield cur

    @contextmanager
    def _transaction(self, begin: Callable[[Any], None]) -> Iterator[Any]:
        """One transaction: committed when the block ends, rolled back on any exception (a
        database error a user can act on is re-raised as a StoreError)."""
        conn = self._conn()
        cur = conn.cursor()
        try:
            begin(cur)
            yield cur
            cur.execute("COMMIT")
        except BaseException as exc:
            self._rollback(cur)
            better = self._translate(exc) if isinstance(exc, Exception) else None
            if better is not None:
                raise better from exc
            raise
        finally:
            cur.close()

    def _rollback(self, cur: Any) -> None:
        try:
            cur.execute("ROLLBACK")
        except Exception:  # no transaction open, or the connection is gone
            log.debug("rollback failed", exc_info=True)

    # helpers

    def fallback_places(self) -> list[Place]:
        if self._fallback is None:
            self._fallback = load_fallback(self.settings.data_dir / LOCALITIES)
        return self._fallback

    def outline(self) -> Any:
        if self._outline is None:
            self._outline = read_outline(self.settings.data_dir) or False
        return self._outline or None

    def table_exists(self, cur: Any, table: str) -> bool:
        raise NotImplementedError

    def version(self, cur: Any) -> int:
        if not self.table_exists(cur, "schema_migrations"):
            return 0
        cur.execute("SELECT MAX(version) FROM schema_migrations")
        row = cur.fetchone()
        return int(row[0] or 0)


# -- migrations and seed ----------------------------------------------------------------------


def migrate(backend: Backend, target: int | None = None) -> list[Migration]:
    """Apply the missing migrations up to `target` (the latest by default), each in its own
    write transaction; return those applied."""
    applied: list[Migration] = []
    while True:
        with backend.write() as cur:
            cur.execute(BOOTSTRAP)
            current = backend.version(cur)
            if current > LATEST:
                raise SchemaError(
                    f"the database at {backend.location} has schema version {current}, newer "
                    f"than this Zonemap knows ({LATEST}); upgrade Zonemap"
                )
            todo = pending(current, target)
            if not todo:
                return applied
            step = todo[0]
            for statement in backend.migration_sql(step):
                cur.execute(statement)
            cur.execute(backend.q("INSERT INTO schema_migrations (version, name, applied_at) "
                                  "VALUES (?, ?, ?)"), (step.version, step.name, _now()))
        log.info("migrated %s to schema version %d (%s)", backend.location, step.version, step.name)
        applied.append(step)


def seed(backend: Backend, dataset: Dataset, source: str, fingerprint: str | None = None) -> bool:
    """Fill an empty database with a dataset (the shipped data); False when it was seeded
    before. One transaction, one `seed` change, no audit rows (the seed cannot be undone)."""
    with backend.write() as cur:
        cur.execute(backend.q("SELECT value FROM meta WHERE key = ?"), ("seeded_at",))
        if cur.fetchone() is not None:
            return False
        tx = Tx(backend, cur, SEED_USER, "seed", f"seed from {source}", audit=False)
        gaz = dataset.gazetteer
        sources = {**dataset.sources, **{e.source.id: e.source for e in dataset.events}}
        for table, records in (
            ("factions", list(dataset.factions.values())),
            ("actors", list(dataset.actors.values())),
            ("sources", list(sources.values())),
            ("places", [p for pid, p in gaz.places.items() if pid in gaz.curated]),
            ("zones", list(dataset.zones)),
            ("events", list(dataset.events)),
        ):
            tx.put_many(table, [rows.document(r) for r in records], known_absent=True)
        tx.finish()
        meta = [("seeded_at", _now()), ("seed_source", source)]
        if fingerprint is not None:
            meta.append(("seed_fingerprint", fingerprint))
        for key, value in meta:
            cur.execute(backend.q("INSERT INTO meta (key, value) VALUES (?, ?)"), (key, value))
    return True


def seed_fingerprint(data_dir: Path) -> str:
    """A digest of the shipped data files, to notice that a new release brought new data."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(data_dir).rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(data_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def seed_update(backend: Backend, dataset: Dataset, source: str, fingerprint: str) -> int:
    """Add what newer shipped data has and the database lacks: records whose ids are absent,
    and zone snapshots of dates the database has none of. Records the database already holds
    are left alone, for an editor may have changed them. One audited change (so it can be
    undone); returns the number of records added."""
    added = 0
    with backend.write() as cur:
        cur.execute(backend.q("SELECT value FROM meta WHERE key = ?"), ("seed_fingerprint",))
        row = cur.fetchone()
        if row is not None and row[0] == fingerprint:
            return 0
        tx = Tx(backend, cur, SEED_USER, "seed-update", f"new records from {source}")
        gaz = dataset.gazetteer
        sources = {**dataset.sources, **{e.source.id: e.source for e in dataset.events}}
        zone_ids = tx.ids("zones")
        have_dates = {z.valid_from for z in dataset.zones if z.id in zone_ids}
        for table, records in (
            ("factions", list(dataset.factions.values())),
            ("actors", list(dataset.actors.values())),
            ("sources", list(sources.values())),
            ("places", [p for pid, p in gaz.places.items() if pid in gaz.curated]),
            ("zones", [z for z in dataset.zones
                       if z.id not in zone_ids and z.valid_from not in have_dates]),
            ("events", list(dataset.events)),
        ):
            present = zone_ids if table == "zones" else tx.ids(table)
            new = [rows.document(r) for r in records if r.id not in present]
            if new:
                tx.put_many(table, new, known_absent=True)
                added += len(new)
        tx.finish()
        cur.execute(backend.q("DELETE FROM meta WHERE key = ?"), ("seed_fingerprint",))
        cur.execute(backend.q("INSERT INTO meta (key, value) VALUES (?, ?)"),
                    ("seed_fingerprint", fingerprint))
    return added


def stored_fingerprint(backend: Backend) -> str | None:
    with backend.read() as cur:
        if not backend.table_exists(cur, "meta"):
            return None
        cur.execute(backend.q("SELECT value FROM meta WHERE key = ?"), ("seed_fingerprint",))
        row = cur.fetchone()
        return row[0] if row else None


def seeded_at(backend: Backend) -> str | None:
    with backend.read() as cur:
        if not backend.table_exists(cur, "meta"):
            return None
        cur.execute(backend.q("SELECT value FROM meta WHERE key = ?"), ("seeded_at",))
        row = cur.fetchone()
        return row[0] if row else None


def status(backend: Backend) -> Status:
    with backend.read() as cur:
        version = backend.version(cur)
        counts: dict[str, int] = {}
        revision, seeded = 0, None
        if version >= 1:
            for table in TABLES:
                cur.execute(f"SELECT COUNT(*) FROM {table}")
                counts[table] = int(cur.fetchone()[0])
            cur.execute("SELECT MAX(id) FROM changes")
            revision = int(cur.fetchone()[0] or 0)
            cur.execute(backend.q("SELECT value FROM meta WHERE key = ?"), ("seeded_at",))
            row = cur.fetchone()
            seeded = row[0] if row else None
    return Status(backend.name, backend.location, version, LATEST, counts, revision, seeded)


# -- one write transaction --------------------------------------------------------------------


class Tx:
    """The records written by one write transaction, with their audit rows."""

    def __init__(self, backend: Backend, cur: Any, user: str, action: str, summary: str,
                 *, audit: bool = True, undoes: int | None = None) -> None:
        self.b, self.cur, self.user, self.audit = backend, cur, user, audit
        self.at = _now()
        self.counts = {"insert": 0, "update": 0, "delete": 0, "unchanged": 0}
        cur.execute(backend.q("INSERT INTO changes (at, user_name, action, summary, undoes) "
                              "VALUES (?, ?, ?, ?, ?) RETURNING id"),
                    (self.at, user, action, summary, undoes))
        self.change_id = int(cur.fetchone()[0])

    def _ex(self, sql: str, params: Sequence[Any] = ()) -> Any:
        self.cur.execute(self.b.q(sql), tuple(params))
        return self.cur

    # reading inside the transaction

    def ids(self, table: str) -> set[str]:
        return {r[0] for r in self._ex(f"SELECT id FROM {table}").fetchall()}

    def _select(self, table: str) -> str:
        cols = ["id", "data"]
        if table in rows.SPATIAL:
            cols.append(f"{self.b.geom_select} AS geom")
        if table == "events":
            cols.append("attrs")
        return f"SELECT {', '.join(cols)} FROM {table}"

    def _doc(self, table: str, row: Sequence[Any]) -> dict[str, Any]:
        data = self.b.load_json(row[1])
        geom = self.b.load_geom(row[2]) if table in rows.SPATIAL else None
        attrs = self.b.load_json(row[2]) if table == "events" else None
        return rows.document_of_row(table, data, geom, attrs)

    def get_many(self, table: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        ids = list(dict.fromkeys(ids))
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(ids), CHUNK):
            part = ids[i : i + CHUNK]
            marks = ", ".join("?" * len(part))
            for row in self._ex(f"{self._select(table)} WHERE id IN ({marks})", part).fetchall():
                out[row[0]] = self._doc(table, row)
        return out

    def get(self, table: str, record_id: str) -> dict[str, Any] | None:
        return self.get_many(table, [record_id]).get(record_id)

    def all(self, table: str, where: str = "", params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        sql = f"{self._select(table)} {where} ORDER BY id"
        return [self._doc(table, row) for row in self._ex(sql, params).fetchall()]

    def models(self, table: str, where: str = "", params: Sequence[Any] = ()) -> list[Any]:
        docs = self.all(table, where, params)
        sources = None
        if table == "events":
            sources = {s.id: s for s in self.models("sources")}
        return [rows.model_of(table, d, rows.geometry_of(d) if table in rows.SPATIAL else None,
                              sources) for d in docs]

    # writing

    def _upsert_sql(self, table: str) -> str:
        cols = ["id", "data", *rows.COLUMNS[table]]
        marks = [self.b.json_param if c in rows.JSON_COLUMNS else "?" for c in cols]
        if table in rows.SPATIAL:
            cols, marks = [*cols, "geom"], [*marks, self.b.geom_param]
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
        return (f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(marks)}) "
                f"ON CONFLICT (id) DO UPDATE SET {updates}")

    def _row_params(self, table: str, doc: Mapping[str, Any]) -> list[Any]:
        values = rows.row_values(table, doc)
        params = [values["id"], self.b.json_value(values["data"])]
        for c in rows.COLUMNS[table]:
            params.append(self.b.json_value(values[c]) if c in rows.JSON_COLUMNS else values[c])
        if table in rows.SPATIAL:
            params.append(rows.wkb(rows.geometry_of(doc)))
        return params

    def _audit_sql(self) -> str:
        j = self.b.json_param
        return ("INSERT INTO audit (change_id, at, user_name, action, table_name, record_id, "
                f"before, after) VALUES (?, ?, ?, ?, ?, ?, {j}, {j})")

    def put_many(self, table: str, docs: Sequence[Mapping[str, Any]], *,
                 progress: Progress | None = None, known_absent: bool = False,
                 done_before: int = 0, total: int | None = None) -> None:
        """Insert or replace records (documents), auditing each one that changes."""
        total = len(docs) if total is None else total
        upsert, audit = self.b.q(self._upsert_sql(table)), self.b.q(self._audit_sql())
        for i in range(0, len(docs), CHUNK):
            part = docs[i : i + CHUNK]
            before = {} if known_absent else self.get_many(table, [d["id"] for d in part])
            row_params, audit_params = [], []
            for doc in part:
                old = before.get(doc["id"])
                if old is not None and rows.canonical(old) == rows.canonical(doc):
                    self.counts["unchanged"] += 1
                    continue
                action = "insert" if old is None else "update"
                self.counts[action] += 1
                row_params.append(self._row_params(table, doc))
                if self.audit:
                    audit_params.append((self.change_id, self.at, self.user, action, table,
                                         doc["id"], self.b.json_value(old), self.b.json_value(doc)))
            if row_params:
                self.cur.executemany(upsert, row_params)
            if audit_params:
                self.cur.executemany(audit, audit_params)
            if progress is not None:
                progress(done_before + i + len(part), total)

    def put(self, table: str, doc: Mapping[str, Any]) -> None:
        self.put_many(table, [doc])

    def delete(self, table: str, record_id: str) -> dict[str, Any]:
        old = self.get(table, record_id)
        if old is None:
            raise UnknownRecordError(table, record_id)
        self._ex(f"DELETE FROM {table} WHERE id = ?", [record_id])
        self.counts["delete"] += 1
        if self.audit:
            self._ex(self._audit_sql(), [self.change_id, self.at, self.user, "delete", table,
                                         record_id, self.b.json_value(old), None])
        return old

    def delete_many(self, table: str, record_ids: Sequence[str],
                    before: Mapping[str, Mapping[str, Any]]) -> None:
        """Delete records whose current documents (`before`) the caller has read."""
        audit = self.b.q(self._audit_sql())
        for i in range(0, len(record_ids), CHUNK):
            part = list(record_ids[i : i + CHUNK])
            marks = ", ".join("?" * len(part))
            self._ex(f"DELETE FROM {table} WHERE id IN ({marks})", part)
            self.counts["delete"] += len(part)
            if self.audit:
                self.cur.executemany(audit, [
                    (self.change_id, self.at, self.user, "delete", table, rid,
                     self.b.json_value(before[rid]), None) for rid in part])

    def finish(self) -> Applied:
        """Drop the change row of a transaction that changed nothing."""
        c = self.counts
        changed = c["insert"] + c["update"] + c["delete"]
        if not changed:
            self._ex("DELETE FROM changes WHERE id = ?", [self.change_id])
        return Applied(self.change_id if changed else None, c["insert"], c["update"],
                       c["delete"], c["unchanged"])


# -- checks run inside write transactions -----------------------------------------------------


def _geometry_problems(p: Place | ControlZone, allowed: set[str]) -> list[Problem]:
    g = p.geometry
    if g.geom_type not in allowed:
        return [Problem(WHERE, p.id, "geometry",
                        f"is a {g.geom_type}; expected {' or '.join(sorted(allowed))}")]
    if g.is_empty:
        return [Problem(WHERE, p.id, "geometry", "is empty")]
    if not g.is_valid:
        return [Problem(WHERE, p.id, "geometry",
                        f"invalid geometry: {shapely.is_valid_reason(g)}")]
    return []


def check_places(tx: Tx, places: Sequence[Place]) -> None:
    problems: list[Problem] = []
    for p in places:
        problems += _geometry_problems(p, {"Point", "Polygon", "MultiPolygon"})
    known = tx.ids("places") | {p.id for p in tx.b.fallback_places()}
    problems += v.check_places(places, WHERE, tx.b.outline(), known_ids=known)
    if problems:
        raise ValidationError(problems)


def check_events(tx: Tx, events: Sequence[Event], *, extra_places: Iterable[str] = ()) -> None:
    place_ids = tx.ids("places") | {p.id for p in tx.b.fallback_places()} | set(extra_places)
    actor_ids = tx.ids("actors")
    unlinked = [e.model_copy(update={"links": ()}) for e in events]
    problems = v.check_events(unlinked, place_ids, actor_ids, WHERE)
    batch = {e.id for e in events}
    targets = {link.event for e in events for link in e.links} - batch
    found = set(tx.get_many("events", targets)) if targets else set()
    for e in events:
        for link in e.links:
            if link.event not in batch and link.event not in found:
                problems.append(Problem(WHERE, e.id, "links",
                                        f"links to unknown event {link.event!r}"))
    if problems:
        raise ValidationError(problems)


def check_zones(tx: Tx) -> None:
    zones = tx.models("zones")
    problems = [pr for z in zones for pr in _geometry_problems(z, {"Polygon", "MultiPolygon"})]
    factions = {f.id: f for f in tx.models("factions")}
    problems += v.check_zones(zones, factions, {})
    if problems:
        raise ValidationError([Problem(WHERE, p.record, p.field, p.reason) for p in problems])


def _write_sources(tx: Tx, events: Sequence[Event]) -> None:
    sources = {e.source.id: e.source for e in events}
    tx.put_many("sources", [rows.document(s) for s in sources.values()])


def _referrers(tx: Tx, table: str, needle: str) -> list[dict[str, Any]]:
    """Documents of `table` whose JSON mentions the quoted string `needle` (a pre-filter)."""
    col = "CAST(data AS TEXT)" if tx.b.name == "postgresql" else "data"
    return tx.all(table, f"WHERE {col} LIKE ?", [f'%"{needle}"%'])


def _zone_snapshot(tx: Tx, zones: Sequence[ControlZone], progress: Progress | None = None) -> None:
    if not zones:
        raise ValidationError([Problem(WHERE, "-", "zones", "a snapshot needs at least one zone")])
    dates = sorted({z.valid_from for z in zones})
    if len(dates) > 1:
        raise ValidationError([Problem(WHERE, "-", "valid_from",
                                       "the zones of a snapshot share one valid_from date; got "
                                       + ", ".join(map(str, dates)))])
    as_of = dates[0]
    new_ids = {z.id for z in zones}
    existing: list[ControlZone] = tx.models("zones")
    for z in existing:
        if z.id in new_ids and z.valid_from != as_of:
            raise ValidationError([Problem(WHERE, z.id, "id", f"zone id {z.id!r} is already used "
                                           f"by the snapshot of {z.valid_from}")])
    for z in existing:
        if z.valid_from == as_of and z.id not in new_ids:
            tx.delete("zones", z.id)  # a snapshot of the same date is replaced
        elif z.valid_from < as_of and (z.valid_to is None or z.valid_to > as_of):
            tx.put("zones", rows.document(z.model_copy(update={"valid_to": as_of})))
    later = min((z.valid_from for z in existing if z.valid_from > as_of), default=None)
    capped = [z if z.valid_to is not None or later is None
              else z.model_copy(update={"valid_to": later}) for z in zones]
    tx.put_many("zones", [rows.document(z) for z in capped], progress=progress)
    check_zones(tx)


# -- the two faces ----------------------------------------------------------------------------


class SqlStore:
    """A store as a viewer gets it: reading only. `sign_in` (an editor account),
    `as_verified_editor` (an OpenID Connect identity on the allow-list) and `as_editor` (the
    shared secret) hand out the write methods, as an `SqlEditor`."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    @property
    def backend(self) -> str:
        return self._backend.name

    @property
    def location(self) -> str:
        return self._backend.location

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.backend} {self.location}>"

    def close(self) -> None:
        self._backend.close()

    def release(self) -> None:
        """Close this thread's connection (the next call in this thread reconnects)."""
        self._backend.release()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # reading

    def load_dataset(self) -> Dataset:
        """Everything in the database as a Dataset: all events, drafts and rejected ones
        included (their `review` says which)."""
        b = self._backend
        with b.read() as cur:
            tx = _Reader(b, cur)
            factions = {f.id: f for f in tx.models("factions")}
            actors = {a.id: a for a in tx.models("actors")}
            sources = {s.id: s for s in tx.models("sources")}
            places = tx.models("places")
            zones = tx.models("zones")
            docs = tx.all("events")
        events = [rows.model_of("events", d, None, sources) for d in docs]
        zones.sort(key=lambda z: (z.valid_from, z.id))
        events.sort(key=lambda e: (e.date, e.id))
        gazetteer = Gazetteer.build(places, b.fallback_places())
        return Dataset(gazetteer, actors, factions, zones, events, sources)

    def drafts(self) -> list[Event]:
        """Events waiting for review, oldest first."""
        with self._backend.read() as cur:
            tx = _Reader(self._backend, cur)
            sources = {s.id: s for s in tx.models("sources")}
            docs = tx.all("events", "WHERE review = ?", [ReviewStatus.DRAFT.value])
        found = [rows.model_of("events", d, None, sources) for d in docs]
        return sorted(found, key=lambda e: (e.date, e.id))

    def event_attrs(self) -> dict[str, dict[str, Any]]:
        """What imports kept beside the model, by event id (ACLED's external id, precision
        codes and raw actor names)."""
        b = self._backend
        with b.read() as cur:
            cur.execute("SELECT id, attrs FROM events WHERE attrs IS NOT NULL ORDER BY id")
            return {r[0]: b.load_json(r[1]) for r in cur.fetchall()}

    def audit_log(self, limit: int = 50) -> list[AuditEntry]:
        """The latest changed records, newest first."""
        if limit < 1:
            raise ValueError(f"`limit` was {limit} but is expected to be at least 1")
        b = self._backend
        with b.read() as cur:
            cur.execute(b.q("SELECT id, change_id, user_name, at, action, table_name, record_id, "
                            "before, after FROM audit ORDER BY id DESC LIMIT ?"), (limit,))
            fetched = cur.fetchall()
        return [AuditEntry(int(r[0]), int(r[1]), r[2], dt.datetime.fromisoformat(r[3]), r[4], r[5],
                           r[6], b.load_json(r[7]), b.load_json(r[8])) for r in fetched]

    def history(self, limit: int = 20) -> list[Change]:
        """The latest write transactions, newest first."""
        b = self._backend
        with b.read() as cur:
            cur.execute(b.q("SELECT id, user_name, at, action, summary, undoes, undone_by "
                            "FROM changes ORDER BY id DESC LIMIT ?"), (limit,))
            fetched = cur.fetchall()
        return [Change(int(r[0]), r[1], dt.datetime.fromisoformat(r[2]), r[3], r[4],
                       r[5], r[6]) for r in fetched]

    def last_change(self) -> Change | None:
        """The change `undo_last` would undo (None when there is none)."""
        b = self._backend
        with b.read() as cur:
            row = _undoable(cur)
        return None if row is None else Change(int(row[0]), row[1],
                                               dt.datetime.fromisoformat(row[2]), row[3], row[4],
                                               None, None)

    def schema_version(self) -> int:
        with self._backend.read() as cur:
            return self._backend.version(cur)

    def revision(self) -> int:
        """Grows with every write: a cache key for what was loaded from the store."""
        with self._backend.read() as cur:
            cur.execute("SELECT MAX(id) FROM changes")
            return int(cur.fetchone()[0] or 0)

    def status(self) -> Status:
        return status(self._backend)

    # signing in

    def _scope(self) -> str:
        """What tells this database's throttle records from another's (in one process)."""
        return f"{self.backend}:{self.location}"

    def _client_key(self, client: str | None) -> tuple[str, str] | None:
        return (self._scope(), client) if isinstance(client, str) and client else None

    def _check_schema(self) -> None:
        version = self.schema_version()
        if version != LATEST:
            raise SchemaError(f"the database is at schema version {version}, this Zonemap "
                              f"writes version {LATEST}; run `zonemap db migrate`")

    def _mint(self, grant: _Grant) -> SqlEditor:
        self._backend._grants.add(grant)
        return SqlEditor(self._backend, grant)

    def has_editor_accounts(self) -> bool:
        """Whether the database holds any editor account (then the dashboard asks for an
        account's name and password, not for the shared secret)."""
        b = self._backend
        with b.read() as cur:
            if not b.table_exists(cur, "editors"):
                return False
            cur.execute("SELECT 1 FROM editors LIMIT 1")
            return cur.fetchone() is not None

    def sign_in(self, name: str, password: str | None, *, client: str | None = None
                ) -> SqlEditor:
        """The same store with write methods, for the editor account `name`, if `password`
        is its password. PermissionError otherwise, with the same message whether the account
        is unknown, disabled or the password wrong (and about the same time: an unknown name
        is checked against a dummy hash). After failures, the account and the client (an IP
        address, None when unknown) wait a growing time (`geodata.accounts.Throttle`), during
        which sign-ins are refused without looking at the password."""
        throttle = accounts.THROTTLE
        try:
            key = accounts.normalise_name(name)
        except accounts.AccountError:
            key = str(name)[:accounts.MAX_NAME_LENGTH + 1] if isinstance(name, str) else ""
        account_key, client_key = (self._scope(), key), self._client_key(client)
        throttle.check(account_key, client_key)
        self._check_schema()
        row = None
        if accounts.is_valid_name(key):
            b = self._backend
            with b.read() as cur:
                cur.execute(b.q("SELECT name, password_hash, role, disabled, password_changed_at "
                                "FROM editors WHERE name = ?"), (key,))
                row = cur.fetchone()
        if row is None:
            accounts.dummy_verify(password)
            ok = False
        else:
            ok = accounts.verify_password(row[1], password) and not bool(row[3])
        if not ok:
            throttle.failure(account_key, client_key)
            log.warning("refused a sign-in to %s (client %s)", self.location, client or "-")
            raise PermissionError(SIGN_IN_REFUSED)
        throttle.success(account_key)
        return self._mint(_Grant(row[0], "account", row[2], row[4]))

    def as_verified_editor(self, email: str | None, allowed_emails: Iterable[str]) -> SqlEditor:
        """The same store with write methods, for an identity an OpenID Connect provider has
        verified (`st.user.email`), if its address is on the allow-list (case-insensitive):
        ZONEMAP_EDITOR_EMAILS. PermissionError otherwise. The changes are recorded under the
        address."""
        allowed = {a for a in (accounts.normalise_email(e) for e in allowed_emails) if a}
        if not allowed:
            raise PermissionError("editing by sign-in with an identity provider is disabled: no "
                                  "editor e-mail address is configured (ZONEMAP_EDITOR_EMAILS)")
        address = accounts.normalise_email(email)
        if address is None or address not in allowed:
            raise PermissionError("this identity is not on the editors' allow-list; ask an "
                                  "administrator to add its e-mail address to "
                                  "ZONEMAP_EDITOR_EMAILS")
        self._check_schema()
        return self._mint(_Grant(address, "oidc"))

    def as_editor(self, user: str, secret: str | None, *, client: str | None = None
                  ) -> SqlEditor:
        """The same store with write methods, for `user` (a name as typed: self-declared), if
        `secret` is the shared editor secret ZONEMAP_EDITOR_SECRET -- the single-user fallback
        for a laptop; a secret shorter than 12 characters disables it. Failures are throttled
        like an account's (one count for the secret, whoever tries it) and per client.
        Raises PermissionError otherwise."""
        expected = self._backend.settings.editor_secret
        problem = accounts.secret_problem(expected)
        if problem or not expected:
            raise PermissionError(problem)
        if not accounts.is_valid_name(user):
            raise PermissionError("an editor needs a user name (who is making the change): "
                                  f"{accounts.NAME_RULE}")
        name = accounts.normalise_name(user)
        throttle = accounts.THROTTLE
        secret_key, client_key = (self._scope(), "(shared editor secret)"), self._client_key(client)
        throttle.check(secret_key, client_key)
        given = (secret or "").encode("utf-8")
        if not hmac.compare_digest(given, expected.encode("utf-8")):
            throttle.failure(secret_key, client_key)
            log.warning("refused a sign-in with the shared secret to %s (client %s)",
                        self.location, client or "-")
            raise PermissionError("wrong editor secret; ask an administrator for "
                                  "ZONEMAP_EDITOR_SECRET")
        throttle.success(secret_key)
        self._check_schema()
        return self._mint(_Grant(name, "shared"))


class _Reader(Tx):
    """Tx's reading helpers inside a read transaction (no change row)."""

    def __init__(self, backend: Backend, cur: Any) -> None:
        self.b, self.cur = backend, cur


def _undoable(cur: Any) -> Any:
    """The latest change that undo may revert: not the seed, not an undo, not a change to an
    editor account (those are made again with `zonemap editors`)."""
    cur.execute("SELECT id, user_name, at, action, summary FROM changes WHERE undone_by IS NULL "
                f"AND undoes IS NULL AND action <> 'seed' AND action <> '{ACCOUNT_ACTION}' "
                "ORDER BY id DESC LIMIT 1")
    return cur.fetchone()


class SqlEditor(SqlStore):
    """A store with write methods, for one signed-in editor. Every method is one transaction,
    recorded in the audit trail under the editor's name. `user=` may name someone else only
    for an editor of the shared secret (the CLI's `--user`): an account or OpenID Connect
    editor's changes always carry the account's name (`user=` must be None or that name).
    An account editor whose account was removed, disabled or given a new password since
    signing in cannot write any more."""

    def __init__(self, backend: Backend, grant: _Grant) -> None:
        super().__init__(backend)
        self._grant = grant

    @property
    def user(self) -> str:
        return self._grant.user

    @property
    def role(self) -> str:
        """"editor" or "admin" (an account's role; the other ways of signing in: editor)."""
        return self._grant.role

    @property
    def signed_in_with(self) -> str:
        """"account", "oidc" (an identity provider) or "shared" (ZONEMAP_EDITOR_SECRET)."""
        return self._grant.kind

    def _author(self, user: str | None) -> str:
        """Who a write is recorded under."""
        if user is None or user.strip() == self.user:
            return self.user
        if self._grant.kind != "shared":
            raise PermissionError(f"signed in as {self.user!r}: changes are recorded under that "
                                  "name, not another")
        if not accounts.is_valid_name(user):
            raise PermissionError(f"`user` is expected to be {accounts.NAME_RULE}")
        return accounts.normalise_name(user)

    def _check_grant(self, cur: Any) -> None:
        """Inside a write transaction: the grant was minted here and its account still holds."""
        g = self._grant
        if g not in self._backend._grants:
            raise PermissionError("this editor session is not valid; sign in again")
        if g.kind != "account":
            return
        cur.execute(self._backend.q("SELECT disabled, password_changed_at FROM editors "
                                    "WHERE name = ?"), (g.user,))
        row = cur.fetchone()
        if row is None or bool(row[0]) or row[1] != g.since:
            self._backend._grants.discard(g)
            raise PermissionError("this editor session is not valid any more (the account was "
                                  "removed, disabled or given a new password); sign in again")

    @contextmanager
    def _tx(self, action: str, summary: str, user: str | None) -> Iterator[Tx]:
        author = self._author(user)
        if self._grant not in self._backend._grants:
            raise PermissionError("this editor session is not valid; sign in again")
        with self._backend.write() as cur:
            self._check_grant(cur)
            yield Tx(self._backend, cur, author, action, summary)

    def as_editor(self, user: str, secret: str | None, *, client: str | None = None
                  ) -> SqlEditor:
        return SqlStore(self._backend).as_editor(user, secret, client=client)

    # events

    def add_events(self, events: Sequence[Event], *, user: str | None = None) -> Applied:
        """Insert new events (their sources are inserted or updated with them)."""
        events = _valid(events)
        with self._tx("add events", _summary("add", events), user) as tx:
            taken = tx.get_many("events", [e.id for e in events])
            if taken:
                raise DuplicateRecordError("events", sorted(taken))
            _unique(events)
            check_events(tx, events)
            _write_sources(tx, events)
            tx.put_many("events", [rows.document(e) for e in events], known_absent=True)
            return tx.finish()

    def update_event(self, event: Event, *, user: str | None = None) -> Applied:
        """Replace an existing event (what an import kept beside it is kept)."""
        (event,) = _valid([event])
        with self._tx("update event", f"update event {event.id}", user) as tx:
            old = tx.get("events", event.id)
            if old is None:
                raise UnknownRecordError("events", event.id)
            check_events(tx, [event])
            _write_sources(tx, [event])
            tx.put("events", rows.document(event, old.get(rows.ATTRS)))
            return tx.finish()

    def delete_event(self, event_id: str, *, user: str | None = None) -> Applied:
        """Delete an event no other event links to."""
        with self._tx("delete event", f"delete event {event_id}", user) as tx:
            linking = [d["id"] for d in _referrers(tx, "events", event_id)
                       if any(link["event"] == event_id for link in d.get("links", ()))]
            if linking:
                raise StoreError(f"event {event_id!r} cannot be deleted: "
                                 f"{', '.join(sorted(linking))} link(s) to it; edit those first")
            tx.delete("events", event_id)
            return tx.finish()

    def set_review(self, event_id: str, status: ReviewStatus | str, *,
                   user: str | None = None) -> Applied:
        """Accept, reject or send back to draft one event."""
        status = ReviewStatus(status)
        with self._tx("review", f"mark event {event_id} {status.value}", user) as tx:
            old = tx.get("events", event_id)
            if old is None:
                raise UnknownRecordError("events", event_id)
            tx.put("events", {**old, "review": status.value})
            return tx.finish()

    # places

    def upsert_places(self, places: Sequence[Place], *, user: str | None = None) -> Applied:
        """Insert or replace places."""
        places = _valid(places)
        _unique(places)
        with self._tx("upsert places", _summary("save", places), user) as tx:
            check_places(tx, places)
            tx.put_many("places", [rows.document(p) for p in places])
            return tx.finish()

    def delete_place(self, place_id: str, *, user: str | None = None) -> Applied:
        """Delete a place no event and no other place refers to."""
        with self._tx("delete place", f"delete place {place_id}", user) as tx:
            users = [d["id"] for d in _referrers(tx, "events", place_id)
                     if place_id in d.get("places", ())]
            children = [d["id"] for d in _referrers(tx, "places", place_id)
                        if place_id in (d.get("parent"), d.get("governorate"))]
            if users or children:
                names = ", ".join([*(f"event {i}" for i in sorted(users)),
                                   *(f"place {i}" for i in sorted(children))][:10])
                raise StoreError(f"place {place_id!r} cannot be deleted: {names} refer(s) to it")
            tx.delete("places", place_id)
            return tx.finish()

    # zones

    def add_zone_snapshot(self, zones: Sequence[ControlZone], *, user: str | None = None,
                          progress: Progress | None = None) -> Applied:
        """Add the control zones of one date (they share `valid_from`). Zones of earlier
        snapshots still open at that date end there; a snapshot of the same date is replaced;
        new open-ended zones end where a later snapshot begins."""
        zones = _valid(zones)
        _unique(zones)
        day = zones[0].valid_from if zones else "?"
        with self._tx("zone snapshot", f"zone snapshot of {day}: {len(zones)} zone(s)",
                      user) as tx:
            _zone_snapshot(tx, zones, progress)
            return tx.finish()

    def set_zone_validity(self, zone_id: str, valid_from: dt.date, valid_to: dt.date | None,
                          *, user: str | None = None) -> Applied:
        """Change the dates a zone is valid between (valid_to None: still valid)."""
        with self._tx("zone validity", f"zone {zone_id} valid {valid_from} to "
                      f"{valid_to or 'open'}", user) as tx:
            old = tx.get("zones", zone_id)
            if old is None:
                raise UnknownRecordError("zones", zone_id)
            updated = {**old, "valid_from": valid_from.isoformat(),
                       "valid_to": valid_to.isoformat() if valid_to else None}
            ControlZone.model_validate(updated)
            tx.put("zones", updated)
            check_zones(tx)
            return tx.finish()

    # imports and undo

    def apply(self, result: ImportResult, *, user: str | None = None,
              progress: Progress | None = None) -> Applied:
        """Write the valid records of an import, all or nothing: places are inserted or
        replaced, zones become a snapshot, events are inserted or replaced (with the places
        and sources they bring). `progress(done, total)` is called as records are written."""
        name = Path(result.file).name
        records = _valid(result.records)
        _unique(records)
        with self._tx("import", f"import of {name}: {len(records)} {result.kind}", user) as tx:
            if result.kind == "places":
                check_places(tx, records)
                tx.put_many("places", [rows.document(p) for p in records], progress=progress)
            elif result.kind == "zones":
                _zone_snapshot(tx, records, progress)
            elif result.kind == "events":
                new_places = _valid(result.places)
                if new_places:
                    check_places(tx, new_places)
                check_events(tx, records, extra_places=[p.id for p in new_places])
                tx.put_many("places", [rows.document(p) for p in new_places])
                _write_sources(tx, records)
                docs = [rows.document(e, result.attrs.get(e.id)) for e in records]
                tx.put_many("events", docs, progress=progress)
            else:
                raise ValueError(f"`kind` was {result.kind!r} but is expected to be places, "
                                 "zones or events")
            return tx.finish()

    def undo_last(self, *, user: str | None = None) -> Change:
        """Undo the latest change not yet undone (whoever made it), as a new change; return
        the change undone."""
        b = self._backend
        author = self._author(user)
        if self._grant not in b._grants:
            raise PermissionError("this editor session is not valid; sign in again")
        with b.write() as cur:
            self._check_grant(cur)
            row = _undoable(cur)
            if row is None:
                raise NothingToUndoError()
            target = Change(int(row[0]), row[1], dt.datetime.fromisoformat(row[2]), row[3],
                            row[4], None, None)
            tx = Tx(b, cur, author, "undo",
                    f"undo change {target.id}: {target.summary}", undoes=target.id)
            cur.execute(b.q("SELECT table_name, record_id, before, after FROM audit "
                            "WHERE change_id = ? ORDER BY id"), (target.id,))
            # Per record: the state before its first change and after its last one.
            first: dict[tuple[str, str], Any] = {}
            last: dict[tuple[str, str], Any] = {}
            for table, record_id, before, after in cur.fetchall():
                first.setdefault((table, record_id), before)
                last[(table, record_id)] = after
            for table in dict.fromkeys(t for t, _ in first):
                ids = [rid for t, rid in first if t == table]
                current = tx.get_many(table, ids)
                for rid in ids:
                    if rows.canonical(current.get(rid)) != rows.canonical(
                            b.load_json(last[(table, rid)])):
                        raise StoreError(f"cannot undo change {target.id}: {table} {rid!r} "
                                         "was changed since")
                restore = [b.load_json(first[(table, rid)]) for rid in ids]
                tx.put_many(table, [d for d in restore if d is not None])
                tx.delete_many(table, [rid for rid, d in zip(ids, restore, strict=True)
                                       if d is None], current)
            cur.execute(b.q("UPDATE changes SET undone_by = ? WHERE id = ?"),
                        (tx.change_id, target.id))
        return target


class UnknownEditorError(UnknownRecordError):
    def __init__(self, name: str) -> None:
        StoreError.__init__(self, f"no editor account named {name!r}; `zonemap editors list` "
                                  "shows them")
        self.table, self.record_id = "editors", name


class DuplicateEditorError(DuplicateRecordError):
    def __init__(self, name: str) -> None:
        StoreError.__init__(self, f"an editor account named {name!r} exists already; "
                                  f"`zonemap editors passwd {name}` gives it a new password")
        self.table, self.ids = "editors", [name]


class SqlAdmin(SqlStore):
    """Editor accounts, managed by whoever has the database: the CLI (`zonemap editors`) opens
    this with `open_admin`; the dashboard never does, and neither a viewer's store nor an
    editor's has these methods. Each change is one transaction with one `changes` row (action
    "account", which undo skips) and one `audit` row of table `editors` whose before and after
    hold the account's public fields -- never the password nor its hash."""

    _COLUMNS = "name, role, created_at, created_by, password_changed_at, disabled"

    def _account(self, row: Sequence[Any]) -> EditorAccount:
        return EditorAccount(row[0], row[1], dt.datetime.fromisoformat(row[2]), row[3],
                             dt.datetime.fromisoformat(row[4]), bool(row[5]))

    def _get(self, cur: Any, name: str) -> EditorAccount | None:
        cur.execute(self._backend.q(f"SELECT {self._COLUMNS} FROM editors WHERE name = ?"),
                    (name,))
        row = cur.fetchone()
        return None if row is None else self._account(row)

    def editor_accounts(self) -> list[EditorAccount]:
        """Every editor account, by name."""
        self._check_schema()
        with self._backend.read() as cur:
            cur.execute(f"SELECT {self._COLUMNS} FROM editors ORDER BY name")
            return [self._account(r) for r in cur.fetchall()]

    @contextmanager
    def _change(self, by: str, summary: str, name: str) -> Iterator[tuple[Any, Tx, dict]]:
        """One write transaction changing the account `name`; the caller fills `record` with
        "before" and "after" (public fields)."""
        self._check_schema()
        who = " ".join(str(by or "").split())[:128] or "cli"
        record: dict[str, Any] = {}
        with self._backend.write() as cur:
            tx = Tx(self._backend, cur, who, ACCOUNT_ACTION, summary)
            yield cur, tx, record
            j = self._backend.json_param
            cur.execute(self._backend.q(
                "INSERT INTO audit (change_id, at, user_name, action, table_name, record_id, "
                f"before, after) VALUES (?, ?, ?, ?, ?, ?, {j}, {j})"),
                (tx.change_id, tx.at, who, record["action"], "editors", name,
                 self._backend.json_value(record.get("before")),
                 self._backend.json_value(record.get("after"))))

    def add_editor(self, name: str, password: str, *, role: str = "editor",
                   by: str = "cli") -> EditorAccount:
        """Create an editor account. AccountError for a name, role or password that breaks the
        rules (`geodata.accounts`), DuplicateEditorError when the name is taken."""
        name = accounts.normalise_name(name)
        accounts.check_role(role)
        hashed = accounts.hash_password(password)  # before the transaction: it takes a while
        with self._change(by, f"add {role} account {name}", name) as (cur, tx, record):
            if self._get(cur, name) is not None:
                raise DuplicateEditorError(name)
            cur.execute(self._backend.q(
                "INSERT INTO editors (name, password_hash, role, created_at, created_by, "
                "password_changed_at, disabled) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                (name, hashed, role, tx.at, tx.user, tx.at, False))
            account = self._get(cur, name)
            assert account is not None
            record.update(action="insert", before=None, after=account.public())
        log.info("editor account %s (%s) added by %s", name, role, tx.user)
        return account

    def _existing(self, cur: Any, name: str) -> EditorAccount:
        account = self._get(cur, name)
        if account is None:
            raise UnknownEditorError(name)
        return account

    def remove_editor(self, name: str, *, by: str = "cli") -> EditorAccount:
        """Delete an editor account (its past changes keep its name); UnknownEditorError when
        there is none. Its signed-in sessions cannot write any more."""
        name = _account_name(name)
        with self._change(by, f"remove account {name}", name) as (cur, _, record):
            account = self._existing(cur, name)
            cur.execute(self._backend.q("DELETE FROM editors WHERE name = ?"), (name,))
            record.update(action="delete", before=account.public(), after=None)
        return account

    def set_editor_password(self, name: str, password: str, *, by: str = "cli") -> EditorAccount:
        """Give an account a new password (same rules as a new one). Its signed-in sessions
        cannot write any more."""
        name = _account_name(name)
        hashed = accounts.hash_password(password)
        with self._change(by, f"new password for account {name}", name) as (cur, tx, record):
            before = self._existing(cur, name)
            cur.execute(self._backend.q("UPDATE editors SET password_hash = ?, "
                                        "password_changed_at = ? WHERE name = ?"),
                        (hashed, tx.at, name))
            after = self._existing(cur, name)
            record.update(action="update", before=before.public(),
                          after={**after.public(), "password_changed": True})
        return after

    def set_editor_disabled(self, name: str, disabled: bool, *, by: str = "cli") -> EditorAccount:
        """Disable an account (it cannot sign in, its sessions cannot write) or enable it."""
        name = _account_name(name)
        verb = "disable" if disabled else "enable"
        with self._change(by, f"{verb} account {name}", name) as (cur, _, record):
            before = self._existing(cur, name)
            cur.execute(self._backend.q("UPDATE editors SET disabled = ? WHERE name = ?"),
                        (bool(disabled), name))
            after = self._existing(cur, name)
            record.update(action="update", before=before.public(), after=after.public())
        return after


def _account_name(name: str) -> str:
    """An existing account's name as stored: a name that breaks the rules names none."""
    try:
        return accounts.normalise_name(name)
    except accounts.AccountError:
        raise UnknownEditorError(str(name)) from None


def _summary(verb: str, records: Sequence[BaseModel]) -> str:
    ids = [getattr(r, "id", "?") for r in records]
    shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
    return f"{verb} {len(ids)}: {shown}"


def _valid(records: Iterable[Any]) -> list[Any]:
    """The records validated again: `model_copy(update=...)` skips pydantic's checks, and
    nothing invalid may reach the database."""
    out, problems = [], []
    for r in records:
        try:
            out.append(type(r).model_validate(r.model_dump(warnings=False)))
        except pydantic.ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"]) or "(record)"
                problems.append(Problem(WHERE, str(getattr(r, "id", "?")), where, err["msg"]))
    if problems:
        raise ValidationError(problems)
    return out


def _unique(records: Sequence[BaseModel]) -> None:
    seen: set[str] = set()
    dupes = []
    for r in records:
        rid = getattr(r, "id", None)
        if str(rid) in seen:
            dupes.append(Problem(WHERE, str(rid), "id", f"duplicate id {rid!r}"))
        seen.add(str(rid))
    if dupes:
        raise ValidationError(dupes)


def load_seed(settings: Settings) -> Dataset:
    """The shipped (seed) data, refused with a clear message when it has problems."""
    dataset, problems = read_dataset(settings.data_dir)
    if problems:
        shown = "\n".join(f"  {p}" for p in problems[:5])
        more = f"\n  ... and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise StoreError(f"cannot seed the database: the data in {settings.data_dir} has "
                         f"{len(problems)} problem(s); run `zonemap validate`.\n{shown}{more}")
    return dataset
