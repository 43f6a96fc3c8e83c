"""Record versions, against lost updates: which change last wrote each event, place and zone
(the `rev` column, schema v6, set by every write of the row), read together with the record
(`read_versioned`) and compared in the write transaction that saves it (`require_version`).

Two editors load the same event; the first saves; the second, saving from the copy loaded
before, is refused with a `ConflictError` that names the change it would overwrite (who, when,
change number), instead of silently overwriting it. A version of None stands for "absent": a
new record expected not to exist yet (someone else may have added one with that id).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from . import rows
from .errors import ConflictError
from .reads import Reads
from .transaction import Change


class Versioned(NamedTuple):
    """A record (its model) and its version: the change that last wrote it (0: not written
    since versions were kept)."""

    record: Any
    version: int


def current_version(r: Reads, table: str, record_id: str) -> int | None:
    """The version of a stored record, None when there is no such record."""
    row = r._ex(f"SELECT rev FROM {table} WHERE id = ?", [record_id]).fetchone()
    return None if row is None else int(row[0] or 0)


def read_versioned(r: Reads, table: str, record_id: str) -> Versioned | None:
    """A record and its version, read in one transaction (None: no such record)."""
    doc = r.get(table, record_id)
    version = current_version(r, table, record_id)
    if doc is None or version is None:
        return None
    sources = None
    if table == "events":
        source = r.get("sources", doc["source"])
        sources = {source["id"]: rows.model_of("sources", source)} if source else {}
    geom = rows.geometry_of(doc) if table in rows.SPATIAL else None
    return Versioned(rows.model_of(table, doc, geom, sources), version)


def require_version(r: Reads, table: str, record_id: str, expected: int | None) -> None:
    """Inside the write transaction: ConflictError unless the record is still at the version
    the caller's copy was read at (`expected`; None: the record must not exist yet)."""
    current = current_version(r, table, record_id)
    if current == expected:
        return
    if current is None:
        raise ConflictError(table, record_id, _deleted_by(r, table, record_id, expected or 0), "deleted")
    happened = "added" if expected is None else "changed"
    raise ConflictError(table, record_id, _change(r, current), happened)


def _change(r: Reads, change_id: int) -> Change | None:
    row = r._ex(
        "SELECT id, user_name, at, action, summary, undoes, undone_by FROM changes WHERE id = ?", [change_id]
    ).fetchone()
    if row is None:
        return None
    return Change(int(row[0]), row[1], dt.datetime.fromisoformat(row[2]), row[3], row[4], row[5], row[6])


def _deleted_by(r: Reads, table: str, record_id: str, since: int) -> Change | None:
    """The change that deleted a record after change `since` (from the audit trail: the
    changes after `since` only, through the index on change ids)."""
    row = r._ex(
        "SELECT change_id FROM audit WHERE change_id > ? AND table_name = ? AND "
        "record_id = ? AND action = 'delete' ORDER BY id DESC LIMIT 1",
        [since, table, record_id],
    ).fetchone()
    return None if row is None else _change(r, int(row[0]))
