"""The data the dashboard shows, read through the store (`geodata.store.open_store`): the embedded
SQLite file at `ZONEMAP_DB`, or PostgreSQL at `ZONEMAP_DATABASE_URL`, created and seeded from the
shipped data on first use (so `make run` needs no server). Plus, when `ZONEMAP_EXTRA_EVENTS`
names a JSON file, the events in it.

The extra-events file is how the browser tests put a hostile report (markup in every text field)
in front of a real browser without writing into any database; a deployment leaves it unset. Its
format is that of `events.json` (docs/data-formats.md); `source` may be a source id of the
dataset or a whole source object.

No Streamlit here: `session` caches what these functions return.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from geodata.dataset import Dataset
from geodata.model import Event
from geodata.settings import Settings, get_settings
from geodata.store import Store, open_store

EXTRA_EVENTS_ENV = "ZONEMAP_EXTRA_EVENTS"


class ExtraEventsError(ValueError):
    """The extra-events file cannot be used."""


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


def read_extra_events(path: Path, dataset: Dataset) -> list[Event]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExtraEventsError(f"{EXTRA_EVENTS_ENV}={path}: cannot read it ({exc})") from exc
    if not isinstance(records, list):
        raise ExtraEventsError(f"{EXTRA_EVENTS_ENV}={path}: expected a JSON list of events")
    events = []
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            raise ExtraEventsError(f"{path}: record #{i} is not an object")
        source = record.get("source")
        if isinstance(source, str):
            if source not in dataset.sources:
                raise ExtraEventsError(
                    f"{path}: record {record.get('id', i)}: unknown source id {source!r}; "
                    f"known: {', '.join(sorted(dataset.sources)) or 'none'}"
                )
            record = {**record, "source": dataset.sources[source]}
        try:
            events.append(Event.model_validate(record))
        except ValueError as exc:
            raise ExtraEventsError(f"{path}: record {record.get('id', i)}: {exc}") from exc
    return events


def extra_events_path(env: dict[str, str] | None = None) -> str:
    return dict(os.environ if env is None else env).get(EXTRA_EVENTS_ENV, "")


def load(store: Store, extra: str = "") -> Dataset:
    """Everything in the store (drafts and rejected events included), plus the extra events of
    the file `extra` names (raises geodata's errors, or ExtraEventsError)."""
    dataset = store.load_dataset()
    if extra:
        dataset = dataset.with_events([*dataset.events, *read_extra_events(Path(extra), dataset)])
    return dataset
