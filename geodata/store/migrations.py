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


def migrate(backend: Backend, target: int | None = None) -> list[Migration]:
    """Apply the missing migrations up to `target` (the latest by default), each in its own
    write transaction; return those applied."""
    applied: list[Migration] = []
    while True:
        with backend.write() as cur:
            cur.execute(BOOTSTRAP)
            current = schema_version(backend, cur)
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
                                  "VALUES (?, ?, ?)"), (step.version, step.name, now()))
        log.info("migrated %s to schema version %d (%s)", backend.location, step.version, step.name)
        applied.append(step)


def require_latest(backend: Backend) -> None:
    """SchemaError unless the database is at the version this Zonemap writes."""
    with backend.read() as cur:
        version = schema_version(backend, cur)
    if version != LATEST:
        raise SchemaError(f"the database is at schema version {version}, this Zonemap "
                          f"writes version {LATEST}; run `zonemap db migrate`")


def status(backend: Backend) -> Status:
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
