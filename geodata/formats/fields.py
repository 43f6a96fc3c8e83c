"""Rows -> records: the rows a format read, mapped onto the fields of their kind (`normalise`),
then validated (`records.validate`).

Column names are matched case-insensitively (and as a Shapefile truncates them to 10
characters), lists and objects given as JSON text are decoded, blank cells of tabular formats
dropped, unknown columns ignored and listed in the notes. Every value passes
`limits.value_problem` and every geometry `repair.checked`, then `repair.repaired`: what fails
is a problem of its record and field, never an exception. Geometry loses Z and M; zones keep
only their polygonal parts and become MultiPolygons. A zones file is one dated snapshot:
`as_of` sets every zone's `valid_from`; missing ids, sources and confidences are filled in (and
said). The time budget is checked at every row.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shapely.geometry import MultiPolygon
from shapely.geometry.base import BaseGeometry

from ..geometry import undissolved
from ..model import Confidence
from ..normalize import slug
from . import repair
from .cells import attrs_of, field_of, nested, plain
from .limits import Limits, shown, value_problem
from .records import GEOMETRY_TYPES, MODELS, Batch, ImportResult, RawRecord, ReadContext, Row, validate

Errors = list[tuple[str, str]]
# Fields holding lists or objects: JSON text in CSV, GeoPackage, KML and Shapefile.
NESTED = {"places": ("names", "sources"), "zones": (), "events": ("places", "links", "source", "evidence")}
# Columns a format adds by itself (CSV coordinates, KML's placemark fields): never reported.
FORMAT_COLUMNS = frozenset(
    {
        "latitude",
        "longitude",
        "lat",
        "lon",
        "lng",
        "wkt",
        "geometry",
        "attrs",
        "fid",
        "name",
        "description",
        "timestamp",
        "begin",
        "end",
        "altitudemode",
        "tessellate",
        "extrude",
        "visibility",
        "draworder",
        "icon",
        "snippet",
        "styleurl",
    }
)
SHOWN_COLUMNS = 20  # ignored columns named in the note


def guess_kind(rows: Sequence[Row]) -> str:
    keys = {str(k).lower() for r in rows[:50] for k in r.props}
    if "faction" in keys:
        return "zones"
    if "evidence" in keys or {"type", "date"} <= keys:
        return "events"
    return "places"


def normalise(ctx: ReadContext, rows: list[Row], fmt: str, *, tabular: bool) -> ImportResult:
    """Map the rows a format read onto the fields of their kind, then `validate` them."""
    kind = ctx.kind or guess_kind(rows)
    if ctx.as_of is not None and kind != "zones":
        ctx.notes.append(f"as_of applies to zones only; ignored for {kind}")
    cells = _Cells(kind, tabular, ctx.limits)
    records: list[RawRecord] = []
    total = len(rows)
    geometries = _geometries(ctx, kind, rows) if kind in GEOMETRY_TYPES else None
    for n, row in enumerate(rows, 1):
        ctx.tick(n, total)
        data, errors = cells.fields(row)
        data["_checked"] = True  # values and geometry: records.parse need not again
        if geometries is not None:
            data["geometry"], err = geometries[n - 1]
            if err:
                data["_geometry_error"] = err
        if kind == "zones":
            data = _zone_defaults(ctx, data, row.index)
        for fld, reason in errors:
            data.setdefault("_errors", []).insert(0, (fld, reason))
        records.append(RawRecord(ctx.shown, row.index, data))
    _notes(ctx, kind, cells.ignored)
    attrs = {r.record_id: r.data["_attrs"] for r in records if isinstance(r.data.get("_attrs"), dict)}
    return validate(ctx, Batch(kind, fmt, records, total, attrs))


def _notes(ctx: ReadContext, kind: str, ignored: set[str]) -> None:
    if ignored:
        names = sorted(shown(k)[:40] for k in ignored)
        more = f" and {len(names) - SHOWN_COLUMNS} more" if len(names) > SHOWN_COLUMNS else ""
        ctx.notes.append(
            f"ignored column(s) not in the {kind} format: " + ", ".join(names[:SHOWN_COLUMNS]) + more
        )
    if ctx.repaired:
        listed = ", ".join(ctx.repaired[:10])
        more = f" and {len(ctx.repaired) - 10} more" if len(ctx.repaired) > 10 else ""
        ctx.notes.append(
            f"repaired {len(ctx.repaired)} invalid geometr"
            f"{'y' if len(ctx.repaired) == 1 else 'ies'} with make_valid: "
            f"{listed}{more}"
        )


class _Cells:
    """A file's cells as the model's fields: column names matched once per file."""

    def __init__(self, kind: str, tabular: bool, limits: Limits) -> None:
        self.kind, self.tabular, self.limits = kind, tabular, limits
        self.names: dict[Any, str | None] = {}
        self.ignored: set[str] = set()

    def name(self, key: Any) -> str | None:
        if key not in self.names:
            self.names[key] = field_of(str(key), frozenset(MODELS[self.kind].model_fields))
        return self.names[key]

    def fields(self, row: Row) -> tuple[dict[str, Any], Errors]:
        """A row's cells as fields, and the problems found on the way; the columns that are
        no field go into `ignored`."""
        data: dict[str, Any] = {}
        errors: Errors = []
        names, tabular, nested_fields = self.names, self.tabular, NESTED[self.kind]
        short = min(200, self.limits.chars + 1)  # shorter ASCII text needs no check
        for key, cell in row.props.items():
            if key == "_error":
                errors.append(("(record)", str(cell)))
                continue
            value = cell if type(cell) is str else plain(cell)
            if tabular and type(value) is str:
                value = value.strip() or None
            name = names[key] if key in names else self.name(key)
            if name is None:
                self._other(str(key), value, data, errors)
            elif type(value) is str and len(value) < short and value.isascii() and name not in nested_fields:
                data[name] = value  # the common case: nothing to check
            else:
                value, problem = self.value(name, value)
                if problem:
                    errors.append((name, problem))
                elif value is not None:
                    data[name] = value
        return data, errors

    def value(self, name: str, value: Any) -> tuple[Any, str | None]:
        """A cell as the value of field `name`, or why it cannot be one."""
        if name in NESTED[self.kind] and isinstance(value, str):
            value, err = nested(name, value, self.limits)
            if err:
                return None, err
        if isinstance(value, float) and value.is_integer() and name in ("geonames_id",):
            value = int(value)
        return value, value_problem(value, self.limits)

    def _other(self, key: str, value: Any, data: dict[str, Any], errors: Errors) -> None:
        """A column that is no field: `attrs` (kept beside events), or ignored."""
        if key.lower() == "attrs" and value:
            got, err = attrs_of(value, self.limits)
            if err:
                errors.append(("attrs", err))
            else:
                data["_attrs"] = got
        elif key.lower() not in FORMAT_COLUMNS:
            self.ignored.add(key)


def _geometries(ctx: ReadContext, kind: str, rows: list[Row]) -> list[tuple[Any, str | None]]:
    """Each row's geometry, checked and repaired (`repair.prepared`, all rows at once), or why
    it cannot be kept."""
    out: list[tuple[Any, str | None]] = [(r.geometry, r.geometry_error) for r in rows]
    todo = [i for i, r in enumerate(rows) if r.geometry is not None and not r.geometry_error]
    shapes = [i for i in todo if isinstance(rows[i].geometry, BaseGeometry)]
    for i in set(todo) - set(shapes):
        out[i] = (rows[i].geometry, "not a geometry")
    done = repair.prepared(
        [rows[i].geometry for i in shapes],
        ctx.limits,
        tick=lambda k: ctx.budget.check(f"repairing geometry {k + 1:,}"),
    )
    for i, (g, reason, problem) in zip(shapes, done, strict=True):
        out[i] = _kept(ctx, kind, rows[i], g, reason) if g is not None else (None, problem)
    return out


def _kept(
    ctx: ReadContext, kind: str, row: Row, g: BaseGeometry, reason: str | None
) -> tuple[Any, str | None]:
    """A valid geometry as its kind keeps it; a repair said in the notes."""
    if reason:
        ctx.repaired.append(f"{shown(str(row.props.get('id') or '#' + str(row.index)))[:60]} ({reason})")
    if kind == "zones":
        poly = undissolved(g)
        if poly is None:
            return g, f"is a {g.geom_type}; a control zone must be a (Multi)Polygon"
        g = poly if isinstance(poly, MultiPolygon) else MultiPolygon([poly])
    return g, None


def _zone_defaults(ctx: ReadContext, data: dict[str, Any], index: int) -> dict[str, Any]:
    if ctx.as_of is not None:
        data["valid_from"] = ctx.as_of.isoformat()
    elif "valid_from" not in data:
        data.setdefault("_errors", []).append(
            ("valid_from", "missing; give the date of the snapshot with --as-of DATE")
        )
    filled = []
    if "id" not in data and isinstance(data.get("faction"), str):
        day = data.get("valid_from") or "undated"
        data["id"] = f"{slug(data['faction'], 30)}-{day}-{index}"
        filled.append("id")
    if "source" not in data:
        data["source"] = f"import of {Path(ctx.shown).name}"
        filled.append("source")
    if "confidence" not in data:
        data["confidence"] = Confidence.MEDIUM.value
        filled.append("confidence")
    for f in filled:
        note = f"zones without {f}: filled in"
        if note not in ctx.notes:
            ctx.notes.append(note)
    return data
