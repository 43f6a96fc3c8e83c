"""The dataset the dashboard shows: the shipped data (`geodata.dataset.load_dataset`, directory
from `ZONEMAP_DATA_DIR`), plus, when `ZONEMAP_EXTRA_EVENTS` names a JSON file, the events in it.

The extra-events file is how the browser tests put a hostile report (markup in every text field)
in front of a real browser without touching the shipped data; a deployment leaves it unset. Its
format is that of `events.json` (docs/data-formats.md); `source` may be a source id of the
dataset or a whole source object.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from geodata.dataset import Dataset, load_dataset
from geodata.model import Event
from geodata.settings import get_settings

EXTRA_EVENTS_ENV = "ZONEMAP_EXTRA_EVENTS"


class ExtraEventsError(ValueError):
    """The extra-events file cannot be used."""


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


def load(env: dict[str, str] | None = None) -> Dataset:
    """The dataset to show (raises geodata's ValidationError on bad shipped data)."""
    env = dict(os.environ if env is None else env)
    dataset = load_dataset(get_settings(env).data_dir)
    extra = env.get(EXTRA_EVENTS_ENV)
    if extra:
        dataset = dataset.with_events([*dataset.events, *read_extra_events(Path(extra), dataset)])
    return dataset
