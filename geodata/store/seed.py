"""Filling a database from the shipped data (`geodata/data/`, or ZONEMAP_DATA_DIR): the first
seed, and, when a newer release ships different data (its fingerprint changed), the records
the database lacks."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..dataset import Dataset, read_dataset
from ..settings import Settings
from . import rows
from .backend import Backend, now
from .errors import StoreError
from .transaction import Entry, Tx

SEED_USER = "zonemap"


def _records(dataset: Dataset) -> dict[str, list[Any]]:
    """The records a dataset seeds, by table, in the order they are written."""
    gaz = dataset.gazetteer
    sources = {**dataset.sources, **{e.source.id: e.source for e in dataset.events}}
    return {
        "factions": list(dataset.factions.values()),
        "actors": list(dataset.actors.values()),
        "sources": list(sources.values()),
        "places": [p for pid, p in gaz.places.items() if pid in gaz.curated],
        "zones": list(dataset.zones),
        "events": list(dataset.events),
    }


def _meta(backend: Backend, cur: Any, key: str) -> str | None:
    cur.execute(backend.q("SELECT value FROM meta WHERE key = ?"), (key,))
    row = cur.fetchone()
    return row[0] if row else None


def _set_meta(backend: Backend, cur: Any, key: str, value: str) -> None:
    cur.execute(backend.q("DELETE FROM meta WHERE key = ?"), (key,))
    cur.execute(backend.q("INSERT INTO meta (key, value) VALUES (?, ?)"), (key, value))


def seed(backend: Backend, dataset: Dataset, source: str, fingerprint: str | None = None) -> bool:
    """Fill an empty database with a dataset (the shipped data); False when it was seeded
    before. One transaction, one `seed` change, no audit rows (the seed cannot be undone)."""
    with backend.write() as cur:
        if _meta(backend, cur, "seeded_at") is not None:
            return False
        tx = Tx(backend, cur, Entry(SEED_USER, "seed", f"seed from {source}"), audit=False)
        for table, records in _records(dataset).items():
            tx.put_many(table, [rows.document(r) for r in records], known_absent=True)
        tx.finish()
        _set_meta(backend, cur, "seeded_at", now())
        _set_meta(backend, cur, "seed_source", source)
        if fingerprint is not None:
            _set_meta(backend, cur, "seed_fingerprint", fingerprint)
    return True


def seed_update(backend: Backend, dataset: Dataset, source: str, fingerprint: str) -> int:
    """Add what newer shipped data has and the database lacks: records whose ids are absent,
    and zone snapshots of dates the database has none of. Records the database already holds
    are left alone, for an editor may have changed them. One audited change (so it can be
    undone); returns the number of records added."""
    added = 0
    with backend.write() as cur:
        if _meta(backend, cur, "seed_fingerprint") == fingerprint:
            return 0
        tx = Tx(backend, cur, Entry(SEED_USER, "seed-update", f"new records from {source}"))
        zone_ids = tx.ids("zones")
        have_dates = {z.valid_from for z in dataset.zones if z.id in zone_ids}
        for table, records in _records(dataset).items():
            present = zone_ids if table == "zones" else tx.ids(table)
            new = [
                rows.document(r)
                for r in records
                if r.id not in present and (table != "zones" or r.valid_from not in have_dates)
            ]
            if new:
                tx.put_many(table, new, known_absent=True)
                added += len(new)
        tx.finish()
        _set_meta(backend, cur, "seed_fingerprint", fingerprint)
    return added


def seed_fingerprint(data_dir: Path) -> str:
    """A digest of the shipped data files, to notice that a new release brought new data."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(data_dir).rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(data_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def stored_fingerprint(backend: Backend) -> str | None:
    """The fingerprint of the shipped data the database was last seeded or updated from."""
    with backend.read() as cur:
        return _meta(backend, cur, "seed_fingerprint") if backend.table_exists(cur, "meta") else None


def seeded_at(backend: Backend) -> str | None:
    with backend.read() as cur:
        return _meta(backend, cur, "seeded_at") if backend.table_exists(cur, "meta") else None


def load_seed(settings: Settings) -> Dataset:
    """The shipped (seed) data, refused with a clear message when it has problems."""
    dataset, problems = read_dataset(settings.data_dir)
    if problems:
        shown = "\n".join(f"  {p}" for p in problems[:5])
        more = f"\n  ... and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise StoreError(
            f"cannot seed the database: the data in {settings.data_dir} has "
            f"{len(problems)} problem(s); run `zonemap validate`.\n{shown}{more}"
        )
    return dataset
