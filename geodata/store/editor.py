"""The two faces of a store: `SqlStore`, as a viewer gets it (reading, and the three doors to
writing), and `SqlEditor`, the same store with write methods for one signed-in editor.

They live together because each needs the other: a store's doors hand out editors, and an
editor is a store (it may sign in again). Who may write is decided in `signin.py`; what a
write checks in `checks.py`; how it is recorded in `transaction.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .. import session_token
from ..errors import Problem, ValidationError
from ..model import ControlZone, Event, Place, ReviewStatus
from ..views import point_key
from . import rows, signin
from .backend import Backend
from .bulk import import_events
from .checks import (
    WHERE,
    check_events,
    check_new_zones,
    check_places,
    check_zones,
    review_status,
    unique,
    valid,
    valid_document,
)
from .errors import ArgumentError, DuplicateRecordError, StoreError, UnknownRecordError
from .promote import promote
from .reader import SqlReader
from .transaction import Applied, Change, Entry, Progress, Tx, undo_latest
from .versions import require_version

if TYPE_CHECKING:
    from ..formats import ImportResult


class SqlStore(SqlReader):
    """A store as a viewer gets it: reading only. `sign_in` (an editor account),
    `as_verified_editor` (an OpenID Connect identity on the allow-list) and `as_editor` (the
    shared secret) hand out the write methods, as an `SqlEditor` (see `signin.py`)."""

    def sign_in(self, name: str, password: str | None, *, client: str | None = None) -> SqlEditor:
        """The same store with write methods, for the editor account `name`, if `password`
        is its password (`signin.account_grant`); WriteRefused otherwise."""
        return SqlEditor(self._backend, signin.account_grant(self._backend, name, password, client))

    def as_verified_editor(self, email: str | None, allowed_emails: Iterable[str]) -> SqlEditor:
        """The same store with write methods, for an identity an OpenID Connect provider has
        verified, if its address is on the allow-list (`signin.oidc_grant`)."""
        return SqlEditor(self._backend, signin.oidc_grant(self._backend, email, allowed_emails))

    def as_editor(self, user: str, secret: str | None, *, client: str | None = None) -> SqlEditor:
        """The same store with write methods, for `user` (self-declared), if `secret` is the
        shared editor secret ZONEMAP_EDITOR_SECRET (`signin.shared_grant`)."""
        return SqlEditor(self._backend, signin.shared_grant(self._backend, user, secret, client))

    def resume(self, claims: session_token.Claims, key: str) -> SqlEditor:
        """The same store with write methods again, for the editor a verified session token
        names, if their account or the shared secret still holds (`signin.resumed_grant`)."""
        return SqlEditor(self._backend, signin.resumed_grant(self._backend, claims, key))


class SqlEditor(SqlStore):
    """A store with write methods, for one signed-in editor. Every method is one transaction,
    recorded in the audit trail under the editor's name. `user=` may name someone else only
    for an editor of the shared secret (the CLI's `--user`): an account or OpenID Connect
    editor's changes always carry the account's name (`user=` must be None or that name).
    An account editor whose account was removed, disabled or given a new password since
    signing in cannot write any more."""

    def __init__(self, backend: Backend, grant: signin.Grant) -> None:
        super().__init__(backend)
        self._grant = grant

    @property
    def user(self) -> str:
        return self._grant.user

    @property
    def role(self) -> str:
        """ "editor" or "admin" (an account's role; the other ways of signing in: editor)."""
        return self._grant.role

    @property
    def signed_in_with(self) -> str:
        """ "account", "oidc" (an identity provider) or "shared" (ZONEMAP_EDITOR_SECRET)."""
        return self._grant.kind

    @property
    def since(self) -> str | None:
        """An account's password_changed_at when it signed in (what a kept session rests
        on); None for the other ways of signing in."""
        return self._grant.since

    @contextmanager
    def _writing(self, user: str | None) -> Iterator[tuple[Any, str]]:
        """A write transaction of this editor: its cursor and the name it is recorded under."""
        author = signin.author(self._grant, user)
        signin.require_minted(self._backend, self._grant)
        with self._backend.write() as cur:
            signin.check_grant(self._backend, self._grant, cur)
            yield cur, author

    @contextmanager
    def _tx(self, action: str, summary: str, user: str | None) -> Iterator[Tx]:
        with self._writing(user) as (cur, author):
            yield Tx(self._backend, cur, Entry(author, action, summary))

    # events

    def add_events(self, events: Sequence[Event], *, user: str | None = None) -> Applied:
        """Insert new events (their sources are inserted or updated with them)."""
        events = valid(events)
        with self._tx("add events", _summary("add", events), user) as tx:
            taken = tx.get_many("events", [e.id for e in events])
            if taken:
                raise DuplicateRecordError("events", sorted(taken))
            unique(events)
            check_events(tx, events)
            _write_sources(tx, events)
            tx.put_many("events", [rows.document(e) for e in events], known_absent=True)
            return tx.finish()

    def update_event(self, event: Event, *, user: str | None = None, version: int | None = None) -> Applied:
        """Replace an existing event (what an import kept beside it is kept). With `version`
        (`versioned("events", id)` when the copy was read), a ConflictError naming the change
        it would overwrite if the event was changed or deleted since (`versions.py`)."""
        (event,) = valid([event])
        with self._tx("update event", f"update event {event.id}", user) as tx:
            if version is not None:
                require_version(tx, "events", event.id, version)
            old = tx.get("events", event.id)
            if old is None:
                raise UnknownRecordError("events", event.id)
            check_events(tx, [event])
            _write_sources(tx, [event])
            tx.put("events", rows.document(event, old.get(rows.ATTRS)))
            return tx.finish()

    def delete_event(self, event_id: str, *, user: str | None = None, version: int | None = None) -> Applied:
        """Delete an event no other event links to (`version`: as `update_event`'s)."""
        with self._tx("delete event", f"delete event {event_id}", user) as tx:
            if version is not None:
                require_version(tx, "events", event_id, version)
            linking = [
                d["id"]
                for d in _referrers(tx, "events", event_id)
                if any(link["event"] == event_id for link in d.get("links", ()))
            ]
            if linking:
                raise StoreError(
                    f"event {event_id!r} cannot be deleted: "
                    f"{', '.join(sorted(linking))} link(s) to it; edit those first"
                )
            tx.delete("events", event_id)
            return tx.finish()

    def set_review(self, event_id: str, status: ReviewStatus | str, *, user: str | None = None) -> Applied:
        """Accept, reject or send back to draft one event."""
        status = review_status(event_id, status)
        with self._tx("review", f"mark event {event_id} {status.value}", user) as tx:
            old = tx.get("events", event_id)
            if old is None:
                raise UnknownRecordError("events", event_id)
            tx.put("events", {**old, "review": status.value})
            return tx.finish()

    # places

    def upsert_places(
        self,
        places: Sequence[Place],
        *,
        user: str | None = None,
        versions: Mapping[str, int | None] | None = None,
    ) -> Applied:
        """Insert or replace places. `versions`: by place id, the version each copy was read
        at (None: a new place, which must not exist yet); a ConflictError names the change
        that came in between (`versions.py`)."""
        places = valid(places)
        unique(places)
        with self._tx("upsert places", _summary("save", places), user) as tx:
            for place_id, version in (versions or {}).items():
                require_version(tx, "places", place_id, version)
            check_places(tx, places)
            tx.put_many("places", [rows.document(p) for p in places])
            return tx.finish()

    def delete_place(self, place_id: str, *, user: str | None = None, version: int | None = None) -> Applied:
        """Delete a place no event and no other place refers to (`version`: as
        `update_event`'s)."""
        with self._tx("delete place", f"delete place {place_id}", user) as tx:
            if version is not None:
                require_version(tx, "places", place_id, version)
            users = [d["id"] for d in _referrers(tx, "events", place_id) if place_id in d.get("places", ())]
            children = [
                d["id"]
                for d in _referrers(tx, "places", place_id)
                if place_id in (d.get("parent"), d.get("governorate"))
            ]
            if users or children:
                names = ", ".join(
                    [*(f"event {i}" for i in sorted(users)), *(f"place {i}" for i in sorted(children))][:10]
                )
                raise StoreError(f"place {place_id!r} cannot be deleted: {names} refer(s) to it")
            tx.delete("places", place_id)
            return tx.finish()

    # zones

    def add_zone_snapshot(
        self, zones: Sequence[ControlZone], *, user: str | None = None, progress: Progress | None = None
    ) -> Applied:
        """Add the control zones of one date (they share `valid_from`). Zones of earlier
        snapshots still open at that date end there; a snapshot of the same date is replaced;
        new open-ended zones end where a later snapshot begins."""
        zones = valid(zones)
        unique(zones)
        day = zones[0].valid_from if zones else "?"
        with self._tx("zone snapshot", f"zone snapshot of {day}: {len(zones)} zone(s)", user) as tx:
            _zone_snapshot(tx, zones, progress)
            return tx.finish()

    def set_zone_validity(
        self, zone_id: str, valid_from: dt.date, valid_to: dt.date | None, *, user: str | None = None
    ) -> Applied:
        """Change the dates a zone is valid between (valid_to None: still valid)."""
        with self._tx(
            "zone validity", f"zone {zone_id} valid {valid_from} to {valid_to or 'open'}", user
        ) as tx:
            old = tx.get("zones", zone_id)
            if old is None:
                raise UnknownRecordError("zones", zone_id)
            updated = {
                **old,
                "valid_from": valid_from.isoformat(),
                "valid_to": valid_to.isoformat() if valid_to else None,
            }
            valid_document(ControlZone, updated)
            check_new_zones(tx, [ControlZone.model_validate(updated)], dates_only=True)
            tx.put("zones", updated)
            check_zones(tx)
            return tx.finish()

    # imports and undo

    def apply(
        self, result: ImportResult, *, user: str | None = None, progress: Progress | None = None
    ) -> Applied:
        """Write the valid records of an import, all or nothing: places are inserted or
        replaced, zones become a snapshot, events are inserted or replaced (with the places
        and sources they bring). `progress(done, total)` is called as records are written."""
        name = Path(result.file).name
        if result.kind == "events":  # in bulk, one audit row; streamed from a large file's spool
            with self._tx("import", f"import of {name}: {len(result.records)} events", user) as tx:
                import_events(tx, result, progress)
                return tx.finish()
        records = valid(result.records)
        unique(records)
        with self._tx("import", f"import of {name}: {len(records)} {result.kind}", user) as tx:
            if result.kind == "places":
                check_places(tx, records)
                tx.put_many("places", [rows.document(p) for p in records], progress=progress)
            elif result.kind == "zones":
                _zone_snapshot(tx, records, progress)
            else:
                raise ArgumentError(
                    f"`kind` was {result.kind!r} but is expected to be places, zones or events"
                )
            return tx.finish()

    def promote_location(self, lon: float, lat: float, place: Place, *, user: str | None = None) -> Applied:
        """Make a coordinate an import left without place (`views.point_key`) a gazetteer
        place: `place` is saved and the events there are given it (`promote.py`)."""
        (place,) = valid([place])
        with self._tx("promote location", f"promote {point_key(lon, lat)} to place {place.id}", user) as tx:
            promote(tx, lon, lat, place)
            return tx.finish()

    def undo_last(self, *, user: str | None = None, expected: int | None = None) -> Change:
        """Undo the latest change not yet undone, as a new change; return the change undone.
        An editor may undo only their own change, an administrator anyone's (WriteRefused
        naming whose it is). `expected`: the id of the change the person confirmed; if
        another is the latest by now, a StoreError names it and nothing is undone."""
        with self._writing(user) as (cur, author):
            return undo_latest(self._backend, cur, author, role=self._grant.role, expected=expected)


# -- what the writes share ---------------------------------------------------------------------


def _summary(verb: str, records: Sequence[BaseModel]) -> str:
    ids = [getattr(r, "id", "?") for r in records]
    shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
    return f"{verb} {len(ids)}: {shown}"


def _write_sources(tx: Tx, events: Sequence[Event]) -> None:
    sources = {e.source.id: e.source for e in events}
    tx.put_many("sources", [rows.document(s) for s in sources.values()])


def _referrers(tx: Tx, table: str, needle: str) -> list[dict[str, Any]]:
    """Documents of `table` whose JSON mentions the quoted string `needle` (a pre-filter)."""
    col = "CAST(data AS TEXT)" if tx.b.name == "postgresql" else "data"
    return tx.all(table, f"WHERE {col} LIKE ?", [f'%"{needle}"%'])


def _zone_snapshot(tx: Tx, zones: Sequence[ControlZone], progress: Progress | None = None) -> None:
    if not zones:
        raise ValidationError([Problem(WHERE, "-", "zones", "a snapshot needs at least one zone")])
    dates = sorted({z.valid_from for z in zones})
    if len(dates) > 1:
        raise ValidationError(
            [
                Problem(
                    WHERE,
                    "-",
                    "valid_from",
                    "the zones of a snapshot share one valid_from date; got " + ", ".join(map(str, dates)),
                )
            ]
        )
    check_new_zones(tx, zones)
    as_of = dates[0]
    new_ids = {z.id for z in zones}
    existing: list[ControlZone] = tx.models("zones")
    for z in existing:
        if z.id in new_ids and z.valid_from != as_of:
            raise ValidationError(
                [
                    Problem(
                        WHERE,
                        z.id,
                        "id",
                        f"zone id {z.id!r} is already used by the snapshot of {z.valid_from}",
                    )
                ]
            )
    for z in existing:
        if z.valid_from == as_of and z.id not in new_ids:
            tx.delete("zones", z.id)  # a snapshot of the same date is replaced
        elif z.valid_from < as_of and (z.valid_to is None or z.valid_to > as_of):
            tx.put("zones", rows.document(z.model_copy(update={"valid_to": as_of})))
    later = min((z.valid_from for z in existing if z.valid_from > as_of), default=None)
    capped = [
        z if z.valid_to is not None or later is None else z.model_copy(update={"valid_to": later})
        for z in zones
    ]
    tx.put_many("zones", [rows.document(z) for z in capped], progress=progress)
    check_zones(tx)
