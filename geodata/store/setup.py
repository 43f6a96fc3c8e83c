"""Bringing a database to what this Zonemap needs, once, by whoever may write it: `zonemap db
init` and `zonemap db migrate`, and `zonemap serve` before it starts serving. Opening a store
never does any of this (`open_store` only reads the schema version and says what to run), so
that no viewer waits for a writer.

`prepare` applies the missing migrations, fills an empty database with the shipped data (when
asked), and adds what newer shipped data brings (a seed update, `seed.seed_update`). Each step
first reads whether it is needed and takes the write lock only then, re-checking under it: on
an up-to-date database it writes nothing (a read-only role may run it), and several processes
starting at once apply each step once.
"""

from __future__ import annotations

from typing import NamedTuple

from .backend import Backend
from .migrations import Status, migrate, status
from .schema import LATEST, Migration
from .seed import load_seed, seed, seed_fingerprint, seed_update, seeded_at, stored_fingerprint


class Prepared(NamedTuple):
    """What `prepare` did: the database's status after it, the migrations applied, whether it
    was seeded now, and how many records a seed update added."""

    status: Status
    applied: list[Migration]
    seeded: bool
    added: int


def prepare(backend: Backend, *, seed_empty: bool = True, target: int | None = None) -> Prepared:
    """Migrate to `target` (the latest by default); then, at the latest schema, seed an empty
    database (if `seed_empty`) or add what newer shipped data has (a seeded one)."""
    applied = migrate(backend, target)
    seeded, added = False, 0
    if target is None or target == LATEST:
        data_dir = backend.settings.data_dir
        fingerprint = seed_fingerprint(data_dir)
        if not seeded_at(backend):
            if seed_empty:
                seeded = seed(backend, load_seed(backend.settings), str(data_dir), fingerprint)
        elif stored_fingerprint(backend) != fingerprint:
            added = seed_update(backend, load_seed(backend.settings), str(data_dir), fingerprint)
    return Prepared(status(backend), applied, seeded, added)
