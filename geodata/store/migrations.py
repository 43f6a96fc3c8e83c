"""Bringing a database to the schema this Zonemap writes (the SQL is in `schema.py`), and
saying where a database stands: its version, what is pending, what it holds."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .backend import Backend, now
from .errors import SchemaError
from .schema import BOOTSTRAP, LATEST, TABLES, Migration, pending

log = logging.getLogger(__name__)


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


def schema_version(backend: Backend, cur: Any) -> int:
    """The version of the database (0: nothing migrated yet)."""
    if not backend.table_exists(cur, "schema_migrations"):
        return 0
    cur.execute("SELECT MAX(version) FROM schema_migrations")
    return int(cur.fetchone()[0] or 0)


def not_created(location: str) -> SchemaError:
    return SchemaError(
        f"no Zonemap database at {location} yet: run `zonemap db init`",
        public="the database has not been created yet: the server's administrator runs `zonemap db init`",
    )


def _newer(location: str, version: int) -> SchemaError:
    return SchemaError(
        f"the database at {location} has schema version {version}, newer than "
        f"this Zonemap knows ({LATEST}); upgrade Zonemap",
        public="the database was written by a newer Zonemap: the server's administrator upgrades Zonemap",
    )


def version_problem(location: str, version: int) -> SchemaError | None:
    """Why a database at schema `version` cannot be used by this Zonemap (None: it can), and
    what to run."""
    if version == 0:
        return not_created(location)
    if version > LATEST:
        return _newer(location, version)
    if version < LATEST:
        return SchemaError(
            f"the database at {location} is at schema version {version}, this "
            f"Zonemap writes version {LATEST}; run `zonemap db migrate`",
            public="the database needs an upgrade: the server's administrator runs `zonemap db migrate`",
        )
    return None


def read_version(backend: Backend) -> int:
    """The schema version, read without writing (0: no database, or nothing migrated yet)."""
    if not backend.exists():
        return 0
    with backend.read() as cur:
        return schema_version(backend, cur)


def migrate(backend: Backend, target: int | None = None) -> list[Migration]:
    """Apply the missing migrations up to `target` (the latest by default), each in its own
    write transaction; return those applied. A database with nothing pending is only read (no
    write lock, no CREATE: a read-only role may run it)."""
    current = read_version(backend)
    if current > LATEST:
        raise _newer(backend.location, current)
    if not pending(current, target):
        return []
    applied: list[Migration] = []
    while True:
        with backend.write() as cur:
            cur.execute(BOOTSTRAP)
            current = schema_version(backend, cur)  # again, under the lock
            if current > LATEST:
                raise _newer(backend.location, current)
            todo = pending(current, target)
            if not todo:
                return applied
            step = todo[0]
            for statement in backend.migration_sql(step):
                cur.execute(statement)
            if step.python is not None:
                step.python(backend, cur)
            cur.execute(
                backend.q("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
                (step.version, step.name, now()),
            )
        log.info("migrated %s to schema version %d (%s)", backend.location, step.version, step.name)
        applied.append(step)


def require_latest(backend: Backend) -> None:
    """SchemaError unless the database exists at the version this Zonemap writes; the message
    says what to run. One read: never waits for a writer."""
    problem = version_problem(backend.location, read_version(backend))
    if problem is not None:
        raise problem


def status(backend: Backend) -> Status:
    if not backend.exists():
        return Status(backend.name, backend.location, 0, LATEST, {}, 0, None)
    with backend.read() as cur:
        version = schema_version(backend, cur)
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
