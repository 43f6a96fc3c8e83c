"""The data the dashboard shows, read through the store (`geodata.store.open_store`): the embedded
SQLite file at `ZONEMAP_DB`, or PostgreSQL at `ZONEMAP_DATABASE_URL`. The dashboard never
creates, migrates or seeds the database (`zonemap serve` and `make run` do it once before
serving, or `zonemap db init|migrate`): opening only reads, so no viewer waits for a writer.

No Streamlit here: `session` caches what these functions return.
"""

from __future__ import annotations

import hashlib

from geodata.dataset import Dataset
from geodata.settings import Settings, get_settings
from geodata.store import Store, StoreError, open_store
from geodata.store.errors import GENERIC_PUBLIC


def settings(env: dict[str, str] | None = None) -> Settings:
    return get_settings(env)


def store_key(s: Settings) -> tuple[str, ...]:
    """What tells two stores apart: where the data is, the seed, and the editor secret (hashed,
    so that the cache key does not hold it)."""
    secret = hashlib.sha256(s.editor_secret.encode()).hexdigest() if s.editor_secret else ""
    return (s.database_url or "", "" if s.database_url else str(s.db_path), str(s.data_dir), secret)


def connect(s: Settings) -> Store:
    """The read-only store of the settings (a SchemaError when the database is missing or out
    of date: its message says what to run)."""
    return open_store(s)


def public_reason(exc: BaseException) -> str:
    """Why the database cannot be used, as a page may say it to anyone: a store error's public
    text (what to run), never the server's file path or URL (those go to the server's log)."""
    return exc.public if isinstance(exc, StoreError) else GENERIC_PUBLIC


def load(store: Store) -> Dataset:
    """Everything in the store, drafts and rejected events included (raises geodata's errors)."""
    return store.load_dataset()


def load_reference(store: Store) -> Dataset:
    """Places, actors, factions, zones and sources, without events (what viewers' pages hold)."""
    return store.load_reference()
