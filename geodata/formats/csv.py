"""CSV, in and out: UTF-8 (Arabic as is), one record per row, lists and objects as JSON text.

- Imports (`read_csv`): the delimiter (comma, semicolon or tab) is taken from the header row; a
  point from `latitude`/`longitude` (or `lat`/`lon`/`lng`/`long`, `y`/`x`) columns, or any
  geometry from a `wkt` (or `geometry`) column. A file with ACLED's columns is an ACLED export
  and is read by `acled`.
- Exports (`to_csv`): the fields of the model in order, then `latitude`/`longitude` of the
  record's point (an event's first place, a polygon's representative point) and its `wkt`,
  both with Python's shortest round-tripping decimals, so coordinates are exact.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely
from pydantic import BaseModel
from shapely.geometry.base import BaseGeometry

from ..errors import ImportFileError
from . import acled
from .cells import point
from .features import Attrs, ExportJob, cell, columns, features
from .records import ImportResult, ReadContext, Row, normalise
from .text import decode

if TYPE_CHECKING:
    from ..dataset import Dataset

LATITUDE = ("latitude", "lat", "y")
LONGITUDE = ("longitude", "lon", "lng", "long", "x")
WKT = ("wkt", "geometry")


# -- imports -----------------------------------------------------------------------------------


def read_csv(ctx: ReadContext, data: bytes, delimiter: str | None = None) -> ImportResult:
    """A user's CSV file (or an ACLED export), normalised and validated."""
    header, body = _table(ctx, data, delimiter)
    if acled.is_acled(header):
        if ctx.kind not in (None, "events"):
            raise ImportFileError(f"{ctx.shown}: an ACLED export holds events, not "
                                  f"{ctx.kind}")
        return acled.read_acled(ctx, header, body)
    lower = [h.lower() for h in header]

    def column(names: Sequence[str]) -> str | None:
        return next((header[lower.index(c)] for c in names if c in lower), None)

    lat, lon, wkt_col = column(LATITUDE), column(LONGITUDE), column(WKT)
    rows = []
    for i, cells in enumerate(body, 1):
        if len(cells) != len(header):
            rows.append(Row(i, {"_error": f"has {len(cells)} cells but the header has "
                                          f"{len(header)}"}))
            continue
        props = dict(zip(header, cells, strict=True))
        row = Row(i, props)
        if wkt_col and props.get(wkt_col, "").strip():
            try:
                row.geometry = shapely.from_wkt(props[wkt_col])
            except Exception as exc:  # shapely.errors.GEOSException and others
                row.geometry_error = f"column {wkt_col}: not WKT ({exc})"
        elif lat and lon and (props.get(lat, "").strip() or props.get(lon, "").strip()):
            row.geometry, row.geometry_error = point(props.get(lat), props.get(lon))
        rows.append(row)
    if not (wkt_col or (lat and lon)):
        ctx.notes.append("no latitude/longitude or WKT column: records have no geometry")
    return normalise(ctx, rows, "csv", tabular=True)


def _table(ctx: ReadContext, data: bytes, delimiter: str | None
           ) -> tuple[list[str], list[list[str]]]:
    """The header (names stripped) and the rows that are not blank."""
    text = decode(data, ctx.shown, ctx.encoding)
    if "\x00" in text:
        raise ImportFileError(f"{ctx.shown}: contains NUL bytes; not a text CSV file")
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = max([",", ";", "\t"], key=first.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFileError(f"{ctx.shown}: not a readable CSV file ({exc})") from None
    if not rows or not any(h.strip() for h in rows[0]):
        raise ImportFileError(f"{ctx.shown}: no header row")
    header = [h.strip() for h in rows[0]]
    if len(set(header)) != len(header):
        dupes = sorted({h for h in header if header.count(h) > 1})
        raise ImportFileError(f"{ctx.shown}: repeated column name(s) {', '.join(dupes)}")
    return header, [r for r in rows[1:] if any(c.strip() for c in r)]


# -- exports -----------------------------------------------------------------------------------


def _num(x: float) -> str:
    return repr(float(x))


def _seq(coords: Iterable[Sequence[float]]) -> str:
    return ", ".join(f"{_num(c[0])} {_num(c[1])}" for c in coords)


def _poly(p: Any) -> str:
    return "(" + ", ".join(f"({_seq(r.coords)})" for r in [p.exterior, *p.interiors]) + ")"


def wkt(geom: BaseGeometry) -> str:
    """WKT with Python's shortest round-tripping decimals (GEOS' writer is not exact)."""
    kind = geom.geom_type
    if geom.is_empty:
        return f"{kind.upper()} EMPTY"
    if kind == "Point":
        return f"POINT ({_num(geom.x)} {_num(geom.y)})"
    if kind == "MultiPoint":
        return "MULTIPOINT (" + ", ".join(f"({_num(p.x)} {_num(p.y)})" for p in geom.geoms) + ")"
    if kind == "LineString":
        return f"LINESTRING ({_seq(geom.coords)})"
    if kind == "Polygon":
        return "POLYGON " + _poly(geom)
    if kind == "MultiPolygon":
        return "MULTIPOLYGON (" + ", ".join(_poly(p) for p in geom.geoms) + ")"
    return shapely.to_wkt(geom, rounding_precision=-1)


def _lat_lon(geom: BaseGeometry | None) -> tuple[str, str]:
    if geom is None:
        return "", ""
    pt = geom if geom.geom_type == "Point" else (
        geom.geoms[0] if geom.geom_type == "MultiPoint" else geom.representative_point())
    return _num(pt.y), _num(pt.x)


def to_csv(what: str, records: Sequence[BaseModel], dataset: Dataset | None = None,
           attrs: Attrs | None = None) -> str:
    feats = features(records, dataset, attrs)
    cols = columns(what, feats)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*cols, "latitude", "longitude", "wkt"])
    for props, geom in feats:
        writer.writerow([cell(props.get(c)) or "" for c in cols]
                        + [*_lat_lon(geom), wkt(geom) if geom is not None else ""])
    return out.getvalue()


def write_csv(job: ExportJob, path: Path) -> int:
    """The `csv` exporter."""
    records = job.records()
    path.write_text(to_csv(job.what, records, job.dataset, job.attrs), encoding="utf-8",
                    newline="")
    return len(records)
