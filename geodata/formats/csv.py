"""CSV, in and out: UTF-8 (Arabic as is), one record per row, lists and objects as JSON text.

- Imports (`read_csv`): the delimiter (comma, semicolon or tab) is taken from the header row; a
  point from `latitude`/`longitude` (or `lat`/`lon`/`lng`/`long`, `y`/`x`) columns, or any
  geometry from a `wkt` (or `geometry`) column. A file with ACLED's columns is an ACLED export
  and is read by `acled`.
- Exports (`to_csv`): the fields of the model in order, then `latitude`/`longitude` of the
  record's point (an event's first place, a polygon's representative point) and its `wkt`,
  both with Python's shortest round-tripping decimals, so coordinates are exact.

Formula injection: a spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (or a tab or
carriage return before one) as a formula. So `to_csv` writes such a cell with a leading
apostrophe (`neutralised`), as spreadsheets expect, unless the cell is a plain number ("-3.5"
is a number to a spreadsheet too, never a formula). A cell that already begins with
apostrophes before such a character gets one more, so the rule is one-to-one, and `read_csv`
undoes it: an apostrophe is removed from a cell that begins with apostrophes followed by one
of those characters (`restored`). Import -> export -> import is lossless; a cell a user typed
as `'=1` in a spreadsheet reads as `=1`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely
from pydantic import BaseModel
from shapely.geometry import MultiPoint, MultiPolygon, Point
from shapely.geometry.base import BaseGeometry

from ..errors import ImportFileError
from . import acled, repair
from .cells import lon_lat
from .features import Attrs, ExportJob, cell, columns, features
from .fields import normalise
from .records import ImportResult, ReadContext, Row
from .text import decode

if TYPE_CHECKING:
    from ..dataset import Dataset

# A cell a spreadsheet would run as a formula, and one neutralised by an apostrophe.
FORMULA = re.compile(r"'*[=+\-@\t\r]")
NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
LATITUDE = ("latitude", "lat", "y")
LONGITUDE = ("longitude", "lon", "lng", "long", "x")
WKT = ("wkt", "geometry")


# -- imports -----------------------------------------------------------------------------------


def read_csv(ctx: ReadContext, data: bytes, delimiter: str | None = None) -> ImportResult:
    """A user's CSV file (or an ACLED export), normalised and validated."""
    header, body = _table(ctx, data, delimiter)
    if acled.is_acled(header):
        if ctx.kind not in (None, "events"):
            raise ImportFileError(f"{ctx.shown}: an ACLED export holds events, not {ctx.kind}")
        return acled.read_acled(ctx, header, body)
    lower = [h.lower() for h in header]

    def column(names: Sequence[str]) -> str | None:
        return next((header[lower.index(c)] for c in names if c in lower), None)

    lat, lon, wkt_col = column(LATITUDE), column(LONGITUDE), column(WKT)
    rows = [
        _row(i, header, [restored(c) if c[:1] == "'" else c for c in cells], (lat, lon, wkt_col))
        for i, cells in enumerate(body, 1)
    ]
    points = [r for r in rows if isinstance(r.geometry, tuple)]
    if points:  # longitude/latitude pairs become points all at once
        made = shapely.points([r.geometry for r in points])
        for r, pt in zip(points, made, strict=True):
            r.geometry = pt
    if not (wkt_col or (lat and lon)):
        ctx.notes.append("no latitude/longitude or WKT column: records have no geometry")
    return normalise(ctx, rows, "csv", tabular=True)


def _row(
    index: int, header: list[str], cells: list[str], where: tuple[str | None, str | None, str | None]
) -> Row:
    """One row of cells, its geometry read from the WKT or latitude/longitude columns."""
    if len(cells) != len(header):
        return Row(index, {"_error": f"has {len(cells)} cells but the header has {len(header)}"})
    lat, lon, wkt_col = where
    props = dict(zip(header, cells, strict=True))
    row = Row(index, props)
    if wkt_col and props.get(wkt_col, "").strip():
        row.geometry, err = repair.from_wkt(props[wkt_col])
        row.geometry_error = f"column {wkt_col}: {err}" if err else None
    elif lat and lon and (props.get(lat, "").strip() or props.get(lon, "").strip()):
        row.geometry, row.geometry_error = lon_lat(props.get(lat), props.get(lon))
    return row


def restored(cell: str) -> str:
    """A cell as it was before `neutralised` (see the module docstring)."""
    return cell[1:] if NEUTRALISED.match(cell) else cell


def _table(ctx: ReadContext, data: bytes, delimiter: str | None) -> tuple[list[str], list[list[str]]]:
    """The header (names stripped) and the rows that are not blank, read one by one (the
    record limit and the time budget checked at each)."""
    text = decode(data, ctx.shown, ctx.encoding)
    if "\x00" in text:
        raise ImportFileError(f"{ctx.shown}: contains NUL bytes; not a text CSV file")
    if delimiter is None:
        first = text[: text.find("\n") if "\n" in text else len(text)]
        delimiter = max([",", ";", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        header = [h.strip() for h in next(reader, [])]
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append(cells)
                ctx.read(len(rows))
    except csv.Error as exc:
        raise ImportFileError(
            f"{ctx.shown}: not a readable CSV file (line {reader.line_num}: {exc})"
        ) from None
    if not any(header):
        raise ImportFileError(f"{ctx.shown}: no header row")
    if len(set(header)) != len(header):
        dupes = sorted({h for h in header if header.count(h) > 1})
        raise ImportFileError(f"{ctx.shown}: repeated column name(s) {', '.join(d[:40] for d in dupes[:10])}")
    return header, rows


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
    if isinstance(geom, Point):
        return f"POINT ({_num(geom.x)} {_num(geom.y)})"
    if isinstance(geom, MultiPoint):
        return "MULTIPOINT (" + ", ".join(f"({_num(p.x)} {_num(p.y)})" for p in geom.geoms) + ")"
    if kind == "LineString":
        return f"LINESTRING ({_seq(geom.coords)})"
    if kind == "Polygon":
        return "POLYGON " + _poly(geom)
    if isinstance(geom, MultiPolygon):
        return "MULTIPOLYGON (" + ", ".join(_poly(p) for p in geom.geoms) + ")"
    return shapely.to_wkt(geom, rounding_precision=-1)


def _lat_lon(geom: BaseGeometry | None) -> tuple[str, str]:
    if geom is None:
        return "", ""
    pt = (
        geom
        if isinstance(geom, Point)
        else (geom.geoms[0] if isinstance(geom, MultiPoint) else geom.representative_point())
    )
    return _num(pt.y), _num(pt.x)


def to_csv(
    what: str, records: Sequence[BaseModel], dataset: Dataset | None = None, attrs: Attrs | None = None
) -> str:
    feats = features(records, dataset, attrs)
    cols = columns(what, feats)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*cols, "latitude", "longitude", "wkt"])
    for props, geom in feats:
        writer.writerow(
            [neutralised(cell(props.get(c)) or "") for c in cols]
            + [*_lat_lon(geom), wkt(geom) if geom is not None else ""]
        )
    return out.getvalue()


def neutralised(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (see the module docstring)."""
    return "'" + text if FORMULA.match(text) and not NUMBER.fullmatch(text) else text


def write_csv(job: ExportJob, path: Path) -> int:
    """The `csv` exporter."""
    records = job.records()
    path.write_text(to_csv(job.what, records, job.dataset, job.attrs), encoding="utf-8", newline="")
    return len(records)
