"""The formats GDAL reads and writes for us (through pyogrio): GeoPackage, KML (and KMZ) and
zipped Shapefiles.

- Imports: a KMZ or a zipped Shapefile is unpacked by the archive guard (`archive`) into a
  temporary folder (a Shapefile without its .shx or .dbf is refused, naming the part), then its
  one `.kml`/`.shp` is read like a GeoPackage or KML file: the layer named after the kind (or
  the only one), streamed in batches (`pyogrio.open_arrow`) so that the record limit and the
  time budget are checked as it is read, each geometry reprojected to EPSG:4326
  (`repair.Reprojection`; a file without a coordinate reference system must already be
  longitude/latitude), GDAL's warnings kept as notes. Refused before GDAL opens them: a KML with
  a DOCTYPE (external entities, entity expansion: KML needs none), and a GeoPackage holding SQL
  views (a view runs any query, an endless one too). Cells become plain Python values
  (`cells.plain`) and the rows are normalised (`fields.normalise`).
- Exports: GeoPackage (`gpkg`), one layer named after what is exported, and KML (GDAL's LIBKML
  driver: 15 significant digits, fields as ExtendedData, a `Name` shown by Google Earth). Lists
  and objects are JSON text, as in CSV."""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import shapely

from ..errors import ExportError, ImportFileError
from . import archive, repair
from .cells import plain
from .features import ExportJob, Feature, cell, columns, features
from .fields import normalise
from .limits import shown
from .records import KINDS, ImportResult, ReadContext, Row

DRIVERS = {"kml": "LIBKML", "gpkg": "GPKG"}
BATCH = 2000  # records GDAL reads at a time (the time budget is checked between batches)
PROLOG = 1 << 16  # bytes read to recognise a file, and a KML's DOCTYPE in
NOTES = 10  # GDAL warnings kept as notes


# -- imports -----------------------------------------------------------------------------------


def read_kmz(ctx: ReadContext, path: Path, tmp: Path) -> ImportResult:
    files = archive.safe_extract(path, tmp, ctx.shown)
    return read_gdal(ctx, archive.only_member(files, (".kml",), ctx.shown, "KML"), "kml")


def read_zipped_shapefile(ctx: ReadContext, path: Path, tmp: Path) -> ImportResult:
    files = archive.safe_extract(path, tmp, ctx.shown)
    inner = archive.only_member(files, (".shp",), ctx.shown, "Shapefile")
    present = {f.name.lower() for f in files}
    missing = [part for part in (".shx", ".dbf") if inner.stem.lower() + part not in present]
    if missing:
        raise ImportFileError(
            f"{ctx.shown}: the Shapefile {inner.name!r} comes without its "
            f"{' and '.join(missing)} part(s); zip the .shp, .shx, .dbf and "
            ".prj files together"
        )
    return read_gdal(ctx, inner, "shapefile")


def read_gdal(ctx: ReadContext, path: Path, fmt: str) -> ImportResult:
    """A GeoPackage, KML file or Shapefile, normalised and validated."""
    _refuse(ctx, path, fmt)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            rows = _read_rows(ctx, path)
    except ImportFileError:
        raise
    except Exception as exc:  # pyogrio/GDAL raise their own and builtin errors
        raise ImportFileError(f"{ctx.shown}: cannot be read as {fmt} ({_gdal_message(exc, path)})") from None
    said = list(dict.fromkeys(str(w.message)[:200] for w in caught))
    ctx.notes.extend(f"GDAL: {m}" for m in said[:NOTES])
    if len(said) > NOTES:
        ctx.notes.append(f"GDAL: and {len(said) - NOTES} more warning(s)")
    return normalise(ctx, rows, fmt, tabular=True)


def _refuse(ctx: ReadContext, path: Path, fmt: str) -> None:
    """Refuse a file that is not what its name says, or that GDAL must not open."""
    with path.open("rb") as f:
        head = f.read(PROLOG)
    if fmt == "gpkg":
        if not head.startswith(b"SQLite format 3\x00"):
            raise ImportFileError(f"{ctx.shown}: not a GeoPackage (not an SQLite file)")
        _refuse_views(ctx, path)
    if fmt == "kml":
        if b"<" not in head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]:
            raise ImportFileError(f"{ctx.shown}: not a KML file (not XML)")
        start = head.find(b"<kml")
        prolog = (head[:start] if start >= 0 else head).lower()
        if b"<!doctype" in prolog or b"<!entity" in prolog:
            raise ImportFileError(
                f"{ctx.shown}: refused: the KML declares a DOCTYPE (entities "
                "can read local files or expand without end); KML needs none: "
                "remove it"
            )


def _refuse_views(ctx: ReadContext, path: Path) -> None:
    """Refuse a GeoPackage (an SQLite file) holding views: reading one runs its query."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return  # GDAL says what is wrong with it
    try:
        conn.set_progress_handler(lambda: int(ctx.budget.elapsed > ctx.limits.seconds), 10_000)
        conn.text_factory = bytes  # a corrupt file's names need not be UTF-8
        views = [
            r[0].decode("utf-8", "replace")
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")
        ]
    except (sqlite3.Error, ValueError, AttributeError):
        return
    finally:
        conn.close()
    if views:
        names = ", ".join(repr(shown(v)[:40]) for v in views[:5])
        raise ImportFileError(
            f"{ctx.shown}: refused: the GeoPackage holds SQL views ({names}), "
            "and reading a view runs its query; save its layers as tables"
        )


def _read_rows(ctx: ReadContext, path: Path) -> list[Row]:
    """The rows of the layer to import, in EPSG:4326, read a batch at a time."""
    import pyogrio
    from pyogrio.raw import open_arrow

    layer = _layer(ctx, [str(n) for n, _ in pyogrio.list_layers(path)])
    rows: list[Row] = []
    with open_arrow(path, layer=layer, encoding=ctx.encoding, use_pyarrow=True, batch_size=BATCH) as (
        meta,
        reader,
    ):
        transform = _reprojection(ctx, meta.get("crs"))
        geometry = meta.get("geometry_name") or "wkb_geometry"
        for batch in reader:
            ctx.budget.check(f"reading, at record {len(rows):,}")
            columns = batch.to_pydict()
            wkb = columns.pop(geometry, None) or [None] * batch.num_rows
            with repair.quiet():
                geoms = shapely.from_wkb(wkb, on_invalid="ignore")
            for i in range(batch.num_rows):
                values = {c: v[i] for c, v in columns.items()}
                rows.append(_row(len(rows) + 1, values, wkb[i], geoms[i], transform))
                ctx.read(len(rows))
    if meta.get("crs") is None:
        _lonlat_or_refuse(ctx, rows)
    return rows


def _row(
    index: int, values: dict[str, Any], raw: bytes | None, geom: Any, transform: repair.Reprojection | None
) -> Row:
    row = Row(index, {c: plain(v) for c, v in values.items()})
    if geom is None or geom.is_empty:
        if raw is not None and geom is None:
            row.geometry_error = "a geometry GDAL wrote that cannot be read (invalid WKB)"
        return row
    row.geometry = geom
    if transform is not None:
        row.geometry, row.geometry_error = transform(geom)
    return row


def _reprojection(ctx: ReadContext, crs: Any) -> repair.Reprojection | None:
    if crs is None:
        return None
    transform = repair.Reprojection.of(crs, ctx.shown)
    if transform is not None:
        ctx.notes.append(f"reprojected from {str(crs)[:80]} to EPSG:4326")
    return transform


def _lonlat_or_refuse(ctx: ReadContext, rows: list[Row]) -> None:
    """A file without a coordinate reference system must be longitude/latitude already."""
    geoms = [r.geometry for r in rows if r.geometry is not None]
    if not geoms:
        return
    with repair.quiet():
        minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise ImportFileError(
            f"{ctx.shown}: no coordinate reference system "
            "and the coordinates are not longitude/latitude; "
            "add the .prj file"
        )
    ctx.notes.append("no coordinate reference system given; assumed EPSG:4326 (longitude/latitude)")


def _layer(ctx: ReadContext, names: list[str]) -> str | None:
    if len(names) <= 1:
        return names[0] if names else None
    for want in ([ctx.kind] if ctx.kind else []) + list(KINDS):
        if want in names:
            return want
    listed = ", ".join(shown(n)[:40] for n in names[:10]) + (" ..." if len(names) > 10 else "")
    raise ImportFileError(
        f"{ctx.shown}: several layers ({listed}); keep one layer, or name it places, zones or events"
    )


def _gdal_message(exc: Exception, path: Path) -> str:
    """GDAL's message without temporary paths and driver hints."""
    text = str(exc).strip()
    msg = text.splitlines()[0] if text else type(exc).__name__
    msg = re.sub(r"ERROR parsing kml \S+ ?:", "", msg)
    msg = msg.replace(f"'{path}'", "the file").replace(str(path), "the file")
    msg = msg.split("; It might help")[0].strip().rstrip(".")
    if "not recognized as being in a supported file format" in msg:
        return "GDAL does not recognise it as this format"
    return shown(msg)[:300]


# -- exports -----------------------------------------------------------------------------------


def _display_name(what: str, props: Mapping[str, Any]) -> str:
    if what == "places":
        return f"{props['name_en']} — {props['name_ar']}"
    if what == "zones":
        return f"{props['faction']} ({props['valid_from']})"
    return f"{props['type']} {props['date']} ({props['id']})"


def _frame(what: str, feats: Sequence[Feature], *, display_name: bool) -> Any:
    import geopandas as gpd

    data: dict[str, list[Any]] = {}
    if display_name:
        data["Name"] = [_display_name(what, p) for p, _ in feats]
    for c in columns(what, feats):
        data[c] = [cell(p.get(c)) for p, _ in feats]
    return gpd.GeoDataFrame(data, geometry=[g for _, g in feats], crs="EPSG:4326")


def write_gdal(what: str, feats: Sequence[Feature], path: Path, fmt: str) -> None:
    """Write the features (`features.features(records, dataset, attrs)`) of `what` as a
    GeoPackage or KML file. Raises ExportError when there is none."""
    import pyogrio

    if not feats:
        raise ExportError(f"nothing to export as {fmt}: no {what} selected")
    frame = _frame(what, feats, display_name=fmt == "kml")
    if path.exists():
        path.unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_dataframe(
            frame, path, driver=DRIVERS[fmt], layer=what, geometry_type="Unknown", promote_to_multi=False
        )


def _write(job: ExportJob, path: Path, fmt: str) -> int:
    records = job.records()
    write_gdal(job.what, features(records, job.dataset, job.attrs), path, fmt)
    return len(records)


def write_kml(job: ExportJob, path: Path) -> int:
    """The `kml` exporter."""
    return _write(job, path, "kml")


def write_gpkg(job: ExportJob, path: Path) -> int:
    """The `gpkg` exporter."""
    return _write(job, path, "gpkg")
