"""GeoJSON (and JSON lists of records), in and out.

- The shipped data (docs/data-formats.md): small GeoJSON and JSON files with one record per
  line, so that diffs stay readable. Nested properties (lists of names, links) would be
  flattened to strings by GDAL, so they are read with `json` and shapely, leniently: a bad
  feature becomes a record that validation reports, not an exception (`read_features`,
  `read_records`; `write_feature_collection`, `write_records`).
- Imports (`read_geojson`): a FeatureCollection, one Feature, or a JSON list of records (like
  the shipped events.json); an old (2008) `crs` member is honoured by reprojecting to EPSG:4326
  (`repair.Reprojection`: an unknown CRS refuses the file, a geometry PROJ cannot transform is a
  problem of its record). The text is read one feature at a time (`_Scanner`: each feature
  decoded alone), so that the record limit and the time budget are checked between features.
- Exports (`to_geojson`): RFC 7946, WGS 84 longitude/latitude with no `crs`, exterior rings
  counter-clockwise (the same polygon, its rings possibly reversed), one feature per line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely
from pydantic import BaseModel
from shapely.geometry import GeometryCollection, MultiPolygon, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry

from ..errors import DataFileError, ImportFileError
from . import repair
from .features import Attrs, ExportJob, features
from .fields import normalise
from .records import ImportResult, RawRecord, ReadContext, Row
from .text import decode

if TYPE_CHECKING:
    from ..dataset import Dataset

HEAD = '{"type":"FeatureCollection","features":[\n'
SPACE = re.compile(r"[ \t\n\r]*")


# -- the shipped data --------------------------------------------------------------------------


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError(f"{path}: no such file") from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    except RecursionError:
        raise DataFileError(f"{path}: JSON nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise DataFileError(f"{path}: not valid JSON ({str(exc)[:80]})") from None


def read_features(path: Path) -> Iterator[RawRecord]:
    """Yield each feature's properties plus a `geometry` key holding a shapely geometry, or the
    raw value when it is not a valid GeoJSON geometry (validation reports it)."""
    doc = _load_json(path)
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataFileError(f"{path}: expected a GeoJSON FeatureCollection")
    for i, feature in enumerate(doc.get("features") or []):
        if not isinstance(feature, dict):
            yield RawRecord(str(path), i, {"geometry": None, "_error": "feature is not an object"})
            continue
        props = feature.get("properties")
        props = dict(props) if isinstance(props, dict) else {}
        geom = feature.get("geometry")
        props["geometry"], err = repair.from_geojson(geom) if geom else (None, None)
        if err:
            props["geometry"], props["_geometry_error"] = geom, err
        yield RawRecord(str(path), i, props)


def read_records(path: Path) -> Iterator[RawRecord]:
    """Yield the records of a JSON file holding a list of objects."""
    doc = _load_json(path)
    if not isinstance(doc, list):
        raise DataFileError(f"{path}: expected a JSON list of records")
    for i, item in enumerate(doc):
        yield RawRecord(str(path), i, item if isinstance(item, dict) else {"_error": "not an object"})


def _round(geom: BaseGeometry, ndigits: int = 5) -> dict[str, Any]:
    return (
        mapping(shapely.set_precision(geom, 10**-ndigits))
        if not isinstance(geom, Point)
        else {
            "type": "Point",
            "coordinates": [round(geom.x, ndigits), round(geom.y, ndigits)],
        }
    )


def feature_line(properties: dict[str, Any], geometry: BaseGeometry) -> str:
    return json.dumps(
        {"type": "Feature", "properties": properties, "geometry": _round(geometry)},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def write_feature_collection(path: Path, features: Iterable[tuple[dict[str, Any], BaseGeometry]]) -> None:
    """Write one feature per line, so diffs of the shipped data stay readable."""
    lines = [feature_line(p, g) for p, g in features]
    body = ",\n".join(lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + body + "\n]}\n", encoding="utf-8")


def write_records(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """Write a JSON list with one record per line."""
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")


# -- imports -----------------------------------------------------------------------------------


class _Scanner:
    """JSON text read one value at a time: the members of the top object and the items of an
    array each decoded alone (`raw_decode`), so that a reader can count and time them."""

    def __init__(self, ctx: ReadContext, text: str) -> None:
        self.ctx, self.text, self.pos = ctx, text, 0
        self.decoder = json.JSONDecoder()

    def error(self, msg: str) -> ImportFileError:
        line = self.text.count("\n", 0, self.pos) + 1
        return ImportFileError(f"{self.ctx.shown}: not valid JSON (line {line}: {msg})")

    def peek(self) -> str:
        # SPACE matches the empty string too: its match is never None.
        self.pos = SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
        return self.text[self.pos : self.pos + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise self.error(f"Expecting {char!r}")
        self.pos += 1

    def value(self) -> Any:
        self.peek()
        try:
            value, self.pos = self.decoder.raw_decode(self.text, self.pos)
        except json.JSONDecodeError as exc:
            raise ImportFileError(
                f"{self.ctx.shown}: not valid JSON (line {exc.lineno}: {exc.msg})"
            ) from None
        except RecursionError:
            raise self.error("nested too deeply") from None
        except ValueError as exc:  # e.g. an integer of more than 4300 digits
            raise self.error(str(exc)[:80]) from None
        return value

    def items(self) -> Iterator[Any]:
        """The items of the array at the current position, each counted as a record read."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        n = 0
        while True:
            n += 1
            self.ctx.read(n)
            yield self.value()
            if self.peek() == "]":
                self.pos += 1
                return
            self.expect(",")

    def members(self) -> dict[str, Any]:
        """The members of the object at the current position, its `features` read by `items`."""
        self.expect("{")
        out: dict[str, Any] = {}
        if self.peek() == "}":
            self.pos += 1
            return out
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise self.error("Expecting property name enclosed in double quotes")
            self.expect(":")
            is_list = key == "features" and self.peek() == "["
            out[key] = list(self.items()) if is_list else self.value()
            if self.peek() == "}":
                self.pos += 1
                return out
            self.expect(",")

    def end(self) -> None:
        if self.peek():
            raise self.error("Extra data")


def read_geojson(ctx: ReadContext, data: bytes) -> ImportResult:
    """A user's GeoJSON file (or JSON list of records), normalised and validated."""
    scan = _Scanner(ctx, decode(data, ctx.shown, ctx.encoding))
    first = scan.peek()
    if first == "[":  # a JSON list of records, like the shipped events.json
        rows = [
            Row(i, dict(item))
            if isinstance(item, dict)
            else Row(i, {"_error": "the record is not a JSON object"})
            for i, item in enumerate(scan.items(), 1)
        ]
        scan.end()
        return normalise(ctx, rows, "json", tabular=False)
    doc = scan.members() if first == "{" else scan.value()
    scan.end()
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise ImportFileError(f"{ctx.shown}: expected a GeoJSON FeatureCollection")
    feats = doc.get("features")
    if not isinstance(feats, list):
        raise ImportFileError(f"{ctx.shown}: `features` is not a list")
    transform = _crs_transform(ctx, doc.get("crs"))
    rows = [_row(i, feature, transform) for i, feature in enumerate(feats, 1)]
    return normalise(ctx, rows, "geojson", tabular=False)


def _row(index: int, feature: Any, transform: repair.Reprojection | None) -> Row:
    if not isinstance(feature, dict):
        return Row(index, {"_error": "the feature is not a JSON object"})
    props = feature.get("properties")
    props = dict(props) if isinstance(props, dict) else {}
    if "id" not in props and isinstance(feature.get("id"), str | int):
        props["id"] = str(feature["id"])
    row = Row(index, props)
    geom = feature.get("geometry")
    if geom is not None:
        row.geometry, row.geometry_error = repair.from_geojson(geom)
        if row.geometry is not None and transform is not None:
            row.geometry, row.geometry_error = transform(row.geometry)
    return row


def _crs_transform(ctx: ReadContext, crs: Any) -> repair.Reprojection | None:
    """Old GeoJSON (2008) may name a CRS; RFC 7946 is always longitude/latitude."""
    if crs is None:
        return None
    props = crs.get("properties") if isinstance(crs, dict) else None
    name = props.get("name", "") if isinstance(props, dict) else ""
    if not isinstance(name, str):
        raise ImportFileError(
            f"{ctx.shown}: the `crs` member names no coordinate reference "
            "system (its properties.name is not text)"
        )
    if not name or re.search(r"(CRS84|EPSG:+4326)$", name):
        return None
    transform = repair.Reprojection.of(name, ctx.shown)
    if transform is not None:
        ctx.notes.append(f"reprojected from {name[:80]} to EPSG:4326")
    return transform


# -- exports -----------------------------------------------------------------------------------


def rfc7946(geom: BaseGeometry) -> BaseGeometry:
    """Exterior rings counter-clockwise, holes clockwise (RFC 7946 section 3.1.6)."""
    if isinstance(geom, Polygon | MultiPolygon | GeometryCollection):
        return shapely.orient_polygons(geom, exterior_cw=False)
    return geom


def to_geojson(
    records: Sequence[BaseModel], dataset: Dataset | None = None, attrs: Attrs | None = None
) -> str:
    feats = [
        {
            "type": "Feature",
            "id": props.get("id"),
            "properties": props,
            "geometry": mapping(rfc7946(geom)) if geom is not None else None,
        }
        for props, geom in features(records, dataset, attrs)
    ]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in feats]
    return HEAD + ",\n".join(lines) + "\n]}\n"


def write_geojson(job: ExportJob, path: Path) -> int:
    """The `geojson` exporter."""
    records = job.records()
    path.write_text(to_geojson(records, job.dataset, job.attrs), encoding="utf-8")
    return len(records)
