"""Many events in one change, with one audit row, and their exact undo: how imports write.

An edit records each record before and after in `audit`; for an import of a million events
that is the 4 GB database issue 10 measured. A bulk write (`BulkWriter`) records instead one
`audit` row (action "bulk", record "<n> events": counts before and after) and one `bulk_writes`
row holding what undo needs and no more: the ids it inserted, the documents it replaced (as they
were), and a digest of every document it wrote. `undo_bulk` checks that digest against the
documents as they are (nothing changed them since), deletes the inserted ones and writes the
replaced ones back -- again one audited change. The `locations` rows follow every write.

`import_events` writes an import's events so: from memory (`ImportResult.records`, checked as
an edit is) or streamed from the spool of a large file (`formats.stream`: records that offer
`documents()`, validated while the file was read; their references are checked here, at the
end, against the database as it is then).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..errors import Problem, ValidationError
from . import rows
from .checks import WHERE, check_events, check_places, unique, valid
from .errors import StoreError
from .locations import copy_or_insert
from .reads import CHUNK

if TYPE_CHECKING:
    from ..formats import ImportResult
    from .transaction import Progress, Tx

BATCH = 5_000  # documents per batch
MASK = (1 << 64) - 1
BULK = "bulk"  # the audit action of a bulk write
CACHE_MB = 256  # SQLite's page cache while a large import writes
INDEX_LATER = 200_000  # rows of an import from which SQLite builds the indexes at the end


def _hash(doc_id: str, canonical: str) -> int:
    h = hashlib.blake2b(f"{doc_id}\0{canonical}".encode(), digest_size=8)
    return int.from_bytes(h.digest(), "big")


class BulkWriter:
    """The events one transaction writes in bulk (see the module docstring)."""

    def __init__(self, tx: Tx, table: str = "events") -> None:
        self.tx, self.table = tx, table
        self.inserted: list[str] = []
        self.replaced: dict[str, Mapping[str, Any]] = {}
        self.digest = 0
        self.upsert = tx.b.q(tx._upsert_sql(table))
        # The columns the upsert names, in the order `Tx._row_params` gives their values.
        named = re.search(r"\(([^)]*)\) VALUES", self.upsert)
        self.columns = [c.strip() for c in (named.group(1) if named else "").split(",")]

    def put(self, docs: Sequence[Mapping[str, Any]]) -> None:
        """Insert or replace a batch of documents (unchanged ones are counted and left)."""
        tx = self.tx
        before = tx.get_many(self.table, [d["id"] for d in docs])
        write = []
        for doc in docs:
            old, canon = before.get(doc["id"]), rows.canonical(doc)
            if old is not None and rows.canonical(old) == canon:
                tx.counts["unchanged"] += 1
                continue
            if old is None:
                self.inserted.append(doc["id"])
            else:
                self.replaced[doc["id"]] = old
            tx.counts["insert" if old is None else "update"] += 1
            self.digest = (self.digest + _hash(doc["id"], canon)) & MASK
            write.append(doc)
        if write:
            fresh = [tx._row_params(self.table, d) for d in write if d["id"] not in before]
            if fresh:
                copy_or_insert(tx, self.table, self.columns, fresh)
            replaced = [tx._row_params(self.table, d) for d in write if d["id"] in before]
            if replaced:
                tx.cur.executemany(self.upsert, replaced)
            tx.locations.written(self.table, write, before)

    def finish(self) -> None:
        """The change's one audit row and its undo bookkeeping (nothing when nothing changed)."""
        if not self.inserted and not self.replaced:
            return
        tx, n = self.tx, len(self.inserted) + len(self.replaced)
        tx.record(
            BULK,
            (self.table, f"{n} {self.table}"),
            {"replaced": len(self.replaced)},
            {"inserted": len(self.inserted), "replaced": len(self.replaced)},
        )
        tx._ex(
            "INSERT INTO bulk_writes (change_id, table_name, inserted, replaced, digest) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                tx.change_id,
                self.table,
                rows.dumps(self.inserted),
                rows.dumps(self.replaced),
                f"{self.digest:016x}",
            ],
        )


def undo_bulk(tx: Tx, change_id: int) -> None:
    """Inside the undo's transaction: revert the bulk write of `change_id`, if it made one."""
    found = tx._ex(
        "SELECT table_name, inserted, replaced, digest FROM bulk_writes WHERE change_id = ?", [change_id]
    ).fetchone()
    if found is None:
        return
    table, inserted = found[0], json.loads(found[1])
    replaced: dict[str, Any] = json.loads(found[2])
    if _digest_now(tx, table, [*inserted, *replaced]) != found[3]:
        raise StoreError(f"cannot undo change {change_id}: some of its {table} were changed since")
    for i in range(0, len(inserted), CHUNK):
        part = inserted[i : i + CHUNK]
        tx._ex(f"DELETE FROM {table} WHERE id IN ({', '.join('?' * len(part))})", part)
        tx.locations.deleted(table, part, {})
    writer = BulkWriter(tx, table)
    docs = list(replaced.values())
    for i in range(0, len(docs), BATCH):
        writer.put(docs[i : i + BATCH])
    tx.counts["delete"] += len(inserted)
    tx.record(
        BULK,
        (table, f"{len(inserted) + len(replaced)} {table}"),
        {"inserted": len(inserted), "replaced": len(replaced)},
        {"restored": len(docs)},
    )


def _digest_now(tx: Tx, table: str, ids: Sequence[str]) -> str:
    total = 0
    for i in range(0, len(ids), CHUNK):
        part = ids[i : i + CHUNK]
        current = tx.get_many(table, part)
        if len(current) != len(part):
            return "missing"
        for rid in part:
            total = (total + _hash(rid, rows.canonical(current[rid]))) & MASK
    return f"{total:016x}"


# -- imports -------------------------------------------------------------------------------------


def import_events(tx: Tx, result: ImportResult, progress: Progress | None = None) -> None:
    """The events of an import, with the places and sources they bring (see the docstring)."""
    spooled = getattr(result.records, "documents", None)
    if spooled is None:
        events = valid(result.records)
        unique(events)
        new_places = valid(result.places)
        if new_places:
            check_places(tx, new_places)
        check_events(tx, events, extra_places=[p.id for p in new_places])
        tx.put_many("places", [rows.document(p) for p in new_places])
        _write_sources(tx, {e.source.id: rows.document(e.source) for e in events})
        batches: Iterable[list[dict[str, Any]]] = (
            [rows.document(e, result.attrs.get(e.id)) for e in events[i : i + BATCH]]
            for i in range(0, len(events), BATCH)
        )
        total = len(events)
    else:
        sources = result.records.sources  # type: ignore[attr-defined]
        _write_sources(tx, {s.id: rows.document(s) for s in sources.values()})
        batches, total = spooled(BATCH), len(result.records)
    writer = BulkWriter(tx)
    refs = _References()
    done = 0
    with _page_cache(tx, total), _indexes_later(tx, total):
        for docs in batches:
            refs.add(docs)
            writer.put(docs)
            done += len(docs)
            if progress is not None:
                progress(done, total)
    if spooled is not None:
        refs.check(tx)
    writer.finish()


@contextmanager
def _indexes_later(tx: Tx, rows: int) -> Iterator[None]:
    """SQLite, an import of `INDEX_LATER` rows or more into a smaller `locations` table: its
    indexes (but the one by event, which replacing an event uses) are built once at the end,
    a sort each, rather than row by row. Inside the transaction: readers keep the old ones
    until the commit, and a failed import rolls the drop back."""
    if tx.b.name != "sqlite" or rows < INDEX_LATER:
        yield
        return
    if tx._ex("SELECT COUNT(*) FROM locations").fetchone()[0] > rows:
        yield
        return
    later = [
        (name, sql)
        for name, sql in tx._ex(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'locations' "
            "AND sql IS NOT NULL AND name <> 'locations_event'"
        ).fetchall()
    ]
    for name, _ in later:
        tx._ex(f"DROP INDEX {name}")
    yield
    for _, sql in later:
        tx._ex(sql)


@contextmanager
def _page_cache(tx: Tx, rows: int) -> Iterator[None]:
    """SQLite keeps 2 MB of pages by default: a large import's index inserts would go to disk
    for each page they touch. For its duration, up to `CACHE_MB`."""
    if tx.b.name != "sqlite" or rows < 50_000:
        yield
        return
    before = tx._ex("PRAGMA cache_size").fetchone()[0]
    tx._ex(f"PRAGMA cache_size = {-CACHE_MB * 1024}")
    try:
        yield
    finally:
        tx._ex(f"PRAGMA cache_size = {int(before)}")


def _write_sources(tx: Tx, docs: Mapping[str, dict[str, Any]]) -> None:
    tx.put_many("sources", list(docs.values()))


class _References:
    """The places and actors streamed events refer to, checked once at the end."""

    def __init__(self) -> None:
        self.places: dict[str, str] = {}  # id -> the first event referring to it
        self.actors: dict[str, str] = {}

    def add(self, docs: Iterable[Mapping[str, Any]]) -> None:
        for d in docs:
            for pid in d.get("places") or ():
                self.places.setdefault(pid, d["id"])
            for role in ("actor", "target", "mediator"):
                if d.get(role):
                    self.actors.setdefault(d[role], d["id"])

    def check(self, tx: Tx) -> None:
        known_places = tx.ids("places") | {p.id for p in tx.b.fallback_places()}
        known_actors = tx.ids("actors")
        problems = [
            Problem(WHERE, eid, "places", f"unknown place {pid!r}")
            for pid, eid in self.places.items()
            if pid not in known_places
        ]
        problems += [
            Problem(WHERE, eid, "actor", f"unknown actor {aid!r}")
            for aid, eid in self.actors.items()
            if aid not in known_actors
        ]
        if problems:
            raise ValidationError(problems)
