"""GeoJSON (and JSON lists of records), in and out.

- The shipped data (docs/data-formats.md): small GeoJSON and JSON files with one record per
  line, so that diffs stay readable. Nested properties (lists of names, links) would be
  flattened to strings by GDAL, so they are read with `json` and shapely, leniently: a bad
  feature becomes a record that validation reports, not an exception (`read_features`,
  `read_records`; `write_feature_collection`, `write_records`).
- Imports (`read_geojson`): a FeatureCollection, one Feature, or a JSON list of records (like
  the shipped events.json); an old (2008) `crs` member is honoured by reprojecting to EPSG:4326.
- Exports (`to_geojson`): RFC 7946, WGS 84 longitude/latitude with no `crs`, exterior rings
  counter-clockwise (the same polygon, its rings possibly reversed), one feature per line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely
from pydantic import BaseModel
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from ..errors import DataFileError, ImportFileError
from .features import Attrs, ExportJob, features
from .records import ImportResult, RawRecord, ReadContext, Row, normalise
from .text import decode

if TYPE_CHECKING:
    from ..dataset import Dataset

HEAD = '{"type":"FeatureCollection","features":[\n'


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
        props = dict(feature.get("properties") or {})
        geom = feature.get("geometry")
        try:
            props["geometry"] = shape(geom) if geom else None
        except Exception as exc:  # shapely raises several types for bad GeoJSON
            props["geometry"] = geom
            props["_geometry_error"] = str(exc) or type(exc).__name__
        yield RawRecord(str(path), i, props)


def read_records(path: Path) -> Iterator[RawRecord]:
    """Yield the records of a JSON file holding a list of objects."""
    doc = _load_json(path)
    if not isinstance(doc, list):
        raise DataFileError(f"{path}: expected a JSON list of records")
    for i, item in enumerate(doc):
        yield RawRecord(str(path), i, item if isinstance(item, dict) else {"_error": "not an object"})


def _round(geom: BaseGeometry, ndigits: int = 5) -> dict[str, Any]:
    return mapping(shapely.set_precision(geom, 10**-ndigits)) if geom.geom_type != "Point" else {
        "type": "Point",
        "coordinates": [round(geom.x, ndigits), round(geom.y, ndigits)],
    }


def feature_line(properties: dict[str, Any], geometry: BaseGeometry) -> str:
    return json.dumps(
        {"type": "Feature", "properties": properties, "geometry": _round(geometry)},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def write_feature_collection(
    path: Path, features: Iterable[tuple[dict[str, Any], BaseGeometry]]
) -> None:
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


def read_geojson(ctx: ReadContext, data: bytes) -> ImportResult:
    """A user's GeoJSON file (or JSON list of records), normalised and validated."""
    text = decode(data, ctx.shown, ctx.encoding)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"{ctx.shown}: not valid JSON (line {exc.lineno}: "
                              f"{exc.msg})") from None
    except RecursionError:
        raise ImportFileError(f"{ctx.shown}: JSON nested too deeply") from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    if isinstance(doc, list):  # a JSON list of records, like the shipped events.json
        rows = [Row(i, dict(item)) if isinstance(item, dict)
                else Row(i, {"_error": "the record is not a JSON object"})
                for i, item in enumerate(doc, 1)]
        return normalise(ctx, rows, "json", tabular=False)
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise ImportFileError(f"{ctx.shown}: expected a GeoJSON FeatureCollection")
    feats = doc.get("features")
    if not isinstance(feats, list):
        raise ImportFileError(f"{ctx.shown}: `features` is not a list")
    transform = _crs_transform(ctx, doc.get("crs"))
    rows = [_row(i, feature, transform) for i, feature in enumerate(feats, 1)]
    return normalise(ctx, rows, "geojson", tabular=False)


def _row(index: int, feature: Any, transform: Callable[[BaseGeometry], BaseGeometry] | None
         ) -> Row:
    if not isinstance(feature, dict):
        return Row(index, {"_error": "the feature is not a JSON object"})
    props = feature.get("properties")
    props = dict(props) if isinstance(props, dict) else {}
    if "id" not in props and isinstance(feature.get("id"), str | int):
        props["id"] = str(feature["id"])
    row = Row(index, props)
    geom = feature.get("geometry")
    if geom is not None:
        try:
            g = shape(geom)
            row.geometry = transform(g) if transform else g
        except Exception as exc:  # shapely raises several types for bad GeoJSON
            row.geometry_error = f"not a GeoJSON geometry ({str(exc) or type(exc).__name__})"
    return row


def _crs_transform(ctx: ReadContext, crs: Any) -> Callable[[BaseGeometry], BaseGeometry] | None:
    """Old GeoJSON (2008) may name a CRS; RFC 7946 is always longitude/latitude."""
    if crs is None:
        return None
    name = str(((crs or {}).get("properties") or {}).get("name", "")) if isinstance(crs, dict) else ""
    if not name or re.search(r"(CRS84|EPSG:+4326)$", name):
        return None
    import numpy as np
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    try:
        source = CRS.from_user_input(name)
    except CRSError:
        raise ImportFileError(f"{ctx.shown}: unknown coordinate reference system "
                              f"{name!r}") from None
    tr = Transformer.from_crs(source, "EPSG:4326", always_xy=True)
    ctx.notes.append(f"reprojected from {name} to EPSG:4326")
    return lambda g: shapely.transform(
        g, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))


# -- exports -----------------------------------------------------------------------------------


def rfc7946(geom: BaseGeometry) -> BaseGeometry:
    """Exterior rings counter-clockwise, holes clockwise (RFC 7946 section 3.1.6)."""
    if geom.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        return shapely.orient_polygons(geom, exterior_cw=False)
    return geom


def to_geojson(records: Sequence[BaseModel], dataset: Dataset | None = None,
               attrs: Attrs | None = None) -> str:
    feats = [{"type": "Feature", "id": props.get("id"), "properties": props,
              "geometry": mapping(rfc7946(geom)) if geom is not None else None}
             for props, geom in features(records, dataset, attrs)]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in feats]
    return HEAD + ",\n".join(lines) + "\n]}\n"


def write_geojson(job: ExportJob, path: Path) -> int:
    """The `geojson` exporter."""
    records = job.records()
    path.write_text(to_geojson(records, job.dataset, job.attrs), encoding="utf-8")
    return len(records)
