"""The versioned database schema: an ordered list of migrations, each with its SQL for SQLite and
for PostgreSQL/PostGIS.

A database records the migrations applied to it in `schema_migrations`; `migrate` applies the
missing ones in order, each in its own transaction together with its row in that table, so a
failed or interrupted migration leaves the database at the previous version. Never edit a
migration that has shipped: add a new one.

Tables (both backends; `data` holds the record as JSON, without its geometry):

| table | rows |
|---|---|
| factions, actors, sources | one per record: `id`, `data` |
| places | `id`, `kind`, `data`, `geom` |
| zones | `id`, `faction`, `valid_from`, `valid_to`, `data`, `geom` |
| events | `id`, `type`, `date`, `review`, `source_id`, `data` (source: its id), `attrs`, `external_id` (v2) |
| changes | one per write transaction: who, when, what (`action`, `summary`), and undo bookkeeping |
| audit | one per record changed: change id, who, when, action, table, record id, before and after (JSON) |
| meta | key/value: when and from where the database was seeded |
| editors | (v3) one per account: `name`, `password_hash` (argon2id), `role`, `disabled`, ... |
| locations | (v5) one per (event, location): what views filter and group on (`locations.py`) |
| bulk_writes | (v5) per bulk change (an import): the ids written and the records replaced, for undo |

Until v4, SQLite's places and zones also had bounding-box columns (`minx`, `miny`, `maxx`,
`maxy`); nothing queried them, and migration 4 drops them.

`editors` is not in `TABLES`: a dump or a status count never lists password hashes; its
changes are recorded in `changes` and `audit` without them (`admin.SqlAdmin`).

An event's `attrs` hold what an import kept that the model has no field for (ACLED's columns:
precision codes, raw actor names, fatalities).

Since v6, events, places and zones have `rev`: the id of the change that last wrote the row
(NULL for rows not written since: version 0), read with a record and compared in the write
transaction that saves it (`versions.py`), so a save from a stale copy is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import ArgumentError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sqlite: tuple[str, ...]
    postgres: tuple[str, ...]
    # Run after the SQL, in the same transaction: (backend, cursor) -> None (a backfill).
    python: Callable[[Any, Any], None] | None = None


_SQLITE_V1 = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user_name TEXT NOT NULL,
        action TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        undoes INTEGER REFERENCES changes(id),
        undone_by INTEGER REFERENCES changes(id))""",
    """CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        change_id INTEGER NOT NULL REFERENCES changes(id),
        at TEXT NOT NULL,
        user_name TEXT NOT NULL,
        action TEXT NOT NULL,
        table_name TEXT NOT NULL,
        record_id TEXT NOT NULL,
        before TEXT,
        after TEXT)""",
    "CREATE INDEX audit_change ON audit(change_id)",
    "CREATE TABLE factions (id TEXT PRIMARY KEY, data TEXT NOT NULL)",
    "CREATE TABLE actors (id TEXT PRIMARY KEY, data TEXT NOT NULL)",
    "CREATE TABLE sources (id TEXT PRIMARY KEY, data TEXT NOT NULL)",
    """CREATE TABLE places (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, data TEXT NOT NULL, geom BLOB NOT NULL,
        minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL)""",
    "CREATE INDEX places_bbox ON places(minx, maxx, miny, maxy)",
    """CREATE TABLE zones (
        id TEXT PRIMARY KEY, faction TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT,
        data TEXT NOT NULL, geom BLOB NOT NULL,
        minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL)""",
    "CREATE INDEX zones_valid_from ON zones(valid_from)",
    """CREATE TABLE events (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, date TEXT NOT NULL, review TEXT NOT NULL,
        source_id TEXT NOT NULL, data TEXT NOT NULL, attrs TEXT)""",
    "CREATE INDEX events_review ON events(review)",
    "CREATE INDEX events_date ON events(date)",
)

_POSTGRES_V1 = (
    "CREATE EXTENSION IF NOT EXISTS postgis",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE changes (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at TEXT NOT NULL,
        user_name TEXT NOT NULL,
        action TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        undoes BIGINT REFERENCES changes(id),
        undone_by BIGINT REFERENCES changes(id))""",
    """CREATE TABLE audit (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        change_id BIGINT NOT NULL REFERENCES changes(id),
        at TEXT NOT NULL,
        user_name TEXT NOT NULL,
        action TEXT NOT NULL,
        table_name TEXT NOT NULL,
        record_id TEXT NOT NULL,
        before JSONB,
        after JSONB)""",
    "CREATE INDEX audit_change ON audit(change_id)",
    "CREATE TABLE factions (id TEXT PRIMARY KEY, data JSONB NOT NULL)",
    "CREATE TABLE actors (id TEXT PRIMARY KEY, data JSONB NOT NULL)",
    "CREATE TABLE sources (id TEXT PRIMARY KEY, data JSONB NOT NULL)",
    """CREATE TABLE places (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, data JSONB NOT NULL,
        geom geometry(Geometry, 4326) NOT NULL)""",
    "CREATE INDEX places_geom ON places USING GIST (geom)",
    """CREATE TABLE zones (
        id TEXT PRIMARY KEY, faction TEXT NOT NULL, valid_from DATE NOT NULL, valid_to DATE,
        data JSONB NOT NULL, geom geometry(Geometry, 4326) NOT NULL)""",
    "CREATE INDEX zones_valid_from ON zones(valid_from)",
    "CREATE INDEX zones_geom ON zones USING GIST (geom)",
    """CREATE TABLE events (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, date DATE NOT NULL, review TEXT NOT NULL,
        source_id TEXT NOT NULL, data JSONB NOT NULL, attrs JSONB)""",
    "CREATE INDEX events_review ON events(review)",
    "CREATE INDEX events_date ON events(date)",
)

# v5: what a view filters and groups on, one row per (event, location) (`locations.py`): `day`
# and `date` are proleptic ordinals (date.toordinal()) of the day the event shows from (its
# `since`, else its date) and of its date; `n_rows` how many rows the event has.
_LOCATION_COLUMNS = (
    "event_id TEXT NOT NULL, place_id TEXT, lon DOUBLE PRECISION, lat DOUBLE PRECISION, "
    "precision SMALLINT NOT NULL, day INTEGER NOT NULL, date INTEGER NOT NULL, "
    "type TEXT NOT NULL, actor TEXT, target TEXT, mediator TEXT, review TEXT NOT NULL, "
    "label TEXT, faction TEXT, n_rows INTEGER NOT NULL"
)
_LOCATION_INDEXES = (
    "CREATE INDEX locations_event ON locations(event_id)",
    "CREATE INDEX locations_date ON locations(date, event_id)",
    "CREATE INDEX locations_day ON locations(review, day)",
    "CREATE INDEX locations_type ON locations(type, day)",
    "CREATE INDEX locations_actor ON locations(actor)",
    "CREATE INDEX locations_target ON locations(target)",
    "CREATE INDEX locations_place ON locations(place_id, review, day, date, event_id)",
)


def _fill_locations(backend: Any, cur: Any) -> None:
    from .locations import backfill

    backfill(backend, cur)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _SQLITE_V1, _POSTGRES_V1),
    Migration(
        2,
        "events.external_id: the id an event has in the dataset it was imported from",
        (
            "ALTER TABLE events ADD COLUMN external_id TEXT",
            "UPDATE events SET external_id = json_extract(attrs, '$.external_id') WHERE attrs IS NOT NULL",
            "CREATE INDEX events_external_id ON events(external_id)",
        ),
        (
            "ALTER TABLE events ADD COLUMN external_id TEXT",
            "UPDATE events SET external_id = attrs->>'external_id' WHERE attrs IS NOT NULL",
            "CREATE INDEX events_external_id ON events(external_id)",
        ),
    ),
    Migration(
        3,
        "editors: per-editor accounts with argon2id password hashes",
        (
            """CREATE TABLE editors (
                name TEXT PRIMARY KEY,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL DEFAULT 'editor' CHECK (role IN ('editor', 'admin')),
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                password_changed_at TEXT NOT NULL,
                disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)))""",
        ),
        (
            """CREATE TABLE editors (
                name TEXT PRIMARY KEY,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL DEFAULT 'editor' CHECK (role IN ('editor', 'admin')),
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                password_changed_at TEXT NOT NULL,
                disabled BOOLEAN NOT NULL DEFAULT FALSE)""",
        ),
    ),
    Migration(
        4,
        "places, zones: without the bounding-box columns nothing queried (SQLite)",
        # Rebuilt rather than ALTER TABLE ... DROP COLUMN, which needs SQLite 3.35 (a Python
        # linked against an older system SQLite would fail here). PostgreSQL never had them.
        (
            "DROP INDEX places_bbox",
            """CREATE TABLE places_v4 (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, data TEXT NOT NULL, geom BLOB NOT NULL)""",
            "INSERT INTO places_v4 (id, kind, data, geom) SELECT id, kind, data, geom FROM places",
            "DROP TABLE places",
            "ALTER TABLE places_v4 RENAME TO places",
            """CREATE TABLE zones_v4 (
                id TEXT PRIMARY KEY, faction TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT,
                data TEXT NOT NULL, geom BLOB NOT NULL)""",
            "INSERT INTO zones_v4 (id, faction, valid_from, valid_to, data, geom) "
            "SELECT id, faction, valid_from, valid_to, data, geom FROM zones",
            "DROP TABLE zones",
            "ALTER TABLE zones_v4 RENAME TO zones",
            "CREATE INDEX zones_valid_from ON zones(valid_from)",
        ),
        (),
    ),
    Migration(
        5,
        "locations: one indexed row per (event, location), spatially indexed; bulk_writes",
        (
            f"CREATE TABLE locations (rid INTEGER PRIMARY KEY AUTOINCREMENT, {_LOCATION_COLUMNS})",
            "CREATE VIRTUAL TABLE locations_rtree USING rtree(id, minx, maxx, miny, maxy)",
            "CREATE TRIGGER locations_ai AFTER INSERT ON locations WHEN new.lon IS NOT NULL "
            "BEGIN INSERT INTO locations_rtree VALUES (new.rid, new.lon, new.lon, new.lat, "
            "new.lat); END",
            "CREATE TRIGGER locations_ad AFTER DELETE ON locations WHEN old.lon IS NOT NULL "
            "BEGIN DELETE FROM locations_rtree WHERE id = old.rid; END",
            "CREATE TRIGGER locations_au AFTER UPDATE OF lon, lat ON locations BEGIN "
            "DELETE FROM locations_rtree WHERE id = old.rid; INSERT INTO locations_rtree "
            "SELECT new.rid, new.lon, new.lon, new.lat, new.lat WHERE new.lon IS NOT NULL; END",
            *_LOCATION_INDEXES,
            "CREATE TABLE bulk_writes (change_id INTEGER PRIMARY KEY REFERENCES changes(id), "
            "table_name TEXT NOT NULL, inserted TEXT NOT NULL, replaced TEXT NOT NULL, "
            "digest TEXT NOT NULL)",
        ),
        (
            "CREATE TABLE locations (rid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
            f"{_LOCATION_COLUMNS}, geom geometry(Point, 4326) GENERATED ALWAYS AS (CASE WHEN "
            "lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED)",
            "CREATE INDEX locations_geom ON locations USING GIST (geom)",
            *_LOCATION_INDEXES,
            "CREATE TABLE bulk_writes (change_id BIGINT PRIMARY KEY REFERENCES changes(id), "
            "table_name TEXT NOT NULL, inserted TEXT NOT NULL, replaced TEXT NOT NULL, "
            "digest TEXT NOT NULL)",
        ),
        _fill_locations,
    ),
    Migration(
        6,
        "events, places, zones: rev, the change that last wrote each record (lost updates)",
        tuple(f"ALTER TABLE {t} ADD COLUMN rev INTEGER" for t in ("events", "places", "zones")),
        tuple(f"ALTER TABLE {t} ADD COLUMN rev BIGINT" for t in ("events", "places", "zones")),
    ),
)

LATEST = MIGRATIONS[-1].version
VERSIONED = frozenset({"events", "places", "zones"})  # the tables with a `rev` column (v6)

BOOTSTRAP = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)

# Every table holding data, in the order a dump lists them.
# (`locations` is derived from events, places and zones; `bulk_writes` is undo bookkeeping.)
TABLES = ("meta", "factions", "actors", "sources", "places", "zones", "events", "changes", "audit")


def pending(current: int, target: int | None = None) -> list[Migration]:
    """The migrations that take a database from version `current` to `target` (the latest by
    default), in order."""
    target = LATEST if target is None else target
    if not 0 <= target <= LATEST:
        raise ArgumentError(f"`target` was {target} but is expected to be between 0 and {LATEST}")
    return [m for m in MIGRATIONS if current < m.version <= target]
