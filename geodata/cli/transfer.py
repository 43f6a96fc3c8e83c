"""`zonemap import` and `zonemap export`: files in and out of the store, in every format of
`geodata.formats`.

Import policy: `--dry-run` prints the report (every rejected record with file, record, field and
reason) and writes nothing; exit 1 when anything was rejected. Without it, a file with no
rejected record is written in one transaction, as `--user` signed in with
ZONEMAP_EDITOR_SECRET; a file with rejected records is written only with `--accept-partial`
(then its valid records, all or nothing), otherwise nothing is written.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..formats import FORMATS, KINDS, SUFFIX, WHAT, ImportResult, read_import
from ..formats import export as export_records
from ..model import EventType
from .errors import user_errors
from .output import echo
from .params import DATE, collected, resolve_place, user_option
from .session import editor, opened_store

if TYPE_CHECKING:
    from ..store import Store

PROGRESS_MIN = 500  # records: fewer are over before a bar would be worth drawing


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


# -- import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRequest:
    """The arguments and options of `zonemap import`."""

    file: Path
    kind: str | None
    as_of: dt.date | None
    dry_run: bool
    accept_partial: bool
    encoding: str | None
    user: str


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--kind", type=click.Choice(KINDS), help="What the file holds (default: guessed).")
@click.option(
    "--as-of",
    "as_of",
    type=DATE,
    metavar="DATE",
    help="For zones: the date the snapshot is valid from (YYYY-MM-DD).",
)
@click.option("--dry-run", is_flag=True, help="Print the report; write nothing.")
@click.option("--accept-partial", is_flag=True, help="Write the valid records even when some were rejected.")
@click.option("--encoding", help="Text encoding of a CSV/GeoJSON/Shapefile that is not UTF-8, e.g. cp1256.")
@user_option("Who is importing.")
@collected(ImportRequest)
def import_cmd(request: ImportRequest) -> None:
    """Import places, control zones (one dated snapshot) or events from GeoJSON, GeoPackage,
    KML/KMZ, a zipped Shapefile, CSV with latitude/longitude, or an ACLED CSV export."""
    with opened_store() as store:
        result = _read(store, request)
        for line in result.report():
            echo(line)
        if request.dry_run:
            echo("dry run: nothing was written.")
            if result.rejected:
                sys.exit(1)
            return
        _write(store, request, result)


def _read(store: Store, request: ImportRequest) -> ImportResult:
    """The file's records, checked against the data the store holds."""
    dataset = store.load_dataset()
    bar = _Bar("reading")
    try:
        return read_import(
            request.file,
            request.kind,
            request.as_of,
            dataset=dataset,
            encoding=request.encoding,
            progress=bar,
        )
    finally:
        bar.close()


def _write(store: Store, request: ImportRequest, result: ImportResult) -> None:
    """Write the valid records in one change, if the import policy allows it."""
    if not result.records:
        raise click.ClickException(
            "nothing to import: no valid record"
            + (f" ({result.rejected_records} rejected)" if result.rejected else "")
        )
    if result.rejected and not request.accept_partial:
        raise click.ClickException(
            f"{result.rejected_records} record(s) rejected; nothing was written. Fix them, or "
            f"run again with --accept-partial to import the {len(result.records)} valid "
            "record(s)."
        )
    writer = editor(store, request.user)
    bar = _Bar("writing")
    try:
        with user_errors("nothing was written: "):
            applied = writer.apply(result, progress=bar)
    finally:
        bar.close()
    echo(
        f"imported {request.file.name}: {applied.inserted} inserted, {applied.updated} updated, "
        f"{applied.unchanged} unchanged"
        + (f" (change #{applied.change_id}; `zonemap db undo` reverts it)" if applied.change_id else "")
    )


# -- export ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportRequest:
    """The options of `zonemap export`."""

    what: str
    fmt: str | None
    day: dt.date | None
    types: tuple[str, ...]
    place: str | None
    include_drafts: bool
    output: Path


@click.command("export")
@click.option(
    "--what",
    type=click.Choice(WHAT),
    default="events",
    show_default=True,
    help="What to export (the html map always shows all three).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="File format (default: from the output file's extension).",
)
@click.option(
    "--date",
    "day",
    type=DATE,
    metavar="DATE",
    help="Events known by this date; zones of the snapshot in force then.",
)
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice([t.value for t in EventType]),
    help="Only events of this type. Repeatable.",
)
@click.option("--place", help="Only what lies in this place (an id or a name).")
@click.option("--include-drafts", is_flag=True, help="Include events not (yet) accepted.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The file to write.",
)
@collected(ExportRequest)
def export_cmd(request: ExportRequest) -> None:
    """Export places, zones or events as GeoJSON, CSV, KML or GeoPackage, or the map as one
    offline HTML file."""
    fmt = _format(request)
    with opened_store() as store:
        dataset = store.load_dataset()
        attrs = store.event_attrs() if request.what == "events" else None
    place = resolve_place(dataset.gazetteer, request.place).id if request.place else None
    n = export_records(
        dataset,
        request.what,
        fmt,
        request.output,
        day=request.day,
        types=request.types or None,
        place=place,
        include_drafts=request.include_drafts,
        attrs=attrs,
    )
    shown = "events on the map" if fmt == "html" else request.what
    echo(f"wrote {n} {shown} to {request.output}")


def _format(request: ExportRequest) -> str:
    """The format asked for, or the output file's; a usage error if the options do not fit."""
    output = request.output
    fmt = request.fmt or next((f for f, s in SUFFIX.items() if output.suffix.lower() == s), None)
    if fmt is None:
        raise click.BadParameter(
            f"cannot tell the format from {output.name!r}; give --format ({', '.join(FORMATS)})",
            param_hint="--format",
        )
    if request.types and request.what != "events" and fmt != "html":
        raise click.BadParameter(f"--type filters events, not {request.what}", param_hint="--type")
    if not output.parent.is_dir():
        raise click.ClickException(f"{output.parent}: no such directory")
    return fmt


def register(group: click.Group) -> None:
    group.add_command(import_cmd)
    group.add_command(export_cmd)
