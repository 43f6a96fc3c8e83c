"""The commands that go through the store: `zonemap db init|migrate|status|log|undo`,
`zonemap import` and `zonemap export`. Registered on the `zonemap` group by `register(main)`.

Writing (import, undo) needs an editor: the CLI signs in with ZONEMAP_EDITOR_SECRET from the
environment, as `--user` (default: $ZONEMAP_USER, $USER). Errors a user can cause end as one
message and exit status 1 (2 for a wrong option), never a traceback.

Import policy: `--dry-run` prints the report (every rejected record with file, record, field and
reason) and writes nothing; exit 1 when anything was rejected. Without it, a file with no
rejected record is written in one transaction; a file with rejected records is written only
with `--accept-partial` (then its valid records, all or nothing), otherwise nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..errors import ValidationError, ZonemapError
from ..formats import FORMATS, KINDS, SUFFIX, WHAT, ImportResult, read_import
from ..formats import export as export_records
from ..model import EventType
from ..settings import get_settings
from .params import iso_date

PROGRESS_MIN = 500  # records: fewer are over before a bar would be worth drawing


@contextmanager
def _errors(doing: str = "") -> Iterator[None]:
    """Turn the errors a user can cause into one message and exit status 1."""
    try:
        yield
    except click.ClickException:
        raise
    except PermissionError as exc:
        raise click.ClickException(f"{doing}{exc}") from None
    except ValidationError as exc:
        raise click.ClickException(f"{doing}{exc}") from None
    except ZonemapError as exc:
        raise click.ClickException(f"{doing}{exc}") from None
    except OSError as exc:
        raise click.ClickException(f"{doing}{exc.strerror or exc}: "
                                   f"{exc.filename or ''}".rstrip(": ")) from None


def _default_user() -> str:
    return os.environ.get("ZONEMAP_USER") or os.environ.get("USER") or os.environ.get(
        "LOGNAME") or "cli"


@contextmanager
def _store() -> Iterator[Any]:
    """The store of the settings, closed afterwards."""
    from ..store import open_store

    with _errors():
        store = open_store(get_settings())
    try:
        yield store
    finally:
        store.close()


def _editor(store: Any, user: str) -> Any:
    with _errors("writing needs an editor: "):
        return store.as_editor(user, get_settings().editor_secret)


class _Bar:
    """A click progress bar drawn once there is enough to do (a callback for the core)."""

    def __init__(self, label: str) -> None:
        self.label, self.done = label, 0
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < PROGRESS_MIN:
                return
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


# -- db ----------------------------------------------------------------------------------------


@click.group()
def db() -> None:
    """Create, migrate and inspect the database (SQLite at ZONEMAP_DB, or PostgreSQL at
    ZONEMAP_DATABASE_URL)."""


@db.command()
@click.option("--no-seed", is_flag=True, help="Do not fill an empty database with the shipped data.")
def init(no_seed: bool) -> None:
    """Create the database, migrate it to the latest schema and seed it (when empty)."""
    from ..store import init_db

    with _errors():
        st, applied, seeded = init_db(get_settings(), seed_data=not no_seed)
    for m in applied:
        click.echo(f"applied migration {m.version}: {m.name}")
    click.echo(f"{st.backend} database at {st.location}: schema version {st.version}"
               + ("; seeded from the shipped data" if seeded else "")
               + f"; {st.counts.get('events', 0)} events, {st.counts.get('places', 0)} places, "
               f"{st.counts.get('zones', 0)} zones")


@db.command()
@click.option("--to", "target", type=int, help="Schema version to migrate to (default: latest).")
def migrate(target: int | None) -> None:
    """Apply the schema migrations the database is missing."""
    from ..store import LATEST, migrate_db

    if target is not None and not 1 <= target <= LATEST:
        raise click.BadParameter(f"{target} is not a schema version; expected 1 to {LATEST}",
                                 param_hint="--to")
    with _errors():
        applied = migrate_db(get_settings(), target)
    for m in applied:
        click.echo(f"applied migration {m.version}: {m.name}")
    if not applied:
        click.echo("the database is up to date.")


@db.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def status(as_json: bool) -> None:
    """Backend, location, schema version, pending migrations and row counts."""
    from ..store import db_status

    with _errors():
        st = db_status(get_settings())
    data = {"backend": st.backend, "location": st.location, "schema_version": st.version,
            "latest": st.latest, "pending": st.pending, "seeded_at": st.seeded,
            "revision": st.revision, "counts": dict(st.counts)}
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"{st.backend} database at {st.location}")
    if st.version == 0:
        click.echo("not created yet: run `zonemap db init`")
        return
    click.echo(f"schema version {st.version} of {st.latest}"
               + (f" ({st.pending} migration(s) pending: run `zonemap db migrate`)"
                  if st.pending else " (up to date)"))
    click.echo(f"seeded: {st.seeded or 'no'}; revision {st.revision}")
    click.echo("rows: " + ", ".join(f"{k} {v}" for k, v in st.counts.items()))


@db.command("log")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10000),
              help="How many changes to show.")
def log_cmd(limit: int) -> None:
    """The latest changes: who, when, what (newest first)."""
    with _store() as store, _errors():
        for c in store.history(limit):
            state = f" (undone by #{c.undone_by})" if c.undone_by else ""
            click.echo(f"#{c.id} {c.at:%Y-%m-%d %H:%M:%S} {c.user}: {c.summary}{state}")


@db.command()
@click.option("--user", default=_default_user, help="Who is undoing (default: $USER).")
def undo(user: str) -> None:
    """Undo the latest change (an edit or a whole import)."""
    with _store() as store:
        editor = _editor(store, user)
        with _errors():
            change = editor.undo_last()
    click.echo(f"undid change #{change.id} by {change.user}: {change.summary}")


# -- import ------------------------------------------------------------------------------------


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--kind", type=click.Choice(KINDS), help="What the file holds (default: guessed).")
@click.option("--as-of", "as_of", callback=iso_date, metavar="DATE",
              help="For zones: the date the snapshot is valid from (YYYY-MM-DD).")
@click.option("--dry-run", is_flag=True, help="Print the report; write nothing.")
@click.option("--accept-partial", is_flag=True,
              help="Write the valid records even when some were rejected.")
@click.option("--encoding", help="Text encoding of a CSV/GeoJSON/Shapefile that is not UTF-8, "
              "e.g. cp1256.")
@click.option("--user", default=_default_user, help="Who is importing (default: $USER).")
def import_cmd(file: Path, kind: str | None, as_of: dt.date | None, dry_run: bool,
               accept_partial: bool, encoding: str | None, user: str) -> None:
    """Import places, control zones (one dated snapshot) or events from GeoJSON, GeoPackage,
    KML/KMZ, a zipped Shapefile, CSV with latitude/longitude, or an ACLED CSV export."""
    with _store() as store:
        _import(store, file, kind, as_of, dry_run, accept_partial, encoding, user)


def _import(store: Any, file: Path, kind: str | None, as_of: dt.date | None, dry_run: bool,
            accept_partial: bool, encoding: str | None, user: str) -> None:
    with _errors():
        dataset = store.load_dataset()
    bar = _Bar("reading")
    try:
        with _errors():
            result = read_import(file, kind, as_of, dataset=dataset, encoding=encoding,
                                 progress=bar)
    finally:
        bar.close()
    _print_report(result)
    if dry_run:
        click.echo("dry run: nothing was written.")
        if result.rejected:
            sys.exit(1)
        return
    if not result.records:
        raise click.ClickException("nothing to import: no valid record" + (
            f" ({result.rejected_records} rejected)" if result.rejected else ""))
    if result.rejected and not accept_partial:
        raise click.ClickException(
            f"{result.rejected_records} record(s) rejected; nothing was written. Fix them, or "
            f"run again with --accept-partial to import the {len(result.records)} valid "
            "record(s).")
    editor = _editor(store, user)
    bar = _Bar("writing")
    try:
        with _errors("nothing was written: "):
            applied = editor.apply(result, progress=bar)
    finally:
        bar.close()
    click.echo(f"imported {file.name}: {applied.inserted} inserted, {applied.updated} updated, "
               f"{applied.unchanged} unchanged"
               + (f" (change #{applied.change_id}; `zonemap db undo` reverts it)"
                  if applied.change_id else ""))


def _print_report(result: ImportResult) -> None:
    for line in result.report():
        click.echo(line)


# -- export ------------------------------------------------------------------------------------


@click.command("export")
@click.option("--what", type=click.Choice(WHAT), default="events", show_default=True,
              help="What to export (the html map always shows all three).")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="File format (default: from the output file's extension).")
@click.option("--date", "day", callback=iso_date, metavar="DATE",
              help="Events known by this date; zones of the snapshot in force then.")
@click.option("--type", "types", multiple=True, type=click.Choice([t.value for t in EventType]),
              help="Only events of this type. Repeatable.")
@click.option("--place", help="Only what lies in this place (an id or a name).")
@click.option("--include-drafts", is_flag=True, help="Include events not (yet) accepted.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The file to write.")
def export_cmd(what: str, fmt: str | None, day: dt.date | None, types: tuple[str, ...],
               place: str | None, include_drafts: bool, output: Path) -> None:
    """Export places, zones or events as GeoJSON, CSV, KML or GeoPackage, or the map as one
    offline HTML file."""
    if fmt is None:
        fmt = next((f for f, s in SUFFIX.items() if output.suffix.lower() == s), None)
        if fmt is None:
            raise click.BadParameter(f"cannot tell the format from {output.name!r}; give "
                                     f"--format ({', '.join(FORMATS)})", param_hint="--format")
    if types and what != "events" and fmt != "html":
        raise click.BadParameter(f"--type filters events, not {what}", param_hint="--type")
    if not output.parent.is_dir():
        raise click.ClickException(f"{output.parent}: no such directory")
    with _store() as store, _errors():
        dataset = store.load_dataset()
        attrs = store.event_attrs() if what == "events" else None
    place_id = None
    if place:
        place_id = _place_id(dataset, place)
    with _errors():
        n = export_records(dataset, what, fmt, output, day=day, types=types or None,
                           place=place_id, include_drafts=include_drafts, attrs=attrs)
    shown = "events on the map" if fmt == "html" else what
    click.echo(f"wrote {n} {shown} to {output}")


def _place_id(dataset: Any, value: str) -> str:
    gaz = dataset.gazetteer
    if value in gaz.places:
        return value
    res = gaz.resolve(value)
    if res is None:
        close = [r.place.id for r in gaz.search(value, limit=3)]
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise click.ClickException(f"no place named {value!r}.{hint}")
    return str(res.place.id)


def register(main: click.Group) -> None:
    """Add the store's commands to the `zonemap` group."""
    main.add_command(db)
    main.add_command(import_cmd)
    main.add_command(export_cmd)
