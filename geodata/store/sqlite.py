"""The embedded backend: one SQLite file (Python's `sqlite3`), the default.

Why plain SQLite with WKB geometry columns rather than GeoPackage or SpatiaLite: SpatiaLite
needs the `mod_spatialite` native extension, which Python's sqlite3 may not be allowed to load
and which is not installed here; a GeoPackage written by hand must keep GDAL's R-tree triggers
and geometry header conventions, and those triggers call SpatiaLite/GDAL SQL functions that a
plain sqlite3 connection lacks, so any write from Python would fail or corrupt the index.
Storing each geometry as WKB (exact doubles, read and written by shapely) needs nothing beyond
the standard library, keeps coordinates bit-exact, and the spatial work is done by shapely
anyway (the bounding-box columns of the first schema were never queried: migration 4 drops
them). `zonemap export --format gpkg` writes a real
GeoPackage for QGIS users.

Durability and concurrency: WAL journal (readers never block the writer nor wait for it, a
killed process leaves the last committed state), `synchronous=FULL` (a committed change
survives a power loss), a 30 s busy timeout, and every write transaction opened with BEGIN
IMMEDIATE so that writers queue for the lock instead of failing half-way.

Only a backend made with `create=True` (`zonemap db init`/`migrate`, `zonemap serve` at
start-up) creates the file and switches it to WAL; any other opens an existing file read-write
and changes nothing by connecting, so that opening never waits for a writer.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from ..settings import Settings
from .backend import Backend
from .errors import ReadOnlyError, StoreError
from .migrations import not_created
from .schema import Migration

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 30.0


class SqliteBackend(Backend):
    name = "sqlite"

    def __init__(self, settings: Settings, path: Path | None = None, *, create: bool = False) -> None:
        super().__init__(settings)
        self.path = Path(path or settings.db_path)
        self.create = create

    @property
    def location(self) -> str:
        return str(self.path)

    def exists(self) -> bool:
        return self.path.exists()

    def _connect(self) -> sqlite3.Connection:
        if self.path.is_dir():
            raise StoreError(f"ZONEMAP_DB is {self.path}, a directory; give a file path")
        if not self.create and not self.path.exists():
            raise not_created(self.location)
        try:
            if self.create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            # mode=rw: a file deleted since the check above is an error, not a new empty file.
            target = self.path if self.create else f"{self.path.resolve().as_uri()}?mode=rw"
            # One connection per thread (Backend._conn); closing may happen on another thread.
            conn = sqlite3.connect(
                target,
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,
                check_same_thread=False,
                uri=not self.create,
            )
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            # Switching to WAL takes the write lock: only the creator does it (it persists).
            mode = conn.execute("PRAGMA journal_mode" + (" = WAL" if self.create else ""))
            mode = mode.fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("%s: journal mode is %s, not WAL (run `zonemap db migrate`)", self.path, mode)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the database {self.path}: {_reason(exc)}") from exc
        return conn

    def migration_sql(self, migration: Migration) -> tuple[str, ...]:
        return migration.sqlite

    def table_exists(self, cur: Any, table: str) -> bool:
        cur.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,))
        return cur.fetchone() is not None

    def _begin_read(self, cur: Any) -> None:
        cur.execute("BEGIN")

    def _begin_write(self, cur: Any) -> None:
        cur.execute("BEGIN IMMEDIATE")

    def _translate(self, exc: Exception) -> Exception | None:
        if isinstance(exc, sqlite3.Error) and "readonly" in str(exc):
            return ReadOnlyError(f"database {self.path}: {_reason(exc)}")
        if isinstance(exc, sqlite3.Error):
            return StoreError(f"database {self.path}: {_reason(exc)}")
        return None


def _reason(exc: Exception) -> str:
    text = str(exc)
    if "file is not a database" in text:
        return "the file is not a SQLite database (is ZONEMAP_DB pointing at the right file?)"
    if "locked" in text or "busy" in text:
        return f"the database stayed locked by another writer for {BUSY_TIMEOUT_S:.0f} s; try again"
    if "readonly" in text:
        return "the file is read-only for this user"
    return text
