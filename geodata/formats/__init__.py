"""Every file format Zonemap reads or writes: a user's file in (`read_import`), places, zones or
events out (`export`), and the shipped data files (`geojson.read_features` and friends).

| module | holds |
|---|---|
| `geojson` | GeoJSON and JSON lists in and out; the shipped data's one-record-per-line files |
| `csv` | CSV with coordinates or WKT in and out |
| `acled` | ACLED CSV exports in (types mapped to ours and to CAMEO codes) |
| `ucdp` | UCDP GED CSV exports in (violence types, precisions) |
| `stream` | event datasets (ACLED, UCDP) read as a stream, validated records spooled to disk |
| `locate` | names of imported events: the place of that name near their coordinates; actors |
| `gdal` | GeoPackage, KML/KMZ, zipped Shapefile in; GeoPackage and KML out (pyogrio) |
| `archive` | the zip guard (zip-slip, links, bombs, encryption) |
| `text` | decoding text files (UTF-8, or the encoding named; never guessed) |
| `cells` | a cell as a Python value: plain values, points, JSON text, column names |
| `limits` | what bounds an import: sizes, records, time budget; the check of every value |
| `repair` | geometry made safe: vertices, finite coordinates, bounded repair, reprojection |
| `fields` | rows -> records: a format's rows mapped onto the model's fields |
| `records` | records -> models: parsed and validated in one place; `ImportResult` |
| `features` | what to export (`select`, `ExportJob`), records as properties + geometry |

Export formats (`FORMATS`):

| format | what it is | coordinates | lists/objects |
|---|---|---|---|
| geojson | RFC 7946: WGS 84 lon/lat, no `crs`, exterior rings counter-clockwise | exact | JSON |
| csv | UTF-8 (Arabic as is); `latitude`/`longitude` of its point and `wkt` | exact | JSON text |
| kml | for Google Earth (GDAL's LIBKML driver); fields as ExtendedData | 15 digits | JSON text |
| gpkg | GeoPackage, one layer named after what is exported | exact | JSON text |
| html | the dashboard's map in one file that works offline (Leaflet inlined) | - | - |

Exporters are a registry: a function `(ExportJob, Path) -> int` (how many records it wrote)
per format. The four above `html` are built in; others come from the `zonemap.exporters` entry
point group, loaded when their format is asked for. The dashboard package declares `html`
there (pyproject.toml), so that the core never imports the dashboard and the map export still
works wherever both are installed.

`read_import` writes nothing: `Editor.apply(result)` does, in one transaction, once the user
accepted. Every import is bounded (`limits`: size, records, time, nesting, text length,
vertices) and no failure of GDAL, GEOS or PROJ on a user's file escapes as an exception: a
whole file that cannot be read raises `ImportFileError` (`ImportLimitError`,
`ImportTimeoutError` past a limit), a record that cannot be kept is a `Problem` of the result
(`repair` guards geometry and reprojection). Archives go through `archive`; columns a format
does not know are ignored and listed in the notes.

`export` writes a temporary file beside the target and renames it over the target only once
complete (`os.replace`), so a failed or killed export leaves the previous file as it was. CSV
cells a spreadsheet would run as formulas are neutralised (`csv`). Files `export` writes read
back to the same records. Every function taking `**options` raises TypeError on an unknown
option, as Python does for a keyword a function lacks.

Where the layout departs from one module per format, and why:

- Records from every reader meet in `fields` (normalised) and `records` (validated): the
  shipped data's `parse` moved there from `validation` (which keeps the checks across records
  and the two problem helpers the store can share), so a record of a user's file and of the
  shipped data become a model the same way. The per-cell conversions every reader uses are
  `cells`; the limits and guards every reader shares are `limits` and `repair`.
- One reader class used to hold every format's methods; now `ReadContext` (what was asked, and
  the notes gathered) goes from `read_import` to the format module and on to `records`.
- What every writer needs (the selection, a record's properties and geometry, cells as text) is
  `features`; a writer gets an `ExportJob` instead of ten keyword arguments.
- The standalone HTML map left for the dashboard (`dashboard/map/html_export.py`): it is the
  dashboard's map, so it is an exporter plugged in through an entry point, not a format here.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable, Mapping
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from ..errors import DataFileError, ExportError, ImportFileError, ImportLimitError, ImportTimeoutError
from . import csv, gdal, geojson, stream
from .features import WHAT, ExportJob, Filters, check_options, select
from .geojson import rfc7946, to_geojson
from .limits import DEFAULT, Limits
from .records import KINDS, ImportResult, Progress, ReadContext

if TYPE_CHECKING:
    from ..dataset import Dataset

MAX_BYTES = DEFAULT.bytes  # a file to import
IMPORT_FORMATS = ("geojson", "gpkg", "kml", "shapefile", "csv", "acled", "ucdp")
EXTENSIONS = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".kml": "kml",
    ".kmz": "kml",
    ".zip": "shapefile",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
}

Exporter = Callable[[ExportJob, Path], int]
EXPORTERS: dict[str, Exporter] = {
    "geojson": geojson.write_geojson,
    "csv": csv.write_csv,
    "kml": gdal.write_kml,
    "gpkg": gdal.write_gpkg,
}
ENTRY_POINTS = "zonemap.exporters"
# Formats other packages provide through ENTRY_POINTS, and which package that is.
PLUGGED = {"html": "the dashboard package (dashboard.map.html_export)"}
FORMATS = (*EXPORTERS, *PLUGGED)
SUFFIX = {"geojson": ".geojson", "csv": ".csv", "kml": ".kml", "gpkg": ".gpkg", "html": ".html"}
to_csv = csv.to_csv
write_gdal = gdal.write_gdal

__all__ = [
    "ENTRY_POINTS",
    "EXPORTERS",
    "EXTENSIONS",
    "FORMATS",
    "IMPORT_FORMATS",
    "KINDS",
    "MAX_BYTES",
    "SUFFIX",
    "WHAT",
    "DataFileError",
    "ExportError",
    "ExportJob",
    "Exporter",
    "ImportFileError",
    "ImportLimitError",
    "ImportResult",
    "ImportTimeoutError",
    "Limits",
    "export",
    "export_bytes",
    "exporter",
    "read_import",
    "read_import_bytes",
    "rfc7946",
    "select",
    "suffix_ok",
    "to_csv",
    "to_geojson",
    "write_gdal",
]


# -- in ----------------------------------------------------------------------------------------


class ReadOptions(TypedDict, total=False):
    """How `read_import` reads (see there)."""

    dataset: Dataset | None
    encoding: str | None
    progress: Progress | None
    max_bytes: int
    label: str | None
    limits: Limits


def read_import(
    path: Path | str, kind: str | None = None, as_of: dt.date | None = None, **options: Unpack[ReadOptions]
) -> ImportResult:
    """Read a file to import: GeoJSON, GeoPackage, KML (or KMZ), a zipped Shapefile, CSV with
    latitude/longitude (or WKT) columns, or an ACLED CSV export. `kind` (places, zones,
    events) is guessed from the content when not given; `as_of` dates a zones snapshot.
    `dataset` (the store's data) resolves references (places, actors, factions, sources,
    linked events) and ACLED names; without it those checks are left to `Editor.apply`.
    `encoding` names a text file's encoding, `progress(done, total)` is called as records
    are read, `label` names the file in messages, `limits` bound the reading (`max_bytes`
    overrides their size). Raises ImportFileError when the file cannot be read at all
    (ImportLimitError past a limit); every rejected record is in the result; TypeError on an
    unknown option."""
    check_options(options, ReadOptions, "read_import")
    path = Path(path)
    shown = options.get("label") or str(path)
    if kind is not None and kind not in KINDS:
        raise ImportFileError(f"`kind` was {kind!r} but is expected to be one of {', '.join(KINDS)}")
    limits = options.get("limits", DEFAULT)
    fmt = _format_of(path, shown, options.get("max_bytes", limits.bytes))
    ctx = ReadContext(
        shown, kind, as_of, options.get("dataset"), options.get("encoding"), options.get("progress"), limits
    )
    with tempfile.TemporaryDirectory(prefix="zonemap-import-") as tmp:
        if path.suffix.lower() == ".kmz":
            return gdal.read_kmz(ctx, path, Path(tmp))
        if fmt == "shapefile":
            return gdal.read_zipped_shapefile(ctx, path, Path(tmp))
        if fmt == "geojson":
            return geojson.read_geojson(ctx, path.read_bytes())
        if fmt == "csv":
            delimiter = "\t" if path.suffix == ".tsv" else None
            if stream.event_format(ctx, path, delimiter):  # ACLED, UCDP GED: streamed
                return stream.read_event_file(ctx, path, delimiter)
            return csv.read_csv(ctx, path.read_bytes(), delimiter=delimiter)
        return gdal.read_gdal(ctx, path, fmt)


def _format_of(path: Path, shown: str, max_bytes: int) -> str:
    """The format a file to import is read as, once it exists, is not too big nor empty."""
    if not path.is_file():
        raise ImportFileError(f"{shown}: no such file")
    size = path.stat().st_size
    if size > max_bytes:
        raise ImportLimitError(
            f"{shown}: {size / 1e6:.1f} MB is over the import limit of "
            f"{max_bytes / 1e6:.0f} MB; split the file"
        )
    if size == 0:
        raise ImportFileError(f"{shown}: the file is empty")
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise ImportFileError(
            f"{shown}: unknown file type {path.suffix or '(no extension)'!r}; "
            "expected one of " + ", ".join(sorted(EXTENSIONS))
        )
    return fmt


def read_import_bytes(
    data: bytes,
    filename: str,
    kind: str | None = None,
    as_of: dt.date | None = None,
    **options: Unpack[ReadOptions],
) -> ImportResult:
    """`read_import` for an upload: the bytes and the name the user gave the file."""
    check_options(options, ReadOptions, "read_import_bytes")
    max_bytes = options.get("max_bytes", options.get("limits", DEFAULT).bytes)
    if len(data) > max_bytes:
        raise ImportLimitError(
            f"{filename}: {len(data) / 1e6:.1f} MB is over the import limit "
            f"of {max_bytes / 1e6:.0f} MB; split the file"
        )
    name = Path(filename.replace("\\", "/")).name or "upload"
    name = re.sub(r"[^\w.\-]+", "_", name)[-120:]
    with tempfile.TemporaryDirectory(prefix="zonemap-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        labelled: ReadOptions = {**options, "label": options.get("label", filename)}
        return read_import(path, kind, as_of, **labelled)


# -- out ---------------------------------------------------------------------------------------


class ExportOptions(Filters, total=False):
    """What `export` writes (see `select` for the filters)."""

    attrs: Mapping[str, Mapping[str, Any]] | None
    select_fn: Callable[..., list[Any]]


def exporter(fmt: str) -> Exporter:
    """The function that writes `fmt`: built in, or loaded from the `zonemap.exporters` entry
    point of that name. Raises ExportError for an unknown format, or one whose package is not
    installed."""
    if fmt in EXPORTERS:
        return EXPORTERS[fmt]
    found = entry_points(group=ENTRY_POINTS, name=fmt)
    if fmt not in FORMATS and not found:
        raise ExportError(f"`format` was {fmt!r} but is expected to be one of {', '.join(FORMATS)}")
    if not found:
        raise ExportError(
            f"the {fmt} export comes from {PLUGGED.get(fmt, 'another package')}, which is not "
            f"installed: no {fmt!r} exporter is registered in the {ENTRY_POINTS!r} entry point "
            "group. Install Zonemap with its dashboard (`pip install -e .` in the checkout)."
        )
    try:
        return found[fmt].load()
    except ImportError as exc:
        raise ExportError(
            f"the {fmt} export needs {PLUGGED.get(fmt, 'its package')}, which cannot be imported ({exc})"
        ) from None


def export(dataset: Dataset, what: str, fmt: str, path: Path | str, **options: Unpack[ExportOptions]) -> int:
    """Write the selected records of `dataset` to `path` in `fmt`; return how many. The
    options are `select`'s filters (day, types, place, include_drafts), `attrs` (what an
    import kept beside events, by id) and `select_fn` (instead of `select`); an unknown one
    raises TypeError. Atomic: the file at `path` is replaced only by a complete export."""
    check_options(options, ExportOptions, "export")
    write = exporter(fmt)
    job = ExportJob(dataset, what, **options)
    return atomically(Path(path), lambda tmp: write(job, tmp))


def atomically(path: Path, write: Callable[[Path], int]) -> int:
    """`write(tmp)` to a new file beside `path` (same folder, so same file system), synced,
    then renamed over `path` (os.replace); on any failure, or a kill, `path` is untouched and
    the temporary file removed (a kill may leave a hidden `.NAME.*.tmp` file behind)."""
    tmp = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.tmp{path.suffix}")
    try:
        n = write(tmp)
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def export_bytes(dataset: Dataset, what: str, fmt: str, **options: Unpack[ExportOptions]) -> bytes:
    """`export` into memory, for a download button."""
    check_options(options, ExportOptions, "export_bytes")
    with tempfile.TemporaryDirectory(prefix="zonemap-export-") as tmp:
        path = Path(tmp) / f"{what}{SUFFIX.get(fmt, '')}"
        export(dataset, what, fmt, path, **options)
        return path.read_bytes()


def suffix_ok(path: Path, fmt: str) -> bool:
    return path.suffix.lower() == SUFFIX[fmt] or (fmt == "geojson" and path.suffix == ".json")
