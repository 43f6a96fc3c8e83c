"""One write transaction and its audit trail, and undo.

Every write transaction is one row of `changes` (an `Entry`: who, what) and one row of `audit`
per record it changed, with the record's document before and after (`rows.py`); `undo_latest`
writes the `before` documents of the latest change back, as a new change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import accounts
from . import rows
from .backend import Backend, now
from .bulk import BULK, undo_bulk
from .errors import NothingToUndoError, StoreError, UnknownRecordError, WriteRefused
from .locations import LocationSync
from .reads import CHUNK, Reads
from .schema import VERSIONED

Progress = Callable[[int, int], None]
ACCOUNT_ACTION = "account"  # the `action` of changes to editor accounts (never undone)


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
class Entry:
    """The `changes` row a write transaction begins with: who, what, and what it undoes."""

    user: str
    action: str
    summary: str
    undoes: int | None = None


class Tx(Reads):
    """The records written by one write transaction, with their audit rows (none when `audit`
    is false: the seed)."""

    def __init__(self, backend: Backend, cur: Any, entry: Entry, *, audit: bool = True) -> None:
        super().__init__(backend, cur)
        self.user, self.audit = entry.user, audit
        self.at = now()
        self.counts = {"insert": 0, "update": 0, "delete": 0, "unchanged": 0}
        cur.execute(
            backend.q(
                "INSERT INTO changes (at, user_name, action, summary, undoes) "
                "VALUES (?, ?, ?, ?, ?) RETURNING id"
            ),
            (self.at, entry.user, entry.action, entry.summary, entry.undoes),
        )
        self.change_id = int(cur.fetchone()[0])
        self.locations = LocationSync(self)  # the rows views query, kept in step

    def _upsert_sql(self, table: str) -> str:
        cols = ["id", "data", *rows.COLUMNS[table], *(["rev"] if table in VERSIONED else [])]
        marks = [self.b.json_param if c in rows.JSON_COLUMNS else "?" for c in cols]
        if table in rows.SPATIAL:
            cols, marks = [*cols, "geom"], [*marks, self.b.geom_param]
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
        return (
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(marks)}) "
            f"ON CONFLICT (id) DO UPDATE SET {updates}"
        )

    def _row_params(self, table: str, doc: Mapping[str, Any]) -> list[Any]:
        values = rows.row_values(table, doc)
        params = [values["id"], self.b.json_value(values["data"])]
        params += [
            self.b.json_value(values[c]) if c in rows.JSON_COLUMNS else values[c] for c in rows.COLUMNS[table]
        ]
        if table in VERSIONED:
            params.append(self.change_id)  # `rev`: this change wrote the row last
        if table in rows.SPATIAL:
            params.append(rows.wkb(rows.geometry_of(doc)))
        return params

    def _audit_sql(self) -> str:
        j = self.b.json_param
        return self.b.q(
            "INSERT INTO audit (change_id, at, user_name, action, table_name, "
            f"record_id, before, after) VALUES (?, ?, ?, ?, ?, ?, {j}, {j})"
        )

    def _audit_row(self, action: str, where: tuple[str, str], before: Any, after: Any) -> tuple[Any, ...]:
        """The audit row of `action` on the record `where` (table, record id)."""
        return (
            self.change_id,
            self.at,
            self.user,
            action,
            *where,
            self.b.json_value(before),
            self.b.json_value(after),
        )

    def record(self, action: str, where: tuple[str, str], before: Any, after: Any) -> None:
        """An audit row for a change this transaction made by itself (an editor account, a
        bulk write) to the record `where` (table, record id)."""
        self.cur.execute(self._audit_sql(), self._audit_row(action, where, before, after))

    def put_many(
        self,
        table: str,
        docs: Sequence[Mapping[str, Any]],
        *,
        progress: Progress | None = None,
        known_absent: bool = False,
    ) -> None:
        """Insert or replace records (documents), auditing each one that changes."""
        upsert, audit = self.b.q(self._upsert_sql(table)), self._audit_sql()
        for i in range(0, len(docs), CHUNK):
            part = docs[i : i + CHUNK]
            before = {} if known_absent else self.get_many(table, [d["id"] for d in part])
            row_params, audit_params, written = [], [], []
            for doc in part:
                old = before.get(doc["id"])
                if old is not None and rows.canonical(old) == rows.canonical(doc):
                    self.counts["unchanged"] += 1
                    continue
                action = "insert" if old is None else "update"
                self.counts[action] += 1
                row_params.append(self._row_params(table, doc))
                written.append(doc)
                if self.audit:
                    audit_params.append(self._audit_row(action, (table, doc["id"]), old, doc))
            if row_params:
                self.cur.executemany(upsert, row_params)
                self.locations.written(table, written, before)
            if audit_params:
                self.cur.executemany(audit, audit_params)
            if progress is not None:
                progress(i + len(part), len(docs))

    def put(self, table: str, doc: Mapping[str, Any]) -> None:
        self.put_many(table, [doc])

    def delete(self, table: str, record_id: str) -> dict[str, Any]:
        old = self.get(table, record_id)
        if old is None:
            raise UnknownRecordError(table, record_id)
        self.delete_many(table, [record_id], {record_id: old})
        return old

    def delete_many(
        self, table: str, record_ids: Sequence[str], before: Mapping[str, Mapping[str, Any]]
    ) -> None:
        """Delete records whose current documents (`before`) the caller has read."""
        for i in range(0, len(record_ids), CHUNK):
            part = list(record_ids[i : i + CHUNK])
            marks = ", ".join("?" * len(part))
            self._ex(f"DELETE FROM {table} WHERE id IN ({marks})", part)
            self.counts["delete"] += len(part)
            self.locations.deleted(table, part, before)
            if self.audit:
                self.cur.executemany(
                    self._audit_sql(),
                    [self._audit_row("delete", (table, rid), before[rid], None) for rid in part],
                )

    def finish(self) -> Applied:
        """Drop the change row of a transaction that changed nothing."""
        self.locations.settle()
        c = self.counts
        changed = c["insert"] + c["update"] + c["delete"]
        if not changed:
            self._ex("DELETE FROM changes WHERE id = ?", [self.change_id])
        return Applied(
            self.change_id if changed else None, c["insert"], c["update"], c["delete"], c["unchanged"]
        )


# -- undo --------------------------------------------------------------------------------------


def undoable(cur: Any) -> Change | None:
    """The latest change that undo may revert: not the seed, not an undo, not a change to an
    editor account (those are made again with `zonemap editors`)."""
    cur.execute(
        "SELECT id, user_name, at, action, summary FROM changes WHERE undone_by IS NULL "
        f"AND undoes IS NULL AND action <> 'seed' AND action <> '{ACCOUNT_ACTION}' "
        "ORDER BY id DESC LIMIT 1"
    )
    row = cur.fetchone()
    if row is None:
        return None
    return Change(int(row[0]), row[1], dt.datetime.fromisoformat(row[2]), row[3], row[4], None, None)


def undo_latest(backend: Backend, cur: Any, author: str, *, role: str, expected: int | None = None) -> Change:
    """Inside a write transaction: undo the latest change not yet undone, as a new change by
    `author`; return the change undone. An `author` of role "editor" may undo only their own
    change (`accounts.undo_refusal`); with `expected`, the change must be that one (the one
    the person confirmed), else a StoreError names the change that is the latest now."""
    target = undoable(cur)
    if target is None:
        raise NothingToUndoError()
    if expected is not None and target.id != expected:
        raise StoreError(
            f"the last change is now #{target.id} by {target.user} "
            f"({target.summary}), not #{expected}; look at it and confirm again"
        )
    refusal = accounts.undo_refusal(role, author, target.user)
    if refusal:
        raise WriteRefused(f"cannot undo change #{target.id}: {refusal}")
    tx = Tx(
        backend, cur, Entry(author, "undo", f"undo change {target.id}: {target.summary}", undoes=target.id)
    )
    undo_bulk(tx, target.id)  # an import's events: one audit row, undone in bulk
    cur.execute(
        backend.q(
            "SELECT table_name, record_id, before, after FROM audit "
            f"WHERE change_id = ? AND action <> '{BULK}' ORDER BY id"
        ),
        (target.id,),
    )
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
            if rows.canonical(current.get(rid)) != rows.canonical(backend.load_json(last[(table, rid)])):
                raise StoreError(f"cannot undo change {target.id}: {table} {rid!r} was changed since")
        restore = [backend.load_json(first[(table, rid)]) for rid in ids]
        tx.put_many(table, [d for d in restore if d is not None])
        tx.delete_many(table, [rid for rid, d in zip(ids, restore, strict=True) if d is None], current)
    cur.execute(backend.q("UPDATE changes SET undone_by = ? WHERE id = ?"), (tx.change_id, target.id))
    tx.locations.settle()
    return target
