"""The read side of a store: what a viewer may ask, and what every other face of the store
(`editor.SqlStore`, `editor.SqlEditor`, `admin.SqlAdmin`) builds on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Self

from ..dataset import Dataset
from ..gazetteer import Gazetteer
from ..model import Event, ReviewStatus
from . import rows, signin
from .backend import Backend
from .errors import ArgumentError
from .migrations import Status, schema_version, status
from .reads import Reads
from .schema import VERSIONED
from .transaction import AuditEntry, Change, undoable
from .versions import Versioned, read_versioned
from .views import ViewReads


class SqlReader(ViewReads):
    """Reading one database (`backend`); each method is one read transaction."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    @property
    def backend(self) -> str:
        return self._backend.name

    @property
    def location(self) -> str:
        return self._backend.location

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.backend} {self.location}>"

    def close(self) -> None:
        self._backend.close()

    def release(self) -> None:
        """Close this thread's connection (the next call in this thread reconnects)."""
        self._backend.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _scope(self) -> str:
        """What tells this database's throttle records from another's (in one process)."""
        return signin.scope(self._backend)

    @contextmanager
    def _reading(self) -> Iterator[Reads]:
        with self._backend.read() as cur:
            yield Reads(self._backend, cur)

    def load_dataset(self) -> Dataset:
        """Everything in the database as a Dataset: all events, drafts and rejected ones
        included (their `review` says which)."""
        with self._reading() as r:
            factions = {f.id: f for f in r.models("factions")}
            actors = {a.id: a for a in r.models("actors")}
            sources = {s.id: s for s in r.models("sources")}
            places = r.models("places")
            zones = r.models("zones")
            docs = r.all("events")
        events = [rows.model_of("events", d, None, sources) for d in docs]
        zones.sort(key=lambda z: (z.valid_from, z.id))
        events.sort(key=lambda e: (e.date, e.id))
        gazetteer = Gazetteer.build(places, self._backend.fallback_places())
        return Dataset(gazetteer, actors, factions, zones, events, sources)

    def load_reference(self) -> Dataset:
        """What every view needs but the events: places, actors, factions, zones and sources
        (a Dataset whose `events` is empty). Views ask the store for events (`views.py`)."""
        with self._reading() as r:
            factions = {f.id: f for f in r.models("factions")}
            actors = {a.id: a for a in r.models("actors")}
            sources = {s.id: s for s in r.models("sources")}
            places = r.models("places")
            zones = r.models("zones")
        zones.sort(key=lambda z: (z.valid_from, z.id))
        gazetteer = Gazetteer.build(places, self._backend.fallback_places())
        return Dataset(gazetteer, actors, factions, zones, [], sources)

    def versioned(self, table: str, record_id: str) -> Versioned | None:
        """An event, place or zone (`table`) and its version, read together: what an editor's
        form starts from, and the `version` its save passes back (`versions.py`)."""
        if table not in VERSIONED:
            raise ArgumentError(
                f"`table` was {table!r} but is expected to be one of {', '.join(sorted(VERSIONED))}"
            )
        with self._reading() as r:
            return read_versioned(r, table, record_id)

    def drafts(self) -> list[Event]:
        """Events waiting for review, oldest first."""
        with self._reading() as r:
            sources = {s.id: s for s in r.models("sources")}
            docs = r.all("events", "WHERE review = ?", [ReviewStatus.DRAFT.value])
        found = [rows.model_of("events", d, None, sources) for d in docs]
        return sorted(found, key=lambda e: (e.date, e.id))

    def event_attrs(self) -> dict[str, dict[str, Any]]:
        """What imports kept beside the model, by event id (ACLED's external id, precision
        codes and raw actor names)."""
        b = self._backend
        with b.read() as cur:
            cur.execute("SELECT id, attrs FROM events WHERE attrs IS NOT NULL ORDER BY id")
            return {r[0]: b.load_json(r[1]) for r in cur.fetchall()}

    def audit_log(self, limit: int = 50) -> list[AuditEntry]:
        """The latest changed records, newest first."""
        if limit < 1:
            raise ArgumentError(f"`limit` was {limit} but is expected to be at least 1")
        b = self._backend
        with b.read() as cur:
            cur.execute(
                b.q(
                    "SELECT id, change_id, user_name, at, action, table_name, record_id, "
                    "before, after FROM audit ORDER BY id DESC LIMIT ?"
                ),
                (limit,),
            )
            fetched = cur.fetchall()
        return [
            AuditEntry(
                int(r[0]),
                int(r[1]),
                r[2],
                dt.datetime.fromisoformat(r[3]),
                r[4],
                r[5],
                r[6],
                b.load_json(r[7]),
                b.load_json(r[8]),
            )
            for r in fetched
        ]

    def history(self, limit: int = 20) -> list[Change]:
        """The latest write transactions, newest first."""
        b = self._backend
        with b.read() as cur:
            cur.execute(
                b.q(
                    "SELECT id, user_name, at, action, summary, undoes, undone_by "
                    "FROM changes ORDER BY id DESC LIMIT ?"
                ),
                (limit,),
            )
            fetched = cur.fetchall()
        return [
            Change(int(r[0]), r[1], dt.datetime.fromisoformat(r[2]), r[3], r[4], r[5], r[6]) for r in fetched
        ]

    def last_change(self) -> Change | None:
        """The change `undo_last` would undo (None when there is none)."""
        with self._backend.read() as cur:
            return undoable(cur)

    def schema_version(self) -> int:
        with self._backend.read() as cur:
            return schema_version(self._backend, cur)

    def revision(self) -> int:
        """Grows with every write: a cache key for what was loaded from the store."""
        with self._backend.read() as cur:
            cur.execute("SELECT MAX(id) FROM changes")
            return int(cur.fetchone()[0] or 0)

    def status(self) -> Status:
        return status(self._backend)

    def has_editor_accounts(self) -> bool:
        """Whether the database holds any editor account (then the dashboard asks for an
        account's name and password, not for the shared secret). False where this connection
        may not read the accounts: a viewers' server's read-only role (docs/deploy.md)."""
        b = self._backend
        with b.read() as cur:
            if not b.table_exists(cur, "editors") or not b.may_read(cur, "editors"):
                return False
            cur.execute("SELECT 1 FROM editors LIMIT 1")
            return cur.fetchone() is not None
