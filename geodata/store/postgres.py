"""The shared backend: PostgreSQL with PostGIS, selected by ZONEMAP_DATABASE_URL.

Geometries are `geometry(Geometry, 4326)` columns with GiST indexes (written and read as WKB,
so coordinates stay bit-exact); records are JSONB. Several dashboard instances may use one
database: reads run in REPEATABLE READ, READ ONLY transactions (one consistent snapshot), and
every write transaction takes a transaction-scoped advisory lock first, so writers queue as they
do in SQLite and no validation can race with another writer. A client killed mid-transaction
loses its connection and the server rolls the transaction back.

To keep several Zonemap databases in one PostgreSQL database, give each its own schema through
the URL: `postgresql://host/db?options=-csearch_path%3Dmyschema,public` (the tests do this).
"""

from __future__ import annotations

import re
from typing import Any

import psycopg

from ..settings import Settings
from .backend import Backend
from .errors import ReadOnlyError, StoreError
from .schema import Migration

CONNECT_TIMEOUT_S = 10


def redact(url: str) -> str:
    """The URL without its password."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


class PostgresBackend(Backend):
    name = "postgresql"
    json_param = "CAST(? AS jsonb)"
    geom_param = "ST_GeomFromWKB(?, 4326)"
    geom_select = "ST_AsBinary(geom)"

    def __init__(self, settings: Settings, url: str | None = None, *, create: bool = False) -> None:
        super().__init__(settings)
        self.create = create  # nothing to create by connecting: the server holds the database
        url = url or settings.database_url
        if not url:
            raise StoreError("no PostgreSQL URL: set ZONEMAP_DATABASE_URL")
        self.url = url

    @property
    def location(self) -> str:
        return redact(self.url)

    def _connect(self) -> psycopg.Connection:
        try:
            return psycopg.connect(
                self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S, application_name="zonemap"
            )
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot connect to PostgreSQL at {self.location}: "
                f"{str(exc).strip().splitlines()[0] if str(exc).strip() else exc}"
            ) from exc

    def q(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def migration_sql(self, migration: Migration) -> tuple[str, ...]:
        return migration.postgres

    def table_exists(self, cur: Any, table: str) -> bool:
        cur.execute("SELECT to_regclass(%s) IS NOT NULL", (table,))
        return bool(cur.fetchone()[0])

    def may_read(self, cur: Any, table: str) -> bool:
        cur.execute("SELECT has_table_privilege(to_regclass(%s), 'SELECT')", (table,))
        return bool(cur.fetchone()[0])

    def _begin_read(self, cur: Any) -> None:
        cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def _begin_write(self, cur: Any) -> None:
        cur.execute("BEGIN")
        cur.execute("SELECT pg_advisory_xact_lock(hashtext('zonemap:' || current_schema()))")

    def _translate(self, exc: Exception) -> Exception | None:
        if (
            isinstance(exc, psycopg.errors.FeatureNotSupported | psycopg.errors.UndefinedFile)
            and "postgis" in str(exc).lower()
        ):
            return StoreError(
                f"PostGIS is not available in {self.location}; install it "
                "(Debian: postgresql-15-postgis-3) and run CREATE EXTENSION postgis"
            )
        if isinstance(exc, psycopg.errors.InsufficientPrivilege | psycopg.errors.ReadOnlySqlTransaction):
            reason = (str(exc).strip().splitlines() or ["permission denied"])[0]
            return ReadOnlyError(
                f"{self.location}: {reason}: the database refused it. This connection's role "
                "may only read what viewers see (a viewers' server, docs/deploy.md); edits, "
                "imports, editor accounts and `zonemap db init|migrate` need the editor "
                "role's URL in ZONEMAP_DATABASE_URL",
                public="this server may only read the database; editors write through the editors' server",
            )
        if isinstance(exc, psycopg.OperationalError):
            return StoreError(f"lost the connection to PostgreSQL at {self.location}: {str(exc).strip()}")
        if isinstance(exc, psycopg.Error):
            return StoreError(f"PostgreSQL at {self.location}: {str(exc).strip()}")
        return None
