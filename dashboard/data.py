"""The data the dashboard shows, read through the store (`geodata.store.open_store`): the embedded
SQLite file at `ZONEMAP_DB`, or PostgreSQL at `ZONEMAP_DATABASE_URL`, created and seeded from the
shipped data on first use (so `make run` needs no server).

No Streamlit here: `session` caches what these functions return.
"""

from __future__ import annotations

import hashlib

from geodata.dataset import Dataset
from geodata.settings import Settings, get_settings
from geodata.store import Store, open_store


def settings(env: dict[str, str] | None = None) -> Settings:
    return get_settings(env)


def store_key(s: Settings) -> tuple[str, ...]:
    """What tells two stores apart: where the data is, the seed, and the editor secret (hashed,
    so that the cache key does not hold it)."""
    secret = hashlib.sha256(s.editor_secret.encode()).hexdigest() if s.editor_secret else ""
    return (s.database_url or "", "" if s.database_url else str(s.db_path), str(s.data_dir), secret)


def connect(s: Settings) -> Store:
    """The read-only store of the settings; created, migrated and seeded on first use."""
    return open_store(s)


def load(store: Store) -> Dataset:
    """Everything in the store, drafts and rejected events included (raises geodata's errors)."""
    return store.load_dataset()
