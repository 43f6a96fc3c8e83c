"""The formats GDAL reads and writes for us (through pyogrio): GeoPackage, KML (and KMZ) and
zipped Shapefiles.

- Imports: a KMZ or a zipped Shapefile is unpacked by the archive guard (`archive`) into a
  temporary folder, then its one `.kml`/`.shp` is read like a GeoPackage or KML file: the
  layer named after the kind (or the only one), reprojected to EPSG:4326 (a file without a
  coordinate reference system must already be longitude/latitude), GDAL's warnings kept as
  notes. Cells become plain Python values (`records.plain`) and the rows are normalised.
- Exports: GeoPackage (`gpkg`), one layer named after what is exported, and KML (GDAL's LIBKML
  driver: 15 significant digits, fields as ExtendedData, a `Name` shown by Google Earth). Lists
  and objects are JSON text, as in CSV.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import ExportError, ImportFileError
from . import archive
from .cells import plain
from .features import ExportJob, Feature, cell, columns, features
from .records import KINDS, ImportResult, ReadContext, Row, normalise

DRIVERS = {"kml": "LIBKML", "gpkg": "GPKG"}


# -- imports -----------------------------------------------------------------------------------


def read_kmz(ctx: ReadContext, path: Path, tmp: Path) -> ImportResult:
    files = archive.safe_extract(path, tmp, ctx.shown)
    return read_gdal(ctx, archive.only_member(files, (".kml",), ctx.shown, "KML"), "kml")


def read_zipped_shapefile(ctx: ReadContext, path: Path, tmp: Path) -> ImportResult:
    files = archive.safe_extract(path, tmp, ctx.shown)
    inner = archive.only_member(files, (".shp",), ctx.shown, "Shapefile")
    return read_gdal(ctx, inner, "shapefile")


def read_gdal(ctx: ReadContext, path: Path, fmt: str) -> ImportResult:
    """A GeoPackage, KML file or Shapefile, normalised and validated."""
    head = path.read_bytes()[:64]
    if fmt == "gpkg" and not head.startswith(b"SQLite format 3\x00"):
        raise ImportFileError(f"{ctx.shown}: not a GeoPackage (not an SQLite file)")
    if fmt == "kml" and b"<" not in head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]:
        raise ImportFileError(f"{ctx.shown}: not a KML file (not XML)")
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            df = _read_frame(ctx, path)
    except ImportFileError:
        raise
    except Exception as exc:  # pyogrio/GDAL raise their own and builtin errors
        raise ImportFileError(f"{ctx.shown}: cannot be read as {fmt} "
                              f"({_gdal_message(exc, path)})") from None
    ctx.notes.extend(f"GDAL: {w.message}" for w in caught)
    names = [c for c in df.columns if c != df.geometry.name]
    rows = [Row(i, {c: plain(val) for c, val in zip(names, values, strict=True)},
                geom if geom is not None and not geom.is_empty else None)
            for i, (geom, values) in enumerate(zip(df.geometry, df[names].itertuples(index=False),
                                                   strict=True), 1)]
    return normalise(ctx, rows, fmt, tabular=True)


def _read_frame(ctx: ReadContext, path: Path) -> Any:
    """The layer to import as a GeoDataFrame in EPSG:4326."""
    import pyogrio

    layer = _layer(ctx, [str(n) for n, _ in pyogrio.list_layers(path)])
    df = pyogrio.read_dataframe(path, layer=layer, encoding=ctx.encoding, on_invalid="ignore")
    if df.crs is not None and df.crs.to_epsg() != 4326:
        ctx.notes.append(f"reprojected from {df.crs.to_string()} to EPSG:4326")
        return df.to_crs(4326)
    if df.crs is None and len(df):
        minx, miny, maxx, maxy = df.total_bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise ImportFileError(f"{ctx.shown}: no coordinate reference system "
                                  "and the coordinates are not longitude/latitude; "
                                  "add the .prj file")
        ctx.notes.append("no coordinate reference system given; "
                         "assumed EPSG:4326 (longitude/latitude)")
    return df


def _layer(ctx: ReadContext, names: list[str]) -> str | None:
    if len(names) <= 1:
        return names[0] if names else None
    for want in ([ctx.kind] if ctx.kind else []) + list(KINDS):
        if want in names:
            return want
    raise ImportFileError(f"{ctx.shown}: several layers ({', '.join(names)}); keep one "
                          "layer, or name it places, zones or events")


def _gdal_message(exc: Exception, path: Path) -> str:
    """GDAL's message without temporary paths and driver hints."""
    text = str(exc).strip()
    msg = text.splitlines()[0] if text else type(exc).__name__
    msg = re.sub(r"ERROR parsing kml \S+ ?:", "", msg)
    msg = msg.replace(f"'{path}'", "the file").replace(str(path), "the file")
    msg = msg.split("; It might help")[0].strip().rstrip(".")
    if "not recognized as being in a supported file format" in msg:
        return "GDAL does not recognise it as this format"
    return msg


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
        pyogrio.write_dataframe(frame, path, driver=DRIVERS[fmt], layer=what,
                                geometry_type="Unknown", promote_to_multi=False)


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
