"""A database as the store sees it: connections, the SQL dialect, transactions, and the
translation of a driver's errors into a `StoreError` a user can act on.

A backend (`sqlite.SqliteBackend`, `postgres.PostgresBackend`) supplies connections, the
dialect (placeholders, geometry and JSON columns) and the two kinds of transaction:
- `read()`: one consistent snapshot (SQLite: a deferred transaction in WAL mode; PostgreSQL:
  REPEATABLE READ, READ ONLY);
- `write()`: serialised with every other writer of the same database (SQLite: BEGIN IMMEDIATE
  with a busy timeout; PostgreSQL: a transaction-scoped advisory lock), committed at the end
  or rolled back on any error, so every write -- an edit, an import, a migration -- applies
  fully or not at all, and concurrent writers wait for each other instead of losing updates.
"""

from __future__ import annotations

import abc
import datetime as dt
import json
import logging
import os
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import shapely

from ..dataset import LOCALITIES, read_outline
from ..gazetteer import load_fallback
from ..model import Place
from ..settings import Settings
from . import rows
from .schema import Migration

log = logging.getLogger(__name__)


def now() -> str:
    """The time as the database stores it (UTC, ISO 8601, microseconds)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


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
        # The write grants minted for this database (`signin.Grant`): one not in here is forged.
        self.grants: weakref.WeakSet[Any] = weakref.WeakSet()
        self._fallback: list[Place] | None = None
        self._outline: Any = None

    # connections

    @property
    @abc.abstractmethod
    def location(self) -> str: ...

    def exists(self) -> bool:
        """Whether the database is there to connect to (SQLite: the file; PostgreSQL: always,
        the server says otherwise)."""
        return True

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

    @staticmethod
    def _is_broken(conn: Any) -> bool:
        """Whether a connection says it is closed or broken (psycopg's do; sqlite3's never)."""
        return bool(getattr(conn, "closed", False) or getattr(conn, "broken", False))

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

    @abc.abstractmethod
    def table_exists(self, cur: Any, table: str) -> bool: ...

    def may_read(self, cur: Any, table: str) -> bool:
        """Whether this connection may read an existing `table` (PostgreSQL: the role's
        privileges; SQLite, which has none per table: whenever it exists)."""
        return self.table_exists(cur, table)

    # transactions

    @abc.abstractmethod
    def _begin_read(self, cur: Any) -> None: ...

    @abc.abstractmethod
    def _begin_write(self, cur: Any) -> None: ...

    @abc.abstractmethod
    def _translate(self, exc: Exception) -> Exception | None:
        """A clear StoreError for a database error (None: re-raised as it is)."""

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

    # what the write-time checks compare with, read once from the shipped data

    def fallback_places(self) -> list[Place]:
        if self._fallback is None:
            self._fallback = load_fallback(self.settings.data_dir / LOCALITIES)
        return self._fallback

    def outline(self) -> Any:
        if self._outline is None:
            self._outline = read_outline(self.settings.data_dir) or False
        return self._outline or None
