"""Reading and writing the shipped data files (see docs/data-formats.md).

The curated files are small GeoJSON/JSON with nested properties (lists of names, links), which
GDAL would flatten to strings, so they are read with `json` and shapely here; user imports of
GeoPackage, Shapefile or KML go through pyogrio in `imports.py`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from ..errors import DataFileError


@dataclass(frozen=True)
class RawRecord:
    """One record as read from a file, before validation: enough to name it in an error."""

    file: str
    index: int
    data: dict[str, Any]

    @property
    def record_id(self) -> str:
        rid = self.data.get("id")
        return str(rid) if rid is not None else f"#{self.index}"


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
    path.write_text(
        '{"type":"FeatureCollection","features":[\n' + body + "\n]}\n", encoding="utf-8"
    )


def write_records(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """Write a JSON list with one record per line."""
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
