"""`zonemap db init|migrate|status|log|undo`: create, migrate and inspect the database, and
undo its latest change (see docs/storage.md)."""

from __future__ import annotations

import click

from ..settings import get_settings
from .output import echo, echo_json
from .params import JSON, user_option
from .session import opened_store


@click.group()
def db() -> None:
    """Create, migrate and inspect the database (SQLite at ZONEMAP_DB, or PostgreSQL at
    ZONEMAP_DATABASE_URL)."""


@db.command()
@click.option("--no-seed", is_flag=True, help="Do not fill an empty database with the shipped data.")
def init(no_seed: bool) -> None:
    """Create the database, migrate it to the latest schema and seed it (when empty)."""
    from ..store import init_db

    done = init_db(get_settings(), seed_data=not no_seed)
    st = done.status
    _say_applied(done.applied, done.added)
    echo(
        f"{st.backend} database at {st.location}: schema version {st.version}"
        + ("; seeded from the shipped data" if done.seeded else "")
        + f"; {st.counts.get('events', 0)} events, {st.counts.get('places', 0)} places, "
        f"{st.counts.get('zones', 0)} zones"
    )


@db.command()
@click.option("--to", "target", type=int, help="Schema version to migrate to (default: latest).")
def migrate(target: int | None) -> None:
    """Apply the schema migrations the database is missing, and add the records newer shipped
    data brings (run it after an upgrade, before `zonemap serve`)."""
    from ..store import LATEST, init_db, migrate_db

    if target is not None and not 1 <= target <= LATEST:
        raise click.BadParameter(
            f"{target} is not a schema version; expected 1 to {LATEST}", param_hint="--to"
        )
    if target is None:
        done = init_db(get_settings(), seed_data=False)
        applied, added = done.applied, done.added
    else:
        applied, added = migrate_db(get_settings(), target), 0
    _say_applied(applied, added)
    if not applied and not added:
        echo("the database is up to date.")


def _say_applied(applied: list, added: int) -> None:
    for m in applied:
        echo(f"applied migration {m.version}: {m.name}")
    if added:
        echo(f"added {added} record(s) from newer shipped data (`zonemap db undo` takes them back)")


@db.command()
@JSON
def status(as_json: bool) -> None:
    """Backend, location, schema version, pending migrations and row counts."""
    from ..store import db_status

    st = db_status(get_settings())
    kinds = _places_by_kind() if st.version and not st.pending else {}
    if as_json:
        echo_json(
            {
                "backend": st.backend,
                "location": st.location,
                "schema_version": st.version,
                "latest": st.latest,
                "pending": st.pending,
                "seeded_at": st.seeded,
                "revision": st.revision,
                "counts": dict(st.counts),
                "places_by_kind": kinds,
            }
        )
        return
    echo(f"{st.backend} database at {st.location}")
    if st.version == 0:
        echo("not created yet: run `zonemap db init`")
        return
    echo(
        f"schema version {st.version} of {st.latest}"
        + (
            f" ({st.pending} migration(s) pending: run `zonemap db migrate`)"
            if st.pending
            else " (up to date)"
        )
    )
    echo(f"seeded: {st.seeded or 'no'}; revision {st.revision}")
    echo("rows: " + ", ".join(f"{k} {v}" for k, v in st.counts.items()))
    if kinds:
        echo(
            f"gazetteer: {sum(kinds.values())} places (the database's curated ones and the "
            "shipped reference places): " + ", ".join(f"{k} {v}" for k, v in kinds.items())
        )


def _places_by_kind() -> dict[str, int]:
    """How many places of each kind the gazetteer holds (curated and reference)."""
    with opened_store() as store:
        places = store.load_dataset().gazetteer.places.values()
    counts: dict[str, int] = {}
    for p in places:
        counts[p.kind.value] = counts.get(p.kind.value, 0) + 1
    return dict(sorted(counts.items()))


@db.command("log")
@click.option(
    "--limit", default=20, show_default=True, type=click.IntRange(1, 10000), help="How many changes to show."
)
def log_cmd(limit: int) -> None:
    """The latest changes: who, when, what (newest first)."""
    with opened_store() as store:
        for c in store.history(limit):
            state = f" (undone by #{c.undone_by})" if c.undone_by else ""
            echo(f"#{c.id} {c.at:%Y-%m-%d %H:%M:%S} {c.user}: {c.summary}{state}")


@db.command()
@user_option("Who is undoing.")
def undo(user: str) -> None:
    """Undo the latest change (an edit or a whole import), whoever made it: as an
    administrator (whoever runs this has the database; in the dashboard an editor may undo
    only their own change)."""
    from ..store import open_admin

    with open_admin(get_settings()) as admin:
        change = admin.undo_last(by=user)
    echo(f"undid change #{change.id} by {change.user}: {change.summary}")


def register(group: click.Group) -> None:
    group.add_command(db)
